//! The national ID (شناسه ملی) of a legal entity: 11 digits, the last a weighted mod-11
//! check keyed on the tenth digit (BRIEF §3; edge cases in `spec/identifiers.md` §2).
//!
//! ```
//! use samad::LegalEntityId;
//!
//! let id: LegalEntityId = "۱۰۳۸۰۲۸۴۷۹۰".parse()?;
//! assert_eq!(id.as_str(), "10380284790");
//! # Ok::<(), samad::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::digits::{self, CheckDigitRules};
use super::{IdError, IdKind};

const KIND: IdKind = IdKind::LegalEntityId;
const WEIGHTS: [u32; 5] = [29, 27, 23, 19, 17];

const RULES: CheckDigitRules = CheckDigitRules {
    kind: KIND,
    check_digit,
    // A placeholder typed into forms; persian-tools accepts it (spec §2, differences).
    all_same: "all eleven digits are the same; no such ID is issued",
    zero_serial: "digits 4 to 9 are all zero; no such ID is issued",
};

/// A valid legal-entity national ID, held as its 11 ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LegalEntityId([u8; 11]);

impl LegalEntityId {
    /// Parses exactly 11 digits (Persian, Arabic-Indic or ASCII), surrounding white space
    /// ignored. No separators: the ID is printed as one run of digits.
    ///
    /// Errors, in the order they are checked: [`IdError::Empty`], [`IdError::NotADigit`],
    /// [`IdError::WrongLength`], [`IdError::CheckMismatch`], then [`IdError::Degenerate`]
    /// for an ID that passes its check but is never issued: one digit repeated eleven times
    /// (only `33333333333` passes the check), or digits 4–9 all zero.
    pub fn parse(input: &str) -> Result<LegalEntityId, IdError> {
        let digits = digits::scan(KIND, input, &[])?;
        if digits.len() != 11 {
            return Err(IdError::WrongLength {
                kind: KIND,
                expected: "11",
                found: digits.len(),
            });
        }
        LegalEntityId::from_digit_values(digits.values())
    }

    /// An ID from 11 ASCII digits already known to be valid (they were checked when the
    /// diploma number holding them was parsed or built).
    pub(crate) fn from_valid_ascii(ascii: [u8; 11]) -> LegalEntityId {
        debug_assert!(Self::from_digit_values(&ascii.map(|d| d.wrapping_sub(b'0'))).is_ok());
        LegalEntityId(ascii)
    }

    /// Builds an ID from its first ten digits (values 0–9), adding the check digit.
    /// Fails with [`IdError::Field`] (field `body`) on a value above 9, and with
    /// [`IdError::Degenerate`] on an ID that is never issued (see [`LegalEntityId::parse`]).
    pub fn from_body(body: [u8; 10]) -> Result<LegalEntityId, IdError> {
        RULES.check_body(&body)?;
        let mut values = [0u8; 11];
        values[..10].copy_from_slice(&body);
        values[10] = check_digit(&body);
        LegalEntityId::from_digit_values(&values)
    }

    /// The 11 ASCII digits.
    pub fn as_str(&self) -> &str {
        // Invariant: the array holds ASCII digits only.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    fn from_digit_values(values: &[u8]) -> Result<LegalEntityId, IdError> {
        RULES.validate(values)?;
        Ok(LegalEntityId(digits::to_ascii(values)))
    }
}

/// k = d[9] + 2; S = Σ (d[i] + k)·w[i mod 5] for i in 0..10; r = S mod 11;
/// check = 0 if r = 10 else r.
pub(crate) fn check_digit(body: &[u8]) -> u8 {
    let k = u32::from(body[9]) + 2;
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS.iter().cycle())
        .map(|(&d, &w)| (u32::from(d) + k) * w)
        .sum();
    match (sum % 11) as u8 {
        10 => 0,
        r => r,
    }
}

impl FromStr for LegalEntityId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LegalEntityId::parse(s)
    }
}

impl fmt::Display for LegalEntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for LegalEntityId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for LegalEntityId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        LegalEntityId::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
