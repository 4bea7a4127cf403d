//! The components of a SHAMS and their canonical forms (`spec/shams.md` §2–§3): the letter
//! number, the issue date-time, signers (national code + organizational post ID) and the
//! organization's email. The GUID is a [`Uuid`] and the legal-entity ID a
//! [`LegalEntityId`]; both only need the checks in [`check_guid`].

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};
use uuid::Uuid;

use super::KIND;
use crate::ids::{IdError, NationalCode};
use crate::text::{self, digit_value};

/// At most this many characters in a letter number, counted after normalization (the
/// SHAMS generation document allows 20).
pub const MAX_LETTER_NUMBER_CHARS: usize = 20;
/// At most this many characters in an organizational post ID.
pub const MAX_POST_ID_CHARS: usize = 20;
/// At most this many signers on one SHAMS.
pub const MAX_SIGNERS: usize = 10;
/// At most this many characters in the organization's email (RFC 5321 §4.5.3.1.3).
pub const MAX_EMAIL_CHARS: usize = 254;
/// At most this many characters before the `@` of an email (RFC 5321 §4.5.3.1.1).
const MAX_EMAIL_LOCAL_CHARS: usize = 64;
/// At most this many characters in one label of the email's domain (RFC 1035 §2.3.4).
const MAX_DOMAIN_LABEL_CHARS: usize = 63;
/// Issue dates before this year are typing errors: letters are numbered electronically.
const MIN_YEAR: u16 = 1900;

pub(super) fn field_error(field: &'static str, message: impl Into<String>) -> IdError {
    IdError::Field {
        kind: KIND,
        field,
        message: message.into(),
    }
}

/// Invisible characters that can reorder or hide text (bidi controls, zero-width marks other
/// than ZWNJ, BOM): allowed in no identifier, since they make two letter numbers that look
/// alike compare different (the "Trojan Source" problem).
fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200D}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The canonical form of a letter number (`spec/shams.md` §3): [`text::normalize`] (NFKC,
/// ي/ى → ی, ك → ک), then every digit mapped to ASCII. Rejects an empty or over-long
/// number, control and invisible characters, and white space at either end.
pub(super) fn canonical_letter_number(raw: &str) -> Result<String, IdError> {
    const FIELD: &str = "letter_number";
    let canonical = text::to_ascii_digits(&text::normalize(raw)).into_owned();
    let count = canonical.chars().count();
    if count == 0 {
        return Err(field_error(FIELD, "is empty"));
    }
    if count > MAX_LETTER_NUMBER_CHARS {
        return Err(field_error(
            FIELD,
            format!(
                "has {count} characters after normalization; at most {MAX_LETTER_NUMBER_CHARS} are allowed"
            ),
        ));
    }
    if let Some((i, c)) = canonical
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() || is_invisible_control(c))
    {
        return Err(field_error(
            FIELD,
            format!(
                "character {} is the invisible control U+{:04X}; remove it",
                i + 1,
                u32::from(c)
            ),
        ));
    }
    if canonical.starts_with(char::is_whitespace) || canonical.ends_with(char::is_whitespace) {
        return Err(field_error(FIELD, "begins or ends with white space"));
    }
    Ok(canonical)
}

/// The canonical form of an organizational post ID: 1–20 characters `A–Z`, `0–9` and `-`,
/// a letter or digit at each end, no `--`. Case-insensitive (stored upper-case); Persian and
/// Arabic-Indic digits are mapped to ASCII.
pub(super) fn canonical_post_id(raw: &str) -> Result<String, IdError> {
    const FIELD: &str = "signer.post_id";
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match (c, digit_value(c)) {
            (_, Some(d)) => out.push(char::from(b'0' + d)),
            ('A'..='Z' | '-', _) => out.push(c),
            ('a'..='z', _) => out.push(c.to_ascii_uppercase()),
            _ => {
                return Err(field_error(
                    FIELD,
                    format!(
                        "character {} ({c:?}) is not allowed; use A-Z, 0-9 and '-'",
                        i + 1
                    ),
                ));
            }
        }
        if out.len() > MAX_POST_ID_CHARS {
            return Err(field_error(
                FIELD,
                format!("is longer than {MAX_POST_ID_CHARS} characters"),
            ));
        }
    }
    if out.is_empty() {
        return Err(field_error(FIELD, "is empty"));
    }
    if out.starts_with('-') || out.ends_with('-') || out.contains("--") {
        return Err(field_error(
            FIELD,
            "'-' may stand only between letters or digits, one at a time",
        ));
    }
    Ok(out)
}

/// The canonical form of the organization's email (`spec/shams.md` §2): ASCII only, lower
/// case; local part `a–z 0–9 . _ + -` (no dot at either end, no `..`), at most 64
/// characters; a domain of at least two labels `a–z 0–9 -` (no `-` at either end), each at
/// most 63 characters, the last not all digits; at most 254 characters in all.
pub(super) fn canonical_email(raw: &str) -> Result<String, IdError> {
    const FIELD: &str = "org_email";
    let email: String = raw
        .chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None => c.to_ascii_lowercase(),
        })
        .collect();
    let count = email.chars().count();
    if count == 0 {
        return Err(field_error(FIELD, "is empty"));
    }
    if count > MAX_EMAIL_CHARS {
        return Err(field_error(
            FIELD,
            format!("has {count} characters; at most {MAX_EMAIL_CHARS} are allowed"),
        ));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(field_error(FIELD, "has no '@'"));
    };
    let local_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._+-".contains(c);
    if let Some(c) = local.chars().find(|&c| !local_ok(c)) {
        return Err(field_error(
            FIELD,
            format!("character {c:?} is not allowed before '@'; use a-z, 0-9, '.', '_', '+', '-'"),
        ));
    }
    if local.is_empty() || local.len() > MAX_EMAIL_LOCAL_CHARS {
        return Err(field_error(
            FIELD,
            format!("the part before '@' must have 1 to {MAX_EMAIL_LOCAL_CHARS} characters"),
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(field_error(
            FIELD,
            "a '.' before '@' may stand only between other characters, one at a time",
        ));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(field_error(
            FIELD,
            "the domain needs at least two labels, e.g. example.ir",
        ));
    }
    for label in &labels {
        let label_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if let Some(c) = label.chars().find(|&c| !label_ok(c)) {
            return Err(field_error(
                FIELD,
                format!(
                    "character {c:?} is not allowed in the domain; use a-z, 0-9, '-' (an internationalized domain in its xn-- form)"
                ),
            ));
        }
        if label.is_empty() || label.len() > MAX_DOMAIN_LABEL_CHARS {
            return Err(field_error(
                FIELD,
                format!(
                    "each label of the domain must have 1 to {MAX_DOMAIN_LABEL_CHARS} characters"
                ),
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(field_error(
                FIELD,
                "a domain label may not begin or end with '-'",
            ));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(field_error(
            FIELD,
            "the top-level domain is all digits; an IP address is not accepted",
        ));
    }
    Ok(email)
}

/// A GUID must not be the nil or the max UUID: neither identifies anything.
pub(super) fn check_guid(guid: Uuid) -> Result<Uuid, IdError> {
    if guid.is_nil() || guid.is_max() {
        return Err(field_error(
            "guid",
            "the nil and max UUIDs identify nothing; mint a fresh GUID",
        ));
    }
    Ok(guid)
}

/// The issue date-time of a letter: ISO 8601 `YYYY-MM-DDTHH:MM:SS` (19 characters), the
/// issuing organization's civil time with no offset, as the SHAMS document prescribes.
/// Years 1900–9999; a real Gregorian date; hours 00–23, minutes and seconds 00–59.
///
/// ```
/// use samad::ids::shams::ShamsDateTime;
///
/// let t: ShamsDateTime = "۲۰۲۵-۰۳-۲۰T۱۰:۳۰:۰۰".parse()?;
/// assert_eq!(t.to_string(), "2025-03-20T10:30:00");
/// assert!("2025-02-29T10:30:00".parse::<ShamsDateTime>().is_err());
/// # Ok::<(), samad::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShamsDateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl ShamsDateTime {
    /// A date-time from its Gregorian parts; fails with [`IdError::Field`] (`issued_at`)
    /// unless it is a real date and time.
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<ShamsDateTime, IdError> {
        const FIELD: &str = "issued_at";
        if !(MIN_YEAR..=9999).contains(&year) {
            return Err(field_error(
                FIELD,
                format!("year {year} is outside {MIN_YEAR}-9999"),
            ));
        }
        if icu_calendar::Date::try_new_iso(i32::from(year), month, day).is_err() {
            return Err(field_error(
                FIELD,
                format!("{year:04}-{month:02}-{day:02} is not a Gregorian date"),
            ));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(field_error(
                FIELD,
                format!(
                    "{hour:02}:{minute:02}:{second:02} is not a time of day (00:00:00 to 23:59:59)"
                ),
            ));
        }
        Ok(ShamsDateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS`; Persian and Arabic-Indic digits are accepted.
    pub fn parse(input: &str) -> Result<ShamsDateTime, IdError> {
        const TEMPLATE: &str = "DDDD-DD-DDTDD:DD:DD";
        let mut values = Vec::with_capacity(14);
        let mut chars = input.chars();
        for expected in TEMPLATE.chars() {
            let c = chars.next();
            let ok = match (expected, c.and_then(digit_value)) {
                ('D', Some(d)) => {
                    values.push(d);
                    true
                }
                ('D', None) => false,
                (lit, _) => c == Some(lit),
            };
            if !ok {
                return Err(field_error(
                    "issued_at",
                    format!("{input:?} is not of the form YYYY-MM-DDTHH:MM:SS"),
                ));
            }
        }
        if chars.next().is_some() {
            return Err(field_error(
                "issued_at",
                format!("{input:?} has data after YYYY-MM-DDTHH:MM:SS"),
            ));
        }
        ShamsDateTime::from_digit_values(&values)
    }

    /// Builds from the 14 digit values YYYYMMDDHHMMSS (the caller read exactly 14).
    pub(super) fn from_digit_values(v: &[u8]) -> Result<ShamsDateTime, IdError> {
        let num = |range: std::ops::Range<usize>| {
            v.get(range)
                .unwrap_or_default()
                .iter()
                .fold(0u16, |n, &d| n * 10 + u16::from(d))
        };
        // Each part has at most two digits except the year, so the casts cannot truncate.
        ShamsDateTime::new(
            num(0..4),
            num(4..6) as u8,
            num(6..8) as u8,
            num(8..10) as u8,
            num(10..12) as u8,
            num(12..14) as u8,
        )
    }

    /// The year (1900–9999).
    pub fn year(&self) -> u16 {
        self.year
    }
    /// The month (1–12).
    pub fn month(&self) -> u8 {
        self.month
    }
    /// The day of the month (1–31).
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The hour (0–23).
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// The minute (0–59).
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// The second (0–59).
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The 14 digits `YYYYMMDDHHMMSS` the QR form carries.
    pub(super) fn compact(&self) -> String {
        format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl fmt::Display for ShamsDateTime {
    /// `YYYY-MM-DDTHH:MM:SS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl FromStr for ShamsDateTime {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ShamsDateTime::parse(s)
    }
}

impl Serialize for ShamsDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One signer of the letter: a person's national code and the unique ID of the
/// organizational post (شناسه یکتای پست سازمانی) they sign in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Signer {
    national_code: NationalCode,
    post_id: String,
}

impl Signer {
    /// A signer; the post ID is 1–20 characters `A–Z 0–9 -` (case-insensitive, stored
    /// upper-case). Fails with [`IdError::Field`] (`signer.post_id`).
    pub fn new(national_code: NationalCode, post_id: &str) -> Result<Signer, IdError> {
        Ok(Signer {
            national_code,
            post_id: canonical_post_id(post_id)?,
        })
    }

    /// The signer's national code.
    pub fn national_code(&self) -> NationalCode {
        self.national_code
    }

    /// The signer's organizational post ID, upper-case.
    pub fn post_id(&self) -> &str {
        &self.post_id
    }
}

/// Rejects an empty or over-long list and a person who signs twice.
pub(super) fn check_signers(signers: &[Signer]) -> Result<(), IdError> {
    const FIELD: &str = "signers";
    if signers.is_empty() {
        return Err(field_error(FIELD, "at least one signer is required"));
    }
    if signers.len() > MAX_SIGNERS {
        return Err(field_error(
            FIELD,
            format!(
                "{} signers; at most {MAX_SIGNERS} are allowed",
                signers.len()
            ),
        ));
    }
    for (i, s) in signers.iter().enumerate() {
        if let Some(j) = signers[..i]
            .iter()
            .position(|t| t.national_code == s.national_code)
        {
            return Err(field_error(
                FIELD,
                format!(
                    "signers {} and {} have the same national code {}; a person signs once",
                    j + 1,
                    i + 1,
                    s.national_code
                ),
            ));
        }
    }
    Ok(())
}
