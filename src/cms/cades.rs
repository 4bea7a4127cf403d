//! The CAdES baseline levels (EN 319 122-1 §6): what [`sign`](super::sign) and
//! [`extend`](super::extend) add.
//!
//! | level | adds |
//! |---|---|
//! | B-B | the signed attributes and the signer's chain ([`super::signed_data`]) |
//! | B-T | a signature-time-stamp unsigned attribute over the signature value |
//! | B-LT | the certificates and CRLs/OCSP responses that validate the signer's and the TSAs' paths, in `SignedData.certificates` and `SignedData.crls` (not as certificate-values/revocation-values attributes: those belong to EN 319 122-2's extended forms) |
//! | B-LTA | an archive-time-stamp-v3 with ats-hash-index-v3 ([`super::archive`]) |
//!
//! Each step re-encodes only the unsigned attributes, `certificates` and `crls`: the signed
//! attributes and the signature value keep their bytes.

use super::archive;
use super::asn1::RawSetOf;
use super::attributes::{self, SignedAttributesInput};
use super::error::{encode_err, level_name, malformed};
use super::signature::content_digest;
use super::signed_data::{
    new_signed_data, new_signer_info, ocsp_revocation_choice, rebuild, with_unsigned_attributes,
};
use super::timestamp::{self, SIGNATURE};
use super::{CmsError, CmsSignature, Content, Level, SignOptions, collect_validation_data};
use der::Decode;

use crate::pki::signer::Signer;
use crate::pki::tsp::TimestampSource;

pub(super) fn sign(
    content: Content<'_>,
    signer: &dyn Signer,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    check_options(options.level, options)?;
    let chain = signer.certificate_chain();
    let signer_certificate = chain
        .first()
        .ok_or_else(|| CmsError::SignerCertificateNotFound {
            sid: "the signer was set up without a certificate".to_owned(),
        })?;
    let parsed = parsed_certificate(signer_certificate)?;
    let parsed = parsed.as_ref();
    let algorithm = signer.algorithm();
    let digest = algorithm.digest();
    let message_digest = content_digest(content, digest)?;
    let signed_attrs = attributes::build(&SignedAttributesInput {
        message_digest: &message_digest,
        signer_certificate,
        signer_certificate_parsed: parsed,
        signing_time: options.signing_time,
        claimed_role: options.claimed_role.as_deref(),
    })?;
    // RFC 5652 §5.4: the signature covers the DER of the attributes with the SET OF tag.
    let to_sign = der::Encode::to_der(&signed_attrs).map_err(|e| encode_err("signedAttrs", e))?;
    let value = signer
        .sign(&to_sign)
        .map_err(|source| CmsError::Signer { source })?;
    let signer_info = new_signer_info(
        parsed,
        options.signer_identifier,
        digest,
        algorithm,
        signed_attrs,
        value,
    )?;
    let der = new_signed_data(digest, chain.to_vec(), signer_info)?;
    if options.level == Level::BB {
        return Ok(der);
    }
    raise(
        &CmsSignature::from_der(&der)?,
        content,
        options.level,
        options,
    )
}

/// How many signer certificates each thread keeps parsed (a diploma batch has three).
const PARSED_CERTIFICATES: usize = 8;

thread_local! {
    /// Signer certificates parsed by earlier signatures on this thread, newest last: a
    /// batch signs with the same few certificates thousands of times. Keyed by the whole
    /// DER, so a hit is the very same certificate.
    static PARSED: std::cell::RefCell<Vec<(Vec<u8>, std::rc::Rc<x509_cert::Certificate>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `der` parsed, from the thread's cache when this certificate signed before.
fn parsed_certificate(der: &[u8]) -> Result<std::rc::Rc<x509_cert::Certificate>, CmsError> {
    let cached = PARSED.with(|cache| {
        cache
            .try_borrow()
            .ok()
            .and_then(|c| c.iter().find(|(key, _)| key == der).map(|(_, p)| p.clone()))
    });
    if let Some(parsed) = cached {
        return Ok(parsed);
    }
    let parsed = std::rc::Rc::new(
        x509_cert::Certificate::from_der(der).map_err(|e| malformed("signer certificate", e))?,
    );
    PARSED.with(|cache| {
        if let Ok(mut cache) = cache.try_borrow_mut() {
            if cache.len() >= PARSED_CERTIFICATES {
                cache.remove(0);
            }
            cache.push((der.to_vec(), parsed.clone()));
        }
    });
    Ok(parsed)
}

/// The first common name in the subject of the certificate `der`, read from the same
/// per-thread parse as signing uses; a name in a string type other than UTF8String,
/// PrintableString, IA5String or NumericString counts as absent.
pub(crate) fn certificate_common_name(der: &[u8]) -> Option<String> {
    use der::{Tag, Tagged};
    const CN: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("2.5.4.3");
    let parsed = parsed_certificate(der).ok()?;
    let value = &parsed
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == CN)?
        .value;
    match value.tag() {
        Tag::NumericString | Tag::PrintableString | Tag::Utf8String | Tag::Ia5String => {
            std::str::from_utf8(value.value()).ok().map(str::to_owned)
        }
        _ => None,
    }
}

pub(super) fn extend(
    signature: &[u8],
    content: Content<'_>,
    to: Level,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    let parsed = CmsSignature::from_der(signature)?;
    let have = parsed.level();
    if to <= have {
        return Err(CmsError::NotHigher {
            have: level_name(have),
            to: level_name(to),
        });
    }
    check_options(to, options)?;
    // Evidence over the wrong content would be worthless: refuse before asking a TSA.
    parsed.check_message_digest(content)?;
    raise(&parsed, content, to, options)
}

fn check_options(level: Level, options: &SignOptions<'_>) -> Result<(), CmsError> {
    if level >= Level::BT && options.timestamp.is_none() {
        return Err(CmsError::MissingOption {
            level: level_name(level),
            what: "a time-stamp source (SignOptions::timestamp)",
        });
    }
    if level >= Level::BLt && options.lt.is_none() {
        return Err(CmsError::MissingOption {
            level: level_name(level),
            what: "validation-data sources (SignOptions::lt)",
        });
    }
    Ok(())
}

fn tsa<'a>(options: &SignOptions<'a>, level: Level) -> Result<&'a dyn TimestampSource, CmsError> {
    options.timestamp.ok_or(CmsError::MissingOption {
        level: level_name(level),
        what: "a time-stamp source (SignOptions::timestamp)",
    })
}

/// Adds the evidence of every level above `signature`'s up to `to`.
fn raise(
    signature: &CmsSignature,
    content: Content<'_>,
    to: Level,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    let mut current = signature.clone();
    let mut der = None;
    if current.level() < Level::BT && to >= Level::BT {
        let stamp = timestamp::request(
            tsa(options, to)?,
            current.digest_algorithm()?,
            current.signature_value(),
            SIGNATURE,
        )?;
        let mut unsigned = current.unsigned_tlvs().to_vec();
        unsigned.push(timestamp::signature_timestamp_attribute(&stamp.token)?);
        let next = replace_unsigned(&current, unsigned)?;
        current = CmsSignature::from_der(&next)?;
        der = Some(next);
    }
    if current.level() < Level::BLt && to >= Level::BLt {
        let next = add_validation_data(&current, options, to)?;
        current = CmsSignature::from_der(&next)?;
        der = Some(next);
    }
    if to == Level::BLta {
        der = Some(archive::add(&current, content, tsa(options, to)?)?);
    }
    der.ok_or(CmsError::NotHigher {
        have: level_name(current.level()),
        to: level_name(to),
    })
}

/// B-LT: the signer's and every signature-time-stamp TSA's paths with their revocation data.
fn add_validation_data(
    signature: &CmsSignature,
    options: &SignOptions<'_>,
    level: Level,
) -> Result<Vec<u8>, CmsError> {
    let sources = options.lt.as_ref().ok_or(CmsError::MissingOption {
        level: level_name(level),
        what: "validation-data sources (SignOptions::lt)",
    })?;
    let signer = signature
        .signer_certificate(sources.intermediates)
        .ok_or_else(|| CmsError::SignerCertificateNotFound {
            sid: signature.describe_sid(),
        })?;
    let mut end_entities = vec![signer.der().to_vec()];
    let mut extra = signature.certificates().to_vec();
    for stamp in signature.signature_timestamps() {
        let stamp = stamp?;
        end_entities.push(stamp.tsa_certificate.clone());
        extra.extend(stamp.certificates.iter().cloned());
    }
    let data = collect_validation_data(&end_entities, &extra, sources)?;
    let mut certificates = signature.certificate_tlvs().to_vec();
    certificates.extend(data.certificates);
    let mut crls = signature.revocation_tlvs().to_vec();
    crls.extend(data.crls);
    for response in &data.ocsp_responses {
        crls.push(ocsp_revocation_choice(response)?);
    }
    rebuild(signature.signed_data().clone(), certificates, crls)
}

/// `signature` with its unsigned attributes replaced by `unsigned` (Attribute TLVs).
pub(super) fn replace_unsigned(
    signature: &CmsSignature,
    unsigned: Vec<Vec<u8>>,
) -> Result<Vec<u8>, CmsError> {
    let signer_info = with_unsigned_attributes(signature.signer_info_der(), unsigned)?;
    let mut signed = signature.signed_data().clone();
    signed.signer_infos =
        RawSetOf::der_sorted(vec![signer_info]).map_err(|e| encode_err("SignerInfos", e))?;
    rebuild(
        signed,
        signature.certificate_tlvs().to_vec(),
        signature.revocation_tlvs().to_vec(),
    )
}
