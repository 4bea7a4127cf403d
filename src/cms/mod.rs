//! CMS signatures (RFC 5652 SignedData) and the CAdES baseline levels of ETSI EN 319 122-1:
//! making a detached signature ([`sign`]), raising it to a higher level without touching its
//! signed part ([`extend`]), and reading one back ([`CmsSignature`]) for validation. The
//! profile samad produces — attributes, identifiers, what each level adds, the
//! archive-time-stamp-v3 computation, limits — is specified in `spec/cades.md`.
//!
//! | module | what | standard |
//! |---|---|---|
//! | `asn1` | the CMS, ESS and CAdES ASN.1 types beyond the `cms` crate, read leniently (SETs as sent) | RFC 5652, 2634, 5035, 5940; EN 319 122-1 |
//! | `attributes` | signed attributes: content-type, message-digest, signing-certificate-v2, signing-time, signer-attributes-v2 | RFC 5652 §11, RFC 5035, EN 319 122-1 §5.2 |
//! | `signed_data` | building and re-encoding the SignedData | RFC 5652 §5 |
//! | `signature` | [`CmsSignature`]: bounded parsing and the checks a validator runs | RFC 5652 §5.4–5.6 |
//! | `timestamp` | the signature-time-stamp (B-T) | EN 319 122-1 §5.3 |
//! | `validation_data` | [`collect_validation_data`]: certificates and revocation data (B-LT) | EN 319 122-1 clause 6, RFC 5940 |
//! | `archive` | archive-time-stamp-v3 with ats-hash-index-v3 (B-LTA) | EN 319 122-1 §5.5.2–5.5.3 |
//! | `cades` | the levels: what [`sign`] and [`extend`] add | EN 319 122-1 §6 |
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::cms::{CmsSignature, Content, Level, SignOptions, sign};
//! use samad::pki::demo::DemoPki;
//! use samad::pki::signer::SoftwareSigner;
//! use time::macros::datetime;
//!
//! let pki = DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC)))?;
//! let official = &pki.officials[0];
//! let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain())?;
//!
//! let record = b"a university record";
//! let options = SignOptions::new(Level::BB).signing_time(datetime!(2025-03-20 10:05 UTC));
//! let der = sign(Content::Data(record), &signer, &options)?;
//!
//! let signature = CmsSignature::from_der(&der)?;
//! signature.check_message_digest(Content::Data(record))?;
//! let cert = signature.signer_certificate(&[]).expect("embedded");
//! signature.verify_signature_value(&cert)?;
//! assert_eq!(signature.level(), Level::BB);
//! assert!(signature.check_message_digest(Content::Data(b"changed")).is_err());
//! # Ok::<(), samad::Error>(())
//! ```

mod archive;
pub(crate) mod asn1;
mod attributes;
mod cades;
mod error;
mod signature;
mod signed_data;
#[cfg(test)]
mod tests;
mod timestamp;
mod validation_data;

use time::OffsetDateTime;

pub use crate::validation::report::Level;
pub(crate) use cades::certificate_common_name;
pub use error::CmsError;
pub use signature::CmsSignature;
pub use validation_data::collect_validation_data;

use crate::pki::cert::Certificate;
use crate::pki::revocation::RevocationSource;
use crate::pki::signer::Signer;
use crate::pki::trust::TrustStore;
use crate::pki::tsp::TimestampSource;

/// The most bytes [`CmsSignature::from_der`] reads (16 MiB).
pub const MAX_SIGNATURE_LEN: usize = 16 * 1024 * 1024;
/// The most certificates, CRLs/OCSP responses, attributes or attribute values a signature
/// may carry, each.
pub const MAX_ITEMS: usize = 64;

/// What was signed: the content itself, or its digest made with the signer's digest
/// algorithm (PAdES hashes the ByteRange itself and passes [`Content::Digest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content<'a> {
    /// The signed bytes.
    Data(&'a [u8]),
    /// Their digest, computed with the signature's digest algorithm.
    Digest(&'a [u8]),
}

/// How the SignerInfo identifies the signer's certificate (RFC 5652 §5.3 `sid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SignerIdentifierKind {
    /// `issuerAndSerialNumber` (SignerInfo version 1).
    #[default]
    IssuerAndSerial,
    /// `subjectKeyIdentifier` (SignerInfo version 3); the certificate must carry one.
    SubjectKeyIdentifier,
}

/// Certificates and revocation data (DER), each list de-duplicated, as B-LT embeds them
/// and a PDF's DSS holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationData {
    /// Certificates: every path's certificates, anchors included, and responders' and CRL
    /// issuers' certificates.
    pub certificates: Vec<Vec<u8>>,
    /// CRLs (`CertificateList`).
    pub crls: Vec<Vec<u8>>,
    /// OCSP responses (`OCSPResponse`).
    pub ocsp_responses: Vec<Vec<u8>>,
}

impl ValidationData {
    /// Adds what `other` holds that `self` does not.
    pub fn merge(&mut self, other: ValidationData) {
        for (mine, theirs) in [
            (&mut self.certificates, other.certificates),
            (&mut self.crls, other.crls),
            (&mut self.ocsp_responses, other.ocsp_responses),
        ] {
            for item in theirs {
                if !mine.contains(&item) {
                    mine.push(item);
                }
            }
        }
    }
}

/// Where B-LT finds the validation data: trust anchors, intermediates, a revocation source,
/// and the time the paths are validated at (usually now, from the caller's clock).
#[derive(Clone, Copy)]
pub struct LtSources<'a> {
    /// The trust anchors the paths must end at.
    pub trust: &'a TrustStore,
    /// Untrusted intermediates for path building.
    pub intermediates: &'a [Certificate],
    /// Where CRLs and OCSP responses come from.
    pub revocation: &'a dyn RevocationSource,
    /// The validation time.
    pub at: OffsetDateTime,
}

impl std::fmt::Debug for LtSources<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LtSources")
            .field("anchors", &self.trust.anchors().len())
            .field("intermediates", &self.intermediates.len())
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// What [`sign`] and [`extend`] produce; build with [`SignOptions::new`] and the setters.
#[derive(Clone)]
#[non_exhaustive]
pub struct SignOptions<'a> {
    /// The baseline level to reach.
    pub level: Level,
    /// `Some`: a signing-time signed attribute (CAdES). PAdES leaves it `None` (the time
    /// goes in `/M`).
    pub signing_time: Option<OffsetDateTime>,
    /// How the signer's certificate is identified.
    pub signer_identifier: SignerIdentifierKind,
    /// A claimed role, signed as signer-attributes-v2 (EN 319 122-1 §5.2.6.1).
    pub claimed_role: Option<String>,
    /// The TSA for B-T and up.
    pub timestamp: Option<&'a dyn TimestampSource>,
    /// Validation-data sources for B-LT and up.
    pub lt: Option<LtSources<'a>>,
}

impl std::fmt::Debug for SignOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignOptions")
            .field("level", &self.level)
            .field("signing_time", &self.signing_time)
            .field("signer_identifier", &self.signer_identifier)
            .field("claimed_role", &self.claimed_role)
            .field("timestamp", &self.timestamp.is_some())
            .field("lt", &self.lt)
            .finish()
    }
}

impl<'a> SignOptions<'a> {
    /// Options for `level`: no signing time, issuer-and-serial identification, no role, no
    /// time-stamp source, no validation-data sources.
    pub fn new(level: Level) -> SignOptions<'a> {
        SignOptions {
            level,
            signing_time: None,
            signer_identifier: SignerIdentifierKind::IssuerAndSerial,
            claimed_role: None,
            timestamp: None,
            lt: None,
        }
    }

    /// Adds a signing-time signed attribute with `at` (CAdES only: PAdES forbids it).
    pub fn signing_time(mut self, at: OffsetDateTime) -> SignOptions<'a> {
        self.signing_time = Some(at);
        self
    }

    /// Identifies the signer by issuer and serial or by subject key identifier.
    pub fn signer_identifier(mut self, kind: SignerIdentifierKind) -> SignOptions<'a> {
        self.signer_identifier = kind;
        self
    }

    /// Signs a claimed role (signer-attributes-v2).
    pub fn claimed_role(mut self, role: impl Into<String>) -> SignOptions<'a> {
        self.claimed_role = Some(role.into());
        self
    }

    /// The TSA for the signature and archive time-stamps (B-T and up).
    pub fn timestamp(mut self, source: &'a dyn TimestampSource) -> SignOptions<'a> {
        self.timestamp = Some(source);
        self
    }

    /// The validation-data sources (B-LT and up).
    pub fn lt(mut self, sources: LtSources<'a>) -> SignOptions<'a> {
        self.lt = Some(sources);
        self
    }
}

/// A detached CMS SignedData (DER ContentInfo) over `content`: signed attributes
/// content-type (id-data), message-digest, signing-certificate-v2 (plus signing-time and the
/// claimed role when asked), the signer's chain in `certificates`, and the unsigned evidence
/// of `options.level` (`spec/cades.md`).
pub fn sign(
    content: Content<'_>,
    signer: &dyn Signer,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    cades::sign(content, signer, options)
}

/// Raises `signature` to the level `to`, adding only unsigned attributes, certificates and
/// revocation data: the signed attributes and the signature value stay byte-identical.
pub fn extend(
    signature: &[u8],
    content: Content<'_>,
    to: Level,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    cades::extend(signature, content, to, options)
}
