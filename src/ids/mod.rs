//! Identifiers: the national document ID SHAMS (شمس), national codes of people, national
//! IDs of legal entities, and samad's own diploma numbers.
//!
//! Every parser accepts Persian, Arabic-Indic and ASCII digits, borrows its input, never
//! panics, and says exactly what is wrong ([`IdError`]). The algorithms and every edge-case
//! decision are in `spec/identifiers.md` and `spec/shams.md`.
//!
//! | type | what | module |
//! |---|---|---|
//! | [`NationalCode`] | کد ملی, 10 digits, mod-11 check | [`national_code`] |
//! | [`LegalEntityId`] | شناسه ملی, 11 digits, weighted mod-11 check | [`legal_entity`] |
//! | [`Shams`] | شمس, the national document ID, versioned reversible encoding | [`shams`] |
//! | [`DiplomaNumber`] | university, Jalali year, level, serial, ISO 7064 MOD 97-10 check | [`diploma_number`] |
//! | [`SerialAllocator`] | crash-safe serials for diploma numbers | [`allocator`] |

pub mod allocator;
pub mod check;
mod digits;
pub mod diploma_number;
mod error;
pub mod legal_entity;
pub mod national_code;
pub mod shams;

pub use allocator::{AllocatorError, FileSerialAllocator, SerialAllocator, SerialKey};
pub use diploma_number::{DegreeLevel, DiplomaNumber};
pub use error::{IdError, IdKind};
pub use legal_entity::LegalEntityId;
pub use national_code::{NationalCode, NationalCodeWarning};
pub use shams::{Shams, ShamsBuilder};

use serde::Serialize;

/// A valid identifier as `samad id check` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedId {
    /// Which identifier it is.
    pub kind: IdKind,
    /// Its canonical text form.
    pub canonical: String,
    /// Its components as a JSON object (the numeric IDs: `body` and `check_digit`).
    pub parts: serde_json::Value,
}

/// Validates `value` as an identifier of `kind`, or, with no kind, of the kind its shape
/// suggests: a `SHAMS` prefix, else 8–10 digits a national code, 11 digits a legal-entity
/// ID, anything else a diploma number.
///
/// ```
/// use samad::ids::{check, IdKind};
///
/// let checked = check("0076229645", None)?;
/// assert_eq!(checked.kind, IdKind::NationalCode);
/// assert_eq!(checked.parts["check_digit"], "5");
/// # Ok::<(), samad::IdError>(())
/// ```
pub fn check(value: &str, kind: Option<IdKind>) -> Result<CheckedId, IdError> {
    let kind = kind.unwrap_or_else(|| guess_kind(value));
    let (canonical, parts) = match kind {
        IdKind::NationalCode => {
            let code = NationalCode::parse(value)?;
            let s = code.as_str();
            let parts = serde_json::json!({ "body": &s[..9], "check_digit": &s[9..] });
            (s.to_owned(), parts)
        }
        IdKind::LegalEntityId => {
            let id = LegalEntityId::parse(value)?;
            let s = id.as_str();
            let parts = serde_json::json!({ "body": &s[..10], "check_digit": &s[10..] });
            (s.to_owned(), parts)
        }
        IdKind::Shams => {
            let shams = Shams::parse(value)?;
            (shams.to_string(), to_parts(&shams))
        }
        IdKind::DiplomaNumber => {
            let number = DiplomaNumber::parse(value)?;
            (number.to_string(), to_parts(&number))
        }
    };
    Ok(CheckedId {
        kind,
        canonical,
        parts,
    })
}

/// The JSON document `samad id check --json` prints and the C API's `samad_id_check`
/// returns: `{"valid","kind","canonical","parts","error":{"code","message"}}`, with `null`
/// for what does not apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Whether the value is a valid identifier of `kind`.
    pub valid: bool,
    /// The kind checked (given, or guessed from the value's shape).
    pub kind: IdKind,
    /// The canonical form, when valid.
    pub canonical: Option<String>,
    /// The components, when valid.
    pub parts: Option<serde_json::Value>,
    /// What is wrong, when invalid.
    pub error: Option<ReportedError>,
}

/// An error as reports print it: a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedError {
    /// Stable machine-readable code ([`IdError::code`]).
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl CheckReport {
    /// Checks `value` as [`check`] does and reports the outcome either way.
    ///
    /// ```
    /// let report = samad::ids::CheckReport::new("0076229646", None);
    /// assert!(!report.valid);
    /// assert_eq!(report.error.unwrap().code, "check-mismatch");
    /// ```
    pub fn new(value: &str, kind: Option<IdKind>) -> CheckReport {
        let guessed = kind.unwrap_or_else(|| guess_kind(value));
        match check(value, Some(guessed)) {
            Ok(checked) => CheckReport {
                valid: true,
                kind: checked.kind,
                canonical: Some(checked.canonical),
                parts: Some(checked.parts),
                error: None,
            },
            Err(e) => CheckReport {
                valid: false,
                kind: guessed,
                canonical: None,
                parts: None,
                error: Some(ReportedError {
                    code: e.code(),
                    message: e.to_string(),
                }),
            },
        }
    }
}

fn to_parts<T: Serialize>(value: &T) -> serde_json::Value {
    // Our own Serialize impls produce plain objects; serde_json cannot fail on them.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn guess_kind(value: &str) -> IdKind {
    let trimmed = value.trim_start();
    if trimmed
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("shams"))
    {
        return IdKind::Shams;
    }
    let digit_count = value
        .chars()
        .filter(|&c| crate::text::digit_value(c).is_some())
        .count();
    match digit_count {
        8..=10 => IdKind::NationalCode,
        11 => IdKind::LegalEntityId,
        _ => IdKind::DiplomaNumber,
    }
}

#[cfg(test)]
mod tests;
