//! The archive-time-stamp-v3 of B-LTA (EN 319 122-1 §5.5.2–5.5.3) and its
//! ats-hash-index-v3.
//!
//! The time-stamp's message imprint is the hash of the concatenation of, in order:
//!
//! 1. the DER of `SignedData.encapContentInfo.eContentType`;
//! 2. the hash of the signed content (the detached data), raw octets;
//! 3. the TLVs of the SignerInfo's `version`, `sid`, `digestAlgorithm`, `signedAttrs`
//!    (with its `[0]` tag), `signatureAlgorithm` and `signature`, as they are in the file;
//! 4. the DER of the ATSHashIndexV3, which lists the hash of each `CertificateChoices` TLV of
//!    `certificates`, of each `RevocationInfoChoice` TLV of `crls`, and — for every value of
//!    every unsigned attribute present — of the attribute's `attrType` TLV followed by that
//!    value's TLV.
//!
//! One hash algorithm serves them all: the signature's digest algorithm (so a caller holding
//! only the content's digest, [`Content::Digest`], can extend). The index travels as the
//! unsigned attribute ats-hash-index-v3 of the time-stamp token's own SignerInfo, which the
//! TSA's signature does not cover. Verification checks that every hash the index lists is
//! still present — a changed certificate, CRL or earlier unsigned attribute no longer is —
//! and recomputes the imprint.

use ::cms::content_info::ContentInfo;
use der::asn1::{AnyRef, OctetString};
use der::{Any, Decode, Encode, Tag, TagNumber, Tagged};

use super::asn1::{
    AtsHashIndexV3, ID_AA_ATS_HASH_INDEX_V3, ID_AA_ETS_ARCHIVE_TIMESTAMP_V3, RawSetOf,
    SignedDataRaw, SignerInfo, element_tlvs,
};
use super::attributes::{single_value, single_valued};
use super::error::{encode_err, malformed};
use super::signature::content_digest;
use super::signed_data::with_unsigned_attributes;
use super::timestamp::{self, ARCHIVE};
use super::{CmsError, CmsSignature, Content};
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::tsp::{TimestampSource, VerifiedTimestamp};

/// A part of the signature the index covers: its name, the listed hashes, those present.
type Coverage<'i> = (&'static str, &'i [OctetString], Vec<Vec<u8>>);

const CONTEXT_1: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N1,
};

/// Hashes of each unsigned attribute value: `attrType` TLV ‖ value TLV (§5.5.2).
fn unsigned_attribute_hashes(
    signature: &CmsSignature,
    digest: DigestAlgorithm,
) -> Result<Vec<Vec<u8>>, CmsError> {
    let mut out = Vec::new();
    for attribute in signature.unsigned_tlvs() {
        let outer = AnyRef::from_der(attribute).map_err(|e| malformed("unsigned attribute", e))?;
        let fields = element_tlvs(outer.value()).map_err(|e| malformed("unsigned attribute", e))?;
        let [attr_type, values] = fields.as_slice() else {
            return Err(malformed(
                "unsigned attribute",
                "not a type and a SET of values",
            ));
        };
        let values = AnyRef::from_der(values).map_err(|e| malformed("attrValues", e))?;
        for value in element_tlvs(values.value()).map_err(|e| malformed("attrValues", e))? {
            out.push(digest.digest(&[*attr_type, value].concat()));
        }
    }
    Ok(out)
}

/// The ATSHashIndexV3 of the signature as it is now.
fn hash_index(
    signature: &CmsSignature,
    digest: DigestAlgorithm,
) -> Result<AtsHashIndexV3, CmsError> {
    let octets = |hashes: Vec<Vec<u8>>| {
        hashes
            .into_iter()
            .map(|h| OctetString::new(h).map_err(|e| encode_err("ATSHashIndexV3", e)))
            .collect::<Result<Vec<_>, _>>()
    };
    let hash_all = |tlvs: &[Vec<u8>]| tlvs.iter().map(|t| digest.digest(t)).collect::<Vec<_>>();
    let hash_ind_algorithm = match digest {
        // DEFAULT {algorithm id-sha256}: DER omits it.
        DigestAlgorithm::Sha256 => None,
        other => Some(
            spki::AlgorithmIdentifierOwned::from_der(&other.algorithm_identifier_der())
                .map_err(|e| encode_err("hashIndAlgorithm", e))?,
        ),
    };
    Ok(AtsHashIndexV3 {
        hash_ind_algorithm,
        certificates_hash_index: octets(hash_all(signature.certificate_tlvs()))?,
        crls_hash_index: octets(hash_all(signature.revocation_tlvs()))?,
        unsigned_attrs_hash_index: octets(unsigned_attribute_hashes(signature, digest)?)?,
    })
}

/// The octets whose hash is the archive time-stamp's message imprint (module docs).
fn imprint_input(
    signature: &CmsSignature,
    content_hash: &[u8],
    index_der: &[u8],
) -> Result<Vec<u8>, CmsError> {
    let mut input = signature
        .signed_data()
        .encap_content_info
        .econtent_type
        .to_der()
        .map_err(|e| encode_err("eContentType", e))?;
    input.extend_from_slice(content_hash);
    let signer_info =
        AnyRef::from_der(signature.signer_info_der()).map_err(|e| malformed("SignerInfo", e))?;
    for field in element_tlvs(signer_info.value()).map_err(|e| malformed("SignerInfo", e))? {
        let tag = AnyRef::from_der(field)
            .map_err(|e| malformed("SignerInfo", e))?
            .tag();
        if tag != CONTEXT_1 {
            input.extend_from_slice(field);
        }
    }
    input.extend_from_slice(index_der);
    Ok(input)
}

/// Adds an archive-time-stamp-v3 from `source`; returns the new signature (DER).
pub(super) fn add(
    signature: &CmsSignature,
    content: Content<'_>,
    source: &dyn TimestampSource,
) -> Result<Vec<u8>, CmsError> {
    let digest = signature.digest_algorithm()?;
    let content_hash = content_digest(content, digest)?;
    let index_der = hash_index(signature, digest)?
        .to_der()
        .map_err(|e| encode_err("ATSHashIndexV3", e))?;
    let input = imprint_input(signature, &content_hash, &index_der)?;
    let stamp = timestamp::request(source, digest, &input, ARCHIVE)?;
    let token = with_hash_index(&stamp.token, &index_der)?;
    let attribute = single_valued(
        ID_AA_ETS_ARCHIVE_TIMESTAMP_V3,
        Any::from_der(&token).map_err(|e| malformed("TimeStampToken", e))?,
    )?
    .to_der()
    .map_err(|e| encode_err("archive-time-stamp-v3", e))?;
    let mut unsigned = signature.unsigned_tlvs().to_vec();
    unsigned.push(attribute);
    super::cades::replace_unsigned(signature, unsigned)
}

/// `token` with the ats-hash-index-v3 attribute added to its SignerInfo's unsigned
/// attributes (outside what the TSA signed).
fn with_hash_index(token: &[u8], index_der: &[u8]) -> Result<Vec<u8>, CmsError> {
    let content_info = ContentInfo::from_der(token).map_err(|e| malformed("TimeStampToken", e))?;
    let mut signed: SignedDataRaw = content_info
        .content
        .decode_as()
        .map_err(|e| malformed("TimeStampToken SignedData", e))?;
    let signer_infos = signed
        .signer_infos
        .encodings()
        .map_err(|e| malformed("TimeStampToken SignerInfos", e))?;
    let [signer_info] = signer_infos.as_slice() else {
        return Err(CmsError::SignerCount {
            found: signer_infos.len(),
        });
    };
    let parsed = SignerInfo::from_der(signer_info).map_err(|e| malformed("SignerInfo", e))?;
    let mut unsigned: Vec<Vec<u8>> = match &parsed.unsigned_attrs {
        Some(set) => element_tlvs(&set.raw)
            .map_err(|e| malformed("unsignedAttrs", e))?
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect(),
        None => Vec::new(),
    };
    let index = single_valued(
        ID_AA_ATS_HASH_INDEX_V3,
        Any::from_der(index_der).map_err(|e| encode_err("ats-hash-index-v3", e))?,
    )?
    .to_der()
    .map_err(|e| encode_err("ats-hash-index-v3", e))?;
    unsigned.push(index);
    let new_signer_info = with_unsigned_attributes(signer_info, unsigned)?;
    signed.signer_infos =
        RawSetOf::der_sorted(vec![new_signer_info]).map_err(|e| encode_err("SignerInfos", e))?;
    ContentInfo {
        content_type: content_info.content_type,
        content: Any::encode_from(&signed).map_err(|e| encode_err("TimeStampToken", e))?,
    }
    .to_der()
    .map_err(|e| encode_err("TimeStampToken", e))
}

/// Verifies the `number`th archive-time-stamp-v3 `token` of `signature` over `content`.
pub(super) fn verify(
    signature: &CmsSignature,
    content: Content<'_>,
    token: &[u8],
    number: usize,
) -> Result<VerifiedTimestamp, CmsError> {
    let content_info = ContentInfo::from_der(token).map_err(|e| malformed("TimeStampToken", e))?;
    let signed: SignedDataRaw = content_info
        .content
        .decode_as()
        .map_err(|e| malformed("TimeStampToken SignedData", e))?;
    let signer_infos = signed
        .signer_infos
        .encodings()
        .map_err(|e| malformed("TimeStampToken SignerInfos", e))?;
    let [signer_info] = signer_infos.as_slice() else {
        return Err(CmsError::SignerCount {
            found: signer_infos.len(),
        });
    };
    let parsed = SignerInfo::from_der(signer_info).map_err(|e| malformed("SignerInfo", e))?;
    let unsigned = parsed
        .unsigned_attrs
        .map(|set| set.items)
        .unwrap_or_default();
    let index_value = single_value(&unsigned, &ID_AA_ATS_HASH_INDEX_V3, "ats-hash-index-v3")?
        .ok_or(CmsError::MissingAttribute {
            name: "ats-hash-index-v3",
        })?;
    let index_der = index_value
        .to_der()
        .map_err(|e| malformed("ats-hash-index-v3", e))?;
    let index = AtsHashIndexV3::parse(&index_der).map_err(|e| malformed("ATSHashIndexV3", e))?;
    let index_digest = match &index.hash_ind_algorithm {
        None => DigestAlgorithm::Sha256,
        Some(alg) => {
            DigestAlgorithm::from_oid(&alg.oid).map_err(|e| CmsError::UnsupportedAlgorithm {
                detail: e.to_string(),
            })?
        }
    };
    let hash_all = |tlvs: &[Vec<u8>]| {
        tlvs.iter()
            .map(|t| index_digest.digest(t))
            .collect::<Vec<_>>()
    };
    let parts: [Coverage<'_>; 3] = [
        (
            "certificate",
            &index.certificates_hash_index,
            hash_all(signature.certificate_tlvs()),
        ),
        (
            "crl",
            &index.crls_hash_index,
            hash_all(signature.revocation_tlvs()),
        ),
        (
            "unsigned attribute",
            &index.unsigned_attrs_hash_index,
            unsigned_attribute_hashes(signature, index_digest)?,
        ),
    ];
    for (part, listed, mut present) in parts {
        for (entry, hash) in listed.iter().enumerate() {
            match present.iter().position(|p| p.as_slice() == hash.as_bytes()) {
                Some(at) => {
                    present.swap_remove(at);
                }
                None => {
                    return Err(CmsError::ArchiveIndexMismatch {
                        timestamp: number,
                        part,
                        entry,
                    });
                }
            }
        }
    }
    let imprint_digest = timestamp::imprint_algorithm(token, ARCHIVE)?;
    let content_hash = content_digest(content, imprint_digest)?;
    let input = imprint_input(signature, &content_hash, &index_der)?;
    timestamp::verify_over(token, &input, signature.certificates(), ARCHIVE)
}
