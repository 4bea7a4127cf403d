//! [`CmsSignature`]: a parsed detached SignedData with one SignerInfo, and the checks a
//! validator runs on it (RFC 5652 §5.4–5.6, EN 319 122-1).

use ::cms::content_info::ContentInfo;
use ::cms::signed_data::SignerIdentifier;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, Reader, SliceReader};
use time::OffsetDateTime;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::ext::pkix::name::GeneralName;

use super::asn1::{
    ID_AA_ETS_ARCHIVE_TIMESTAMP_V3, ID_AA_SIGNATURE_TIME_STAMP_TOKEN, ID_AA_SIGNING_CERTIFICATE,
    ID_AA_SIGNING_CERTIFICATE_V2, ID_SIGNED_DATA, IssuerSerial, SignedDataRaw, SignerInfo,
    SigningCertificate, SigningCertificateV2,
};
use super::error::malformed;
use super::signed_data::{RevocationEntry, revocation_entry};
use super::{CmsError, Content, Level, MAX_ITEMS, MAX_SIGNATURE_LEN, attributes};
use crate::pki::algorithm::{DigestAlgorithm, SignatureAlgorithm};
use crate::pki::cert::Certificate;
use crate::pki::tsp::VerifiedTimestamp;

/// `rsaEncryption`: RFC 5754 §3 lets a SignerInfo name only the key type.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey`, likewise.
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `id-ce-subjectKeyIdentifier`.
const ID_CE_SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// A parsed CMS SignedData with exactly one SignerInfo; parsing is bounded
/// ([`MAX_SIGNATURE_LEN`](super::MAX_SIGNATURE_LEN), [`MAX_ITEMS`](super::MAX_ITEMS)) and
/// never panics.
#[derive(Debug, Clone)]
pub struct CmsSignature {
    signed_data: SignedDataRaw,
    signer_info: SignerInfo,
    signer_info_der: Vec<u8>,
    signed_attributes: Vec<Attribute>,
    /// The signed attributes with the SET OF tag: what the signature value covers (§5.4).
    signed_attributes_der: Vec<u8>,
    certificate_tlvs: Vec<Vec<u8>>,
    certificates: Vec<Vec<u8>>,
    revocation_tlvs: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
    ocsp_responses: Vec<Vec<u8>>,
    unsigned_tlvs: Vec<Vec<u8>>,
    unsigned_attributes: Vec<Attribute>,
    signature_value: Vec<u8>,
}

fn too_many(what: &'static str, count: usize) -> Result<(), CmsError> {
    if count > MAX_ITEMS {
        return Err(CmsError::TooMany {
            what,
            count,
            max: MAX_ITEMS,
        });
    }
    Ok(())
}

impl CmsSignature {
    /// Parses a DER ContentInfo holding a SignedData; trailing data is rejected.
    pub fn from_der(der: &[u8]) -> Result<CmsSignature, CmsError> {
        if der.len() > MAX_SIGNATURE_LEN {
            return Err(CmsError::TooLarge {
                len: der.len(),
                max: MAX_SIGNATURE_LEN,
            });
        }
        let mut reader = SliceReader::new(der).map_err(|e| malformed("ContentInfo", e))?;
        let content_info =
            ContentInfo::decode(&mut reader).map_err(|e| malformed("ContentInfo", e))?;
        let offset = usize::try_from(reader.position()).unwrap_or(der.len());
        if !reader.is_finished() {
            return Err(CmsError::TrailingData {
                offset,
                trailing: der.len().saturating_sub(offset),
            });
        }
        if content_info.content_type != ID_SIGNED_DATA {
            return Err(CmsError::WrongContentType {
                what: "ContentInfo contentType",
                expected: ID_SIGNED_DATA.to_string(),
                found: content_info.content_type.to_string(),
            });
        }
        let signed_data: SignedDataRaw = content_info
            .content
            .decode_as()
            .map_err(|e| malformed("SignedData", e))?;
        if signed_data.encap_content_info.econtent.is_some() {
            return Err(malformed(
                "EncapsulatedContentInfo",
                "the signature carries its content; samad reads detached signatures (give the content separately)",
            ));
        }
        let signer_infos = signed_data
            .signer_infos
            .encodings()
            .map_err(|e| malformed("SignerInfos", e))?;
        let [signer_info_der] = <[Vec<u8>; 1]>::try_from(signer_infos)
            .map_err(|all| CmsError::SignerCount { found: all.len() })?;
        let signer_info =
            SignerInfo::from_der(&signer_info_der).map_err(|e| malformed("SignerInfo", e))?;

        let certificate_tlvs = match &signed_data.certificates {
            Some(set) => set
                .encodings()
                .map_err(|e| malformed("CertificateSet", e))?,
            None => Vec::new(),
        };
        too_many("certificates", certificate_tlvs.len())?;
        // Only X.509 certificates (a SEQUENCE); other CertificateChoices are kept, unused.
        let certificates = certificate_tlvs
            .iter()
            .filter(|tlv| tlv.first() == Some(&0x30))
            .cloned()
            .collect();
        let revocation_tlvs = match &signed_data.crls {
            Some(set) => set
                .encodings()
                .map_err(|e| malformed("RevocationInfoChoices", e))?,
            None => Vec::new(),
        };
        too_many("CRLs and OCSP responses", revocation_tlvs.len())?;
        let mut crls = Vec::new();
        let mut ocsp_responses = Vec::new();
        for tlv in &revocation_tlvs {
            match revocation_entry(tlv)? {
                RevocationEntry::Crl(der) => crls.push(der),
                RevocationEntry::Ocsp(der) => ocsp_responses.push(der),
                RevocationEntry::Other => {}
            }
        }

        let signed = signer_info
            .signed_attrs
            .as_ref()
            .ok_or(CmsError::MissingAttribute {
                name: "signedAttrs",
            })?;
        let signed_attributes = signed.items.clone();
        attributes::check_bounds(&signed_attributes, "signed attributes")?;
        let signed_attributes_der = signed.to_der().map_err(|e| malformed("signedAttrs", e))?;
        let (unsigned_tlvs, unsigned_attributes) = match &signer_info.unsigned_attrs {
            Some(set) => (
                super::asn1::element_tlvs(&set.raw)
                    .map_err(|e| malformed("unsignedAttrs", e))?
                    .into_iter()
                    .map(<[u8]>::to_vec)
                    .collect(),
                set.items.clone(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        attributes::check_bounds(&unsigned_attributes, "unsigned attributes")?;
        let content_type = attributes::content_type(&signed_attributes)?;
        if content_type != signed_data.encap_content_info.econtent_type {
            return Err(CmsError::WrongContentType {
                what: "content-type attribute",
                expected: signed_data.encap_content_info.econtent_type.to_string(),
                found: content_type.to_string(),
            });
        }
        attributes::message_digest(&signed_attributes)?;
        let signature_value = signer_info.signature.as_bytes().to_vec();
        Ok(CmsSignature {
            signed_data,
            signer_info,
            signer_info_der,
            signed_attributes,
            signed_attributes_der,
            certificate_tlvs,
            certificates,
            revocation_tlvs,
            crls,
            ocsp_responses,
            unsigned_tlvs,
            unsigned_attributes,
            signature_value,
        })
    }

    /// The SignerInfo's digest algorithm.
    pub fn digest_algorithm(&self) -> Result<DigestAlgorithm, CmsError> {
        DigestAlgorithm::from_oid(&self.signer_info.digest_alg.oid).map_err(|e| {
            CmsError::UnsupportedAlgorithm {
                detail: e.to_string(),
            }
        })
    }

    /// The SignerInfo's signature algorithm (a bare `rsaEncryption` or `id-ecPublicKey`
    /// takes its hash from the digest algorithm, RFC 5754 §3).
    pub fn signature_algorithm(&self) -> Result<SignatureAlgorithm, CmsError> {
        let algorithm = &self.signer_info.signature_algorithm;
        let unsupported = |detail: String| CmsError::UnsupportedAlgorithm { detail };
        if algorithm.oid == RSA_ENCRYPTION || algorithm.oid == EC_PUBLIC_KEY {
            let rsa = algorithm.oid == RSA_ENCRYPTION;
            return match (rsa, self.digest_algorithm()?) {
                (true, DigestAlgorithm::Sha256) => Ok(SignatureAlgorithm::RsaPkcs1Sha256),
                (true, DigestAlgorithm::Sha384) => Ok(SignatureAlgorithm::RsaPkcs1Sha384),
                (true, DigestAlgorithm::Sha512) => Ok(SignatureAlgorithm::RsaPkcs1Sha512),
                (false, DigestAlgorithm::Sha256) => Ok(SignatureAlgorithm::EcdsaP256Sha256),
                (false, DigestAlgorithm::Sha384) => Ok(SignatureAlgorithm::EcdsaP384Sha384),
                (false, other) => Err(unsupported(format!("ECDSA with {other} is not supported"))),
            };
        }
        let parameters = algorithm
            .parameters
            .as_ref()
            .map(|p| p.to_der())
            .transpose()
            .map_err(|e| malformed("signatureAlgorithm", e))?;
        SignatureAlgorithm::from_algorithm_identifier(&algorithm.oid, parameters.as_deref())
            .map_err(|e| unsupported(e.to_string()))
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
        let embedded = self.certificates.iter().map(Vec::as_slice);
        let given = extra.iter().map(Certificate::der);
        embedded
            .chain(given)
            .find(|der| self.sid_matches(der))
            .and_then(|der| Certificate::from_der(der).ok())
    }

    fn sid_matches(&self, der: &[u8]) -> bool {
        let Ok(cert) = x509_cert::Certificate::from_der(der) else {
            return false;
        };
        let tbs = &cert.tbs_certificate;
        match &self.signer_info.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                ias.issuer == tbs.issuer && ias.serial_number == tbs.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => tbs
                .extensions
                .iter()
                .flatten()
                .find(|e| e.extn_id == ID_CE_SUBJECT_KEY_IDENTIFIER)
                .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
                .is_some_and(|found| found == *ski),
        }
    }

    /// The SignerIdentifier, described for messages.
    pub(super) fn describe_sid(&self) -> String {
        match &self.signer_info.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => format!(
                "issuer \"{}\", serial {}",
                ias.issuer,
                hex(ias.serial_number.as_bytes())
            ),
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                format!("subject key identifier {}", hex(ski.0.as_bytes()))
            }
        }
    }

    /// Checks the signing-certificate-v2 (or v1) attribute binds `cert` (ESS, RFC 5035).
    pub fn check_signing_certificate(&self, cert: &Certificate) -> Result<(), CmsError> {
        let mismatch = |detail| CmsError::SigningCertificateMismatch { detail };
        let parsed = x509_cert::Certificate::from_der(cert.der())
            .map_err(|e| malformed("signer certificate", e))?;
        if let Some(v2) = attributes::single_value(
            &self.signed_attributes,
            &ID_AA_SIGNING_CERTIFICATE_V2,
            "signing-certificate-v2",
        )? {
            let v2: SigningCertificateV2 = v2
                .decode_as()
                .map_err(|e| malformed("signing-certificate-v2", e))?;
            let first = v2
                .certs
                .first()
                .ok_or(mismatch("it lists no certificate"))?;
            let hash = match &first.hash_algorithm {
                None => DigestAlgorithm::Sha256,
                Some(alg) => DigestAlgorithm::from_oid(&alg.oid).map_err(|e| {
                    CmsError::UnsupportedAlgorithm {
                        detail: e.to_string(),
                    }
                })?,
            };
            if first.cert_hash.as_bytes() != hash.digest(cert.der()).as_slice() {
                return Err(mismatch("the certificate hash differs"));
            }
            return check_issuer_serial(first.issuer_serial.as_ref(), &parsed);
        }
        if let Some(v1) = attributes::single_value(
            &self.signed_attributes,
            &ID_AA_SIGNING_CERTIFICATE,
            "signing-certificate",
        )? {
            let v1: SigningCertificate = v1
                .decode_as()
                .map_err(|e| malformed("signing-certificate", e))?;
            let first = v1
                .certs
                .first()
                .ok_or(mismatch("it lists no certificate"))?;
            let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cert.der());
            if first.cert_hash.as_bytes() != sha1.as_ref() {
                return Err(mismatch("the certificate's SHA-1 hash differs"));
            }
            return check_issuer_serial(first.issuer_serial.as_ref(), &parsed);
        }
        Err(CmsError::MissingAttribute {
            name: "signing-certificate-v2",
        })
    }

    /// The message-digest signed attribute's value.
    pub fn message_digest(&self) -> Option<&[u8]> {
        attributes::message_digest(&self.signed_attributes).ok()
    }

    /// The signing-time signed attribute, when present.
    pub fn signing_time(&self) -> Option<OffsetDateTime> {
        attributes::signing_time(&self.signed_attributes)
    }

    /// The claimed role of signer-attributes-v2, when present.
    pub fn claimed_role(&self) -> Option<String> {
        attributes::claimed_role(&self.signed_attributes)
    }

    /// Whether a signed attribute of type `oid` (dotted) is present.
    pub fn has_signed_attribute(&self, oid: &str) -> bool {
        let Ok(oid) = ObjectIdentifier::new(oid) else {
            return false;
        };
        self.signed_attributes.iter().any(|a| a.oid == oid)
    }

    /// Checks the content against the message-digest attribute ([`CmsError::DigestMismatch`]
    /// → HASH_FAILURE).
    pub fn check_message_digest(&self, content: Content<'_>) -> Result<(), CmsError> {
        let digest = self.digest_algorithm()?;
        let signed = attributes::message_digest(&self.signed_attributes)?;
        if content_digest(content, digest)? != signed {
            return Err(CmsError::DigestMismatch {
                algorithm: digest.to_string(),
            });
        }
        Ok(())
    }

    /// Verifies the signature value over the signed attributes with `signer`'s key
    /// ([`CmsError::BadSignature`] → SIG_CRYPTO_FAILURE).
    pub fn verify_signature_value(&self, signer: &Certificate) -> Result<(), CmsError> {
        let algorithm = self.signature_algorithm()?;
        algorithm
            .verify(
                signer.public_key_info(),
                &self.signed_attributes_der,
                &self.signature_value,
            )
            .map_err(|e| CmsError::BadSignature {
                detail: e.to_string(),
            })
    }

    /// The DER of the signed attributes, with the SET OF tag: exactly what the signature
    /// value covers (RFC 5652 §5.4).
    pub fn signed_attributes(&self) -> &[u8] {
        &self.signed_attributes_der
    }

    /// The SignerInfo's signature value.
    pub fn signature_value(&self) -> &[u8] {
        &self.signature_value
    }

    /// Every signature-time-stamp, each checked against the signature value (message
    /// imprint, the token's own signature and signing certificate); the TSA's path is not
    /// validated here.
    pub fn signature_timestamps(&self) -> Vec<Result<VerifiedTimestamp, CmsError>> {
        self.unsigned_values(&ID_AA_SIGNATURE_TIME_STAMP_TOKEN)
            .map(|token| {
                super::timestamp::verify_signature_timestamp(
                    &token?,
                    &self.signature_value,
                    &self.certificates,
                )
            })
            .collect()
    }

    /// Every archive-time-stamp-v3, each with its imprint recomputed from `content` and the
    /// signature as ats-hash-index-v3 says (EN 319 122-1 §5.5.3).
    pub fn archive_timestamps(
        &self,
        content: Content<'_>,
    ) -> Vec<Result<VerifiedTimestamp, CmsError>> {
        self.unsigned_values(&ID_AA_ETS_ARCHIVE_TIMESTAMP_V3)
            .enumerate()
            .map(|(index, token)| super::archive::verify(self, content, &token?, index + 1))
            .collect()
    }

    /// The level whose evidence is present, structurally (not validated): B-LTA with an
    /// archive time-stamp, B-LT with a time-stamp and revocation data, B-T with a
    /// signature time-stamp, else B-B.
    pub fn level(&self) -> Level {
        let has = |oid| self.unsigned_attributes.iter().any(|a| a.oid == oid);
        if has(ID_AA_ETS_ARCHIVE_TIMESTAMP_V3) {
            Level::BLta
        } else if has(ID_AA_SIGNATURE_TIME_STAMP_TOKEN) {
            if self.crls.is_empty() && self.ocsp_responses.is_empty() {
                Level::BT
            } else {
                Level::BLt
            }
        } else {
            Level::BB
        }
    }

    /// The DER of every value of the unsigned attribute `oid`, in order.
    fn unsigned_values(
        &self,
        oid: &ObjectIdentifier,
    ) -> impl Iterator<Item = Result<Vec<u8>, CmsError>> + '_ {
        let oid = *oid;
        self.unsigned_attributes
            .iter()
            .filter(move |a| a.oid == oid)
            .flat_map(|a| a.values.iter())
            .map(|v| {
                v.to_der()
                    .map_err(|e| malformed("unsigned attribute value", e))
            })
    }

    pub(super) fn signed_data(&self) -> &SignedDataRaw {
        &self.signed_data
    }

    pub(super) fn signer_info_der(&self) -> &[u8] {
        &self.signer_info_der
    }

    pub(super) fn certificate_tlvs(&self) -> &[Vec<u8>] {
        &self.certificate_tlvs
    }

    pub(super) fn revocation_tlvs(&self) -> &[Vec<u8>] {
        &self.revocation_tlvs
    }

    pub(super) fn unsigned_tlvs(&self) -> &[Vec<u8>] {
        &self.unsigned_tlvs
    }
}

/// The content's digest with `digest`: computed from data, or checked for length.
pub(super) fn content_digest(
    content: Content<'_>,
    digest: DigestAlgorithm,
) -> Result<Vec<u8>, CmsError> {
    match content {
        Content::Data(data) => Ok(digest.digest(data)),
        Content::Digest(d) if d.len() == digest.output_len() => Ok(d.to_vec()),
        Content::Digest(d) => Err(CmsError::DigestLength {
            algorithm: digest.to_string(),
            expected: digest.output_len(),
            found: d.len(),
        }),
    }
}

fn check_issuer_serial(
    issuer_serial: Option<&IssuerSerial>,
    cert: &x509_cert::Certificate,
) -> Result<(), CmsError> {
    let Some(issuer_serial) = issuer_serial else {
        return Ok(());
    };
    let tbs = &cert.tbs_certificate;
    if issuer_serial.serial_number != tbs.serial_number {
        return Err(CmsError::SigningCertificateMismatch {
            detail: "the serial number differs",
        });
    }
    let named = issuer_serial
        .issuer
        .iter()
        .any(|name| matches!(name, GeneralName::DirectoryName(n) if *n == tbs.issuer));
    if !named {
        return Err(CmsError::SigningCertificateMismatch {
            detail: "the issuer name differs",
        });
    }
    Ok(())
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
