//! PAdES (ETSI EN 319 142-1): signing PDFs incrementally at the baseline levels B-B, B-T,
//! B-LT and B-LTA, and the diploma's signing order. The profile samad produces is
//! specified in `spec/pades.md`.
//!
//! | module | what | clause |
//! |---|---|---|
//! | [`sign_field`] | one signature (approval or certification) in a new revision | EN 319 142-1 §5.3, §5.4; ISO 32000-1 §12.8 |
//! | [`add_dss`] | a revision with the Document Security Store (B-LT) | EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3 |
//! | [`add_document_timestamp`], [`extend_lta`] | a document time-stamp (B-LTA) and its renewal | EN 319 142-1 §5.4.3, ISO 32000-2 §12.8.5 |
//! | [`sign_diploma`] | official-1 certifies, official-2 and the ministry seal approve, then B-LT / B-LTA | `spec/pades.md` §5 |
//!
//! Every function takes the PDF's bytes and returns them with one or more revisions
//! appended: the bytes given are never rewritten, so every earlier signature still covers
//! exactly what it covered.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::pdf::Document;
//! use samad::pdf::pades::{PadesOptions, sign_field};
//! use samad::pki::demo::DemoPki;
//! use samad::pki::signer::SoftwareSigner;
//! use samad::validation::report::Level;
//! use time::macros::datetime;
//!
//! // Any PDF will do; this one has a single empty page and no form.
//! let mut writer = pdf_writer::Pdf::new();
//! let (catalog, pages, page) = (pdf_writer::Ref::new(1), pdf_writer::Ref::new(2), pdf_writer::Ref::new(3));
//! writer.catalog(catalog).pages(pages);
//! writer.pages(pages).kids([page]).count(1);
//! writer.page(page).parent(pages).media_box(pdf_writer::Rect::new(0.0, 0.0, 595.0, 842.0));
//! let pdf = writer.finish();
//!
//! let at = datetime!(2025-03-20 10:00 UTC);
//! let pki = DemoPki::generate(&FixedClock::new(at))?;
//! let official = &pki.officials[0];
//! let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain())?;
//! let options = PadesOptions::new(Level::BB, at);
//! let signed = sign_field(&pdf, "approval", &signer, "Registrar", None, &options)?;
//!
//! assert!(signed.starts_with(&pdf)); // earlier bytes are never rewritten
//! let doc = Document::parse(&signed)?;
//! let fields = doc.signature_fields()?;
//! assert_eq!(fields.len(), 1); // the missing field was added, invisible
//! let signature = doc.signature_dictionary(fields[0].value.expect("signed"))?;
//! assert_eq!(signature.reason.as_deref(), Some("Registrar"));
//! assert_eq!(signature.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use time::OffsetDateTime;

use crate::cms::LtSources;
use crate::pki::tsp::TimestampSource;
pub use crate::validation::report::Level;

mod contents;
mod diploma;
mod doc_timestamp;
mod dss;
mod field;
mod sign;
#[cfg(test)]
mod tests;
pub mod verify;

pub use diploma::{DiplomaSigners, sign_diploma};
pub use doc_timestamp::{add_document_timestamp, extend_lta};
pub use dss::add_dss;
pub use sign::sign_field;
pub use verify::verify_pdf;

/// The DocMDP permission of a certification signature (ISO 32000-1 §12.8.2.2, Table 254):
/// only form filling and further signatures are allowed afterwards. The diploma's
/// official-1 certifies with it.
pub const DOCMDP_FORM_FILLING: u8 = 2;

/// What a PAdES signing step needs besides the signer: the level to reach, the `/M` time,
/// and the sources the higher levels draw on.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct PadesOptions<'a> {
    /// The baseline level to reach (EN 319 142-1 §6).
    pub level: Level,
    /// The claimed signing time, written as the signature dictionary's `/M`; PAdES has no
    /// signing-time attribute in the CMS (EN 319 142-1 §5.4.1).
    pub signing_time: OffsetDateTime,
    /// The time-stamp authority: the signature time-stamps of B-T and the document
    /// time-stamps of B-LTA.
    pub timestamp: Option<&'a dyn TimestampSource>,
    /// Trust anchors, intermediates and revocation data for the DSS of B-LT and B-LTA.
    pub lt: Option<LtSources<'a>>,
}

impl std::fmt::Debug for PadesOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PadesOptions")
            .field("level", &self.level)
            .field("signing_time", &self.signing_time)
            .field("timestamp", &self.timestamp.is_some())
            .field("lt", &self.lt.is_some())
            .finish()
    }
}

impl<'a> PadesOptions<'a> {
    /// Options for `level` with `/M` = `signing_time`, no time-stamp authority and no
    /// long-term sources (enough for B-B).
    pub fn new(level: Level, signing_time: OffsetDateTime) -> PadesOptions<'a> {
        PadesOptions {
            level,
            signing_time,
            timestamp: None,
            lt: None,
        }
    }

    /// The time-stamp authority for B-T (signature time-stamps) and B-LTA (document
    /// time-stamps).
    pub fn timestamp(mut self, tsa: &'a dyn TimestampSource) -> PadesOptions<'a> {
        self.timestamp = Some(tsa);
        self
    }

    /// The trust, intermediates and revocation sources the DSS of B-LT and B-LTA is
    /// collected from.
    pub fn lt(mut self, sources: LtSources<'a>) -> PadesOptions<'a> {
        self.lt = Some(sources);
        self
    }
}
