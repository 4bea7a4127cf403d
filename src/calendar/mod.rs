//! Jalali dates. Being written (see spec/calendar.md).
/// Calendar error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {}
/// A Jalali date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JalaliDate {}
