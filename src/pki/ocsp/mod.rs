//! OCSP (RFC 6960): building requests and checking responses — status, signature,
//! responder authorization (§4.2.2.2), nonce (RFC 8954) and freshness — with the
//! RustCrypto `x509-ocsp` types.
//!
//! A delegated responder certificate must be issued by the certificate's issuer, carry
//! id-kp-OCSPSigning and be valid at the validation time; its own revocation status is not
//! checked (RFC 6960 §4.2.2.2.1 leaves that to local policy; responders usually carry
//! id-pkix-ocsp-nocheck). CertIDs use SHA-1 in requests (RFC 5019) and SHA-1 or SHA-256 in
//! responses.

use der::asn1::{AnyRef, BitStringRef, OctetString};
use der::{Decode, Encode, Sequence};
use time::OffsetDateTime;
use x509_ocsp::{
    BasicOcspResponse, CertId, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    SingleResponse, TbsRequest, Version,
};

use crate::pki::algorithm::SignatureAlgorithm;
use crate::pki::cert::Certificate;
use crate::pki::path::PathError;
use crate::pki::path::verify::Context;
use crate::pki::revocation::{CertStatus, OcspExchange, RevocationError, RevocationReason};

/// `id-pkix-ocsp-basic` (RFC 6960 §4.2.1).
const OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// `id-pkix-ocsp-nonce` (RFC 6960 §4.4.1).
const OCSP_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";
/// `id-sha1`, the CertID hash RFC 5019 requires responders to accept.
const SHA1: &str = "1.3.14.3.2.26";
/// `id-sha256`.
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
/// Responses larger than this are refused before parsing.
pub const MAX_RESPONSE_LEN: usize = 1024 * 1024;
/// Tolerated clock difference between responder and relying party for thisUpdate.
const CLOCK_SKEW: time::Duration = time::Duration::minutes(5);
/// A response without nextUpdate is accepted for this long after thisUpdate.
const MAX_AGE_WITHOUT_NEXT_UPDATE: time::Duration = time::Duration::hours(24);

/// `BasicOCSPResponse` read for its exact `tbsResponseData` bytes (what was signed).
#[derive(Sequence)]
struct SignedParts<'a> {
    tbs: AnyRef<'a>,
    algorithm: AnyRef<'a>,
    signature: BitStringRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<AnyRef<'a>>,
}

fn ocsp_err(detail: impl Into<String>) -> RevocationError {
    RevocationError::Ocsp {
        detail: detail.into(),
    }
}

fn cert_id(cert: &Certificate, issuer: &Certificate) -> Result<CertId, RevocationError> {
    let key = issuer_key_bits(issuer)?;
    let sha1 = |d: &[u8]| {
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, d)
            .as_ref()
            .to_vec()
    };
    let octets = |v: Vec<u8>| OctetString::new(v).map_err(|e| ocsp_err(e.to_string()));
    Ok(CertId {
        hash_algorithm: spki::AlgorithmIdentifierOwned {
            oid: der::asn1::ObjectIdentifier::new_unwrap(SHA1),
            parameters: Some(der::asn1::Any::null()),
        },
        issuer_name_hash: octets(sha1(cert.issuer.der()))?,
        issuer_key_hash: octets(sha1(&key))?,
        serial_number: x509_cert::serial_number::SerialNumber::new(&cert.serial)
            .map_err(|e| ocsp_err(format!("serial number: {e}")))?,
    })
}

fn issuer_key_bits(issuer: &Certificate) -> Result<Vec<u8>, RevocationError> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(issuer.public_key_info())
        .map_err(|e| ocsp_err(format!("issuer key: {e}")))?;
    Ok(spki.subject_public_key.raw_bytes().to_vec())
}

/// A DER OCSPRequest for `cert` (issued by `issuer`), with a nonce extension when `nonce`
/// is given (1 to 32 bytes, RFC 8954).
pub fn request(
    cert: &Certificate,
    issuer: &Certificate,
    nonce: Option<&[u8]>,
) -> Result<Vec<u8>, RevocationError> {
    let request_extensions = match nonce {
        Some(n) if n.is_empty() || n.len() > 32 => {
            return Err(ocsp_err(format!(
                "a nonce must be 1 to 32 bytes (RFC 8954), not {}",
                n.len()
            )));
        }
        Some(n) => {
            let value = OctetString::new(n.to_vec())
                .and_then(|o| o.to_der())
                .map_err(|e| ocsp_err(e.to_string()))?;
            Some(vec![x509_cert::ext::Extension {
                extn_id: der::asn1::ObjectIdentifier::new_unwrap(OCSP_NONCE),
                critical: false,
                extn_value: OctetString::new(value).map_err(|e| ocsp_err(e.to_string()))?,
            }])
        }
        None => None,
    };
    OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: cert_id(cert, issuer)?,
                single_request_extensions: None,
            }],
            request_extensions,
        },
        optional_signature: None,
    }
    .to_der()
    .map_err(|e| ocsp_err(e.to_string()))
}

/// Check an OCSP exchange for `cert` and return the status it proves. The outer `Err` is
/// only the work budget running out.
pub(crate) fn evaluate(
    ctx: &Context<'_, '_>,
    exchange: &OcspExchange,
    cert: &Certificate,
    issuer: &Certificate,
) -> Result<Result<CertStatus, RevocationError>, PathError> {
    let parsed = match parse(&exchange.response) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let (basic, tbs, algorithm, signature) = parsed;
    let single = match find_single(&basic, cert, issuer) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let signer_ok = authorize_signer(ctx, &basic, issuer, &tbs, algorithm, &signature)?;
    if let Err(e) = signer_ok {
        return Ok(Err(e));
    }
    Ok(check_nonce(&basic, exchange.nonce.as_deref())
        .and_then(|()| check_fresh(single, ctx.at))
        .and_then(|()| status(single, cert)))
}

type Parsed = (BasicOcspResponse, Vec<u8>, SignatureAlgorithm, Vec<u8>);

/// Parse an OCSPResponse down to its BasicOCSPResponse and the signed bytes.
pub fn parse_response(der: &[u8]) -> Result<BasicOcspResponse, RevocationError> {
    parse(der).map(|(basic, ..)| basic)
}

fn parse(der: &[u8]) -> Result<Parsed, RevocationError> {
    if der.len() > MAX_RESPONSE_LEN {
        return Err(ocsp_err(format!(
            "response of {} bytes is too large",
            der.len()
        )));
    }
    let response =
        OcspResponse::from_der(der).map_err(|e| ocsp_err(format!("malformed response: {e}")))?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(ocsp_err(format!(
            "the responder answered {:?}, not successful",
            response.response_status
        )));
    }
    let bytes = response
        .response_bytes
        .ok_or_else(|| ocsp_err("a successful response has no responseBytes"))?;
    if bytes.response_type.to_string() != OCSP_BASIC {
        return Err(ocsp_err(format!(
            "response type {} is not basic",
            bytes.response_type
        )));
    }
    let body = bytes.response.as_bytes();
    let basic = BasicOcspResponse::from_der(body)
        .map_err(|e| ocsp_err(format!("malformed BasicOCSPResponse: {e}")))?;
    let parts =
        SignedParts::from_der(body).map_err(|e| ocsp_err(format!("malformed response: {e}")))?;
    let tbs = parts.tbs.to_der().map_err(|e| ocsp_err(e.to_string()))?;
    let alg_der = parts
        .algorithm
        .to_der()
        .map_err(|e| ocsp_err(e.to_string()))?;
    let algorithm = SignatureAlgorithm::from_algorithm_identifier_der(&alg_der)
        .map_err(|e| ocsp_err(format!("response signature: {e}")))?;
    let signature = parts
        .signature
        .as_bytes()
        .ok_or_else(|| ocsp_err("the signature BIT STRING has unused bits"))?
        .to_vec();
    Ok((basic, tbs, algorithm, signature))
}

fn find_single<'r>(
    basic: &'r BasicOcspResponse,
    cert: &Certificate,
    issuer: &Certificate,
) -> Result<&'r SingleResponse, RevocationError> {
    let key = issuer_key_bits(issuer)?;
    basic
        .tbs_response_data
        .responses
        .iter()
        .find(|single| {
            let id = &single.cert_id;
            let digest: &'static ring::digest::Algorithm =
                match id.hash_algorithm.oid.to_string().as_str() {
                    SHA1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
                    SHA256 => &ring::digest::SHA256,
                    _ => return false,
                };
            id.serial_number.as_bytes() == cert.serial.as_slice()
                && id.issuer_name_hash.as_bytes()
                    == ring::digest::digest(digest, cert.issuer.der()).as_ref()
                && id.issuer_key_hash.as_bytes() == ring::digest::digest(digest, &key).as_ref()
        })
        .ok_or_else(|| {
            ocsp_err(format!(
                "the response has no status for serial {}",
                cert.serial_hex()
            ))
        })
}

/// §4.2.2.2: the CA itself, or a certificate it issued with id-kp-OCSPSigning, valid now.
fn authorize_signer(
    ctx: &Context<'_, '_>,
    basic: &BasicOcspResponse,
    issuer: &Certificate,
    tbs: &[u8],
    algorithm: SignatureAlgorithm,
    signature: &[u8],
) -> Result<Result<(), RevocationError>, PathError> {
    ctx.work.count_signature()?;
    if algorithm
        .verify(issuer.public_key_info(), tbs, signature)
        .is_ok()
    {
        return Ok(Ok(()));
    }
    let mut detail = "no certificate authorized by the issuer signed it".to_owned();
    for der in basic.certs.iter().flatten() {
        let Ok(der) = der.to_der() else { continue };
        let Ok(responder) = Certificate::from_der(&der) else {
            continue;
        };
        ctx.work.count_signature()?;
        if algorithm
            .verify(responder.public_key_info(), tbs, signature)
            .is_err()
        {
            continue;
        }
        ctx.work.count_signature()?;
        if responder.issuer != issuer.subject
            || responder
                .verify_signed_by(issuer.public_key_info())
                .is_err()
        {
            detail = "the responder certificate is not issued by the certificate's issuer".into();
            continue;
        }
        if !responder
            .extended_key_usage
            .as_ref()
            .is_some_and(|e| e.ocsp_signing)
        {
            detail = "the responder certificate lacks extendedKeyUsage id-kp-OCSPSigning".into();
            continue;
        }
        if !responder.is_valid_at(ctx.at) {
            detail = format!("the responder certificate is not valid at {}", ctx.at);
            continue;
        }
        if let Some(oid) = responder.unknown_critical_extensions.first() {
            detail = format!("the responder certificate has unknown critical extension {oid}");
            continue;
        }
        return Ok(Ok(()));
    }
    Ok(Err(ocsp_err(format!("unauthorized responder: {detail}"))))
}

fn check_nonce(basic: &BasicOcspResponse, sent: Option<&[u8]>) -> Result<(), RevocationError> {
    let Some(sent) = sent else { return Ok(()) };
    let expected = OctetString::new(sent.to_vec())
        .and_then(|o| o.to_der())
        .map_err(|e| ocsp_err(e.to_string()))?;
    let echoed = basic
        .tbs_response_data
        .response_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id.to_string() == OCSP_NONCE)
        .ok_or_else(|| ocsp_err("the response does not echo the request nonce"))?;
    if echoed.extn_value.as_bytes() != expected.as_slice() {
        return Err(ocsp_err(
            "the response nonce differs from the request's (replay?)",
        ));
    }
    Ok(())
}

fn gt(t: &x509_ocsp::OcspGeneralizedTime) -> Result<OffsetDateTime, RevocationError> {
    let secs = t.0.to_unix_duration().as_secs();
    i64::try_from(secs)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| ocsp_err("a response time is out of range"))
}

fn check_fresh(single: &SingleResponse, at: OffsetDateTime) -> Result<(), RevocationError> {
    let this_update = gt(&single.this_update)?;
    if this_update > at + CLOCK_SKEW {
        return Err(ocsp_err(format!(
            "thisUpdate {this_update} is after the validation time {at}"
        )));
    }
    let stale_after = match &single.next_update {
        Some(next) => gt(next)?,
        None => this_update + MAX_AGE_WITHOUT_NEXT_UPDATE,
    };
    if at > stale_after + CLOCK_SKEW {
        return Err(ocsp_err(format!(
            "the response is stale: good until {stale_after}, validation time {at}"
        )));
    }
    Ok(())
}

fn status(single: &SingleResponse, cert: &Certificate) -> Result<CertStatus, RevocationError> {
    match &single.cert_status {
        x509_ocsp::CertStatus::Good(_) => Ok(CertStatus::Good),
        x509_ocsp::CertStatus::Revoked(info) => Ok(CertStatus::Revoked {
            at: gt(&info.revocation_time)?,
            reason: info
                .revocation_reason
                .map(|r| RevocationReason::from_code(r as u8)),
        }),
        x509_ocsp::CertStatus::Unknown(_) => Err(RevocationError::OcspUnknown {
            serial: cert.serial_hex(),
        }),
    }
}

#[cfg(test)]
mod tests;
