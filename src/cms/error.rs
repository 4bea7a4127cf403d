//! [`CmsError`]: everything that can go wrong making, extending or reading a CMS signature,
//! each variant mapped to the EN 319 102-1 sub-indication a validation report shows.

use crate::pki::path::PathError;
use crate::pki::signer::SignerError;
use crate::pki::tsp::TspError;
use crate::validation::report::{Level, SubIndication};

/// Why a CMS/CAdES signature could not be made, extended, parsed or checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CmsError {
    /// The input is larger than the parser accepts.
    #[error(
        "the signature is {len} bytes, more than the {max} bytes samad reads; it is not a CMS signature"
    )]
    TooLarge {
        /// The input's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A structure holds more items than the parser accepts.
    #[error("the signature has {count} {what}, more than the {max} samad reads")]
    TooMany {
        /// What was counted (`certificates`, `signed attributes`, …).
        what: &'static str,
        /// How many were found.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A structure is not valid DER of the type RFC 5652 or EN 319 122-1 defines.
    #[error("malformed {what}: {detail}")]
    Malformed {
        /// The ASN.1 type being read (`ContentInfo`, `SignerInfo`, `signing-certificate-v2`…).
        what: &'static str,
        /// The decoder's message.
        detail: String,
    },
    /// Bytes follow the ContentInfo.
    #[error(
        "{trailing} bytes follow the signature at offset {offset}; remove them (a CMS signature is one DER ContentInfo)"
    )]
    TrailingData {
        /// Where the ContentInfo ends.
        offset: usize,
        /// How many bytes follow it.
        trailing: usize,
    },
    /// The ContentInfo is not a SignedData, or a detached signature carries content.
    #[error("{what} is {found}, expected {expected}")]
    WrongContentType {
        /// Which field.
        what: &'static str,
        /// The OID expected.
        expected: String,
        /// The OID found.
        found: String,
    },
    /// The SignedData does not have exactly one SignerInfo.
    #[error(
        "the SignedData has {found} SignerInfos; samad reads signatures with exactly one signer"
    )]
    SignerCount {
        /// How many were found.
        found: usize,
    },
    /// A signed attribute the profile requires is absent.
    #[error("the signed attribute {name} is missing (RFC 5652 §5.3, EN 319 122-1 §5.2)")]
    MissingAttribute {
        /// The attribute's name.
        name: &'static str,
    },
    /// An attribute that must appear once appears several times or with several values.
    #[error("the attribute {name} must have exactly one value and appear once")]
    DuplicateAttribute {
        /// The attribute's name.
        name: &'static str,
    },
    /// A digest or signature algorithm samad does not support.
    #[error("unsupported algorithm: {detail}")]
    UnsupportedAlgorithm {
        /// What was found.
        detail: String,
    },
    /// The content's digest differs from the message-digest attribute (the content changed).
    #[error(
        "the content's {algorithm} digest differs from the signed message-digest: the content was changed after signing, or is not the signed file"
    )]
    DigestMismatch {
        /// The digest algorithm.
        algorithm: String,
    },
    /// A precomputed digest ([`Content::Digest`](super::Content::Digest)) has the wrong length.
    #[error(
        "a {algorithm} digest is {expected} bytes, got {found}: compute it with the signer's digest algorithm"
    )]
    DigestLength {
        /// The digest algorithm.
        algorithm: String,
        /// Its output length.
        expected: usize,
        /// The length given.
        found: usize,
    },
    /// The signature value does not verify with the signer's public key.
    #[error("the signature value does not verify: {detail}")]
    BadSignature {
        /// Why.
        detail: String,
    },
    /// The signer's certificate is not among those given or embedded.
    #[error(
        "the signer's certificate ({sid}) is neither in the signature nor among the given certificates; pass it with --certs"
    )]
    SignerCertificateNotFound {
        /// The SignerIdentifier, described.
        sid: String,
    },
    /// The signing-certificate(-v2) attribute does not name the signer's certificate.
    #[error("the signing-certificate attribute does not match the signer's certificate: {detail}")]
    SigningCertificateMismatch {
        /// What differs.
        detail: &'static str,
    },
    /// The signer could not sign (key, token, algorithm).
    #[error("signing failed: {source}")]
    Signer {
        /// The signer's error.
        #[source]
        source: SignerError,
    },
    /// A time-stamp could not be obtained, or a token does not verify.
    #[error("{kind} time-stamp: {source}")]
    Timestamp {
        /// `signature` or `archive`.
        kind: &'static str,
        /// The time-stamping error.
        #[source]
        source: TspError,
    },
    /// A certificate path needed for B-LT did not validate.
    #[error("validation data for \"{subject}\": {source}")]
    Path {
        /// The end-entity certificate whose path failed.
        subject: String,
        /// Why.
        #[source]
        source: PathError,
    },
    /// An option the requested level needs is missing.
    #[error("{level} needs {what}; set it in SignOptions")]
    MissingOption {
        /// The level asked for.
        level: &'static str,
        /// What is missing (`a time-stamp source`, `LT sources`).
        what: &'static str,
    },
    /// `extend` was asked for a level the signature already has or exceeds.
    #[error("the signature is already {have}; extend it to a higher level than that, not {to}")]
    NotHigher {
        /// The level the signature has.
        have: &'static str,
        /// The level asked for.
        to: &'static str,
    },
    /// An archive-time-stamp-v3 hash-index entry matches nothing in the signature now.
    #[error(
        "archive-time-stamp-v3 #{timestamp}: the {part} its ats-hash-index-v3 covers (entry {entry}) is missing or changed"
    )]
    ArchiveIndexMismatch {
        /// Which archive time-stamp (1 = first).
        timestamp: usize,
        /// `certificate`, `crl` or `unsigned attribute`.
        part: &'static str,
        /// The index entry (0-based).
        entry: usize,
    },
    /// Encoding a structure failed (lengths past the DER limits).
    #[error("cannot encode {what}: {detail}")]
    Encode {
        /// The structure.
        what: &'static str,
        /// The encoder's message.
        detail: String,
    },
}

impl CmsError {
    /// The EN 319 102-1 sub-indication a validation reports for this error.
    pub fn sub_indication(&self) -> SubIndication {
        match self {
            CmsError::DigestMismatch { .. } | CmsError::ArchiveIndexMismatch { .. } => {
                SubIndication::HashFailure
            }
            CmsError::BadSignature { .. } => SubIndication::SigCryptoFailure,
            CmsError::SignerCertificateNotFound { .. }
            | CmsError::SigningCertificateMismatch { .. } => {
                SubIndication::NoSigningCertificateFound
            }
            CmsError::UnsupportedAlgorithm { .. } => SubIndication::CryptoConstraintsFailure,
            CmsError::Timestamp { source, .. } => match source {
                TspError::ImprintMismatch | TspError::ContentDigestMismatch => {
                    SubIndication::HashFailure
                }
                TspError::BadSignature { .. } => SubIndication::SigCryptoFailure,
                TspError::TsaCertificateNotFound | TspError::SigningCertificateMismatch { .. } => {
                    SubIndication::NoSigningCertificateFound
                }
                TspError::Algorithm { .. } => SubIndication::CryptoConstraintsFailure,
                _ => SubIndication::FormatFailure,
            },
            CmsError::Path { source, .. } => match source {
                PathError::Revoked { .. } => SubIndication::Revoked,
                PathError::RevocationUnknown { .. } => SubIndication::TryLater,
                PathError::Expired { .. } | PathError::NotYetValid { .. } => {
                    SubIndication::OutOfBoundsNoPoe
                }
                PathError::UnknownIssuer { .. } | PathError::EmptyTrustStore => {
                    SubIndication::NoCertificateChainFound
                }
                _ => SubIndication::CertificateChainGeneralFailure,
            },
            CmsError::Signer { .. } => SubIndication::SigCryptoFailure,
            _ => SubIndication::FormatFailure,
        }
    }
}

pub(crate) fn malformed(what: &'static str, detail: impl std::fmt::Display) -> CmsError {
    CmsError::Malformed {
        what,
        detail: detail.to_string(),
    }
}

pub(crate) fn encode_err(what: &'static str, detail: impl std::fmt::Display) -> CmsError {
    CmsError::Encode {
        what,
        detail: detail.to_string(),
    }
}

pub(crate) fn level_name(level: Level) -> &'static str {
    level.as_str()
}
