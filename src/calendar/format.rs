//! Text forms of a [`JalaliDate`]: the canonical `1403/12/30` (Display, FromStr, serde), the
//! same with Persian digits, and the long Persian form `۳۰ اسفند ۱۴۰۳`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::to_persian_digits;

use super::{CalendarError, JalaliDate};

impl JalaliDate {
    /// The canonical form with Persian digits (U+06F0–06F9): `۱۴۰۳/۱۲/۳۰`.
    pub fn format_persian_digits(&self) -> String {
        to_persian_digits(&self.to_string())
    }

    /// The long Persian form: day, month name, year, in Persian digits and without zero
    /// padding: `۳۰ اسفند ۱۴۰۳`, `۱ فروردین ۱۴۰۴`.
    pub fn format_long_fa(&self) -> String {
        to_persian_digits(&format!(
            "{} {} {}",
            self.day(),
            self.month_name_fa(),
            self.year()
        ))
    }
}

impl fmt::Display for JalaliDate {
    /// `YYYY/MM/DD` in ASCII digits, month and day zero-padded: `1403/01/05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}/{:02}/{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl fmt::Debug for JalaliDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JalaliDate({self})")
    }
}

impl FromStr for JalaliDate {
    type Err = CalendarError;
    /// [`JalaliDate::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JalaliDate::parse(s)
    }
}

impl Serialize for JalaliDate {
    /// The canonical string `"1403/12/30"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for JalaliDate {
    /// A string read by [`JalaliDate::parse`] (so Persian digits are accepted too).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(d)?;
        JalaliDate::parse(&s).map_err(serde::de::Error::custom)
    }
}
