//! [`CmsSignature`]: a parsed detached SignedData with one SignerInfo, and the checks a
//! validator runs on it (RFC 5652 §5.4–5.6, EN 319 122-1).

use time::OffsetDateTime;

use super::{CmsError, Content, Level};
use crate::pki::algorithm::{DigestAlgorithm, SignatureAlgorithm};
use crate::pki::cert::Certificate;
use crate::pki::tsp::VerifiedTimestamp;

/// A parsed CMS SignedData with exactly one SignerInfo; parsing is bounded
/// ([`MAX_SIGNATURE_LEN`](super::MAX_SIGNATURE_LEN), [`MAX_ITEMS`](super::MAX_ITEMS)) and
/// never panics.
#[derive(Debug, Clone)]
pub struct CmsSignature {
    certificates: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
    ocsp_responses: Vec<Vec<u8>>,
    signature_value: Vec<u8>,
}

impl CmsSignature {
    /// Parses a DER ContentInfo holding a SignedData; trailing data is rejected.
    pub fn from_der(der: &[u8]) -> Result<CmsSignature, CmsError> {
        let _ = der;
        todo!("CMS engineer: implementing now")
    }

    /// The SignerInfo's digest algorithm.
    pub fn digest_algorithm(&self) -> Result<DigestAlgorithm, CmsError> {
        todo!()
    }

    /// The SignerInfo's signature algorithm (a bare `rsaEncryption` or `id-ecPublicKey`
    /// takes its hash from the digest algorithm, RFC 5754 §3).
    pub fn signature_algorithm(&self) -> Result<SignatureAlgorithm, CmsError> {
        todo!()
    }

    /// `SignedData.certificates` (DER, X.509 certificates only), in order.
    pub fn certificates(&self) -> &[Vec<u8>] {
        &self.certificates
    }

    /// The CRLs of `SignedData.crls` (DER `CertificateList`).
    pub fn crls(&self) -> &[Vec<u8>] {
        &self.crls
    }

    /// The OCSP responses of `SignedData.crls` (`other` with id-ri-ocsp-response, RFC 5940).
    pub fn ocsp_responses(&self) -> &[Vec<u8>] {
        &self.ocsp_responses
    }

    /// The signer's certificate, matched by the SignerInfo's `sid` among the embedded
    /// certificates and then `extra`.
    pub fn signer_certificate(&self, extra: &[Certificate]) -> Option<Certificate> {
        let _ = extra;
        todo!()
    }

    /// Checks the signing-certificate-v2 (or v1) attribute binds `cert` (ESS, RFC 5035).
    pub fn check_signing_certificate(&self, cert: &Certificate) -> Result<(), CmsError> {
        let _ = cert;
        todo!()
    }

    /// The message-digest signed attribute's value.
    pub fn message_digest(&self) -> Option<&[u8]> {
        todo!()
    }

    /// The signing-time signed attribute, when present.
    pub fn signing_time(&self) -> Option<OffsetDateTime> {
        todo!()
    }

    /// The claimed role of signer-attributes-v2, when present.
    pub fn claimed_role(&self) -> Option<String> {
        todo!()
    }

    /// Whether a signed attribute of type `oid` (dotted) is present.
    pub fn has_signed_attribute(&self, oid: &str) -> bool {
        let _ = oid;
        todo!()
    }

    /// Checks the content against the message-digest attribute ([`CmsError::DigestMismatch`]
    /// → HASH_FAILURE).
    pub fn check_message_digest(&self, content: Content<'_>) -> Result<(), CmsError> {
        let _ = content;
        todo!()
    }

    /// Verifies the signature value over the signed attributes with `signer`'s key
    /// ([`CmsError::BadSignature`] → SIG_CRYPTO_FAILURE).
    pub fn verify_signature_value(&self, signer: &Certificate) -> Result<(), CmsError> {
        let _ = signer;
        todo!()
    }

    /// The SignerInfo's signature value.
    pub fn signature_value(&self) -> &[u8] {
        &self.signature_value
    }

    /// Every signature-time-stamp, each checked against the signature value (message
    /// imprint, the token's own signature and signing certificate); the TSA's path is not
    /// validated here.
    pub fn signature_timestamps(&self) -> Vec<Result<VerifiedTimestamp, CmsError>> {
        todo!()
    }

    /// Every archive-time-stamp-v3, each with its imprint recomputed from `content` and the
    /// signature as ats-hash-index-v3 says (EN 319 122-1 §5.5.3).
    pub fn archive_timestamps(
        &self,
        content: Content<'_>,
    ) -> Vec<Result<VerifiedTimestamp, CmsError>> {
        let _ = content;
        todo!()
    }

    /// The level whose evidence is present, structurally (not validated): B-LTA with an
    /// archive time-stamp, B-LT with a time-stamp and revocation data, B-T with a
    /// signature time-stamp, else B-B.
    pub fn level(&self) -> Level {
        todo!()
    }
}
