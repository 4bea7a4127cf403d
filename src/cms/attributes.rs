//! Signed attributes (RFC 5652 §5.3, §11; RFC 5035; EN 319 122-1 §5.2): building them for
//! [`sign`](super::sign) and reading them back for [`CmsSignature`](super::CmsSignature).
//!
//! ```text
//! SignedAttributes ::= SET SIZE (1..MAX) OF Attribute
//! Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }
//! ```

use der::asn1::{
    GeneralizedTime, ObjectIdentifier, OctetString, OctetStringRef, SetOfVec, UtcTime,
    Utf8StringRef,
};
use der::{Any, Decode, Encode};
use time::OffsetDateTime;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::time::Time;

use super::asn1::{
    EssCertIdV2, ID_AA_ETS_SIGNER_ATTR_V2, ID_AA_SIGNING_CERTIFICATE_V2, ID_AT_TITLE,
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNING_TIME, IssuerSerial, RawSetOf,
    SignerAttributeV2, SigningCertificateV2,
};
use super::error::encode_err;
use super::{CmsError, MAX_ITEMS};
use crate::pki::algorithm::DigestAlgorithm;

/// Years RFC 5652 §11.3 wants as UTCTime (1950–2049); others are GeneralizedTime.
const UTC_TIME_YEARS: std::ops::RangeInclusive<i32> = 1950..=2049;

/// What goes into the signed attributes.
pub(super) struct SignedAttributesInput<'a> {
    /// The content's digest, made with the signer's digest algorithm.
    pub message_digest: &'a [u8],
    /// The signer's certificate, DER.
    pub signer_certificate: &'a [u8],
    /// The same, parsed.
    pub signer_certificate_parsed: &'a x509_cert::Certificate,
    /// `Some`: a signing-time attribute.
    pub signing_time: Option<OffsetDateTime>,
    /// `Some`: signer-attributes-v2 with this claimed role.
    pub claimed_role: Option<&'a str>,
}

/// An attribute with one value.
pub(super) fn single_valued(oid: ObjectIdentifier, value: Any) -> Result<Attribute, CmsError> {
    let values = SetOfVec::try_from(vec![value]).map_err(|e| encode_err("attribute", e))?;
    Ok(Attribute { oid, values })
}

fn any_of<T: Encode>(what: &'static str, value: &T) -> Result<Any, CmsError> {
    let der = value.to_der().map_err(|e| encode_err(what, e))?;
    Any::from_der(&der).map_err(|e| encode_err(what, e))
}

/// The DER SET OF signed attributes (sorted, as DER requires): content-type id-data,
/// message-digest, signing-certificate-v2, and signing-time and signer-attributes-v2 when
/// asked.
pub(super) fn build(input: &SignedAttributesInput<'_>) -> Result<RawSetOf<Attribute>, CmsError> {
    let mut attributes = vec![
        single_valued(ID_CONTENT_TYPE, any_of("content-type", &ID_DATA)?)?,
        single_valued(
            ID_MESSAGE_DIGEST,
            any_of(
                "message-digest",
                &OctetString::new(input.message_digest)
                    .map_err(|e| encode_err("message-digest", e))?,
            )?,
        )?,
        single_valued(
            ID_AA_SIGNING_CERTIFICATE_V2,
            any_of(
                "signing-certificate-v2",
                &signing_certificate_v2(input.signer_certificate, input.signer_certificate_parsed)?,
            )?,
        )?,
    ];
    if let Some(at) = input.signing_time {
        attributes.push(single_valued(
            ID_SIGNING_TIME,
            any_of("signing-time", &time_of(at)?)?,
        )?);
    }
    if let Some(role) = input.claimed_role {
        attributes.push(single_valued(
            ID_AA_ETS_SIGNER_ATTR_V2,
            any_of("signer-attributes-v2", &signer_attributes_v2(role)?)?,
        )?);
    }
    let set = SetOfVec::try_from(attributes).map_err(|e| encode_err("signed attributes", e))?;
    let der = set
        .to_der()
        .map_err(|e| encode_err("signed attributes", e))?;
    RawSetOf::from_der(&der).map_err(|e| encode_err("signed attributes", e))
}

/// ESSCertIDv2 with SHA-256 (the DEFAULT, so its AlgorithmIdentifier is omitted) and
/// issuerSerial (RFC 5035 §4).
fn signing_certificate_v2(
    cert_der: &[u8],
    cert: &x509_cert::Certificate,
) -> Result<SigningCertificateV2, CmsError> {
    let hash = DigestAlgorithm::Sha256.digest(cert_der);
    Ok(SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(hash).map_err(|e| encode_err("ESSCertIDv2", e))?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
        policies: None,
    })
}

/// `Time` (RFC 5652 §11.3): UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds.
fn time_of(at: OffsetDateTime) -> Result<Time, CmsError> {
    let seconds = u64::try_from(at.unix_timestamp())
        .map_err(|_| encode_err("signing-time", "before 1970"))?;
    let since_epoch = std::time::Duration::from_secs(seconds);
    if UTC_TIME_YEARS.contains(&at.year()) {
        Ok(Time::UtcTime(
            UtcTime::from_unix_duration(since_epoch).map_err(|e| encode_err("signing-time", e))?,
        ))
    } else {
        Ok(Time::GeneralTime(
            GeneralizedTime::from_unix_duration(since_epoch)
                .map_err(|e| encode_err("signing-time", e))?,
        ))
    }
}

/// signer-attributes-v2 with one claimed attribute: X.520 `title` as a UTF8String
/// (`spec/cades.md` §claimed role).
fn signer_attributes_v2(role: &str) -> Result<SignerAttributeV2, CmsError> {
    let value = Utf8StringRef::new(role).map_err(|e| encode_err("claimed role", e))?;
    Ok(SignerAttributeV2 {
        claimed_attributes: Some(vec![single_valued(
            ID_AT_TITLE,
            any_of("claimed role", &value)?,
        )?]),
        certified_attributes: None,
        signed_assertions: None,
    })
}

/// The single value of the attribute `oid` in `attributes`: `Ok(None)` when absent, an
/// error when repeated or multi-valued (RFC 5652 §11 and EN 319 122-1 §5.2 allow one).
pub(super) fn single_value<'s>(
    attributes: &'s [Attribute],
    oid: &ObjectIdentifier,
    name: &'static str,
) -> Result<Option<&'s Any>, CmsError> {
    let mut found = attributes.iter().filter(|a| a.oid == *oid);
    let Some(attribute) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() || attribute.values.len() != 1 {
        return Err(CmsError::DuplicateAttribute { name });
    }
    Ok(attribute.values.iter().next())
}

/// Checks the counts of an attribute set against [`MAX_ITEMS`].
pub(super) fn check_bounds(attributes: &[Attribute], what: &'static str) -> Result<(), CmsError> {
    if attributes.len() > MAX_ITEMS {
        return Err(CmsError::TooMany {
            what,
            count: attributes.len(),
            max: MAX_ITEMS,
        });
    }
    for attribute in attributes {
        if attribute.values.len() > MAX_ITEMS {
            return Err(CmsError::TooMany {
                what: "attribute values",
                count: attribute.values.len(),
                max: MAX_ITEMS,
            });
        }
    }
    Ok(())
}

/// The message-digest value.
pub(super) fn message_digest(attributes: &[Attribute]) -> Result<&[u8], CmsError> {
    let value = single_value(attributes, &ID_MESSAGE_DIGEST, "message-digest")?.ok_or(
        CmsError::MissingAttribute {
            name: "message-digest",
        },
    )?;
    value
        .decode_as::<OctetStringRef<'_>>()
        .map(|o| o.as_bytes())
        .map_err(|e| super::error::malformed("message-digest attribute", e))
}

/// The content-type value.
pub(super) fn content_type(attributes: &[Attribute]) -> Result<ObjectIdentifier, CmsError> {
    let value = single_value(attributes, &ID_CONTENT_TYPE, "content-type")?.ok_or(
        CmsError::MissingAttribute {
            name: "content-type",
        },
    )?;
    value
        .decode_as::<ObjectIdentifier>()
        .map_err(|e| super::error::malformed("content-type attribute", e))
}

/// The signing-time value, when present and readable.
pub(super) fn signing_time(attributes: &[Attribute]) -> Option<OffsetDateTime> {
    let value = single_value(attributes, &ID_SIGNING_TIME, "signing-time").ok()??;
    let time = Time::from_der(&value.to_der().ok()?).ok()?;
    let seconds = i64::try_from(time.to_unix_duration().as_secs()).ok()?;
    OffsetDateTime::from_unix_timestamp(seconds).ok()
}

/// The first claimed attribute of signer-attributes-v2 whose value is a string.
pub(super) fn claimed_role(attributes: &[Attribute]) -> Option<String> {
    let value = single_value(
        attributes,
        &ID_AA_ETS_SIGNER_ATTR_V2,
        "signer-attributes-v2",
    )
    .ok()??;
    let signer_attributes = value.decode_as::<SignerAttributeV2>().ok()?;
    signer_attributes
        .claimed_attributes?
        .iter()
        .flat_map(|a| a.values.iter())
        .find_map(|v| {
            v.decode_as::<Utf8StringRef<'_>>()
                .map(|s| s.as_str().to_owned())
                .ok()
                .or_else(|| {
                    v.decode_as::<der::asn1::PrintableStringRef<'_>>()
                        .map(|s| s.as_str().to_owned())
                        .ok()
                })
        })
}
