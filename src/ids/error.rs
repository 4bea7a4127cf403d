//! [`IdError`]: everything that can be wrong with an identifier, and [`IdKind`], which
//! identifier it was.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The identifiers samad knows. The serde and [`fmt::Display`] names are the ones the CLI's
/// `--kind` option and the `id check` JSON use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdKind {
    /// SHAMS (شمس), the national document identifier.
    Shams,
    /// National code (کد ملی) of a natural person, 10 digits.
    NationalCode,
    /// National ID (شناسه ملی) of a legal entity, 11 digits.
    #[serde(rename = "legal-id")]
    LegalEntityId,
    /// samad's diploma number.
    #[serde(rename = "diploma-no")]
    DiplomaNumber,
}

impl IdKind {
    /// Every kind, in the order `id check` tries them when no kind is given.
    pub const ALL: [IdKind; 4] = [
        IdKind::Shams,
        IdKind::DiplomaNumber,
        IdKind::LegalEntityId,
        IdKind::NationalCode,
    ];

    /// The stable name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Shams => "shams",
            IdKind::NationalCode => "national-code",
            IdKind::LegalEntityId => "legal-id",
            IdKind::DiplomaNumber => "diploma-no",
        }
    }

    /// The kind named `name` (`shams`, `national-code`, `legal-id`, `diploma-no`).
    pub fn from_name(name: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an identifier was rejected. Positions are 1-based character positions in the input
/// as given (before digits were mapped), offsets are 0-based byte offsets; both point at the
/// first thing that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// Nothing but white space was given.
    #[error("{kind}: the input is empty")]
    Empty {
        /// The identifier being parsed.
        kind: IdKind,
    },
    /// The input has the wrong number of digits.
    #[error("{kind}: has {found} digits, expected {expected}")]
    WrongLength {
        /// The identifier being parsed.
        kind: IdKind,
        /// The number of digits (or characters) required, e.g. `"10"` or `"8 to 10"`.
        expected: &'static str,
        /// The number found.
        found: usize,
    },
    /// A character that is not a digit (nor a separator allowed there).
    #[error("{kind}: character {found:?} at position {position} is not a digit")]
    NotADigit {
        /// The identifier being parsed.
        kind: IdKind,
        /// 1-based character position in the input.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// The check digit(s) do not match the rest of the identifier.
    #[error(
        "{kind}: check digit is {found} but should be {expected}; a digit was probably mistyped"
    )]
    CheckMismatch {
        /// The identifier being parsed.
        kind: IdKind,
        /// The check digits in the input.
        found: String,
        /// The check digits the rest of the input calls for.
        expected: String,
    },
    /// The identifier passes its check but cannot have been issued.
    #[error("{kind}: {reason}")]
    Degenerate {
        /// The identifier being parsed.
        kind: IdKind,
        /// What makes it impossible, e.g. "all ten digits are the same".
        reason: &'static str,
    },
    /// The structure of a composite identifier (SHAMS, diploma number) is broken.
    #[error("{kind}: at byte {offset}: {message}")]
    Syntax {
        /// The identifier being parsed.
        kind: IdKind,
        /// 0-based byte offset of the first error in the input.
        offset: usize,
        /// What was expected there.
        message: String,
    },
    /// One field of a composite identifier is invalid.
    #[error("{kind}: field `{field}`: {message}")]
    Field {
        /// The identifier being parsed or built.
        kind: IdKind,
        /// The field's name as the spec names it.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A versioned encoding in a version this library does not read.
    #[error("{kind}: version {found} is not supported (this library reads version {supported})")]
    UnsupportedVersion {
        /// The identifier being parsed.
        kind: IdKind,
        /// The version found.
        found: String,
        /// The versions supported.
        supported: &'static str,
    },
}

impl IdError {
    /// The identifier kind the error is about.
    pub fn kind(&self) -> IdKind {
        match self {
            IdError::Empty { kind }
            | IdError::WrongLength { kind, .. }
            | IdError::NotADigit { kind, .. }
            | IdError::CheckMismatch { kind, .. }
            | IdError::Degenerate { kind, .. }
            | IdError::Syntax { kind, .. }
            | IdError::Field { kind, .. }
            | IdError::UnsupportedVersion { kind, .. } => *kind,
        }
    }

    /// A stable, machine-readable code for the error (`id check --json` prints it).
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Empty { .. } => "empty",
            IdError::WrongLength { .. } => "wrong-length",
            IdError::NotADigit { .. } => "not-a-digit",
            IdError::CheckMismatch { .. } => "check-mismatch",
            IdError::Degenerate { .. } => "degenerate",
            IdError::Syntax { .. } => "syntax",
            IdError::Field { .. } => "field",
            IdError::UnsupportedVersion { .. } => "unsupported-version",
        }
    }
}
