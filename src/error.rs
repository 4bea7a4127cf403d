//! The crate-wide error: one variant per domain, each wrapping that domain's own enum.
//!
//! Functions return their domain's error ([`IdError`], [`CalendarError`], …); `?` lifts any of
//! them into [`Error`] for callers that mix domains.

use crate::calendar::CalendarError;
use crate::ids::{AllocatorError, IdError};
use crate::records::RecordsError;

/// Any error samad reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier (national code, legal-entity ID, SHAMS, diploma number) is invalid.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A Jalali or Gregorian date is invalid or out of range.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The serial allocator could not hand out a number.
    #[error(transparent)]
    Allocator(#[from] AllocatorError),
    /// The demo PKI could not be made or written.
    #[error(transparent)]
    DemoPki(#[from] crate::pki::demo::DemoPkiError),
    /// A signer (software key or PKCS#11 token) could not load its key or sign.
    #[error(transparent)]
    Signer(#[from] crate::pki::signer::SignerError),
    /// An RFC 3161 time-stamp could not be requested, made or verified.
    #[error(transparent)]
    Timestamp(#[from] crate::pki::tsp::TspError),
    /// A CMS/CAdES signature could not be made, extended, parsed or checked.
    #[error(transparent)]
    Cms(#[from] crate::cms::CmsError),
    /// A certificate path did not validate (RFC 5280 §6).
    #[error(transparent)]
    Path(#[from] crate::pki::path::PathError),
    /// A CRL or OCSP response could not be read or used.
    #[error(transparent)]
    Revocation(#[from] crate::pki::revocation::RevocationError),
    /// A record's metadata, capture, classification or export failed.
    #[error(transparent)]
    Records(#[from] RecordsError),
    /// A retention schedule, scheme, records list or hold is invalid, or a disposition
    /// could not be computed or was refused.
    #[error(transparent)]
    Retention(#[from] crate::retention::RetentionError),
    /// A diploma record is invalid, or a diploma could not be rendered.
    #[error(transparent)]
    Diploma(#[from] crate::diploma::DiplomaError),
    /// A batch of diplomas could not be issued.
    #[error(transparent)]
    Issue(#[from] crate::diploma::issue::IssueError),
    /// A diploma status list could not be read, changed, published or trusted.
    #[error(transparent)]
    Status(#[from] crate::diploma::status::StatusError),
    /// A PDF could not be read, updated or signed.
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
}
