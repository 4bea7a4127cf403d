//! samad's diploma number (شماره دانشنامه): the unique identifier every degree gets
//! (BRIEF §1, "signed diplomas"; format in `spec/identifiers.md` §3).
//!
//! 24 digits in five groups: the university's legal-entity ID (11), the Jalali graduation
//! year (4), the degree level (1), a serial (6) and two ISO/IEC 7064 MOD 97-10 check digits
//! ([`check`](mod@super::check)) over the 22 digits before them. The check catches every
//! single-character substitution and every adjacent transposition, which the mod-11 checks
//! of the national code and the legal-entity ID do not.
//!
//! ```
//! use samad::ids::{DegreeLevel, DiplomaNumber};
//! use samad::LegalEntityId;
//!
//! let university: LegalEntityId = "10380284790".parse()?;
//! let number = DiplomaNumber::new(university, 1403, DegreeLevel::Bachelor, 123)?;
//! assert_eq!(number.to_string(), "10380284790-1403-2-000123-87");
//! assert_eq!(number.compact(), "103802847901403200012387");
//!
//! // Typed forms: Persian digits, spaces or dashes at group boundaries, or no separators.
//! let typed: DiplomaNumber = "۱۰۳۸۰۲۸۴۷۹۰ ۱۴۰۳ ۲ ۰۰۰۱۲۳ ۸۷".parse()?;
//! assert_eq!(typed, number);
//! assert!("10380284790-1403-2-000132-87".parse::<DiplomaNumber>().is_err());
//! # Ok::<(), samad::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{IdError, IdKind, LegalEntityId, check, digits};

const KIND: IdKind = IdKind::DiplomaNumber;

/// Group widths, in printed order: university, year, level, serial, check.
const GROUPS: [usize; 5] = [11, 4, 1, 6, 2];
/// Digit counts after which the printed form has a dash.
const BOUNDARIES: [usize; 4] = [11, 15, 16, 22];
/// Digits covered by the check.
const DATA_LEN: usize = 22;

/// One degree level, the fourth group of a diploma number.
///
/// The serde and [`FromStr`] names (`associate`, `bachelor`, `master`, `doctorate`) are the
/// `degree_level` values of the graduates CSV (BRIEF §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DegreeLevel {
    /// کاردانی, digit 1.
    Associate = 1,
    /// کارشناسی, digit 2.
    Bachelor = 2,
    /// کارشناسی ارشد, digit 3.
    Master = 3,
    /// دکتری, digit 4.
    Doctorate = 4,
}

impl DegreeLevel {
    /// Every level, in the order of their digits.
    pub const ALL: [DegreeLevel; 4] = [
        DegreeLevel::Associate,
        DegreeLevel::Bachelor,
        DegreeLevel::Master,
        DegreeLevel::Doctorate,
    ];

    /// The digit that stands for the level in a diploma number (1–4).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The level whose digit is `code`.
    pub fn from_code(code: u8) -> Option<DegreeLevel> {
        DegreeLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The stable English name used in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DegreeLevel::Associate => "associate",
            DegreeLevel::Bachelor => "bachelor",
            DegreeLevel::Master => "master",
            DegreeLevel::Doctorate => "doctorate",
        }
    }

    /// The Persian name printed on the diploma.
    pub fn name_fa(self) -> &'static str {
        match self {
            DegreeLevel::Associate => "کاردانی",
            DegreeLevel::Bachelor => "کارشناسی",
            DegreeLevel::Master => "کارشناسی ارشد",
            DegreeLevel::Doctorate => "دکتری",
        }
    }
}

impl fmt::Display for DegreeLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DegreeLevel {
    type Err = IdError;

    /// Reads an English name, surrounding white space and ASCII case ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        DegreeLevel::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| IdError::Field {
                kind: KIND,
                field: "level",
                message: format!(
                    "{name:?} is not a degree level; use associate, bachelor, master or doctorate"
                ),
            })
    }
}

/// A valid diploma number. It holds its 24 ASCII digits and the decoded fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DiplomaNumber {
    /// The 24 ASCII digits of a valid number; the fields are read from them on demand, so
    /// a number is 24 bytes (a batch holds one per diploma).
    digits: [u8; 24],
}

impl DiplomaNumber {
    /// The number of digits.
    pub const DIGITS: usize = 24;
    /// The earliest Jalali year the format admits.
    pub const MIN_YEAR: u16 = 1300;
    /// The latest Jalali year the format admits.
    pub const MAX_YEAR: u16 = 1999;
    /// The largest serial (six digits); serials start at 1.
    pub const MAX_SERIAL: u32 = 999_999;

    /// Builds the number of the `serial`-th diploma of `level` that `university` issues in
    /// Jalali `year`, adding the check digits. Fails when the year is outside
    /// [`MIN_YEAR`](Self::MIN_YEAR)..=[`MAX_YEAR`](Self::MAX_YEAR) or the serial outside
    /// 1..=[`MAX_SERIAL`](Self::MAX_SERIAL).
    pub fn new(
        university: LegalEntityId,
        year: u16,
        level: DegreeLevel,
        serial: u32,
    ) -> Result<DiplomaNumber, IdError> {
        check_year(year)?;
        check_serial(serial)?;
        let mut values = [0u8; 24];
        for (v, b) in values.iter_mut().zip(university.as_str().bytes()) {
            *v = b - b'0';
        }
        write_decimal(&mut values[11..15], u32::from(year));
        values[15] = level.code();
        write_decimal(&mut values[16..22], serial);
        let check = mod97_10(&values[..DATA_LEN]);
        values[22..].copy_from_slice(&check);
        Ok(DiplomaNumber {
            digits: digits::to_ascii(&values),
        })
    }

    /// Parses a typed diploma number: 24 digits (Persian, Arabic-Indic or ASCII), surrounding
    /// white space ignored, with one separator (dash or space) allowed at each group boundary
    /// of the printed form and nowhere else.
    ///
    /// The check digits are tested first (a mismatch means a typing error), then the fields:
    /// a number that passes the check but names an invalid university, year, level or serial
    /// was never issued by samad.
    pub fn parse(input: &str) -> Result<DiplomaNumber, IdError> {
        let digits = digits::scan(KIND, input, &BOUNDARIES)?;
        if digits.len() != Self::DIGITS {
            return Err(IdError::WrongLength {
                kind: KIND,
                expected: "24",
                found: digits.len(),
            });
        }
        let values = digits.values();
        let expected = mod97_10(&values[..DATA_LEN]);
        if values[DATA_LEN..] != expected {
            return Err(IdError::CheckMismatch {
                kind: KIND,
                found: pair(&values[DATA_LEN..]),
                expected: pair(&expected),
            });
        }
        let ascii: [u8; 24] = digits::to_ascii(values);
        let university_text = std::str::from_utf8(&ascii[..11]).unwrap_or_default();
        let university = LegalEntityId::parse(university_text).map_err(|e| {
            field(
                "university",
                format!("{university_text} is not a valid legal-entity ID ({e})"),
            )
        })?;
        let year = read_decimal(&values[11..15]) as u16;
        check_year(year)?;
        let level = DegreeLevel::from_code(values[15]).ok_or_else(|| {
            field(
                "level",
                format!(
                    "digit {} is not a degree level (1 associate, 2 bachelor, 3 master, \
                     4 doctorate)",
                    values[15]
                ),
            )
        })?;
        let serial = read_decimal(&values[16..22]);
        check_serial(serial)?;
        let number = DiplomaNumber { digits: ascii };
        debug_assert_eq!(
            (
                number.university(),
                number.year(),
                number.level(),
                number.serial()
            ),
            (university, year, level, serial)
        );
        Ok(number)
    }

    /// The university that issued the degree.
    pub fn university(&self) -> LegalEntityId {
        let mut ascii = [0u8; 11];
        ascii.copy_from_slice(&self.digits[..11]);
        LegalEntityId::from_valid_ascii(ascii)
    }

    /// The Jalali year of graduation.
    pub fn year(&self) -> u16 {
        read_ascii_decimal(&self.digits[11..15]) as u16
    }

    /// The degree level.
    pub fn level(&self) -> DegreeLevel {
        // Invariant: a constructed number's level digit is a level's code.
        DegreeLevel::from_code(self.digits[15] - b'0').unwrap_or(DegreeLevel::Bachelor)
    }

    /// The serial within university, year and level.
    pub fn serial(&self) -> u32 {
        read_ascii_decimal(&self.digits[16..22])
    }

    /// The two check digits.
    pub fn check_digits(&self) -> &str {
        &self.compact()[DATA_LEN..]
    }

    /// The 24 ASCII digits without separators.
    pub fn compact(&self) -> &str {
        // Invariant: the array holds ASCII digits only.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }
}

fn field(name: &'static str, message: String) -> IdError {
    IdError::Field {
        kind: KIND,
        field: name,
        message,
    }
}

fn check_year(year: u16) -> Result<(), IdError> {
    if (DiplomaNumber::MIN_YEAR..=DiplomaNumber::MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(field(
            "year",
            format!(
                "Jalali year {year} is outside {}–{}",
                DiplomaNumber::MIN_YEAR,
                DiplomaNumber::MAX_YEAR
            ),
        ))
    }
}

fn check_serial(serial: u32) -> Result<(), IdError> {
    if (1..=DiplomaNumber::MAX_SERIAL).contains(&serial) {
        Ok(())
    } else {
        Err(field(
            "serial",
            format!(
                "serial {serial} is outside 1–{} (serial 0 is never issued)",
                DiplomaNumber::MAX_SERIAL
            ),
        ))
    }
}

/// The check digits of the 22 data digits (all values are 0–9 by construction).
fn mod97_10(data: &[u8]) -> [u8; 2] {
    check::mod97_10_compute(data).unwrap_or([0, 0])
}

fn pair(values: &[u8]) -> String {
    values.iter().map(|&v| char::from(b'0' + v)).collect()
}

/// Writes `n` into `out` as zero-padded decimal digit values.
fn write_decimal(out: &mut [u8], mut n: u32) {
    for v in out.iter_mut().rev() {
        *v = (n % 10) as u8;
        n /= 10;
    }
}

/// [`read_decimal`] of ASCII digits.
fn read_ascii_decimal(ascii: &[u8]) -> u32 {
    ascii.iter().fold(0u32, |n, &d| {
        n.saturating_mul(10)
            .saturating_add(u32::from(d.wrapping_sub(b'0')))
    })
}

fn read_decimal(values: &[u8]) -> u32 {
    values.iter().fold(0u32, |n, &v| {
        n.saturating_mul(10).saturating_add(u32::from(v))
    })
}

impl fmt::Display for DiplomaNumber {
    /// The printed form: `UUUUUUUUUUU-YYYY-L-SSSSSS-CC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compact = self.compact();
        let mut start = 0;
        for (i, width) in GROUPS.into_iter().enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            f.write_str(compact.get(start..start + width).unwrap_or_default())?;
            start += width;
        }
        Ok(())
    }
}

impl FromStr for DiplomaNumber {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DiplomaNumber::parse(s)
    }
}

impl Serialize for DiplomaNumber {
    /// The components as an object (the `parts` of `samad id check --json`):
    /// `{"university":"…","year":1403,"level":"bachelor","serial":123,"check_digits":"87"}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut parts = s.serialize_struct("DiplomaNumber", 5)?;
        parts.serialize_field("university", &self.university())?;
        parts.serialize_field("year", &self.year())?;
        parts.serialize_field("level", &self.level())?;
        parts.serialize_field("serial", &self.serial())?;
        parts.serialize_field("check_digits", self.check_digits())?;
        parts.end()
    }
}

#[cfg(test)]
mod tests;
