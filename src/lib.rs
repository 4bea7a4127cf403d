//! # samad
//!
//! A library for Iran's national electronic records (SAMAD, سامانه مدیریت اسناد
//! الکترونیکی) and electronic signatures: it identifies records (SHAMS, national codes,
//! legal-entity IDs, diploma numbers), normalizes Persian text and works in the Jalali
//! calendar; describes and governs records (metadata, capture, retention and disposition);
//! holds the trust machinery (signers, path validation, revocation, time-stamps); signs and
//! verifies records (CAdES) and PDFs (PAdES) up to B-LTA with ETSI EN 319 102-1 reports; and
//! issues Persian PDF/A-3 diplomas signed by university officials and sealed by the ministry,
//! with a signed status list. The C API is the workspace crate `samad-ffi` (`ffi/`).
//!
//! ## Module map
//!
//! | module | what it holds | spec |
//! |---|---|---|
//! | [`text`] | Persian digit mapping, NFKC + ISIRI 6219 letter folding, search keys | BRIEF §3 |
//! | [`calendar`] | [`JalaliDate`] on `icu_calendar`'s Persian calendar; month, year and fiscal-year ends | `spec/calendar.md` |
//! | [`ids`] | [`NationalCode`], [`LegalEntityId`], [`Shams`], [`DiplomaNumber`], ISO 7064 checks, crash-safe serial allocation | `spec/identifiers.md`, `spec/shams.md` |
//! | [`records`] | the SAMAD essential metadata profile (ISO 23081 groups), events, capture with fixity and PRONOM format identification, security classification, RFC 8785 canonical form, XMP and Dublin Core export | `spec/metadata.md`, `spec/formats.md` |
//! | [`retention`] | classification scheme, schedule rows (CSV/JSON), holds, the disposition engine with its explanation, destruction/transfer/review, disposition lists and what-if | `spec/retention.md` |
//! | [`pki`] | signers (ring, PKCS#11), certificates, RFC 5280 path validation, CRLs and OCSP, RFC 3161 time-stamps, demo PKI | `spec/pki-path.md`, `spec/pki-demo.md` |
//! | [`diploma`] | Persian diplomas as PDF/A-3b: the diploma record and its canonical JSON, layout, shaped Persian text with subset CID fonts and ToUnicode, embedded record, QR code, empty signature fields | `spec/diploma.md` |
//! | [`diploma::issue`] | batch issuance (`samad issue`): the streamed graduates CSV with line/column errors, numbers in CSV order, parallel render + PAdES signing, the crash-safe journal and resume, the atomic manifest, demo graduates | `spec/issue.md` |
//! | [`cms`] | CMS SignedData and the CAdES baseline levels B-B to B-LTA: signing, extension, bounded parsing, signature and archive time-stamps (ATSv3), validation data | `spec/cades.md` |
//! | [`validation`] | EN 319 102-1 signature validation (basic, with time-stamps, long-term with proofs of existence), the validation report and its JSON, the algorithm policy by date | `spec/report.md` |
//! | [`pdf`] | a bounded PDF reader (xref tables and streams, object streams, revisions with byte spans, signature fields, DocMDP, DSS) and incremental updates with signature placeholders | ISO 32000-1 §7, §12.8 |
//! | [`pdf::pades`] | PAdES B-B to B-LTA: signing fields (certification DocMDP P=2, approvals), DSS, document time-stamps and renewal, the diploma's signing order; verification with ByteRange sanity and a revision-by-revision modification analysis | `spec/pades.md` |
//! | [`diploma::status`], [`diploma::verify`] | the signed diploma status list (revocation and suspension bitstrings); diploma verification: PAdES plus the embedded record, QR hash, roles and status | `spec/status-list.md`, `spec/diploma.md` §10 |
//! | [`clock`] | the injected [`clock::Clock`]; nothing reads the system time directly | |
//! | [`error`] | [`Error`], wrapping each domain's error enum | |
//!
//! ## Example
//!
//! ```
//! use samad::{JalaliDate, NationalCode};
//!
//! // Persian digits are accepted wherever a user types a number.
//! let code: NationalCode = "۰۰۷۶۲۲۹۶۴۵".parse()?;
//! assert_eq!(code.as_str(), "0076229645");
//!
//! let nowruz: JalaliDate = "1404/01/01".parse()?;
//! assert_eq!(nowruz.to_gregorian_string(), "2025-03-21");
//! assert_eq!(nowruz.format_persian_digits(), "۱۴۰۴/۰۱/۰۱");
//! # Ok::<(), samad::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod clock;
pub mod cms;
pub mod diploma;
pub mod error;
pub mod ids;
pub mod pdf;
pub mod pki;
pub mod records;
pub mod retention;
pub mod text;
pub mod validation;
mod xmp;

/// The README's example, compiled and run as a doctest so it stays true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The date-time crate samad's API uses (`time::OffsetDateTime`), re-exported so callers
/// use the same version.
pub use time;

pub use calendar::{CalendarError, JalaliDate, Weekday};
pub use cms::CmsError;
pub use diploma::DiplomaError;
pub use error::Error;
pub use ids::{
    AllocatorError, DegreeLevel, DiplomaNumber, FileSerialAllocator, IdError, IdKind,
    LegalEntityId, NationalCode, SerialAllocator, Shams,
};
pub use pdf::PdfError;
pub use records::{Record, RecordId, RecordsError};
pub use retention::RetentionError;
