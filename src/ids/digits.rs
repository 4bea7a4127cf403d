//! Reading the digits of a numeric identifier as a person types it: Persian, Arabic-Indic or
//! ASCII digits, surrounding white space, and optional separators at group boundaries.

use super::{IdError, IdKind};
use crate::text::digit_value;

/// At most this many digits are kept; longer input is still counted for the error message.
const CAPACITY: usize = 32;

/// The ASCII digits of an identifier, without separators.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; CAPACITY],
    len: usize,
}

impl Digits {
    /// The digit values (0–9), in order; at most the first 32 of them.
    pub(crate) fn values(&self) -> &[u8] {
        &self.buf[..self.len.min(CAPACITY)]
    }

    /// The number of digits in the input (callers check it before reading values).
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// True for the separators a person may type between digit groups.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | ' ' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Reads the digits of `input`, surrounding white space ignored.
///
/// `boundaries` are the digit counts after which one separator may stand (e.g. `[3, 9]` for
/// a national code printed `007-622964-5`). A separator anywhere else is reported as
/// [`IdError::NotADigit`] at its position. The length is not checked here.
pub(crate) fn scan(kind: IdKind, input: &str, boundaries: &[usize]) -> Result<Digits, IdError> {
    let leading = input.chars().take_while(|c| c.is_whitespace()).count();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(IdError::Empty { kind });
    }
    let mut digits = Digits {
        buf: [0; CAPACITY],
        len: 0,
    };
    let mut count = 0usize;
    let mut last_was_separator = false;
    for (i, c) in trimmed.chars().enumerate() {
        let position = leading + i + 1;
        if let Some(d) = digit_value(c) {
            if count < CAPACITY {
                digits.buf[count] = d;
            }
            count += 1;
            last_was_separator = false;
        } else if is_separator(c) && !last_was_separator && boundaries.contains(&count) {
            last_was_separator = true;
        } else {
            return Err(IdError::NotADigit {
                kind,
                position,
                found: c,
            });
        }
    }
    if last_was_separator {
        let position = leading + trimmed.chars().count();
        let found = trimmed.chars().last().unwrap_or('-');
        return Err(IdError::NotADigit {
            kind,
            position,
            found,
        });
    }
    digits.len = count;
    Ok(digits)
}

/// The ASCII string of digit values.
pub(crate) fn to_ascii<const N: usize>(values: &[u8]) -> [u8; N] {
    let mut out = [b'0'; N];
    for (o, v) in out.iter_mut().zip(values) {
        *o = b'0' + v;
    }
    out
}

/// The rules the two single-check-digit identifiers share (national code, legal-entity ID):
/// body values are digits, the last digit is the check, and two shapes that pass the check
/// are never issued.
pub(crate) struct CheckDigitRules {
    /// The identifier these rules are for.
    pub(crate) kind: IdKind,
    /// The check digit of a body.
    pub(crate) check_digit: fn(&[u8]) -> u8,
    /// The reason given for an identifier of one repeated digit.
    pub(crate) all_same: &'static str,
    /// The reason given when digits 4 to 9 (the serial) are all zero.
    pub(crate) zero_serial: &'static str,
}

impl CheckDigitRules {
    /// Fails with [`IdError::Field`] (field `body`) on a body value above 9.
    pub(crate) fn check_body(&self, body: &[u8]) -> Result<(), IdError> {
        match body.iter().enumerate().find(|&(_, &d)| d > 9) {
            Some((i, d)) => Err(IdError::Field {
                kind: self.kind,
                field: "body",
                message: format!("value {d} at position {} is not a digit 0-9", i + 1),
            }),
            None => Ok(()),
        }
    }

    /// Validates a whole identifier given as digit values (body then check digit).
    pub(crate) fn validate(&self, values: &[u8]) -> Result<(), IdError> {
        let Some((&check, body)) = values.split_last() else {
            return Err(IdError::Empty { kind: self.kind });
        };
        // The check comes first: `Degenerate` promises the input passed its check.
        let expected = (self.check_digit)(body);
        if check != expected {
            return Err(IdError::CheckMismatch {
                kind: self.kind,
                found: check.to_string(),
                expected: expected.to_string(),
            });
        }
        if values.iter().all(|&d| d == check) {
            return Err(IdError::Degenerate {
                kind: self.kind,
                reason: self.all_same,
            });
        }
        // Digits 4–9 are the serial within the issuing office; serial 000000 is never issued.
        if body
            .get(3..9)
            .is_some_and(|serial| serial.iter().all(|&d| d == 0))
        {
            return Err(IdError::Degenerate {
                kind: self.kind,
                reason: self.zero_serial,
            });
        }
        Ok(())
    }
}
