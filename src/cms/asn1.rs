//! The ASN.1 types CMS signatures need beyond the `cms` and `x509-cert` crates, shared with
//! `pki::tsp` (a time-stamp token is a SignedData too):
//!
//! * [`RawSetOf`]: a SET OF read as the sender wrote it (order, duplicates, exact bytes) —
//!   RFC 5652 §5.4 signatures cover the signed attributes exactly as encoded, real TSAs
//!   repeat certificates, and the ats-hash-index-v3 hashes each element as it is present;
//! * the ESS signing-certificate attributes (RFC 2634 §5.4, RFC 5035 §3);
//! * `SignedData`/`SignerInfo` (RFC 5652 §5), and [`SignedDataRaw`], which keeps every
//!   certificate, revocation entry and SignerInfo as its exact TLV;
//! * RFC 5940's `OtherRevocationInfoFormat`, EN 319 122-1's `SignerAttributeV2` and
//!   `ATSHashIndexV3`.

use ::cms::cert::CertificateChoices;
use ::cms::content_info::CmsVersion;
use ::cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{AnyRef, ObjectIdentifier, OctetString};
use der::{
    Any, Decode, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, SliceReader,
    Tag, Tagged, Writer,
};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralNames;
use x509_cert::serial_number::SerialNumber;

/// `id-data` (RFC 5652 §4).
pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// `id-signedData` (RFC 5652 §5.1).
pub(crate) const ID_SIGNED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// `id-contentType` (RFC 5652 §11.1).
pub(crate) const ID_CONTENT_TYPE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// `id-messageDigest` (RFC 5652 §11.2).
pub(crate) const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// `id-signingTime` (RFC 5652 §11.3).
pub(crate) const ID_SIGNING_TIME: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// `id-aa-signingCertificate` (RFC 2634 §5.4).
pub(crate) const ID_AA_SIGNING_CERTIFICATE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// `id-aa-signingCertificateV2` (RFC 5035 §3).
pub(crate) const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// `id-aa-signatureTimeStampToken` (RFC 3161 Appendix A, EN 319 122-1 §5.3).
pub(crate) const ID_AA_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// `id-aa-ets-signerAttrV2` (EN 319 122-1 §5.2.6.1).
pub(crate) const ID_AA_ETS_SIGNER_ATTR_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("0.4.0.19122.1.1");
/// `id-aa-ets-archiveTimestampV3` (EN 319 122-1 §5.5.3).
pub(crate) const ID_AA_ETS_ARCHIVE_TIMESTAMP_V3: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("0.4.0.1733.2.4");
/// `id-aa-ATSHashIndex-v3` (EN 319 122-1 §5.5.2).
pub(crate) const ID_AA_ATS_HASH_INDEX_V3: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("0.4.0.19122.1.5");
/// `id-ri-ocsp-response` (RFC 5940 §4.3).
pub(crate) const ID_RI_OCSP_RESPONSE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.16.2");
/// `id-at-title` (X.520 §6.4.1): the claimed role's attribute type (`spec/cades.md`).
pub(crate) const ID_AT_TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");

/// Most elements a [`RawSetOf`] decodes: a bound on work and memory for hostile input, far
/// above anything a real signature or time-stamp token holds.
const MAX_SET_ELEMENTS: usize = 1024;

/// A SET OF read as the sender wrote it — in its order, duplicates kept — with the raw
/// content kept too: RFC 5652 §5.4 signatures cover the signed attributes exactly as
/// encoded, and OpenSSL's TSA repeats its certificate when `certs` holds it as well.
#[derive(Clone, Debug, Eq, PartialEq)]
pub(crate) struct RawSetOf<T> {
    pub items: Vec<T>,
    pub raw: Vec<u8>,
}

impl<'a, T: Decode<'a>> DecodeValue<'a> for RawSetOf<T> {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let raw = reader.read_slice(header.length)?;
        let mut inner = SliceReader::new(raw)?;
        let mut items = Vec::new();
        while !inner.is_finished() {
            if items.len() == MAX_SET_ELEMENTS {
                return Err(der::ErrorKind::Overlength.into());
            }
            items.push(T::decode(&mut inner)?);
        }
        Ok(RawSetOf {
            items,
            raw: raw.to_vec(),
        })
    }
}

impl<T> EncodeValue for RawSetOf<T> {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.raw.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.raw)
    }
}

impl<T> FixedTag for RawSetOf<T> {
    const TAG: Tag = Tag::Set;
}

impl RawSetOf<Any> {
    /// A DER SET OF the given element encodings, in DER order (X.690 §11.6: ascending
    /// encodings; distinct TLVs are never prefixes of one another, so byte order is it).
    pub fn der_sorted(mut encodings: Vec<Vec<u8>>) -> der::Result<RawSetOf<Any>> {
        encodings.sort();
        let items = encodings
            .iter()
            .map(|e| Any::from_der(e))
            .collect::<der::Result<Vec<_>>>()?;
        Ok(RawSetOf {
            items,
            raw: encodings.concat(),
        })
    }

    /// The exact TLV of each element.
    pub fn encodings(&self) -> der::Result<Vec<Vec<u8>>> {
        let mut reader = SliceReader::new(&self.raw)?;
        let mut out = Vec::with_capacity(self.items.len());
        while !reader.is_finished() {
            out.push(reader.tlv_bytes()?.to_vec());
        }
        Ok(out)
    }
}

/// ```text
/// SigningCertificateV2 ::=  SEQUENCE {
///     certs        SEQUENCE OF ESSCertIDv2,
///     policies     SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
/// (policies are kept undecoded: samad does not use them.)
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub policies: Option<Any>,
}

/// ```text
/// ESSCertIDv2 ::=  SEQUENCE {
///     hashAlgorithm     AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certHash          Hash,
///     issuerSerial      IssuerSerial OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// ```text
/// SigningCertificate ::=  SEQUENCE {
///     certs        SEQUENCE OF ESSCertID,
///     policies     SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertID ::=  SEQUENCE {
///     certHash     Hash,                -- SHA-1
///     issuerSerial IssuerSerial OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SigningCertificate {
    pub certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    pub policies: Option<Any>,
}

/// ESSCertID (RFC 2634 §5.4.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EssCertId {
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// ```text
/// IssuerSerial ::= SEQUENCE {
///     issuer          GeneralNames,
///     serialNumber    CertificateSerialNumber }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct IssuerSerial {
    pub issuer: GeneralNames,
    pub serial_number: SerialNumber,
}

/// `SignedData` (RFC 5652 §5.1), with its SETs read by [`RawSetOf`].
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SignedData {
    pub version: CmsVersion,
    pub digest_algorithms: RawSetOf<AlgorithmIdentifierOwned>,
    pub encap_content_info: EncapsulatedContentInfo,
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certificates: Option<RawSetOf<CertificateChoices>>,
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<RawSetOf<Any>>,
    pub signer_infos: RawSetOf<SignerInfo>,
}

/// `SignerInfo` (RFC 5652 §5.3), with its attribute SETs read by [`RawSetOf`].
///
/// ```text
/// SignerInfo ::= SEQUENCE {
///   version CMSVersion,
///   sid SignerIdentifier,
///   digestAlgorithm DigestAlgorithmIdentifier,
///   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///   signatureAlgorithm SignatureAlgorithmIdentifier,
///   signature SignatureValue,
///   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SignerInfo {
    pub version: CmsVersion,
    pub sid: SignerIdentifier,
    pub digest_alg: AlgorithmIdentifierOwned,
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub signed_attrs: Option<RawSetOf<Attribute>>,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: OctetString,
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unsigned_attrs: Option<RawSetOf<Attribute>>,
}

/// `SignedData` with the certificates, revocation entries and SignerInfos kept as their
/// exact TLVs (what ats-hash-index-v3 hashes, and what extension must not re-encode).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SignedDataRaw {
    pub version: CmsVersion,
    pub digest_algorithms: RawSetOf<AlgorithmIdentifierOwned>,
    pub encap_content_info: EncapsulatedContentInfo,
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certificates: Option<RawSetOf<Any>>,
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<RawSetOf<Any>>,
    pub signer_infos: RawSetOf<Any>,
}

/// ```text
/// OtherRevocationInfoFormat ::= SEQUENCE {
///   otherRevInfoFormat OBJECT IDENTIFIER,
///   otherRevInfo ANY DEFINED BY otherRevInfoFormat }
/// ```
/// (RFC 5652 §10.2.1; the `cms` crate types the first field as an AlgorithmIdentifier.)
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct OtherRevocationInfoFormat {
    pub other_rev_info_format: ObjectIdentifier,
    pub other_rev_info: Any,
}

/// ```text
/// SignerAttributeV2 ::= SEQUENCE {
///   claimedAttributes     [0] ClaimedAttributes OPTIONAL,
///   certifiedAttributesV2 [1] CertifiedAttributesV2 OPTIONAL,
///   signedAssertions      [2] SignedAssertions OPTIONAL }
/// ClaimedAttributes ::= SEQUENCE OF Attribute
/// ```
/// (EN 319 122-1 §5.2.6.1, module tagged EXPLICIT; certified attributes and assertions are
/// kept undecoded.)
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SignerAttributeV2 {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub claimed_attributes: Option<Vec<Attribute>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub certified_attributes: Option<Any>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub signed_assertions: Option<Any>,
}

/// ```text
/// ATSHashIndexV3 ::= SEQUENCE {
///   hashIndAlgorithm       AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///   certificatesHashIndex  SEQUENCE OF OCTET STRING,
///   crlsHashIndex          SEQUENCE OF OCTET STRING,
///   unsignedAttrsHashIndex SEQUENCE OF OCTET STRING }
/// ```
/// (EN 319 122-1 §5.5.2.) Encoded by the derive; decoded by [`AtsHashIndexV3::parse`],
/// because the optional first field and the next share the SEQUENCE tag.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct AtsHashIndexV3 {
    #[asn1(optional = "true")]
    pub hash_ind_algorithm: Option<AlgorithmIdentifierOwned>,
    pub certificates_hash_index: Vec<OctetString>,
    pub crls_hash_index: Vec<OctetString>,
    pub unsigned_attrs_hash_index: Vec<OctetString>,
}

impl AtsHashIndexV3 {
    /// Reads the DER of an ATSHashIndexV3 (the attribute value), trailing data rejected.
    pub fn parse(der: &[u8]) -> der::Result<AtsHashIndexV3> {
        let outer = AnyRef::from_der(der)?;
        if outer.tag() != Tag::Sequence {
            return Err(der::ErrorKind::TagUnexpected {
                expected: Some(Tag::Sequence),
                actual: outer.tag(),
            }
            .into());
        }
        let mut reader = SliceReader::new(outer.value())?;
        let mut fields = Vec::with_capacity(4);
        while !reader.is_finished() {
            if fields.len() == 4 {
                return Err(der::ErrorKind::TrailingData {
                    decoded: reader.position(),
                    remaining: reader.remaining_len(),
                }
                .into());
            }
            fields.push(AnyRef::decode(&mut reader)?);
        }
        let octets = |any: &AnyRef<'_>| any.decode_as::<Vec<OctetString>>();
        match fields.as_slice() {
            [algorithm, certs, crls, attrs] => Ok(AtsHashIndexV3 {
                hash_ind_algorithm: Some(algorithm.decode_as()?),
                certificates_hash_index: octets(certs)?,
                crls_hash_index: octets(crls)?,
                unsigned_attrs_hash_index: octets(attrs)?,
            }),
            [certs, crls, attrs] => Ok(AtsHashIndexV3 {
                hash_ind_algorithm: None,
                certificates_hash_index: octets(certs)?,
                crls_hash_index: octets(crls)?,
                unsigned_attrs_hash_index: octets(attrs)?,
            }),
            _ => Err(der::ErrorKind::Incomplete {
                expected_len: Length::ZERO,
                actual_len: Length::ZERO,
            }
            .into()),
        }
    }
}

/// The exact TLVs of the elements of a constructed value's contents (e.g. a SignerInfo's
/// fields), in order.
pub(crate) fn element_tlvs(value: &[u8]) -> der::Result<Vec<&[u8]>> {
    let mut reader = SliceReader::new(value)?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        if out.len() == MAX_SET_ELEMENTS {
            return Err(der::ErrorKind::Overlength.into());
        }
        out.push(reader.tlv_bytes()?);
    }
    Ok(out)
}
