//! An in-process time-stamping authority for the demo PKI, tests and the embedded default.
//!
//! It answers DER `TimeStampReq`s with DER `TimeStampResp`s as RFC 3161 §2.4.2 says: the
//! TSTInfo takes the request's message imprint and nonce, the clock's time (whole seconds,
//! accuracy 1 s), a fresh serial number and the TSA's policy; the SignedData carries the
//! content-type, message-digest and signing-certificate-v2 (ESSCertIDv2, RFC 5816) signed
//! attributes and, when certReq is set, the TSA's certificate chain. Bad requests get a
//! rejection with the matching failInfo, not an error.

use std::sync::atomic::{AtomicU32, Ordering};

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{
    BitString, GeneralizedTime, Int, ObjectIdentifier, OctetString, SetOfVec, Utf8StringRef,
};
use der::{Any, Decode, Encode, Tag};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_tsp::{Accuracy, TspVersion, TstInfo};

use super::asn1::{EssCertIdV2, IssuerSerial, PkiStatusInfo, SigningCertificateV2, TimeStampResp};
use super::request::int;
use super::{
    ID_AA_SIGNING_CERTIFICATE_V2, ID_CONTENT_TYPE, ID_CT_TST_INFO, ID_MESSAGE_DIGEST,
    ID_SIGNED_DATA, TimestampRequest, TimestampSource, TspError,
};
use crate::clock::Clock;
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::demo::DemoPki;
use crate::pki::signer::{Signer, SoftwareSigner};

/// The demo TSA's policy: under IANA's enterprise number 32473, reserved for documentation
/// and examples (RFC 5612), so it can never be mistaken for a real TSA's policy.
pub const DEMO_TSA_POLICY: &str = "1.3.6.1.4.1.32473.3161.1";
const DEMO_TSA_POLICY_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap(DEMO_TSA_POLICY);

/// PKIFailureInfo bits (RFC 3161 §2.4.2).
const BAD_ALG: usize = 0;
const BAD_DATA_FORMAT: usize = 5;
const UNACCEPTED_POLICY: usize = 15;
const UNACCEPTED_EXTENSION: usize = 16;

/// An in-process TSA signing with any [`Signer`] whose certificate has the timeStamping EKU.
pub struct DemoTsa {
    signer: Box<dyn Signer>,
    clock: Box<dyn Clock>,
    policy: ObjectIdentifier,
    serial_prefix: [u8; 8],
    counter: AtomicU32,
    tsa_certificate: Certificate,
}

impl std::fmt::Debug for DemoTsa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoTsa")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl DemoTsa {
    /// A TSA signing with `signer` (whose chain starts with the TSA certificate) and reading
    /// the time from `clock`.
    pub fn new(
        signer: impl Signer + 'static,
        clock: impl Clock + 'static,
    ) -> Result<DemoTsa, TspError> {
        let first = signer
            .certificate_chain()
            .first()
            .ok_or(TspError::TsaCertificateNotFound)?;
        let tsa_certificate =
            Certificate::from_der(first).map_err(|e| TspError::malformed("TSA certificate", e))?;
        // Serial numbers: the clock's seconds at start-up, then a counter (unique per run).
        let start = clock.now().unix_timestamp().to_be_bytes();
        Ok(DemoTsa {
            signer: Box::new(signer),
            clock: Box::new(clock),
            policy: DEMO_TSA_POLICY_OID,
            serial_prefix: start,
            counter: AtomicU32::new(1),
            tsa_certificate,
        })
    }

    /// The demo PKI's TSA (`tsa` in [`DemoPki`]) with its software key: the time-stamp
    /// source of the embedded default and of tests.
    pub fn from_demo_pki(pki: &DemoPki, clock: impl Clock + 'static) -> Result<DemoTsa, TspError> {
        let signer = SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain())?;
        DemoTsa::new(signer, clock)
    }

    /// Answers one DER `TimeStampReq` with a DER `TimeStampResp`. Errors only when the TSA
    /// itself fails (signing, encoding); a bad request gets a rejection response.
    pub fn respond(&self, request: &[u8]) -> Result<Vec<u8>, TspError> {
        let request = match TimestampRequest::from_der(request) {
            Ok(request) => request,
            Err(TspError::Algorithm { detail }) => return rejection(BAD_ALG, &detail),
            Err(TspError::BadRequest { detail }) if detail.contains("extensions") => {
                return rejection(UNACCEPTED_EXTENSION, &detail);
            }
            Err(e) => return rejection(BAD_DATA_FORMAT, &e.to_string()),
        };
        if request.policy_oid().is_some_and(|p| p != self.policy) {
            return rejection(
                UNACCEPTED_POLICY,
                &format!("this TSA issues under {DEMO_TSA_POLICY} only"),
            );
        }
        let token = self.token(&request)?;
        let response = TimeStampResp {
            status: PkiStatusInfo {
                status: Int::new(&[0]).map_err(|e| TspError::malformed("PKIStatus", e))?,
                status_string: None,
                fail_info: None,
            },
            time_stamp_token: Some(token),
        };
        response
            .to_der()
            .map_err(|e| TspError::malformed("TimeStampResp", e))
    }

    fn token(&self, request: &TimestampRequest) -> Result<ContentInfo, TspError> {
        let now = self.clock.now();
        let seconds = u64::try_from(now.unix_timestamp())
            .map_err(|_| TspError::malformed("genTime", "the clock is before 1970"))?;
        let gen_time = GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(seconds))
            .map_err(|e| TspError::malformed("genTime", e))?;
        let mut serial = self.serial_prefix.to_vec();
        serial.extend(self.counter.fetch_add(1, Ordering::Relaxed).to_be_bytes());
        let tst_info = TstInfo {
            version: TspVersion::V1,
            policy: self.policy,
            message_imprint: request.message_imprint()?,
            serial_number: int(&serial)?,
            gen_time,
            accuracy: Some(Accuracy {
                seconds: Some(1),
                millis: None,
                micros: None,
            }),
            ordering: false,
            nonce: request.nonce().map(int).transpose()?,
            tsa: Some(GeneralName::DirectoryName(
                self.tsa_certificate.tbs_certificate.subject.clone(),
            )),
            extensions: None,
        };
        let tst_der = tst_info
            .to_der()
            .map_err(|e| TspError::malformed("TSTInfo", e))?;

        let algorithm = self.signer.algorithm();
        let digest = algorithm.digest();
        let digest_alg = AlgorithmIdentifierOwned::from_der(&digest.algorithm_identifier_der())
            .map_err(|e| TspError::malformed("AlgorithmIdentifier", e))?;
        let chain = self.signer.certificate_chain();
        let tsa_der = chain.first().ok_or(TspError::TsaCertificateNotFound)?;
        let signed_attrs = signed_attributes(digest, &tst_der, tsa_der, &self.tsa_certificate)?;
        let to_sign = signed_attrs
            .to_der()
            .map_err(|e| TspError::malformed("signedAttrs", e))?;
        let signature = self.signer.sign(&to_sign)?;
        let tbs = &self.tsa_certificate.tbs_certificate;
        let signer_info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer.clone(),
                serial_number: tbs.serial_number.clone(),
            }),
            digest_alg: digest_alg.clone(),
            signed_attrs: Some(signed_attrs),
            signature_algorithm: algorithm.algorithm_identifier(),
            signature: OctetString::new(signature)
                .map_err(|e| TspError::malformed("signature", e))?,
            unsigned_attrs: None,
        };
        let certificates = if request.cert_req() {
            let mut set = Vec::with_capacity(chain.len());
            for der in chain {
                let cert = Certificate::from_der(der)
                    .map_err(|e| TspError::malformed("TSA chain certificate", e))?;
                set.push(CertificateChoices::Certificate(cert));
            }
            Some(CertificateSet(set_of(set)?))
        } else {
            None
        };
        let signed_data = SignedData {
            // RFC 5652 §5.1: version 3 because eContentType is not id-data.
            version: CmsVersion::V3,
            digest_algorithms: set_of(vec![digest_alg])?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_CT_TST_INFO,
                econtent: Some(
                    Any::new(Tag::OctetString, tst_der)
                        .map_err(|e| TspError::malformed("eContent", e))?,
                ),
            },
            certificates,
            crls: None,
            signer_infos: SignerInfos(set_of(vec![signer_info])?),
        };
        Ok(ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&signed_data)
                .map_err(|e| TspError::malformed("SignedData", e))?,
        })
    }
}

impl TimestampSource for DemoTsa {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, TspError> {
        self.respond(request)
    }
}

fn signed_attributes(
    digest: DigestAlgorithm,
    tst_der: &[u8],
    tsa_der: &[u8],
    tsa_certificate: &Certificate,
) -> Result<SetOfVec<Attribute>, TspError> {
    let attribute = |oid, value: Any| -> Result<Attribute, TspError> {
        Ok(Attribute {
            oid,
            values: set_of(vec![value])?,
        })
    };
    let tbs = &tsa_certificate.tbs_certificate;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            // DEFAULT sha256: omitted, as DER requires (RFC 5035 §3).
            hash_algorithm: None,
            cert_hash: OctetString::new(DigestAlgorithm::Sha256.digest(tsa_der))
                .map_err(|e| TspError::malformed("ESSCertIDv2", e))?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            }),
        }],
        policies: None,
    };
    let message_digest = OctetString::new(digest.digest(tst_der))
        .map_err(|e| TspError::malformed("message-digest", e))?;
    set_of(vec![
        attribute(ID_CONTENT_TYPE, any(&ID_CT_TST_INFO)?)?,
        attribute(ID_MESSAGE_DIGEST, any(&message_digest)?)?,
        attribute(ID_AA_SIGNING_CERTIFICATE_V2, any(&ess)?)?,
    ])
}

fn any(value: &(impl der::EncodeValue + der::Tagged)) -> Result<Any, TspError> {
    Any::encode_from(value).map_err(|e| TspError::malformed("attribute", e))
}

fn set_of<T: der::DerOrd>(items: Vec<T>) -> Result<SetOfVec<T>, TspError> {
    SetOfVec::try_from(items).map_err(|e| TspError::malformed("SET OF", e))
}

/// A `TimeStampResp` with status rejection and one failInfo bit.
fn rejection(fail_bit: usize, text: &str) -> Result<Vec<u8>, TspError> {
    let mut bytes = vec![0u8; fail_bit / 8 + 1];
    if let Some(byte) = bytes.last_mut() {
        *byte = 0x80 >> (fail_bit % 8);
    }
    // DER: the unused trailing bits of the named-bit BIT STRING are dropped (X.690 §11.2.2).
    let unused = u8::try_from(7 - fail_bit % 8).unwrap_or(0);
    let fail_info =
        BitString::new(unused, bytes).map_err(|e| TspError::malformed("failInfo", e))?;
    let text = Utf8StringRef::new(text).map_err(|e| TspError::malformed("statusString", e))?;
    let response = TimeStampResp {
        status: PkiStatusInfo {
            status: Int::new(&[2]).map_err(|e| TspError::malformed("PKIStatus", e))?,
            status_string: Some(vec![text]),
            fail_info: Some(fail_info),
        },
        time_stamp_token: None,
    };
    response
        .to_der()
        .map_err(|e| TspError::malformed("TimeStampResp", e))
}
