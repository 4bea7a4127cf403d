//! Validation of record metadata against the profile, reporting every violation at once.

use serde::Serialize;

/// One way a record's metadata breaks the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// JSON pointer (RFC 6901) to the offending value, e.g. `/description/title`.
    pub path: String,
    /// Stable code (`spec/metadata.md` §8 lists them).
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}
