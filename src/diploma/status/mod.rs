//! The diploma status list (`spec/status-list.md`): which diplomas a university has revoked
//! or suspended, in the style of W3C Bitstring Status List v1.0: two bitstrings (revocation,
//! suspension) of at least 131,072 entries, gzip-compressed and base64url-encoded in a small
//! JSON document with a validity window, signed by the university with a detached CAdES
//! signature over the list's RFC 8785 canonical form.
//!
//! Each diploma record names its entry ([`StatusEntry`]: the list's id and an index); the
//! index is the serial of the diploma number, which the crash-safe allocator never hands
//! out twice ([`StatusList::entry_for`]).
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::cms::LtSources;
//! use samad::diploma::status::{DiplomaStatus, PublishOptions, StatusList, VerifiedStatusList};
//! use samad::pki::cert::Certificate;
//! use samad::pki::demo::DemoPki;
//! use samad::pki::revocation::OfflineRevocation;
//! use samad::pki::signer::SoftwareSigner;
//! use samad::pki::trust::TrustStore;
//! use samad::pki::tsp::DemoTsa;
//! use samad::validation::ValidationContext;
//! use samad::validation::report::Level;
//! use time::Duration;
//! use time::macros::datetime;
//!
//! let now = datetime!(2025-03-20 10:00 UTC);
//! let pki = DemoPki::generate(&FixedClock::new(now))?;
//! let number = samad::DiplomaNumber::new(
//!     "10380284790".parse()?, 1403, samad::DegreeLevel::Bachelor, 42)?;
//! let mut list = StatusList::for_diplomas(number.university(), number.year(), number.level());
//! list.revoke(StatusList::entry_for(&number).index)?;
//!
//! // B-LT: the CRLs travel inside the signature, so any verifier can check it offline.
//! let trust = TrustStore::from_certificates(vec![Certificate::from_der(&pki.root_ca.certificate)?])?;
//! let mut crls = OfflineRevocation::new();
//! for crl in &pki.crls {
//!     crls = crls.with_crl_bytes(&crl.der)?;
//! }
//! let tsa = DemoTsa::from_demo_pki(&pki, FixedClock::new(now))?;
//! let official = &pki.officials[0];
//! let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain())?;
//! let mut options = PublishOptions::new(now, now + Duration::days(7));
//! options.level = Level::BLt;
//! options.timestamp = Some(&tsa);
//! options.lt = Some(LtSources { trust: &trust, intermediates: &[], revocation: &crls, at: now });
//! let published = list.publish(&signer, &options)?;
//!
//! let ctx = ValidationContext::new(&trust, now + Duration::hours(1));
//! let verified = VerifiedStatusList::verify(published.as_bytes(), &ctx)?;
//! assert_eq!(verified.status_of(&StatusList::entry_for(&number))?, DiplomaStatus::Revoked);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bitstring;
mod error;
mod list;
mod published;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use bitstring::{DEFAULT_ENTRIES, MAX_ENTRIES, MIN_ENTRIES};
pub use error::StatusError;
pub use list::{MAX_DOCUMENT_BYTES, STATUS_LIST_TYPE, StatusList};
pub use published::{PublishOptions, VerifiedStatusList};

/// A diploma's entry in a status list: the `status` member of the diploma record
/// (`spec/diploma.md` §2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    /// The list's id (a URL or URN), as in the list's `status_list.id`.
    pub list: String,
    /// The diploma's index in the list.
    pub index: u32,
}

/// What a status list says about one diploma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiplomaStatus {
    /// Neither revoked nor suspended.
    Active,
    /// Suspended: it may be reinstated.
    Suspended,
    /// Revoked, for good.
    Revoked,
}

impl DiplomaStatus {
    /// `active`, `suspended` or `revoked`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiplomaStatus::Active => "active",
            DiplomaStatus::Suspended => "suspended",
            DiplomaStatus::Revoked => "revoked",
        }
    }
}

impl std::fmt::Display for DiplomaStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
