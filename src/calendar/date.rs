//! [`JalaliDate`]: a day of the Jalali calendar in the supported years, held as an
//! `icu_calendar` Persian date.

use std::hash::{Hash, Hasher};

use icu_calendar::cal::Persian;
use icu_calendar::options::{DateAddOptions, Overflow};
use icu_calendar::types::{DateDuration, RataDie};
use icu_calendar::{Date, Iso};

use super::names::{self, Weekday};
use super::parse::{self, Form};
use super::{CalendarError, MAX_YEAR, MIN_YEAR};

/// The Gregorian years that hold a supported Jalali date (each only in part); a cheap
/// first check before icu is asked, so that icu never sees a year it cannot represent.
const GREGORIAN_YEARS: std::ops::RangeInclusive<i32> = (MIN_YEAR + 621)..=(MAX_YEAR + 622);

/// More whole years than the supported range holds: any larger step leaves it.
const MAX_YEAR_STEP: i64 = (MAX_YEAR - MIN_YEAR + 1) as i64;
/// More months than the supported range holds.
const MAX_MONTH_STEP: i64 = MAX_YEAR_STEP * 12;
/// More days than the supported range holds.
const MAX_DAY_STEP: i64 = MAX_YEAR_STEP * 366;

/// A day of the Jalali (Solar Hijri, هجری شمسی) calendar, Iran's official calendar, in the
/// years [`MIN_YEAR`]–[`MAX_YEAR`] (`spec/calendar.md` §3 says why).
///
/// The calendar arithmetic is `icu_calendar`'s Persian calendar: the 33-year rule with a
/// correction table, checked against the astronomical rule (the year starts on the day
/// whose noon at 52.5° E follows the March equinox).
///
/// Dates order chronologically. `Display`, `FromStr` and serde use the form `1403/12/30`
/// (ASCII digits, zero-padded month and day).
///
/// ```
/// use samad::JalaliDate;
///
/// let date = JalaliDate::parse("۱۴۰۳/۱۲/۳۰")?;
/// assert_eq!(date.to_gregorian_string(), "2025-03-20");
/// assert_eq!(date.format_long_fa(), "۳۰ اسفند ۱۴۰۳");
/// assert_eq!(date.add_years(1)?.to_string(), "1404/12/29");
/// # Ok::<(), samad::CalendarError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct JalaliDate(Date<Persian>);

impl JalaliDate {
    /// The Jalali date `year/month/day`; fails if the year is outside
    /// [`MIN_YEAR`]–[`MAX_YEAR`], the month outside 1–12 or the day not in that month.
    pub fn new(year: i32, month: u8, day: u8) -> Result<JalaliDate, CalendarError> {
        let days_in_month = JalaliDate::days_in_month(year, month).ok_or_else(|| {
            if (MIN_YEAR..=MAX_YEAR).contains(&year) {
                out_of_range("month", month.into(), 1, 12)
            } else {
                out_of_range("year", year.into(), MIN_YEAR.into(), MAX_YEAR.into())
            }
        })?;
        if day == 0 {
            return Err(out_of_range("day", 0, 1, days_in_month.into()));
        }
        if day > days_in_month {
            return Err(CalendarError::NoSuchDay {
                year,
                month,
                day,
                days_in_month,
            });
        }
        // The checks above are icu's own; this cannot fail, but it is not unwrapped.
        Date::try_new_persian(year, month, day)
            .map(JalaliDate)
            .map_err(|_| CalendarError::NoSuchDay {
                year,
                month,
                day,
                days_in_month,
            })
    }

    /// Parses `YYYY/MM/DD`: a 4-digit year, a 1- or 2-digit month and day, separated by `/`,
    /// in Persian, Arabic-Indic or ASCII digits (mixed freely), surrounding white space
    /// ignored. Anything else, trailing data included, is a [`CalendarError::Syntax`] at its
    /// position.
    ///
    /// ```
    /// use samad::JalaliDate;
    ///
    /// assert_eq!(JalaliDate::parse(" ۱۴۰۴/۱/۱ ")?, JalaliDate::new(1404, 1, 1)?);
    /// assert_eq!(JalaliDate::parse("1404/01/01x").unwrap_err().code(), "syntax");
    /// assert_eq!(JalaliDate::parse("1404/12/30").unwrap_err().code(), "no-such-day");
    /// # Ok::<(), samad::CalendarError>(())
    /// ```
    pub fn parse(input: &str) -> Result<JalaliDate, CalendarError> {
        let n = parse::scan(input, Form::Jalali)?;
        JalaliDate::new(n.year.into(), n.month, n.day)
    }

    /// The Jalali date of the Gregorian (proleptic, ISO 8601) date `year-month-day`.
    pub fn from_gregorian(year: i32, month: u8, day: u8) -> Result<JalaliDate, CalendarError> {
        let outside = CalendarError::GregorianOutOfRange { year, month, day };
        if !GREGORIAN_YEARS.contains(&year) {
            return Err(outside);
        }
        if !(1..=12).contains(&month) {
            return Err(out_of_range("Gregorian month", month.into(), 1, 12));
        }
        let days_in_month = Date::try_new_iso(year, month, 1)
            .map(|first| first.days_in_month())
            .map_err(|_| outside.clone())?;
        if day == 0 {
            return Err(out_of_range("Gregorian day", 0, 1, days_in_month.into()));
        }
        if day > days_in_month {
            return Err(CalendarError::NoSuchGregorianDay {
                year,
                month,
                day,
                days_in_month,
            });
        }
        let iso = Date::try_new_iso(year, month, day).map_err(|_| outside.clone())?;
        JalaliDate::within_range(iso.to_calendar(Persian)).ok_or(outside)
    }

    /// Parses a Gregorian date in the ISO 8601 form `YYYY-MM-DD` (1- or 2-digit month and
    /// day accepted, any digit script) and converts it.
    ///
    /// ```
    /// let date = samad::JalaliDate::parse_gregorian("2025-03-21")?;
    /// assert_eq!(date.to_string(), "1404/01/01");
    /// # Ok::<(), samad::CalendarError>(())
    /// ```
    pub fn parse_gregorian(input: &str) -> Result<JalaliDate, CalendarError> {
        let n = parse::scan(input, Form::Gregorian)?;
        JalaliDate::from_gregorian(n.year.into(), n.month, n.day)
    }

    /// The Jalali year, e.g. 1403.
    pub fn year(&self) -> i32 {
        self.0.year().extended_year()
    }

    /// The month, 1 (Farvardin) to 12 (Esfand).
    pub fn month(&self) -> u8 {
        self.0.month().ordinal
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.0.day_of_month().0
    }

    /// The Persian name of the month (فروردین … اسفند).
    pub fn month_name_fa(&self) -> &'static str {
        names::month_name_fa(self.month()).unwrap_or_default()
    }

    /// The transliterated name of the month (Farvardin … Esfand).
    pub fn month_name_en(&self) -> &'static str {
        names::month_name_en(self.month()).unwrap_or_default()
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        Weekday::from_icu(self.0.weekday())
    }

    /// The day of the year, 1 (1 Farvardin) to 365 or 366.
    pub fn day_of_year(&self) -> u16 {
        self.0.day_of_year().0
    }

    /// The same day in the proleptic Gregorian (ISO 8601) calendar: (year, month, day).
    pub fn to_gregorian(&self) -> (i32, u8, u8) {
        let iso = self.0.to_calendar(Iso);
        (
            iso.year().extended_year(),
            iso.month().ordinal,
            iso.day_of_month().0,
        )
    }

    /// The Gregorian date in ISO 8601 form, `2025-03-20`.
    pub fn to_gregorian_string(&self) -> String {
        let (year, month, day) = self.to_gregorian();
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// The date `days` days later (earlier when negative).
    pub fn add_days(&self, days: i64) -> Result<JalaliDate, CalendarError> {
        let overflow = self.overflow(days, "days");
        if days.unsigned_abs() > MAX_DAY_STEP.unsigned_abs() {
            return Err(overflow);
        }
        // |days| is bounded above, far inside i64 and icu's own range.
        let target = self.0.to_rata_die() + days;
        JalaliDate::within_range(Date::from_rata_die(target, Persian)).ok_or(overflow)
    }

    /// The date `months` months later (earlier when negative). The day is kept, or clamped
    /// to the last day of the target month when that month is shorter:
    /// 1403/06/31 + 1 month = 1403/07/30.
    pub fn add_months(&self, months: i32) -> Result<JalaliDate, CalendarError> {
        self.add(
            i64::from(months),
            MAX_MONTH_STEP,
            "months",
            DateDuration::for_months(months),
        )
    }

    /// The date `years` years later (earlier when negative), the day clamped as in
    /// [`JalaliDate::add_months`]: 1403/12/30 + 1 year = 1404/12/29 (1404 is a common year).
    pub fn add_years(&self, years: i32) -> Result<JalaliDate, CalendarError> {
        self.add(
            i64::from(years),
            MAX_YEAR_STEP,
            "years",
            DateDuration::for_years(years),
        )
    }

    /// Month and year steps go through icu's Temporal-style addition: add to the year and
    /// month, then constrain the day to the target month (`Overflow::Constrain`).
    fn add(
        &self,
        amount: i64,
        max_step: i64,
        unit: &'static str,
        duration: DateDuration,
    ) -> Result<JalaliDate, CalendarError> {
        let overflow = self.overflow(amount, unit);
        if amount.unsigned_abs() > max_step.unsigned_abs() {
            return Err(overflow);
        }
        let mut options = DateAddOptions::default();
        options.overflow = Some(Overflow::Constrain);
        self.0
            .try_added_with_options(duration, options)
            .ok()
            .and_then(JalaliDate::within_range)
            .ok_or(overflow)
    }

    /// The last day of this date's month.
    pub fn end_of_month(&self) -> JalaliDate {
        self.with_day(self.0.days_in_month())
    }

    /// The last day of this date's year: 29 Esfand, or 30 Esfand in a leap year.
    pub fn end_of_year(&self) -> JalaliDate {
        let offset = i64::from(self.0.days_in_year()) - i64::from(self.day_of_year());
        JalaliDate(Date::from_rata_die(self.0.to_rata_die() + offset, Persian))
    }

    /// The last day of this date's fiscal year. Iran's fiscal year (سال مالی) is the Jalali
    /// year, 1 Farvardin to the end of Esfand (Public Accounting Act of 1366, art. 3), so this
    /// is [`JalaliDate::end_of_year`]; in the Gregorian calendar it falls on 19 or 20 March.
    pub fn end_of_fiscal_year(&self) -> JalaliDate {
        self.end_of_year()
    }

    /// The number of days from `self` to `other`: positive when `other` is later.
    pub fn days_until(&self, other: &JalaliDate) -> i64 {
        other.0.to_rata_die() - self.0.to_rata_die()
    }

    /// True when Jalali `year` has 366 days (Esfand has 30). False for years outside the
    /// supported range, for which samad makes no claim.
    pub fn is_leap_year(year: i32) -> bool {
        JalaliDate::days_in_month(year, 12) == Some(30)
    }

    /// The number of days of Jalali month `month` in `year`: 31 for months 1–6, 30 for 7–11,
    /// 29 or 30 for Esfand. `None` for a month outside 1–12 or a year outside the supported
    /// range.
    pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        Date::try_new_persian(year, month, 1)
            .ok()
            .map(|first| first.days_in_month())
    }

    /// The number of days since an arbitrary fixed day (icu's Rata Die: 0001-01-01 ISO is
    /// day 1); for tests and for indexing days.
    pub fn day_number(&self) -> i64 {
        self.0.to_rata_die().to_i64_date()
    }

    /// The first supported day, 1200/01/01.
    pub fn first_supported() -> JalaliDate {
        JalaliDate::from_year_start(MIN_YEAR)
    }

    /// The last supported day, the last day of Esfand of [`MAX_YEAR`].
    pub fn last_supported() -> JalaliDate {
        JalaliDate::from_year_start(MAX_YEAR).end_of_year()
    }

    /// 1 Farvardin of a year known to be supported.
    fn from_year_start(year: i32) -> JalaliDate {
        // The day before the next year's first day, found through Rata Die so that nothing
        // here can fail: icu's Persian calendar counts days continuously.
        let first = Date::try_new_persian(year, 1, 1)
            .map(|d| d.to_rata_die())
            .unwrap_or(RataDie::new(0));
        JalaliDate(Date::from_rata_die(first, Persian))
    }

    /// The same month and year with day `day`, which must exist in the month.
    fn with_day(&self, day: u8) -> JalaliDate {
        let offset = i64::from(day) - i64::from(self.day());
        JalaliDate(Date::from_rata_die(self.0.to_rata_die() + offset, Persian))
    }

    fn within_range(date: Date<Persian>) -> Option<JalaliDate> {
        (MIN_YEAR..=MAX_YEAR)
            .contains(&date.year().extended_year())
            .then_some(JalaliDate(date))
    }

    fn overflow(&self, amount: i64, unit: &'static str) -> CalendarError {
        CalendarError::Overflow {
            start: *self,
            amount,
            unit,
        }
    }
}

fn out_of_range(field: &'static str, value: i64, min: i64, max: i64) -> CalendarError {
    CalendarError::OutOfRange {
        field,
        value,
        min,
        max,
    }
}

impl Hash for JalaliDate {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Equal dates have equal day numbers (icu's Date has no Hash of its own).
        self.day_number().hash(state);
    }
}
