//! `TimeStampReq` (RFC 3161 §2.4.1).
//!
//! ```text
//! TimeStampReq ::= SEQUENCE  {
//!    version          INTEGER  { v1(1) },
//!    messageImprint   MessageImprint,
//!    reqPolicy        TSAPolicyId              OPTIONAL,
//!    nonce            INTEGER                  OPTIONAL,
//!    certReq          BOOLEAN                  DEFAULT FALSE,
//!    extensions       [0] IMPLICIT Extensions  OPTIONAL  }
//! ```

use der::asn1::{Int, ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode};
use ring::rand::{SecureRandom, SystemRandom};
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TspVersion};

use super::TspError;
use crate::pki::algorithm::DigestAlgorithm;

/// A time-stamp request: the hash to time-stamp, and what to ask of the TSA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampRequest {
    digest: DigestAlgorithm,
    hashed_message: Vec<u8>,
    policy: Option<ObjectIdentifier>,
    nonce: Option<Vec<u8>>,
    cert_req: bool,
}

impl TimestampRequest {
    /// A request for the hash `hashed_message` made with `digest`; asks for the TSA's
    /// certificate (certReq) and carries no nonce until one is added.
    pub fn new(
        digest: DigestAlgorithm,
        hashed_message: &[u8],
    ) -> Result<TimestampRequest, TspError> {
        if hashed_message.len() != digest.output_len() {
            return Err(TspError::BadRequest {
                detail: format!(
                    "a {digest:?} hash is {} bytes, got {}",
                    digest.output_len(),
                    hashed_message.len()
                ),
            });
        }
        Ok(TimestampRequest {
            digest,
            hashed_message: hashed_message.to_vec(),
            policy: None,
            nonce: None,
            cert_req: true,
        })
    }

    /// A request for `data`, hashed here with `digest`.
    pub fn for_data(digest: DigestAlgorithm, data: &[u8]) -> TimestampRequest {
        TimestampRequest {
            digest,
            hashed_message: digest.digest(data),
            policy: None,
            nonce: None,
            cert_req: true,
        }
    }

    /// Sets the nonce (a non-negative integer, big-endian bytes) the TSA must echo.
    pub fn with_nonce(mut self, nonce: &[u8]) -> TimestampRequest {
        self.nonce = Some(canonical_unsigned(nonce));
        self
    }

    /// Sets a fresh 128-bit nonce from the operating system's randomness.
    pub fn with_random_nonce(self) -> Result<TimestampRequest, TspError> {
        let mut nonce = [0u8; 16];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| TspError::BadRequest {
                detail: "no system randomness for the nonce".to_owned(),
            })?;
        Ok(self.with_nonce(&nonce))
    }

    /// Asks for a time-stamp under the policy `oid` (dotted form).
    pub fn with_policy(mut self, oid: &str) -> Result<TimestampRequest, TspError> {
        let oid = ObjectIdentifier::new(oid).map_err(|e| TspError::BadRequest {
            detail: format!("policy {oid:?} is not a dotted OID: {e}"),
        })?;
        self.policy = Some(oid);
        Ok(self)
    }

    /// Whether the TSA should include its certificate in the token (certReq).
    pub fn with_cert_req(mut self, cert_req: bool) -> TimestampRequest {
        self.cert_req = cert_req;
        self
    }

    /// The hash algorithm of the message imprint.
    pub fn digest(&self) -> DigestAlgorithm {
        self.digest
    }

    /// The hash being time-stamped.
    pub fn hashed_message(&self) -> &[u8] {
        &self.hashed_message
    }

    /// The requested policy, dotted.
    pub fn policy(&self) -> Option<String> {
        self.policy.map(|p| p.to_string())
    }

    /// The nonce, big-endian without leading zeros.
    pub fn nonce(&self) -> Option<&[u8]> {
        self.nonce.as_deref()
    }

    /// Whether the TSA certificate is requested.
    pub fn cert_req(&self) -> bool {
        self.cert_req
    }

    pub(super) fn policy_oid(&self) -> Option<ObjectIdentifier> {
        self.policy
    }

    pub(super) fn message_imprint(&self) -> Result<MessageImprint, TspError> {
        let algorithm =
            AlgorithmIdentifier::<Any>::from_der(&self.digest.algorithm_identifier_der())
                .map_err(|e| TspError::malformed("AlgorithmIdentifier", e))?;
        Ok(MessageImprint {
            hash_algorithm: algorithm,
            hashed_message: OctetString::new(self.hashed_message.clone())
                .map_err(|e| TspError::malformed("MessageImprint", e))?,
        })
    }

    /// The DER `TimeStampReq`.
    pub fn to_der(&self) -> Result<Vec<u8>, TspError> {
        let request = TimeStampReq {
            version: TspVersion::V1,
            message_imprint: self.message_imprint()?,
            req_policy: self.policy,
            nonce: self.nonce.as_deref().map(int).transpose()?,
            cert_req: self.cert_req,
            extensions: None,
        };
        request
            .to_der()
            .map_err(|e| TspError::malformed("TimeStampReq", e))
    }

    /// Parses a DER `TimeStampReq` (what a TSA receives). Requests with extensions are
    /// refused: samad's TSA knows none (RFC 3161 §2.4.1 lets it reject them).
    pub fn from_der(der: &[u8]) -> Result<TimestampRequest, TspError> {
        let request =
            TimeStampReq::from_der(der).map_err(|e| TspError::malformed("TimeStampReq", e))?;
        if request.extensions.is_some() {
            return Err(TspError::BadRequest {
                detail: "extensions are not supported".to_owned(),
            });
        }
        let imprint = &request.message_imprint;
        let digest = DigestAlgorithm::from_oid(&imprint.hash_algorithm.oid).map_err(|e| {
            TspError::Algorithm {
                detail: e.to_string(),
            }
        })?;
        let mut parsed = TimestampRequest::new(digest, imprint.hashed_message.as_bytes())?;
        parsed.policy = request.req_policy;
        parsed.nonce = request.nonce.as_ref().map(unsigned_of).transpose()?;
        parsed.cert_req = request.cert_req;
        Ok(parsed)
    }
}

/// Big-endian bytes without leading zeros (a zero is one `0` byte).
fn canonical_unsigned(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    match &bytes[start..] {
        [] => vec![0],
        rest => rest.to_vec(),
    }
}

/// The INTEGER for a non-negative big-endian value.
pub(super) fn int(unsigned: &[u8]) -> Result<Int, TspError> {
    let mut bytes = canonical_unsigned(unsigned);
    if bytes.first().is_some_and(|&b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    Int::new(&bytes).map_err(|e| TspError::malformed("INTEGER", e))
}

/// The value of a non-negative INTEGER as big-endian bytes without leading zeros.
pub(super) fn unsigned_of(value: &Int) -> Result<Vec<u8>, TspError> {
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(|&b| b & 0x80 != 0) {
        return Err(TspError::malformed(
            "INTEGER",
            "negative where a nonce or serial is expected",
        ));
    }
    Ok(canonical_unsigned(bytes))
}
