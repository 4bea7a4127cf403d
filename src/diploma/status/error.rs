//! The diploma status list's error.

use time::OffsetDateTime;

/// Why a diploma status list could not be read, changed, published or trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusError {
    /// The status list document is not JSON of the expected shape.
    #[error("status list JSON, line {line} column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// The document is larger than a status list can be.
    #[error("status list document is {size} bytes; a status list is at most {max} bytes")]
    TooLarge {
        /// The size found.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// A member of the document is missing, malformed or inconsistent with another.
    #[error("status list: field {field}: {message}")]
    Field {
        /// The member, as a JSON path (`status_list.issuer`).
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The number of entries is not one a status list may have.
    #[error(
        "status list: {size} entries; use a multiple of 8 from {min} to {max} \
         (spec/status-list.md §2)"
    )]
    Size {
        /// The size asked for or found.
        size: u64,
        /// The smallest allowed size (W3C herd privacy minimum).
        min: u32,
        /// The largest allowed size.
        max: u32,
    },
    /// An encoded bitstring (base64url of gzip) does not decode to the list's size.
    #[error("status list: field {field}: {message}")]
    EncodedList {
        /// `status_list.revocation` or `status_list.suspension`.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// An index is not an entry of the list.
    #[error("status list {list}: index {index} is outside the list's {size} entries")]
    IndexOutOfRange {
        /// The list's id.
        list: String,
        /// The index asked for.
        index: u64,
        /// The number of entries.
        size: u32,
    },
    /// The diploma is revoked; revocation is final, so it cannot be suspended or reinstated.
    #[error("status list {list}: entry {index} is revoked, which is final; it cannot be {action}")]
    AlreadyRevoked {
        /// The list's id.
        list: String,
        /// The entry.
        index: u32,
        /// What was asked: `suspended` or `reinstated`.
        action: &'static str,
    },
    /// The diploma's record names a different list than the one given.
    #[error(
        "the diploma's status is in list {expected} but the list given is {found}; pass the \
         diploma's own list"
    )]
    WrongList {
        /// The list the record names.
        expected: String,
        /// The list given.
        found: String,
    },
    /// The validity window is empty or reversed.
    #[error("status list: valid_from {valid_from} is not before valid_until {valid_until}")]
    Window {
        /// Start of the window.
        valid_from: OffsetDateTime,
        /// End of the window.
        valid_until: OffsetDateTime,
    },
    /// The list is not yet valid at the validation time.
    #[error("status list {list} is valid from {valid_from}, after the validation time {at}")]
    NotYetValid {
        /// The list's id.
        list: String,
        /// Start of its validity.
        valid_from: OffsetDateTime,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// The list expired before the validation time: fetch the current list.
    #[error(
        "status list {list} expired at {valid_until}, before the validation time {at}; fetch \
         the university's current list"
    )]
    Expired {
        /// The list's id.
        list: String,
        /// End of its validity.
        valid_until: OffsetDateTime,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// The document carries no signature (a working copy, not a published list).
    #[error("status list {list} is not signed; publish it (samad status publish) before use")]
    Unsigned {
        /// The list's id.
        list: String,
    },
    /// The list's CAdES signature did not validate to TOTAL-PASSED.
    #[error("status list {list}: its signature is {indication}{}: {detail}",
        sub_indication.as_deref().map(|s| format!(" ({s})")).unwrap_or_default())]
    Signature {
        /// The list's id.
        list: String,
        /// The validation's indication (`TOTAL-FAILED`, `INDETERMINATE`).
        indication: String,
        /// Its sub-indication, when there is one.
        sub_indication: Option<String>,
        /// The first failing check, in one sentence.
        detail: String,
    },
    /// The signer's legal-entity ID is not the list's issuer.
    #[error("status list {list} is issued by {issuer} but signed by legal entity {signer}")]
    WrongSigner {
        /// The list's id.
        list: String,
        /// The issuer the list names.
        issuer: String,
        /// The legal-entity ID in the signer's certificate.
        signer: String,
    },
    /// The list could not be signed.
    #[error("status list {list}: cannot sign: {message}")]
    Sign {
        /// The list's id.
        list: String,
        /// The signing error.
        message: String,
    },
}

impl StatusError {
    /// A stable machine-readable code for the error, as reports print it.
    pub fn code(&self) -> &'static str {
        match self {
            StatusError::Json { .. } => "status-json",
            StatusError::TooLarge { .. } => "status-too-large",
            StatusError::Field { .. } => "status-field",
            StatusError::Size { .. } => "status-size",
            StatusError::EncodedList { .. } => "status-encoded-list",
            StatusError::IndexOutOfRange { .. } => "status-index",
            StatusError::AlreadyRevoked { .. } => "status-revoked",
            StatusError::WrongList { .. } => "status-wrong-list",
            StatusError::Window { .. } => "status-window",
            StatusError::NotYetValid { .. } => "status-not-yet-valid",
            StatusError::Expired { .. } => "status-expired",
            StatusError::Unsigned { .. } => "status-unsigned",
            StatusError::Signature { .. } => "status-signature",
            StatusError::WrongSigner { .. } => "status-signer",
            StatusError::Sign { .. } => "status-sign",
        }
    }
}
