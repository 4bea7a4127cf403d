//! Time-stamp tokens on a signature (EN 319 122-1 §5.3): the signature-time-stamp of B-T,
//! requested over the signature value, and the token plumbing the archive time-stamp
//! shares with it.
//!
//! ```text
//! SignatureTimeStampToken ::= TimeStampToken   -- over the SignerInfo's signature value
//! ```

use ::cms::content_info::ContentInfo;
use der::asn1::OctetStringRef;
use der::{Any, Decode, Encode};
use x509_tsp::TstInfo;

use super::CmsError;
use super::asn1::{ID_AA_SIGNATURE_TIME_STAMP_TOKEN, SignedDataRaw};
use super::attributes::single_valued;
use super::error::{encode_err, malformed};
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::tsp::{
    TimestampRequest, TimestampSource, VerifiedTimestamp, request_timestamp, verify_token,
};

/// Which time-stamp an error is about.
pub(super) const SIGNATURE: &str = "signature";
/// Which time-stamp an error is about.
pub(super) const ARCHIVE: &str = "archive";

/// Asks `source` for a time-stamp over `data` hashed with `digest` (certReq, a fresh
/// random nonce) and verifies the answer against the request.
pub(super) fn request(
    source: &dyn TimestampSource,
    digest: DigestAlgorithm,
    data: &[u8],
    kind: &'static str,
) -> Result<VerifiedTimestamp, CmsError> {
    let err = |source| CmsError::Timestamp { kind, source };
    let request = TimestampRequest::for_data(digest, data)
        .with_cert_req(true)
        .with_random_nonce()
        .map_err(err)?;
    request_timestamp(source, &request, &[]).map_err(err)
}

/// The hash algorithm of a token's message imprint (read from its TSTInfo).
pub(super) fn imprint_algorithm(
    token: &[u8],
    kind: &'static str,
) -> Result<DigestAlgorithm, CmsError> {
    let content_info = ContentInfo::from_der(token).map_err(|e| malformed("TimeStampToken", e))?;
    let signed: SignedDataRaw = content_info
        .content
        .decode_as()
        .map_err(|e| malformed("TimeStampToken SignedData", e))?;
    let econtent = signed
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or_else(|| malformed("TimeStampToken", "the TSTInfo content is absent"))?;
    let tst_der = econtent
        .decode_as::<OctetStringRef<'_>>()
        .map_err(|e| malformed("TimeStampToken eContent", e))?;
    let tst = TstInfo::from_der(tst_der.as_bytes()).map_err(|e| malformed("TSTInfo", e))?;
    DigestAlgorithm::from_oid(&tst.message_imprint.hash_algorithm.oid).map_err(|e| {
        CmsError::Timestamp {
            kind,
            source: crate::pki::tsp::TspError::Algorithm {
                detail: e.to_string(),
            },
        }
    })
}

/// Verifies `token` as a time-stamp over `data` (hashed with the token's own imprint
/// algorithm); `certificates` are searched for the TSA certificate when the token lacks it.
pub(super) fn verify_over(
    token: &[u8],
    data: &[u8],
    certificates: &[Vec<u8>],
    kind: &'static str,
) -> Result<VerifiedTimestamp, CmsError> {
    let digest = imprint_algorithm(token, kind)?;
    let request = TimestampRequest::for_data(digest, data);
    verify_token(token, &request, certificates)
        .map_err(|source| CmsError::Timestamp { kind, source })
}

/// A signature-time-stamp token checked against the signature value it covers.
pub(super) fn verify_signature_timestamp(
    token: &[u8],
    signature_value: &[u8],
    certificates: &[Vec<u8>],
) -> Result<VerifiedTimestamp, CmsError> {
    verify_over(token, signature_value, certificates, SIGNATURE)
}

/// The signature-time-stamp unsigned attribute holding `token`, as an Attribute TLV.
pub(super) fn signature_timestamp_attribute(token: &[u8]) -> Result<Vec<u8>, CmsError> {
    let value = Any::from_der(token).map_err(|e| malformed("TimeStampToken", e))?;
    single_valued(ID_AA_SIGNATURE_TIME_STAMP_TOKEN, value)?
        .to_der()
        .map_err(|e| encode_err("signature-time-stamp", e))
}
