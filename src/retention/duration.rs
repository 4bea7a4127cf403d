//! ISO 8601 durations for offsets and retention periods: `P2Y`, `P6M`, `P1Y6M`, `P2W`,
//! `P30D`, `P0D` (`spec/retention.md` §3).
//!
//! Only the date part of ISO 8601 §4.4.3.2 is accepted: a retention period is counted in
//! calendar days, never in hours. Years and months are added together as one month count
//! and the day is clamped to the end of a shorter month; days (and weeks, as 7 days) are
//! added after that.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RetentionError;
use crate::calendar::{CalendarError, JalaliDate};
use crate::text::to_ascii_digits;

/// The largest number samad accepts in one duration component; more than the supported
/// calendar range (400 years) in any unit but days, which the calendar bounds itself.
const MAX_COMPONENT: u32 = 999_999;

/// A period of calendar time: years, months and days (weeks are read as 7 days).
///
/// ```
/// use samad::JalaliDate;
/// use samad::retention::IsoDuration;
///
/// let one_year: IsoDuration = "P1Y".parse()?;
/// let start = JalaliDate::parse("1403/12/30")?;
/// assert_eq!(one_year.after(&start)?.to_string(), "1404/12/29"); // 1404 is not leap
/// assert_eq!("P1Y6M".parse::<IsoDuration>()?.to_string(), "P1Y6M");
/// # Ok::<(), samad::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IsoDuration {
    years: u32,
    months: u32,
    days: u32,
}

impl IsoDuration {
    /// The empty duration, `P0D`.
    pub const ZERO: IsoDuration = IsoDuration {
        years: 0,
        months: 0,
        days: 0,
    };

    /// A duration of `years` years, `months` months and `days` days.
    pub fn new(years: u32, months: u32, days: u32) -> IsoDuration {
        IsoDuration {
            years,
            months,
            days,
        }
    }

    /// The years.
    pub fn years(&self) -> u32 {
        self.years
    }

    /// The months.
    pub fn months(&self) -> u32 {
        self.months
    }

    /// The days (weeks included, as 7 days each).
    pub fn days(&self) -> u32 {
        self.days
    }

    /// True for `P0D`.
    pub fn is_zero(&self) -> bool {
        *self == IsoDuration::ZERO
    }

    /// Parses `PnYnMnWnD` (each part optional, at least one present, in that order), in
    /// ASCII or Persian digits.
    pub fn parse(input: &str) -> Result<IsoDuration, RetentionError> {
        let fail = |message: &str| RetentionError::Duration {
            input: input.chars().take(40).collect(),
            message: message.to_owned(),
        };
        let ascii = to_ascii_digits(input.trim());
        let Some(body) = ascii.strip_prefix('P') else {
            return Err(fail("it must start with P"));
        };
        if body.contains('T') {
            return Err(fail(
                "hours, minutes and seconds (the T part) are not allowed in a retention period",
            ));
        }
        let mut duration = IsoDuration::ZERO;
        let mut seen_unit = false;
        let mut order = 0;
        let mut number: Option<u32> = None;
        for c in body.chars() {
            if let Some(digit) = c.to_digit(10) {
                let next = number.unwrap_or(0).saturating_mul(10).saturating_add(digit);
                if next > MAX_COMPONENT {
                    return Err(fail("a number is too large"));
                }
                number = Some(next);
                continue;
            }
            let Some(value) = number.take() else {
                return Err(fail(&format!("{c:?} has no number before it")));
            };
            let rank = match c {
                'Y' => 1,
                'M' => 2,
                'W' => 3,
                'D' => 4,
                _ => return Err(fail(&format!("unknown unit {c:?}; use Y, M, W or D"))),
            };
            if rank <= order {
                return Err(fail("units must come once each, in the order Y, M, W, D"));
            }
            order = rank;
            seen_unit = true;
            match c {
                'Y' => duration.years = value,
                'M' => duration.months = value,
                'W' => duration.days = duration.days.saturating_add(value.saturating_mul(7)),
                _ => duration.days = duration.days.saturating_add(value),
            }
        }
        if number.is_some() {
            return Err(fail("the last number has no unit"));
        }
        if !seen_unit {
            return Err(fail("it has no parts"));
        }
        Ok(duration)
    }

    /// The date this duration after `start`: `start` + (12·years + months) months, the day
    /// clamped to the target month, then + days.
    pub fn after(&self, start: &JalaliDate) -> Result<JalaliDate, CalendarError> {
        let months = u64::from(self.years) * 12 + u64::from(self.months);
        let months = i32::try_from(months).unwrap_or(i32::MAX);
        let stepped = if months == 0 {
            *start
        } else {
            start.add_months(months)?
        };
        if self.days == 0 {
            Ok(stepped)
        } else {
            stepped.add_days(i64::from(self.days))
        }
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("P0D");
        }
        f.write_str("P")?;
        if self.years > 0 {
            write!(f, "{}Y", self.years)?;
        }
        if self.months > 0 {
            write!(f, "{}M", self.months)?;
        }
        if self.days > 0 {
            write!(f, "{}D", self.days)?;
        }
        Ok(())
    }
}

impl FromStr for IsoDuration {
    type Err = RetentionError;

    fn from_str(s: &str) -> Result<IsoDuration, RetentionError> {
        IsoDuration::parse(s)
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IsoDuration::parse(&text).map_err(serde::de::Error::custom)
    }
}
