//! [`CalendarError`]: everything that can be wrong with a date given to samad.

use super::{FIRST_GREGORIAN, JalaliDate, LAST_GREGORIAN, MAX_YEAR, MIN_YEAR};

/// Why a date was rejected or a date computation failed.
///
/// Positions are 1-based character positions in the input as given (leading white space
/// counted, digits counted one each whatever their script).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// Nothing but white space was given.
    #[error("date: the input is empty; expected a date such as 1403/12/30")]
    Empty,
    /// The input does not have the shape `YYYY/MM/DD` (or `YYYY-MM-DD` for Gregorian dates).
    #[error("date {input:?}: at position {position}: {message}")]
    Syntax {
        /// The input, cut to its first 40 characters.
        input: String,
        /// 1-based character position of the first thing that is wrong.
        position: usize,
        /// What was found and what was expected there.
        message: String,
    },
    /// A field is outside the values it can take: a Jalali year outside the supported range,
    /// a month that is not 1–12, a day 0.
    #[error("date: {field} {value} is out of range; expected {min} to {max}")]
    OutOfRange {
        /// The field: `year`, `month`, `day`, `Gregorian month` or `Gregorian day`.
        field: &'static str,
        /// The value given.
        value: i64,
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// The Jalali month has fewer days than the day given (Esfand 30 in a common year).
    #[error(
        "date: {year:04}/{month:02}/{day:02} does not exist: month {month} of {year} has \
         {days_in_month} days"
    )]
    NoSuchDay {
        /// The Jalali year.
        year: i32,
        /// The Jalali month, 1–12.
        month: u8,
        /// The day given.
        day: u8,
        /// The number of days that month has in that year.
        days_in_month: u8,
    },
    /// The Gregorian month has fewer days than the day given (February 29 in a common year).
    #[error(
        "date: Gregorian {year:04}-{month:02}-{day:02} does not exist: that month has \
         {days_in_month} days"
    )]
    NoSuchGregorianDay {
        /// The Gregorian year.
        year: i32,
        /// The Gregorian month, 1–12.
        month: u8,
        /// The day given.
        day: u8,
        /// The number of days that month has in that year.
        days_in_month: u8,
    },
    /// A valid Gregorian date whose Jalali equivalent is outside the supported years.
    #[error(
        "date: Gregorian {year:04}-{month:02}-{day:02} is outside the supported range \
         {FIRST_GREGORIAN} to {LAST_GREGORIAN} (Jalali years {MIN_YEAR} to {MAX_YEAR})"
    )]
    GregorianOutOfRange {
        /// The Gregorian year.
        year: i32,
        /// The Gregorian month.
        month: u8,
        /// The Gregorian day.
        day: u8,
    },
    /// Date arithmetic would leave the supported years.
    #[error(
        "date: {start} {amount:+} {unit} leaves the supported range of Jalali years \
         {MIN_YEAR} to {MAX_YEAR}"
    )]
    Overflow {
        /// The date the computation started from.
        start: JalaliDate,
        /// The amount added (negative when going back).
        amount: i64,
        /// What was added: `days`, `months` or `years`.
        unit: &'static str,
    },
}

impl CalendarError {
    /// A stable, machine-readable code for the error (the CLI's JSON prints it).
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::Empty => "empty",
            CalendarError::Syntax { .. } => "syntax",
            CalendarError::OutOfRange { .. } => "out-of-range",
            CalendarError::NoSuchDay { .. } => "no-such-day",
            CalendarError::NoSuchGregorianDay { .. } => "no-such-gregorian-day",
            CalendarError::GregorianOutOfRange { .. } => "gregorian-out-of-range",
            CalendarError::Overflow { .. } => "overflow",
        }
    }
}
