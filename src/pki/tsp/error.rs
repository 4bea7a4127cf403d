//! Errors of RFC 3161 time-stamping.

use crate::pki::signer::SignerError;

/// Why a time-stamp request, response or token was rejected, or could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TspError {
    /// A structure is not valid DER of its ASN.1 type.
    #[error("time-stamp: malformed {what}: {detail}")]
    Malformed {
        /// The ASN.1 type being read (`TimeStampResp`, `TSTInfo`, `SignerInfo`, …).
        what: &'static str,
        /// The decoder's message.
        detail: String,
    },
    /// The TSA refused the request (RFC 3161 §2.4.2 PKIStatusInfo).
    #[error("time-stamp: the TSA answered {status}{}{}", text.as_deref().map(|t| format!(": {t}")).unwrap_or_default(), if failure_info.is_empty() { String::new() } else { format!(" (failInfo: {})", failure_info.join(", ")) })]
    Rejected {
        /// The PKIStatus name (`rejection`, `waiting`, …).
        status: String,
        /// The statusString the TSA sent, if any.
        text: Option<String>,
        /// The names of the failInfo bits set.
        failure_info: Vec<String>,
    },
    /// The response says granted but has no token.
    #[error("time-stamp: the TSA granted the request but sent no token")]
    NoToken,
    /// A content type is not the one RFC 3161 requires.
    #[error("time-stamp: {what} is {found}, expected {expected}")]
    WrongContentType {
        /// Which content type (`ContentInfo`, `eContentType`, `content-type attribute`).
        what: &'static str,
        /// The OID required.
        expected: String,
        /// The OID found.
        found: String,
    },
    /// The token does not have exactly one signer (RFC 3161 §2.4.2).
    #[error("time-stamp: the token has {found} signers; exactly one (the TSA) is required")]
    SignerCount {
        /// How many SignerInfos there are.
        found: usize,
    },
    /// A signed attribute RFC 3161 / RFC 5652 requires is missing or repeated.
    #[error("time-stamp: signed attribute {name} must be present exactly once")]
    MissingAttribute {
        /// The attribute's name.
        name: &'static str,
    },
    /// The message-digest attribute does not match the TSTInfo.
    #[error(
        "time-stamp: the message-digest attribute does not match the TSTInfo; the token was altered"
    )]
    ContentDigestMismatch,
    /// No certificate in the token or given by the caller matches the signer identifier.
    #[error(
        "time-stamp: the TSA certificate is not in the token; request it with certReq or pass it"
    )]
    TsaCertificateNotFound,
    /// The ESS signing-certificate attribute does not identify the TSA certificate.
    #[error(
        "time-stamp: the signing-certificate attribute does not match the TSA certificate ({detail})"
    )]
    SigningCertificateMismatch {
        /// What differs.
        detail: &'static str,
    },
    /// The TSA certificate is not fit for time-stamping (RFC 3161 §2.3).
    #[error("time-stamp: the TSA certificate {reason}")]
    TsaCertificate {
        /// What is wrong with it.
        reason: String,
    },
    /// An algorithm is unsupported or does not fit the key.
    #[error("time-stamp: {detail}")]
    Algorithm {
        /// The algorithm problem.
        detail: String,
    },
    /// The TSA's signature does not verify.
    #[error("time-stamp: the TSA signature does not verify: {detail}")]
    BadSignature {
        /// The verifier's message.
        detail: String,
    },
    /// The token time-stamps another hash than the one requested.
    #[error("time-stamp: the token's message imprint is not the requested one")]
    ImprintMismatch,
    /// The nonce differs from the request's (or is missing).
    #[error(
        "time-stamp: nonce mismatch: sent {sent}, got {received}; the response may be replayed"
    )]
    NonceMismatch {
        /// The nonce sent, hex.
        sent: String,
        /// The nonce received, hex, or `none`.
        received: String,
    },
    /// The token was issued under another policy than the one requested.
    #[error("time-stamp: policy {found} is not the requested {requested}")]
    PolicyMismatch {
        /// The requested policy OID.
        requested: String,
        /// The token's policy OID.
        found: String,
    },
    /// The request is not acceptable (bad hash length, unknown policy text…).
    #[error("time-stamp request: {detail}")]
    BadRequest {
        /// What is wrong.
        detail: String,
    },
    /// The time-stamp source (network, TSA process) failed.
    #[error("time-stamp source: {detail}")]
    Source {
        /// What failed.
        detail: String,
    },
    /// The TSA certificate does not chain to a trust anchor for time-stamping.
    #[error("time-stamp: the TSA certificate does not validate: {0}")]
    TsaPath(#[source] crate::pki::path::PathError),
    /// The TSA's signer failed.
    #[error("time-stamp: the TSA could not sign: {0}")]
    Signer(#[from] SignerError),
}

impl TspError {
    pub(crate) fn malformed(what: &'static str, e: impl std::fmt::Display) -> TspError {
        TspError::Malformed {
            what,
            detail: e.to_string(),
        }
    }
}
