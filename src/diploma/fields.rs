//! Field rules of the diploma record (`spec/diploma.md` §2.2): how a typed value becomes
//! its stored form, and how a stored value is checked to be in that form already.

use super::DiplomaError;
use super::record::field;
use crate::text::{self, ZWNJ};
use crate::{JalaliDate, calendar};

/// The longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 120;

/// Whether a value is typed input (normalize it) or a stored record (it must already be
/// normalized: a record has one form, so its canonical JSON and hash are stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldCheck {
    /// Typed input: normalize.
    Normalize,
    /// A stored record: reject anything not in normalized form.
    Stored,
}

/// The stored form of a text: [`text::normalize`] (NFKC, ي→ی, ك→ک, ZWNJ kept), white
/// space runs collapsed to one space, trimmed.
pub(super) fn normalize_text(value: &str) -> String {
    let normalized = text::normalize(value);
    let mut out = String::with_capacity(normalized.len());
    for word in normalized.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A free text field: non-empty, at most [`MAX_TEXT_CHARS`], no control characters.
pub(super) fn text(name: &str, value: &str, mode: FieldCheck) -> Result<String, DiplomaError> {
    let stored = normalize_text(value);
    if mode == FieldCheck::Stored && stored != value {
        return Err(field(
            name,
            format!("{value:?} is not in normalized form; write {stored:?}"),
        ));
    }
    if stored.is_empty() {
        return Err(field(
            name,
            "is empty; every diploma field is required".into(),
        ));
    }
    let chars = stored.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(field(
            name,
            format!("is {chars} characters long; at most {MAX_TEXT_CHARS} fit on the page"),
        ));
    }
    if let Some(c) = stored.chars().find(|c| c.is_control()) {
        return Err(field(
            name,
            format!("holds the control character U+{:04X}", c as u32),
        ));
    }
    Ok(stored)
}

/// Persian digits and Arabic-Indic digits mapped to ASCII, surrounding white space trimmed.
pub(super) fn ascii_digits(value: &str) -> String {
    text::to_ascii_digits(value.trim()).into_owned()
}

/// Persian text: Arabic-script letters (U+0600–06FF), ZWNJ, spaces and a little
/// punctuation, with at least one letter.
pub(super) fn persian(name: &str, value: &str) -> Result<(), DiplomaError> {
    let allowed = |c: char| {
        matches!(
            c,
            '\u{0600}'..='\u{06FF}' | ' ' | ZWNJ | '-' | '(' | ')' | '.' | '«' | '»'
        )
    };
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return Err(field(
            name,
            format!(
                "{c:?} (U+{:04X}) is not Persian; write this field in Persian script",
                c as u32
            ),
        ));
    }
    if !value.chars().any(|c| c.is_alphabetic()) {
        return Err(field(name, "has no letters".into()));
    }
    Ok(())
}

/// English text: ASCII letters, digits, spaces and `.,'-()&`, with at least one letter.
pub(super) fn latin(name: &str, value: &str) -> Result<(), DiplomaError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " .,'-()&".contains(c);
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return Err(field(
            name,
            format!(
                "{c:?} (U+{:04X}) is not allowed; write this field in English (ASCII)",
                c as u32
            ),
        ));
    }
    if !value.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err(field(name, "has no letters".into()));
    }
    Ok(())
}

/// A date: typed as Jalali `YYYY/MM/DD` or Gregorian `YYYY-MM-DD` in any digits, stored as
/// Jalali `YYYY/MM/DD` in ASCII digits.
pub(super) fn date(name: &str, value: &str, mode: FieldCheck) -> Result<String, DiplomaError> {
    match mode {
        FieldCheck::Normalize => calendar::parse_date(value.trim())
            .map(|d| d.to_string())
            .map_err(|e| field(name, e.to_string())),
        FieldCheck::Stored => parse_stored_date(name, value).map(|d| d.to_string()),
    }
}

/// A stored date: Jalali `YYYY/MM/DD`, ASCII digits, zero-padded.
pub(super) fn parse_stored_date(name: &str, value: &str) -> Result<JalaliDate, DiplomaError> {
    let date = JalaliDate::parse(value).map_err(|e| field(name, e.to_string()))?;
    if date.to_string() != value {
        return Err(field(
            name,
            format!("write the date as {date} (ASCII digits, zero-padded)"),
        ));
    }
    Ok(date)
}

/// A GPA out of 20: typed with `.`, `٫` or `/` as the decimal separator and up to two
/// decimals in any digits; stored with exactly two decimals in ASCII (`17.50`).
pub(super) fn gpa(name: &str, value: &str, mode: FieldCheck) -> Result<String, DiplomaError> {
    let typed = ascii_digits(value);
    let unified: String = typed
        .chars()
        .map(|c| if c == '\u{066B}' || c == '/' { '.' } else { c })
        .collect();
    let (whole, frac) = unified.split_once('.').unwrap_or((&unified, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 2
        || frac.len() > 2
        || !digits_only(whole)
        || !digits_only(frac)
    {
        return Err(field(
            name,
            format!("{value:?} is not a GPA; write it like 17.50 (out of 20)"),
        ));
    }
    let hundredths =
        whole.parse::<u32>().unwrap_or(0) * 100 + format!("{frac:0<2}").parse::<u32>().unwrap_or(0);
    if hundredths > 2000 {
        return Err(field(
            name,
            format!("{value} is above 20, the Iranian scale's maximum"),
        ));
    }
    let stored = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    if mode == FieldCheck::Stored && stored != value {
        return Err(field(
            name,
            format!("write {value:?} as {stored:?} (two decimals, ASCII digits)"),
        ));
    }
    Ok(stored)
}

/// A GPA as printed in Persian: Persian digits and the Arabic decimal separator `٫`.
pub(super) fn gpa_fa(gpa: &str) -> String {
    text::to_persian_digits(gpa).replace('.', "\u{066B}")
}
