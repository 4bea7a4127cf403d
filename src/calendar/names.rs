//! Month and weekday names of the Jalali (Solar Hijri) calendar, in Persian and in the Latin
//! transliteration used by Iranian official English texts.
//!
//! The Persian spellings are CLDR's (`fa` locale, `persian` calendar, format wide), which are
//! also the ones on Iranian government calendars.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The twelve Jalali month names in Persian, Farvardin (1) first.
pub const MONTH_NAMES_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// The twelve Jalali month names transliterated, Farvardin (1) first.
pub const MONTH_NAMES_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// The Persian name of Jalali month `month` (1–12), or `None` for any other number.
///
/// ```
/// assert_eq!(samad::calendar::month_name_fa(12), Some("اسفند"));
/// assert_eq!(samad::calendar::month_name_fa(13), None);
/// ```
pub fn month_name_fa(month: u8) -> Option<&'static str> {
    MONTH_NAMES_FA
        .get(usize::from(month).checked_sub(1)?)
        .copied()
}

/// The transliterated name of Jalali month `month` (1–12), or `None` for any other number.
pub fn month_name_en(month: u8) -> Option<&'static str> {
    MONTH_NAMES_EN
        .get(usize::from(month).checked_sub(1)?)
        .copied()
}

/// A day of the week, in the Iranian order: the week starts on Saturday (شنبه) and Friday
/// (جمعه) is the weekly holiday.
///
/// Serialized as its English name in kebab case (`"saturday"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weekday {
    /// شنبه, the first day of the Iranian week.
    Saturday,
    /// یکشنبه
    Sunday,
    /// دوشنبه
    Monday,
    /// سه‌شنبه
    Tuesday,
    /// چهارشنبه
    Wednesday,
    /// پنجشنبه
    Thursday,
    /// جمعه, the weekly holiday.
    Friday,
}

impl Weekday {
    /// Every weekday, Saturday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Saturday,
        Weekday::Sunday,
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ];

    /// The Persian name. Tuesday keeps its zero-width non-joiner (سه‌شنبه), as CLDR spells it.
    pub fn name_fa(self) -> &'static str {
        match self {
            Weekday::Saturday => "شنبه",
            Weekday::Sunday => "یکشنبه",
            Weekday::Monday => "دوشنبه",
            Weekday::Tuesday => "سه\u{200C}شنبه",
            Weekday::Wednesday => "چهارشنبه",
            Weekday::Thursday => "پنجشنبه",
            Weekday::Friday => "جمعه",
        }
    }

    /// The English name, capitalized (`"Saturday"`).
    pub fn name_en(self) -> &'static str {
        match self {
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
        }
    }

    /// The day's place in the Iranian week: 1 for Saturday to 7 for Friday.
    pub fn number_from_saturday(self) -> u8 {
        match self {
            Weekday::Saturday => 1,
            Weekday::Sunday => 2,
            Weekday::Monday => 3,
            Weekday::Tuesday => 4,
            Weekday::Wednesday => 5,
            Weekday::Thursday => 6,
            Weekday::Friday => 7,
        }
    }
}

impl Weekday {
    /// The same day from icu_calendar's Monday-first enum; kept private so that no icu type
    /// is part of samad's public API.
    pub(super) fn from_icu(day: icu_calendar::types::Weekday) -> Weekday {
        use icu_calendar::types::Weekday as Icu;
        match day {
            Icu::Saturday => Weekday::Saturday,
            Icu::Sunday => Weekday::Sunday,
            Icu::Monday => Weekday::Monday,
            Icu::Tuesday => Weekday::Tuesday,
            Icu::Wednesday => Weekday::Wednesday,
            Icu::Thursday => Weekday::Thursday,
            Icu::Friday => Weekday::Friday,
        }
    }
}

impl fmt::Display for Weekday {
    /// The English name; use [`Weekday::name_fa`] for Persian.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}
