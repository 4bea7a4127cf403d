//! The national code (کد ملی) of a natural person: 10 digits, the last a mod-11 check
//! (BRIEF §3; edge cases decided in `spec/identifiers.md` §1).
//!
//! ```
//! use samad::NationalCode;
//!
//! let code: NationalCode = "007-622964-5".parse()?;
//! assert_eq!(code.as_str(), "0076229645");
//! assert!("0076229646".parse::<NationalCode>().is_err());
//! # Ok::<(), samad::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::digits::{self, CheckDigitRules, Digits};
use super::{IdError, IdKind};

const KIND: IdKind = IdKind::NationalCode;

const RULES: CheckDigitRules = CheckDigitRules {
    kind: KIND,
    check_digit,
    // Every repeated-digit code passes the check (S = 54·d ≡ −d mod 11, so check = d).
    all_same: "all ten digits are the same; no such code is issued",
    zero_serial: "digits 4 to 9 are all zero; no such code is issued",
};

/// A valid national code, held as its 10 ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NationalCode([u8; 10]);

/// A national code accepted only after fixing its input, and what was fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NationalCodeWarning {
    /// 8 or 9 digits were given (a spreadsheet dropped the leading zeros); zeros were added.
    ZeroPadded {
        /// How many digits the input had.
        digits: usize,
    },
}

impl fmt::Display for NationalCodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NationalCodeWarning::ZeroPadded { digits } => write!(
                f,
                "national-code: {digits} digits given; padded with leading zeros to 10"
            ),
        }
    }
}

impl NationalCode {
    /// Parses a national code strictly: exactly 10 digits (Persian, Arabic-Indic or ASCII),
    /// optionally printed as `DDD-DDDDDD-D` (or with a space, U+2010, U+2011 or U+2013 at
    /// those two places), surrounding white space ignored.
    ///
    /// Errors, in the order they are checked: [`IdError::Empty`], [`IdError::NotADigit`],
    /// [`IdError::WrongLength`] (anything but 10 digits, zeros dropped or not),
    /// [`IdError::CheckMismatch`], then [`IdError::Degenerate`] for a code that passes its
    /// check but is never issued: one digit repeated ten times, or digits 4–9 all zero.
    pub fn parse(input: &str) -> Result<NationalCode, IdError> {
        let digits = scan(input)?;
        if digits.len() != 10 {
            return Err(IdError::WrongLength {
                kind: KIND,
                expected: "10",
                found: digits.len(),
            });
        }
        NationalCode::from_digit_values(digits.values())
    }

    /// Parses like [`NationalCode::parse`], but also accepts 8 or 9 digits (without
    /// separators), which it pads with leading zeros and reports in the warning. For imports
    /// from spreadsheets, which store national codes as numbers; interactive input should
    /// use the strict form. Other lengths are [`IdError::WrongLength`] (expected `8 to 10`).
    pub fn parse_lenient(
        input: &str,
    ) -> Result<(NationalCode, Option<NationalCodeWarning>), IdError> {
        let digits = scan(input)?;
        match digits.len() {
            10 => Ok((NationalCode::from_digit_values(digits.values())?, None)),
            n @ (8 | 9) => {
                // A number that lost its zeros has no printed grouping: `07-622964-5` is a
                // typo, not a spreadsheet cell, so separators are refused here.
                digits::scan(KIND, input, &[])?;
                let mut padded = [0u8; 10];
                padded[10 - n..].copy_from_slice(digits.values());
                let code = NationalCode::from_digit_values(&padded)?;
                Ok((code, Some(NationalCodeWarning::ZeroPadded { digits: n })))
            }
            found => Err(IdError::WrongLength {
                kind: KIND,
                expected: "8 to 10",
                found,
            }),
        }
    }

    /// Builds a code from its first nine digits (values 0–9), adding the check digit.
    /// Fails with [`IdError::Field`] (field `body`) on a value above 9, and with
    /// [`IdError::Degenerate`] on a code that is never issued (see [`NationalCode::parse`]).
    pub fn from_body(body: [u8; 9]) -> Result<NationalCode, IdError> {
        RULES.check_body(&body)?;
        let mut values = [0u8; 10];
        values[..9].copy_from_slice(&body);
        values[9] = check_digit(&body);
        NationalCode::from_digit_values(&values)
    }

    /// The 10 ASCII digits.
    pub fn as_str(&self) -> &str {
        // Invariant: the array holds ASCII digits only.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    fn from_digit_values(values: &[u8]) -> Result<NationalCode, IdError> {
        RULES.validate(values)?;
        Ok(NationalCode(digits::to_ascii(values)))
    }
}

fn scan(input: &str) -> Result<Digits, IdError> {
    // Printed on ID cards as 3-6-1 digit groups.
    digits::scan(KIND, input, &[3, 9])
}

/// S = Σ d[i]·(10−i) for i in 0..9; r = S mod 11; check = r if r < 2 else 11 − r.
pub(crate) fn check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip((2..=10u32).rev())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    let r = (sum % 11) as u8;
    if r < 2 { r } else { 11 - r }
}

impl FromStr for NationalCode {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NationalCode::parse(s)
    }
}

impl fmt::Display for NationalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NationalCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NationalCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        NationalCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
