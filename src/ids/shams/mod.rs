//! SHAMS (شمس, شناسه ملی سند), the national document identifier (circular 110718,
//! 1398/09/03): a letter's number, issue date-time, a GUID, its signers (national code and
//! organizational post ID each), and the issuing organization's email and legal-entity ID.
//!
//! The official concatenation is not public, so samad defines its own, versioned and
//! reversible: `spec/shams.md` is the source of truth for the grammar, limits, escaping and
//! examples. Version 1 has two forms of the same content:
//!
//! * the **text form** (`Display`, [`Shams::parse`]):
//!   `SHAMS1*1234/%D8%B5/1403*2025-03-20T10:30:00*3f2c8a1e-…*0076229645:P-1203*…`
//! * the **QR form** ([`Shams::to_qr_payload`], [`Shams::parse_qr_payload`]), upper-case and
//!   inside the 45-character QR alphanumeric set, for the code printed on the first page
//!   (drawing the QR symbol is `diploma::qr`'s job, not this module's).
//!
//! ```
//! use samad::ids::shams::{Shams, ShamsDateTime, Uuid};
//!
//! let shams = Shams::builder()
//!     .letter_number("۱۲۳۴/ص/۱۴۰۳")
//!     .issued_at("2025-03-20T10:30:00".parse()?)
//!     .guid(Uuid::from_u128(0x3f2c8a1e_7b4d_4c9a_9e2f_1a2b3c4d5e6f))
//!     .signer("0076229645".parse()?, "P-1203")
//!     .org_email("dabirkhaneh@example.ac.ir")
//!     .org_legal_id("10380284790".parse()?)
//!     .build()?;
//! let text = shams.to_string();
//! assert_eq!(
//!     text,
//!     "SHAMS1*1234/%D8%B5/1403*2025-03-20T10:30:00*3f2c8a1e-7b4d-4c9a-9e2f-1a2b3c4d5e6f\
//!      *0076229645:P-1203*dabirkhaneh@example.ac.ir*10380284790"
//! );
//! assert_eq!(Shams::parse(&text)?, shams);
//! assert_eq!(Shams::parse_qr_payload(&shams.to_qr_payload())?, shams);
//! # Ok::<(), samad::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::ser::{Serialize, SerializeStruct, Serializer};

mod builder;
mod components;
mod encode;
mod parse;

pub use builder::ShamsBuilder;
pub use components::{
    MAX_EMAIL_CHARS, MAX_LETTER_NUMBER_CHARS, MAX_POST_ID_CHARS, MAX_SIGNERS, ShamsDateTime, Signer,
};
pub use parse::MAX_INPUT_BYTES;
/// The GUID type, re-exported so callers need not depend on `uuid` themselves.
pub use uuid::Uuid;

use super::{IdError, IdKind, LegalEntityId};

const KIND: IdKind = IdKind::Shams;

/// The encoding version this library writes and reads.
pub const VERSION: u32 = 1;

/// A valid SHAMS: every component checked and in canonical form. [`fmt::Display`] writes
/// the canonical text form; equal values have equal encodings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shams {
    letter_number: String,
    issued_at: ShamsDateTime,
    guid: Uuid,
    signers: Vec<Signer>,
    org_email: String,
    org_legal_id: LegalEntityId,
}

impl Shams {
    /// Starts building a SHAMS from its components.
    pub fn builder() -> ShamsBuilder {
        ShamsBuilder::default()
    }

    /// Parses the text form (`SHAMS1*…`) or the QR form (`SHAMS1Q*…`), as the tag says.
    ///
    /// Strict: the grammar of `spec/shams.md` exactly, nothing after the last field (white
    /// space around the whole value is ignored). Persian and Arabic-Indic digits are read
    /// wherever a digit may stand. Errors: [`IdError::Empty`], [`IdError::Syntax`] with the
    /// byte offset of the first error, [`IdError::Field`] for a component that is well
    /// formed but invalid, [`IdError::UnsupportedVersion`] for a tag other than `SHAMS1`.
    /// Input longer than [`MAX_INPUT_BYTES`] is rejected unread.
    pub fn parse(input: &str) -> Result<Shams, IdError> {
        parse::parse(input, parse::Accept::Any)
    }

    /// Parses the QR form only (`SHAMS1Q*…`), as a scanner delivers it; otherwise like
    /// [`Shams::parse`].
    pub fn parse_qr_payload(input: &str) -> Result<Shams, IdError> {
        parse::parse(input, parse::Accept::QrOnly)
    }

    /// The QR form: upper-case, every character in the QR alphanumeric set
    /// (`0–9 A–Z space $ % * + - . / :`), so an encoder can use alphanumeric mode.
    pub fn to_qr_payload(&self) -> String {
        encode::qr_form(self)
    }

    /// The letter number (شماره نامه) in canonical form: normalized, ASCII digits.
    pub fn letter_number(&self) -> &str {
        &self.letter_number
    }

    /// When the letter was issued.
    pub fn issued_at(&self) -> ShamsDateTime {
        self.issued_at
    }

    /// The GUID.
    pub fn guid(&self) -> Uuid {
        self.guid
    }

    /// The signers, in signing order (at least one).
    pub fn signers(&self) -> &[Signer] {
        &self.signers
    }

    /// The organization's email, lower-case.
    pub fn org_email(&self) -> &str {
        &self.org_email
    }

    /// The organization's legal-entity national ID (شناسه ملی).
    pub fn org_legal_id(&self) -> LegalEntityId {
        self.org_legal_id
    }
}

impl fmt::Display for Shams {
    /// The canonical text form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode::text_form(self))
    }
}

impl FromStr for Shams {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Shams::parse(s)
    }
}

impl Serialize for Shams {
    /// The components as one object (the `parts` of `samad id check --kind shams`):
    /// `version`, `letter_number`, `issued_at`, `guid`, `signers` (each `national_code`,
    /// `post_id`), `org_email`, `org_legal_id`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Shams", 7)?;
        st.serialize_field("version", &VERSION)?;
        st.serialize_field("letter_number", &self.letter_number)?;
        st.serialize_field("issued_at", &self.issued_at)?;
        st.serialize_field("guid", &self.guid.as_hyphenated().to_string())?;
        st.serialize_field("signers", &self.signers)?;
        st.serialize_field("org_email", &self.org_email)?;
        st.serialize_field("org_legal_id", &self.org_legal_id)?;
        st.end()
    }
}

#[cfg(test)]
mod tests;
