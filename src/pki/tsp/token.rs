//! Reading and verifying time-stamp responses and tokens (RFC 3161 §2.4.2, RFC 5816).
//!
//! A token is a CMS `SignedData` (RFC 5652) whose content is a DER `TSTInfo`:
//!
//! ```text
//! TimeStampToken ::= ContentInfo
//!     -- contentType is id-signedData; eContentType is id-ct-TSTInfo
//! ```
//!
//! [`verify_token`] checks what the token itself can prove: one signer, the content-type
//! and message-digest signed attributes, the ESS signing-certificate (v2, RFC 5816, or v1)
//! binding the TSA certificate, the TSA's signature, the TSA certificate's critical
//! timeStamping-only EKU and validity at genTime, and the message imprint, nonce and policy
//! against the request. Whether the TSA certificate chains to a trusted root is a path
//! validation question: [`VerifiedTimestamp::certificates`] hands the chain to it.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignerIdentifier;
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{ExtendedKeyUsage, SubjectKeyIdentifier};
use x509_tsp::TstInfo;

use super::asn1::{
    EssCertIdV2, IssuerSerial, SignedData, SignerInfo, SigningCertificate, SigningCertificateV2,
    TimeStampResp,
};
use super::request::unsigned_of;
use super::{
    ID_AA_SIGNING_CERTIFICATE, ID_AA_SIGNING_CERTIFICATE_V2, ID_CONTENT_TYPE, ID_CT_TST_INFO,
    ID_KP_TIME_STAMPING, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, TimestampRequest, TspError,
};
use crate::pki::algorithm::{DigestAlgorithm, SignatureAlgorithm};
use crate::pki::path::{PathValidator, Purpose, ValidatedPath};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const ID_CE_SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// PKIStatus names, by value (RFC 3161 §2.4.2).
const STATUS_NAMES: [&str; 6] = [
    "granted",
    "grantedWithMods",
    "rejection",
    "waiting",
    "revocationWarning",
    "revocationNotification",
];
/// PKIFailureInfo bit names (RFC 3161 §2.4.2), by bit number.
const FAILURE_NAMES: [(usize, &str); 6] = [
    (0, "badAlg"),
    (2, "badRequest"),
    (5, "badDataFormat"),
    (14, "timeNotAvailable"),
    (15, "unacceptedPolicy"),
    (16, "unacceptedExtension"),
];

/// A time-stamp token that passed [`verify_token`], with what it attests.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedTimestamp {
    /// When the TSA says the hash existed (genTime).
    pub gen_time: OffsetDateTime,
    /// The TSA's serial number of this token, big-endian.
    pub serial_number: Vec<u8>,
    /// The TSA policy the token was issued under, dotted.
    pub policy: String,
    /// The hash algorithm of the message imprint.
    pub digest: DigestAlgorithm,
    /// The hash that was time-stamped.
    pub hashed_message: Vec<u8>,
    /// The nonce echoed by the TSA, big-endian.
    pub nonce: Option<Vec<u8>>,
    /// The accuracy the TSA claims, if any.
    pub accuracy: Option<time::Duration>,
    /// The TSA's certificate (DER), which signed the token.
    pub tsa_certificate: Vec<u8>,
    /// Every certificate the token carries (DER), for path validation of the TSA.
    pub certificates: Vec<Vec<u8>>,
    /// The token itself (DER `ContentInfo`), e.g. to embed as a signature time-stamp.
    pub token: Vec<u8>,
}

impl VerifiedTimestamp {
    /// Validates the TSA certificate's path (RFC 5280 §6) for [`Purpose::TimeStamping`]
    /// with `validator`, adding the token's certificates to its intermediates. The
    /// validator's time is the caller's choice: now for a fresh token, or a later proof of
    /// existence for an old one.
    pub fn validate_tsa_path(
        &self,
        validator: &PathValidator<'_>,
    ) -> Result<ValidatedPath, TspError> {
        let mut intermediates = validator.intermediates.to_vec();
        for der in &self.certificates {
            intermediates
                .push(crate::pki::cert::Certificate::from_der(der).map_err(TspError::TsaPath)?);
        }
        validator
            .intermediates(&intermediates)
            .purpose(Purpose::TimeStamping)
            .validate(&self.tsa_certificate)
            .map_err(TspError::TsaPath)
    }
}

/// Reads a DER `TimeStampResp`: returns the token when the status is granted (or granted
/// with modifications), [`TspError::Rejected`] with the TSA's reason otherwise.
pub fn parse_response(response: &[u8]) -> Result<Vec<u8>, TspError> {
    let response =
        TimeStampResp::from_der(response).map_err(|e| TspError::malformed("TimeStampResp", e))?;
    let status = response.status.status.as_bytes();
    let granted = matches!(status, [0] | [1]);
    if !granted {
        let name = match status {
            [n] => STATUS_NAMES.get(usize::from(*n)).copied(),
            _ => None,
        };
        let failure_info = response
            .status
            .fail_info
            .as_ref()
            .map(|bits| {
                bits.bits()
                    .enumerate()
                    .filter(|(_, set)| *set)
                    .map(|(bit, _)| {
                        FAILURE_NAMES
                            .iter()
                            .find(|(b, _)| *b == bit)
                            .map_or_else(|| format!("bit {bit}"), |(_, n)| (*n).to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let text = response.status.status_string.as_ref().map(|texts| {
            texts
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        });
        return Err(TspError::Rejected {
            status: name.map_or_else(|| format!("status {status:02x?}"), str::to_owned),
            text,
            failure_info,
        });
    }
    let token = response.time_stamp_token.ok_or(TspError::NoToken)?;
    token
        .to_der()
        .map_err(|e| TspError::malformed("TimeStampToken", e))
}

/// Verifies a `TimeStampResp` against the request it answers; `extra_certificates` (DER)
/// are searched for the TSA certificate when the token does not carry it.
pub fn verify_response(
    response: &[u8],
    request: &TimestampRequest,
    extra_certificates: &[Vec<u8>],
) -> Result<VerifiedTimestamp, TspError> {
    let token = parse_response(response)?;
    verify_token(&token, request, extra_certificates)
}

/// Verifies a time-stamp token (DER `ContentInfo`) for `request`'s message imprint, and
/// its nonce and policy when the request has them (module docs list every check).
pub fn verify_token(
    token: &[u8],
    request: &TimestampRequest,
    extra_certificates: &[Vec<u8>],
) -> Result<VerifiedTimestamp, TspError> {
    let content_info =
        ContentInfo::from_der(token).map_err(|e| TspError::malformed("TimeStampToken", e))?;
    expect_oid(
        "ContentInfo contentType",
        &ID_SIGNED_DATA,
        &content_info.content_type,
    )?;
    let signed_data: SignedData = content_info
        .content
        .decode_as()
        .map_err(|e| TspError::malformed("SignedData", e))?;
    let encap = &signed_data.encap_content_info;
    expect_oid("eContentType", &ID_CT_TST_INFO, &encap.econtent_type)?;
    let econtent = encap
        .econtent
        .as_ref()
        .ok_or_else(|| TspError::malformed("SignedData", "the TSTInfo content is absent"))?;
    let tst_der = econtent
        .decode_as::<OctetStringRef<'_>>()
        .map_err(|e| TspError::malformed("eContent", e))?
        .as_bytes();
    let tst = TstInfo::from_der(tst_der).map_err(|e| TspError::malformed("TSTInfo", e))?;

    let signer_infos: Vec<&SignerInfo> = signed_data.signer_infos.items.iter().collect();
    let [signer_info] = signer_infos.as_slice() else {
        return Err(TspError::SignerCount {
            found: signer_infos.len(),
        });
    };

    let mut certificates = Vec::new();
    if let Some(set) = &signed_data.certificates {
        for choice in &set.items {
            if let CertificateChoices::Certificate(cert) = choice {
                certificates.push(
                    cert.to_der()
                        .map_err(|e| TspError::malformed("Certificate", e))?,
                );
            }
        }
    }
    let (tsa_der, tsa_cert) = find_signer_certificate(
        &signer_info.sid,
        certificates.iter().chain(extra_certificates),
    )?;

    check_signed_attributes(signer_info, tst_der, &tsa_der, &tsa_cert)?;
    check_signature(signer_info, &tsa_cert)?;

    let gen_time = offset_date_time(tst.gen_time.to_unix_duration())?;
    check_tsa_certificate(&tsa_cert, gen_time)?;

    let imprint = &tst.message_imprint;
    if imprint.hash_algorithm.oid != request.digest().oid()
        || imprint.hashed_message.as_bytes() != request.hashed_message()
    {
        return Err(TspError::ImprintMismatch);
    }
    let nonce = tst.nonce.as_ref().map(unsigned_of).transpose()?;
    if let Some(sent) = request.nonce()
        && nonce.as_deref() != Some(sent)
    {
        return Err(TspError::NonceMismatch {
            sent: hex(sent),
            received: nonce.as_deref().map_or_else(|| "none".to_owned(), hex),
        });
    }
    if let Some(requested) = request.policy_oid()
        && requested != tst.policy
    {
        return Err(TspError::PolicyMismatch {
            requested: requested.to_string(),
            found: tst.policy.to_string(),
        });
    }
    let accuracy = tst.accuracy.as_ref().map(|a| {
        time::Duration::seconds(i64::try_from(a.seconds.unwrap_or(0)).unwrap_or(i64::MAX))
            + time::Duration::milliseconds(a.millis.unwrap_or(0).into())
            + time::Duration::microseconds(a.micros.unwrap_or(0).into())
    });
    Ok(VerifiedTimestamp {
        gen_time,
        serial_number: unsigned_of(&tst.serial_number)?,
        policy: tst.policy.to_string(),
        digest: request.digest(),
        hashed_message: request.hashed_message().to_vec(),
        nonce,
        accuracy,
        tsa_certificate: tsa_der,
        certificates,
        token: token.to_vec(),
    })
}

fn expect_oid(
    what: &'static str,
    expected: &ObjectIdentifier,
    found: &ObjectIdentifier,
) -> Result<(), TspError> {
    if expected == found {
        return Ok(());
    }
    Err(TspError::WrongContentType {
        what,
        expected: expected.to_string(),
        found: found.to_string(),
    })
}

fn find_signer_certificate<'a>(
    sid: &SignerIdentifier,
    candidates: impl Iterator<Item = &'a Vec<u8>>,
) -> Result<(Vec<u8>, Certificate), TspError> {
    for der in candidates {
        let Ok(cert) = Certificate::from_der(der) else {
            continue;
        };
        let tbs = &cert.tbs_certificate;
        let matches = match sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                ias.issuer == tbs.issuer && ias.serial_number == tbs.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                extension(&cert, &ID_CE_SUBJECT_KEY_IDENTIFIER)
                    .and_then(|(_, value)| SubjectKeyIdentifier::from_der(value).ok())
                    .is_some_and(|found| found == *ski)
            }
        };
        if matches {
            return Ok((der.clone(), cert));
        }
    }
    Err(TspError::TsaCertificateNotFound)
}

/// The one value of the signed attribute `oid`, DER.
fn single_attribute(
    signer_info: &SignerInfo,
    oid: &ObjectIdentifier,
    name: &'static str,
) -> Result<Option<Vec<u8>>, TspError> {
    let attributes = signer_info
        .signed_attrs
        .as_ref()
        .ok_or(TspError::MissingAttribute {
            name: "signedAttrs",
        })?;
    let mut found = attributes.items.iter().filter(|a| a.oid == *oid);
    let Some(attribute) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() || attribute.values.len() != 1 {
        return Err(TspError::MissingAttribute { name });
    }
    let value = attribute
        .values
        .iter()
        .next()
        .ok_or(TspError::MissingAttribute { name })?;
    value
        .to_der()
        .map(Some)
        .map_err(|e| TspError::malformed("attribute value", e))
}

fn check_signed_attributes(
    signer_info: &SignerInfo,
    tst_der: &[u8],
    tsa_der: &[u8],
    tsa_cert: &Certificate,
) -> Result<(), TspError> {
    let content_type = single_attribute(signer_info, &ID_CONTENT_TYPE, "content-type")?.ok_or(
        TspError::MissingAttribute {
            name: "content-type",
        },
    )?;
    let content_type = ObjectIdentifier::from_der(&content_type)
        .map_err(|e| TspError::malformed("content-type attribute", e))?;
    expect_oid("content-type attribute", &ID_CT_TST_INFO, &content_type)?;

    let digest = DigestAlgorithm::from_oid(&signer_info.digest_alg.oid).map_err(|e| {
        TspError::Algorithm {
            detail: e.to_string(),
        }
    })?;
    let message_digest = single_attribute(signer_info, &ID_MESSAGE_DIGEST, "message-digest")?
        .ok_or(TspError::MissingAttribute {
            name: "message-digest",
        })?;
    let message_digest = OctetStringRef::from_der(&message_digest)
        .map_err(|e| TspError::malformed("message-digest attribute", e))?;
    if message_digest.as_bytes() != digest.digest(tst_der).as_slice() {
        return Err(TspError::ContentDigestMismatch);
    }

    // RFC 5816 §2.2.1: ESSCertIDv2, or (RFC 3161) ESSCertID with SHA-1; one is required.
    if let Some(v2) = single_attribute(
        signer_info,
        &ID_AA_SIGNING_CERTIFICATE_V2,
        "signing-certificate-v2",
    )? {
        let v2 = SigningCertificateV2::from_der(&v2)
            .map_err(|e| TspError::malformed("SigningCertificateV2", e))?;
        let first: &EssCertIdV2 = v2
            .certs
            .first()
            .ok_or(TspError::SigningCertificateMismatch {
                detail: "it lists no certificate",
            })?;
        let hash = match &first.hash_algorithm {
            None => DigestAlgorithm::Sha256,
            Some(alg) => DigestAlgorithm::from_oid(&alg.oid).map_err(|e| TspError::Algorithm {
                detail: e.to_string(),
            })?,
        };
        if first.cert_hash.as_bytes() != hash.digest(tsa_der).as_slice() {
            return Err(TspError::SigningCertificateMismatch {
                detail: "the certificate hash differs",
            });
        }
        return check_issuer_serial(first.issuer_serial.as_ref(), tsa_cert);
    }
    if let Some(v1) = single_attribute(
        signer_info,
        &ID_AA_SIGNING_CERTIFICATE,
        "signing-certificate",
    )? {
        let v1 = SigningCertificate::from_der(&v1)
            .map_err(|e| TspError::malformed("SigningCertificate", e))?;
        let first = v1
            .certs
            .first()
            .ok_or(TspError::SigningCertificateMismatch {
                detail: "it lists no certificate",
            })?;
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, tsa_der);
        if first.cert_hash.as_bytes() != sha1.as_ref() {
            return Err(TspError::SigningCertificateMismatch {
                detail: "the certificate's SHA-1 hash differs",
            });
        }
        return check_issuer_serial(first.issuer_serial.as_ref(), tsa_cert);
    }
    Err(TspError::MissingAttribute {
        name: "signing-certificate-v2 (or signing-certificate)",
    })
}

fn check_issuer_serial(
    issuer_serial: Option<&IssuerSerial>,
    cert: &Certificate,
) -> Result<(), TspError> {
    let Some(issuer_serial) = issuer_serial else {
        return Ok(());
    };
    let tbs = &cert.tbs_certificate;
    if issuer_serial.serial_number != tbs.serial_number {
        return Err(TspError::SigningCertificateMismatch {
            detail: "the serial number differs",
        });
    }
    let issuer_named = issuer_serial
        .issuer
        .iter()
        .any(|name| matches!(name, GeneralName::DirectoryName(n) if *n == tbs.issuer));
    if !issuer_named {
        return Err(TspError::SigningCertificateMismatch {
            detail: "the issuer name differs",
        });
    }
    Ok(())
}

/// The signature algorithm of a SignerInfo. CMS lets `signatureAlgorithm` name only the key
/// type (`rsaEncryption`, `id-ecPublicKey`, RFC 5754 §3); the digest then comes from
/// `digestAlgorithm`, as OpenSSL writes it.
fn signer_algorithm(signer_info: &SignerInfo) -> Result<SignatureAlgorithm, TspError> {
    let algorithm = &signer_info.signature_algorithm;
    let unsupported = |detail: String| TspError::Algorithm { detail };
    if algorithm.oid == RSA_ENCRYPTION || algorithm.oid == EC_PUBLIC_KEY {
        let digest = DigestAlgorithm::from_oid(&signer_info.digest_alg.oid)
            .map_err(|e| unsupported(e.to_string()))?;
        let rsa = algorithm.oid == RSA_ENCRYPTION;
        return match (rsa, digest) {
            (true, DigestAlgorithm::Sha256) => Ok(SignatureAlgorithm::RsaPkcs1Sha256),
            (true, DigestAlgorithm::Sha384) => Ok(SignatureAlgorithm::RsaPkcs1Sha384),
            (true, DigestAlgorithm::Sha512) => Ok(SignatureAlgorithm::RsaPkcs1Sha512),
            (false, DigestAlgorithm::Sha256) => Ok(SignatureAlgorithm::EcdsaP256Sha256),
            (false, DigestAlgorithm::Sha384) => Ok(SignatureAlgorithm::EcdsaP384Sha384),
            (false, other) => Err(unsupported(format!(
                "ECDSA with {other:?} is not supported"
            ))),
        };
    }
    let parameters = algorithm
        .parameters
        .as_ref()
        .map(|p| p.to_der())
        .transpose()
        .map_err(|e| TspError::malformed("AlgorithmIdentifier", e))?;
    SignatureAlgorithm::from_algorithm_identifier(&algorithm.oid, parameters.as_deref())
        .map_err(|e| unsupported(e.to_string()))
}

fn check_signature(signer_info: &SignerInfo, tsa_cert: &Certificate) -> Result<(), TspError> {
    let algorithm = signer_algorithm(signer_info)?;
    let signed_attributes =
        signer_info
            .signed_attrs
            .as_ref()
            .ok_or(TspError::MissingAttribute {
                name: "signedAttrs",
            })?;
    // RFC 5652 §5.4: the signature covers the DER of the attributes with the SET OF tag.
    let message = signed_attributes
        .to_der()
        .map_err(|e| TspError::malformed("signedAttrs", e))?;
    let spki = tsa_cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| TspError::malformed("SubjectPublicKeyInfo", e))?;
    algorithm
        .verify(&spki, &message, signer_info.signature.as_bytes())
        .map_err(|e| TspError::BadSignature {
            detail: e.to_string(),
        })
}

/// RFC 3161 §2.3: the EKU extension is critical and names only id-kp-timeStamping; the
/// certificate is valid when the token was made.
fn check_tsa_certificate(cert: &Certificate, gen_time: OffsetDateTime) -> Result<(), TspError> {
    let reason = |reason: &str| TspError::TsaCertificate {
        reason: reason.to_owned(),
    };
    let (critical, value) =
        extension(cert, &ID_CE_EXT_KEY_USAGE).ok_or_else(|| reason("has no extended key usage"))?;
    if !critical {
        return Err(reason(
            "has a non-critical extended key usage (RFC 3161 §2.3)",
        ));
    }
    let eku = ExtendedKeyUsage::from_der(value)
        .map_err(|e| TspError::malformed("ExtendedKeyUsage", e))?;
    if eku.0 != [ID_KP_TIME_STAMPING] {
        return Err(reason(
            "has purposes other than, or no, id-kp-timeStamping (RFC 3161 §2.3)",
        ));
    }
    let validity = &cert.tbs_certificate.validity;
    let not_before = offset_date_time(validity.not_before.to_unix_duration())?;
    let not_after = offset_date_time(validity.not_after.to_unix_duration())?;
    if gen_time < not_before || gen_time > not_after {
        return Err(TspError::TsaCertificate {
            reason: format!("is valid {not_before} to {not_after}, not at genTime {gen_time}"),
        });
    }
    Ok(())
}

fn extension<'c>(cert: &'c Certificate, oid: &ObjectIdentifier) -> Option<(bool, &'c [u8])> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == *oid)
        .map(|e| (e.critical, e.extn_value.as_bytes()))
}

fn offset_date_time(since_epoch: std::time::Duration) -> Result<OffsetDateTime, TspError> {
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| TspError::malformed("time", "out of range"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
