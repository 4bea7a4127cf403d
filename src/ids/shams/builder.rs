//! [`ShamsBuilder`]: assembles a [`Shams`] from typed components and mints its GUID.

use uuid::Uuid;

use super::Shams;
use super::components::{
    Signer, canonical_email, canonical_letter_number, check_guid, check_signers, field_error,
};
use crate::ids::{IdError, LegalEntityId, NationalCode};

/// Builds a [`Shams`]; every component is checked in [`ShamsBuilder::build`], and the first
/// bad or missing one is reported as [`IdError::Field`] naming it.
///
/// Without [`ShamsBuilder::guid`], `build` mints a random (version 4) GUID from the operating
/// system's generator; tests and replays pass their own.
///
/// ```
/// use samad::ids::shams::{Shams, ShamsDateTime, Uuid};
///
/// let shams = Shams::builder()
///     .letter_number("۱۲۳۴/ص/۱۴۰۳")
///     .issued_at(ShamsDateTime::new(2025, 3, 20, 10, 30, 0)?)
///     .guid(Uuid::from_u128(0x3f2c8a1e_7b4d_4c9a_9e2f_1a2b3c4d5e6f))
///     .signer("0076229645".parse()?, "P-1203")
///     .org_email("Dabirkhaneh@Example.ac.ir")
///     .org_legal_id("10380284790".parse()?)
///     .build()?;
/// assert_eq!(shams.letter_number(), "1234/ص/1403");
/// assert_eq!(shams.org_email(), "dabirkhaneh@example.ac.ir");
/// # Ok::<(), samad::IdError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until build() is called"]
pub struct ShamsBuilder {
    letter_number: Option<String>,
    issued_at: Option<super::ShamsDateTime>,
    guid: Option<Uuid>,
    signers: Vec<(NationalCode, String)>,
    org_email: Option<String>,
    org_legal_id: Option<LegalEntityId>,
}

impl ShamsBuilder {
    /// The letter number (شماره نامه) as written, e.g. `۱۲۳۴/ص/۱۴۰۳`; it is stored in its
    /// canonical form (normalized, ASCII digits), at most 20 characters.
    pub fn letter_number(mut self, letter_number: &str) -> Self {
        self.letter_number = Some(letter_number.to_owned());
        self
    }

    /// When the letter was issued.
    pub fn issued_at(mut self, issued_at: super::ShamsDateTime) -> Self {
        self.issued_at = Some(issued_at);
        self
    }

    /// Uses this GUID instead of minting one (deterministic tests, re-creating a SHAMS).
    pub fn guid(mut self, guid: Uuid) -> Self {
        self.guid = Some(guid);
        self
    }

    /// Adds a signer: national code and organizational post ID (1–20 characters
    /// `A–Z 0–9 -`, case-insensitive). Signers keep the order they are added in.
    pub fn signer(mut self, national_code: NationalCode, post_id: &str) -> Self {
        self.signers.push((national_code, post_id.to_owned()));
        self
    }

    /// The organization's email (case-insensitive; stored lower-case).
    pub fn org_email(mut self, email: &str) -> Self {
        self.org_email = Some(email.to_owned());
        self
    }

    /// The organization's legal-entity national ID (شناسه ملی).
    pub fn org_legal_id(mut self, id: LegalEntityId) -> Self {
        self.org_legal_id = Some(id);
        self
    }

    /// Checks every component, in the order of the encoding, and builds the SHAMS.
    pub fn build(self) -> Result<Shams, IdError> {
        let missing = |field: &'static str| field_error(field, "is missing; set it on the builder");
        let letter_number = canonical_letter_number(
            self.letter_number
                .as_deref()
                .ok_or_else(|| missing("letter_number"))?,
        )?;
        let issued_at = self.issued_at.ok_or_else(|| missing("issued_at"))?;
        let guid = check_guid(self.guid.unwrap_or_else(Uuid::new_v4))?;
        let signers = self
            .signers
            .iter()
            .enumerate()
            .map(|(i, (code, post))| {
                Signer::new(*code, post).map_err(|e| match e {
                    IdError::Field {
                        kind,
                        field,
                        message,
                    } => IdError::Field {
                        kind,
                        field,
                        message: format!("signer {}: {message}", i + 1),
                    },
                    other => other,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        check_signers(&signers)?;
        let org_email = canonical_email(
            self.org_email
                .as_deref()
                .ok_or_else(|| missing("org_email"))?,
        )?;
        let org_legal_id = self.org_legal_id.ok_or_else(|| missing("org_legal_id"))?;
        Ok(Shams {
            letter_number,
            issued_at,
            guid,
            signers,
            org_email,
            org_legal_id,
        })
    }
}
