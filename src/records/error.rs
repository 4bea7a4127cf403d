//! [`RecordsError`]: everything that can go wrong with a record's metadata, its capture,
//! its classification or its export.

use super::validate::Violation;

/// Why a records operation failed. Nothing is changed when one of these is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordsError {
    /// The metadata breaks the profile (`spec/metadata.md`); every violation is listed.
    #[error(
        "record metadata: {} violation(s), first at {}: {}; run `samad meta validate` to list them all",
        violations.len(),
        violations.first().map_or("", |v| v.path.as_str()),
        violations.first().map_or("", |v| v.message.as_str())
    )]
    Invalid {
        /// Every violation found, in document order.
        violations: Vec<Violation>,
    },
    /// The input is not JSON at all.
    #[error("record metadata: not JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// Point-of-capture metadata cannot be changed (ISO 23081-1: it is fixed when the
    /// record is captured).
    #[error(
        "record metadata: {path} was fixed at capture and cannot be changed; capture a new \
         record that supersedes this one instead"
    )]
    FixedAtCapture {
        /// JSON pointer of the field.
        path: String,
    },
    /// Process metadata changes only by appending an event.
    #[error(
        "record metadata: {path} is process metadata and changes only by an event; use \
         {method} instead"
    )]
    ChangeByEvent {
        /// JSON pointer of the field.
        path: String,
        /// The method that records the change as an event.
        method: &'static str,
    },
    /// The path names no field of the profile.
    #[error("record metadata: {path} is not a field of the profile (spec/metadata.md)")]
    UnknownField {
        /// JSON pointer given.
        path: String,
    },
    /// An event was dated before the last event in the history.
    #[error(
        "event history: a {event_type} event at {time} is earlier than the last event ({last}); \
         events are appended in time order"
    )]
    EventOutOfOrder {
        /// The event's type.
        event_type: String,
        /// The event's time (ISO 8601).
        time: String,
        /// The time of the last event in the history.
        last: String,
    },
    /// An event of this type cannot be appended directly.
    #[error("event history: a {event_type} event cannot be appended here: {reason}")]
    EventNotAllowed {
        /// The event's type.
        event_type: String,
        /// Why, and what to call instead.
        reason: &'static str,
    },
    /// Someone other than the originating agency tried to reclassify.
    #[error(
        "security classification: only the originating agency {originator} may reclassify \
         this record, not {agency}"
    )]
    NotOriginator {
        /// The agency that asked.
        agency: String,
        /// The originating agency.
        originator: String,
    },
    /// A page number outside 1..=pages was asked for.
    #[error("page marking: page {page} of {pages} does not exist; pages count from 1")]
    PageOutOfRange {
        /// The page asked for.
        page: u32,
        /// The page count.
        pages: u32,
    },
    /// A date-time is not ISO 8601 (RFC 3339) or outside the supported Jalali years.
    #[error("date-time {value:?}: {reason}")]
    BadTime {
        /// The value, cut to 40 characters.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// A capture fact is missing or malformed.
    #[error("capture: {field}: {message}")]
    BadFact {
        /// The fact's name (`title`, `class_code`, …).
        field: &'static str,
        /// What is wrong and what to give.
        message: String,
    },
    /// The format policy data file is malformed.
    #[error("format policy: line {line}: {message}")]
    Policy {
        /// 1-based line in the policy file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A value cannot be put in canonical (RFC 8785) form.
    #[error("canonical form: {message}; JSON has no NaN or infinity and object keys are strings")]
    Canonical {
        /// What the canonicalizer reported.
        message: String,
    },
    /// An export (XMP, Dublin Core JSON) could not be written.
    #[error("export: {message}")]
    Export {
        /// What the writer reported.
        message: String,
    },
    /// Reading the content failed.
    #[error("capture: reading the content failed after {offset} bytes")]
    Read {
        /// How many bytes were read before the failure.
        offset: u64,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl RecordsError {
    /// A stable, machine-readable code for the error.
    pub fn code(&self) -> &'static str {
        match self {
            RecordsError::Invalid { .. } => "invalid",
            RecordsError::Json { .. } => "json",
            RecordsError::FixedAtCapture { .. } => "fixed-at-capture",
            RecordsError::ChangeByEvent { .. } => "change-by-event",
            RecordsError::UnknownField { .. } => "unknown-field",
            RecordsError::EventOutOfOrder { .. } => "event-out-of-order",
            RecordsError::EventNotAllowed { .. } => "event-not-allowed",
            RecordsError::NotOriginator { .. } => "not-originator",
            RecordsError::PageOutOfRange { .. } => "page-out-of-range",
            RecordsError::BadTime { .. } => "bad-time",
            RecordsError::BadFact { .. } => "bad-fact",
            RecordsError::Policy { .. } => "policy",
            RecordsError::Canonical { .. } => "canonical",
            RecordsError::Export { .. } => "export",
            RecordsError::Read { .. } => "read",
        }
    }
}
