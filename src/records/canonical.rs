//! The canonical form of metadata for hashing and signing: the JSON Canonicalization
//! Scheme, RFC 8785 (JCS) — members sorted by their UTF-16 code units, numbers written as
//! ECMAScript writes them, no insignificant white space.
//!
//! The serialization is `serde_json_canonicalizer`'s; `tests/records_jcs.rs` holds it to the
//! RFC's own test vectors (§3.2.2, §3.2.3, Appendix B) and a property test shows the form
//! does not depend on member order or white space.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Record, RecordsError};

/// The RFC 8785 canonical form of `value`. Fails for values JSON cannot hold (NaN,
/// infinities) and for map keys that are not strings.
///
/// ```
/// use samad::records::canonical_json;
///
/// let v: serde_json::Value = serde_json::from_str(r#"{ "b": 1.50, "a": [1E2, "\u20ac"] }"#).unwrap();
/// assert_eq!(canonical_json(&v)?, r#"{"a":[100,"€"],"b":1.5}"#);
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
pub fn canonical_json<T: Serialize>(value: &T) -> Result<String, RecordsError> {
    serde_json_canonicalizer::to_string(value).map_err(|e| RecordsError::Canonical {
        message: e.to_string(),
    })
}

impl Record {
    /// The record's metadata in RFC 8785 canonical form, the bytes a signature over the
    /// metadata covers.
    pub fn canonical_json(&self) -> Result<String, RecordsError> {
        canonical_json(self)
    }

    /// SHA-256 of [`Record::canonical_json`], lower-case hex: the metadata's own fixity.
    pub fn metadata_digest(&self) -> Result<String, RecordsError> {
        let canonical = self.canonical_json()?;
        Ok(hex(&Sha256::digest(canonical.as_bytes())))
    }
}

/// Lower-case hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}
