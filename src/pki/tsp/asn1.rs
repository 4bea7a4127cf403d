//! The ASN.1 types time-stamping needs beyond `x509-tsp` and `cms`: a `TimeStampResp` whose
//! `failInfo` is read as a plain BIT STRING (RFC 3161 §2.4.2 defines bits up to 25). The ESS
//! signing-certificate attributes and the lenient `SignedData`/`SignerInfo` are shared with
//! CAdES in `crate::cms::asn1`.

use cms::content_info::ContentInfo;
use der::Sequence;
use der::asn1::{BitString, Int, Utf8StringRef};

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

// The CMS and ESS types are shared with CAdES signatures and live in `cms::asn1`.
pub(super) use crate::cms::asn1::{
    EssCertIdV2, IssuerSerial, SignedData, SignerInfo, SigningCertificate, SigningCertificateV2,
};
