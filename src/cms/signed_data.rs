//! Building and re-encoding SignedData (RFC 5652 §5): a new signature's SignerInfo, and the
//! unsigned parts extension may change — unsigned attributes, `certificates`, `crls` —
//! written around the signed parts' original bytes.
//!
//! ```text
//! SignedData ::= SEQUENCE {
//!   version CMSVersion,
//!   digestAlgorithms DigestAlgorithmIdentifiers,
//!   encapContentInfo EncapsulatedContentInfo,
//!   certificates [0] IMPLICIT CertificateSet OPTIONAL,
//!   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
//!   signerInfos SignerInfos }
//! ```

use ::cms::cert::IssuerAndSerialNumber;
use ::cms::content_info::{CmsVersion, ContentInfo};
use ::cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{AnyRef, OctetString};
use der::{Any, Decode, Encode, Tag, TagNumber, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::SubjectKeyIdentifier;

use super::asn1::{
    ID_DATA, ID_RI_OCSP_RESPONSE, ID_SIGNED_DATA, OtherRevocationInfoFormat, RawSetOf,
    SignedDataRaw, SignerInfo, element_tlvs,
};
use super::error::{encode_err, malformed};
use super::{CmsError, SignerIdentifierKind};
use crate::pki::algorithm::{DigestAlgorithm, SignatureAlgorithm};

/// `id-ce-subjectKeyIdentifier` (RFC 5280 §4.2.1.2).
const ID_CE_SUBJECT_KEY_IDENTIFIER: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.14");

/// The tag of `unsignedAttrs` in a SignerInfo and of `other` in a RevocationInfoChoice.
const CONTEXT_1: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N1,
};

/// The SignerInfo of a new signature, without unsigned attributes (RFC 5652 §5.3):
/// version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
pub(super) fn new_signer_info(
    cert: &x509_cert::Certificate,
    kind: SignerIdentifierKind,
    digest: DigestAlgorithm,
    algorithm: SignatureAlgorithm,
    signed_attrs: RawSetOf<x509_cert::attr::Attribute>,
    signature: Vec<u8>,
) -> Result<Vec<u8>, CmsError> {
    let tbs = &cert.tbs_certificate;
    let (version, sid) = match kind {
        SignerIdentifierKind::IssuerAndSerial => (
            CmsVersion::V1,
            SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer.clone(),
                serial_number: tbs.serial_number.clone(),
            }),
        ),
        SignerIdentifierKind::SubjectKeyIdentifier => {
            let ski = tbs
                .extensions
                .iter()
                .flatten()
                .find(|e| e.extn_id == ID_CE_SUBJECT_KEY_IDENTIFIER)
                .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
                .ok_or_else(|| {
                    encode_err(
                        "subjectKeyIdentifier",
                        "the signer's certificate has none; identify the signer by issuer and serial",
                    )
                })?;
            (CmsVersion::V3, SignerIdentifier::SubjectKeyIdentifier(ski))
        }
    };
    let digest_alg = AlgorithmIdentifierOwned::from_der(&digest.algorithm_identifier_der())
        .map_err(|e| encode_err("digestAlgorithm", e))?;
    SignerInfo {
        version,
        sid,
        digest_alg,
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm.algorithm_identifier(),
        signature: OctetString::new(signature).map_err(|e| encode_err("signature", e))?,
        unsigned_attrs: None,
    }
    .to_der()
    .map_err(|e| encode_err("SignerInfo", e))
}

/// A detached SignedData for one SignerInfo, as a DER ContentInfo.
pub(super) fn new_signed_data(
    digest: DigestAlgorithm,
    certificates: Vec<Vec<u8>>,
    signer_info: Vec<u8>,
) -> Result<Vec<u8>, CmsError> {
    let digest_set = RawSetOf::from_der(
        &RawSetOf::der_sorted(vec![digest.algorithm_identifier_der()])
            .and_then(|s| s.to_der())
            .map_err(|e| encode_err("digestAlgorithms", e))?,
    )
    .map_err(|e| encode_err("digestAlgorithms", e))?;
    let signed = SignedDataRaw {
        version: CmsVersion::V1,
        digest_algorithms: digest_set,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: None,
        crls: None,
        signer_infos: RawSetOf::der_sorted(vec![signer_info])
            .map_err(|e| encode_err("signerInfos", e))?,
    };
    rebuild(signed, certificates, Vec::new())
}

/// `signed` with `certificates` and `crls` (element TLVs; empty lists are omitted) and the
/// version RFC 5652 §5.1 asks for, as a DER ContentInfo.
pub(super) fn rebuild(
    mut signed: SignedDataRaw,
    certificates: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
) -> Result<Vec<u8>, CmsError> {
    let set = |items: Vec<Vec<u8>>, what| -> Result<Option<RawSetOf<Any>>, CmsError> {
        if items.is_empty() {
            return Ok(None);
        }
        RawSetOf::der_sorted(dedup(items))
            .map(Some)
            .map_err(|e| encode_err(what, e))
    };
    let has_other_revocation = crls
        .iter()
        .any(|c| AnyRef::from_der(c).is_ok_and(|a| a.tag() == CONTEXT_1));
    signed.certificates = set(certificates, "certificates")?;
    signed.crls = set(crls, "crls")?;
    let signer_v3 = signed.signer_infos.items.iter().any(|si| {
        si.decode_as::<SignerInfo>()
            .is_ok_and(|s| s.version == CmsVersion::V3)
    });
    // §5.1: 5 with `other` revocation info; 3 with a v3 SignerInfo or a non-data content.
    signed.version = if has_other_revocation {
        CmsVersion::V5
    } else if signer_v3 || signed.encap_content_info.econtent_type != ID_DATA {
        CmsVersion::V3.max(signed.version)
    } else {
        signed.version.max(CmsVersion::V1)
    };
    let content = Any::encode_from(&signed).map_err(|e| encode_err("SignedData", e))?;
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content,
    }
    .to_der()
    .map_err(|e| encode_err("ContentInfo", e))
}

/// Drops repeated encodings, keeping the first of each.
pub(super) fn dedup(items: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The SignerInfo `signer_info` (its TLV) with its unsignedAttrs replaced by `unsigned`
/// (Attribute TLVs; none = field omitted). Every other field keeps its exact bytes.
pub(super) fn with_unsigned_attributes(
    signer_info: &[u8],
    unsigned: Vec<Vec<u8>>,
) -> Result<Vec<u8>, CmsError> {
    let outer = AnyRef::from_der(signer_info).map_err(|e| malformed("SignerInfo", e))?;
    let mut content = Vec::with_capacity(signer_info.len());
    for field in element_tlvs(outer.value()).map_err(|e| malformed("SignerInfo", e))? {
        let tag = AnyRef::from_der(field)
            .map_err(|e| malformed("SignerInfo", e))?
            .tag();
        if tag != CONTEXT_1 {
            content.extend_from_slice(field);
        }
    }
    if !unsigned.is_empty() {
        let set =
            RawSetOf::der_sorted(dedup(unsigned)).map_err(|e| encode_err("unsignedAttrs", e))?;
        let field = Any::new(CONTEXT_1, set.raw)
            .and_then(|a| a.to_der())
            .map_err(|e| encode_err("unsignedAttrs", e))?;
        content.extend_from_slice(&field);
    }
    Any::new(Tag::Sequence, content)
        .and_then(|a| a.to_der())
        .map_err(|e| encode_err("SignerInfo", e))
}

/// An OCSP response as a RevocationInfoChoice `other` (RFC 5940 §4.3), its TLV.
pub(super) fn ocsp_revocation_choice(ocsp_response: &[u8]) -> Result<Vec<u8>, CmsError> {
    let other = OtherRevocationInfoFormat {
        other_rev_info_format: ID_RI_OCSP_RESPONSE,
        other_rev_info: Any::from_der(ocsp_response).map_err(|e| malformed("OCSPResponse", e))?,
    };
    let mut value = Vec::new();
    der::EncodeValue::encode_value(&other, &mut value)
        .map_err(|e| encode_err("OtherRevocationInfoFormat", e))?;
    Any::new(CONTEXT_1, value)
        .and_then(|a| a.to_der())
        .map_err(|e| encode_err("RevocationInfoChoice", e))
}

/// What a RevocationInfoChoice TLV holds.
pub(super) enum RevocationEntry {
    /// A `CertificateList`, DER.
    Crl(Vec<u8>),
    /// An `OCSPResponse` (RFC 5940), DER.
    Ocsp(Vec<u8>),
    /// Another format, kept but not used.
    Other,
}

/// Classifies a RevocationInfoChoice TLV.
pub(super) fn revocation_entry(tlv: &[u8]) -> Result<RevocationEntry, CmsError> {
    let any = AnyRef::from_der(tlv).map_err(|e| malformed("RevocationInfoChoice", e))?;
    if any.tag() == Tag::Sequence {
        return Ok(RevocationEntry::Crl(tlv.to_vec()));
    }
    if any.tag() != CONTEXT_1 {
        return Err(malformed(
            "RevocationInfoChoice",
            format!("unexpected tag {}", any.tag()),
        ));
    }
    let mut reader = der::SliceReader::new(any.value())
        .map_err(|e| malformed("OtherRevocationInfoFormat", e))?;
    let header = der::Header::new(Tag::Sequence, any.value().len())
        .map_err(|e| malformed("OtherRevocationInfoFormat", e))?;
    let other: OtherRevocationInfoFormat = der::DecodeValue::decode_value(&mut reader, header)
        .and_then(|value| der::Reader::finish(reader, value))
        .map_err(|e| malformed("OtherRevocationInfoFormat", e))?;
    if other.other_rev_info_format != ID_RI_OCSP_RESPONSE {
        return Ok(RevocationEntry::Other);
    }
    other
        .other_rev_info
        .to_der()
        .map(RevocationEntry::Ocsp)
        .map_err(|e| malformed("OCSPResponse", e))
}
