//! The ASN.1 types time-stamping needs beyond `x509-tsp` and `cms`: the ESS
//! signing-certificate attributes (RFC 2634 §5.4, RFC 5035 §3) and a `TimeStampResp` whose
//! `failInfo` is read as a plain BIT STRING (RFC 3161 §2.4.2 defines bits up to 25); and
//! `SignedData`/`SignerInfo` read leniently enough for real TSAs (see [`RawSetOf`]).

use cms::cert::CertificateChoices;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{BitString, Int, OctetString, Utf8StringRef};
use der::{
    Any, Decode, DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, SliceReader,
    Tag, Writer,
};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralNames;
use x509_cert::serial_number::SerialNumber;

/// ```text
/// TimeStampResp ::= SEQUENCE  {
///     status                  PKIStatusInfo,
///     timeStampToken          TimeStampToken     OPTIONAL  }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct TimeStampResp<'a> {
    pub status: PkiStatusInfo<'a>,
    #[asn1(optional = "true")]
    pub time_stamp_token: Option<ContentInfo>,
}

/// ```text
/// PKIStatusInfo ::= SEQUENCE {
///     status        PKIStatus,
///     statusString  PKIFreeText     OPTIONAL,
///     failInfo      PKIFailureInfo  OPTIONAL  }
/// PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct PkiStatusInfo<'a> {
    pub status: Int,
    #[asn1(optional = "true")]
    pub status_string: Option<Vec<Utf8StringRef<'a>>>,
    #[asn1(optional = "true")]
    pub fail_info: Option<BitString>,
}

/// ```text
/// SigningCertificateV2 ::=  SEQUENCE {
///     certs        SEQUENCE OF ESSCertIDv2,
///     policies     SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
/// (policies are kept undecoded: samad does not use them.)
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SigningCertificateV2 {
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
pub(super) struct EssCertIdV2 {
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
pub(super) struct SigningCertificate {
    pub certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    pub policies: Option<Any>,
}

/// ESSCertID (RFC 2634 §5.4.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct EssCertId {
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
pub(super) struct IssuerSerial {
    pub issuer: GeneralNames,
    pub serial_number: SerialNumber,
}

/// A SET OF read as the sender wrote it — in its order, duplicates kept — with the raw
/// content kept too: RFC 5652 §5.4 signatures cover the signed attributes exactly as
/// encoded, and OpenSSL's TSA repeats its certificate when `certs` holds it as well.
#[derive(Clone, Debug, Eq, PartialEq)]
pub(super) struct RawSetOf<T> {
    pub items: Vec<T>,
    pub raw: Vec<u8>,
}

impl<'a, T: Decode<'a>> DecodeValue<'a> for RawSetOf<T> {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let raw = reader.read_slice(header.length)?;
        let mut inner = SliceReader::new(raw)?;
        let mut items = Vec::new();
        while !inner.is_finished() {
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

/// `SignedData` (RFC 5652 §5.1), with its SETs read by [`RawSetOf`].
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SignedData {
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
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(super) struct SignerInfo {
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
