//! Jalali (Solar Hijri) dates on `icu_calendar`'s Persian calendar (BRIEF §3,
//! `spec/calendar.md`).
//!
//! [`JalaliDate`] parses `YYYY/MM/DD` in Persian, Arabic-Indic or ASCII digits, formats with
//! either digit set or with Persian month names, converts to and from the Gregorian calendar,
//! adds days, months and years (clamping the day to the end of a shorter month) and finds
//! month, year and fiscal-year ends. Supported years are [`MIN_YEAR`]–[`MAX_YEAR`].
//!
//! ```
//! use samad::calendar::{JalaliDate, Weekday, parse_date};
//!
//! let end = parse_date("2025-03-20")?;
//! assert_eq!(end.to_string(), "1403/12/30");
//! assert_eq!(end.weekday(), Weekday::Thursday);
//! assert_eq!(end.weekday().name_fa(), "پنجشنبه");
//! assert_eq!(parse_date("۱۴۰۴/۱۲/۲۹")?, end.add_years(1)?);
//! let fiscal_end = JalaliDate::new(1404, 5, 10)?.end_of_fiscal_year();
//! assert_eq!(fiscal_end.to_gregorian_string(), "2026-03-20");
//! # Ok::<(), samad::CalendarError>(())
//! ```

mod date;
mod error;
mod format;
mod names;
mod parse;

pub use date::JalaliDate;
pub use error::CalendarError;
pub use names::{MONTH_NAMES_EN, MONTH_NAMES_FA, Weekday, month_name_en, month_name_fa};

/// The first supported Jalali year. Earlier years predate the calendar's adoption (1304) by
/// over a century; `spec/calendar.md` §3.
pub const MIN_YEAR: i32 = 1200;
/// The last supported Jalali year (Gregorian 2221/22). Later leap years depend on
/// astronomical predictions that are not yet settled; `spec/calendar.md` §3.
pub const MAX_YEAR: i32 = 1600;
/// The Gregorian date of 1200/01/01, the first supported day.
pub const FIRST_GREGORIAN: &str = "1821-03-21";
/// The Gregorian date of the last day of 1600, the last supported day.
pub const LAST_GREGORIAN: &str = "2222-03-20";

/// Parses a date typed in either calendar: `YYYY/MM/DD` is Jalali ([`JalaliDate::parse`]),
/// `YYYY-MM-DD` Gregorian ([`JalaliDate::parse_gregorian`]). The form is chosen by the first
/// character after the leading digits. This is what CSV columns and `samad date` accept.
///
/// ```
/// use samad::calendar::parse_date;
///
/// assert_eq!(parse_date("1403/01/01")?, parse_date("2024-03-20")?);
/// # Ok::<(), samad::CalendarError>(())
/// ```
pub fn parse_date(input: &str) -> Result<JalaliDate, CalendarError> {
    if parse::looks_gregorian(input) {
        JalaliDate::parse_gregorian(input)
    } else {
        JalaliDate::parse(input)
    }
}

#[cfg(test)]
mod tests;
