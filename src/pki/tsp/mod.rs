//! RFC 3161 time-stamps (with RFC 5816's ESSCertIDv2): requests, token verification, an
//! injectable [`TimestampSource`] and an in-process [`DemoTsa`].
//!
//! A client builds a [`TimestampRequest`] for a hash (with a nonce), hands its DER to a
//! [`TimestampSource`] — the demo TSA, an HTTP TSA, a test double — and verifies the answer
//! with [`verify_response`]; [`request_timestamp`] does all three. With the cargo feature
//! `http`, `HttpTsa` reaches a TSA over HTTP (RFC 3161 §3.4). The TSA certificate's
//! chain to a trust anchor is left to path validation: [`VerifiedTimestamp`] carries the
//! certificates.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::pki::algorithm::DigestAlgorithm;
//! use samad::pki::demo::DemoPki;
//! use samad::pki::signer::SoftwareSigner;
//! use samad::pki::tsp::{DemoTsa, TimestampRequest, request_timestamp};
//! use time::macros::datetime;
//!
//! let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
//! let pki = DemoPki::generate(&clock)?;
//! let signer = SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain())?;
//! let tsa = DemoTsa::new(signer, clock)?;
//!
//! let request = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"a diploma").with_random_nonce()?;
//! let stamp = request_timestamp(&tsa, &request, &[])?;
//! assert_eq!(stamp.gen_time, datetime!(2025-03-20 10:00 UTC));
//! assert_eq!(stamp.tsa_certificate, pki.tsa.certificate);
//! # Ok::<(), samad::Error>(())
//! ```

use der::asn1::ObjectIdentifier;

mod asn1;
mod error;
#[cfg(feature = "http")]
mod http;
mod request;
#[cfg(test)]
mod tests;
mod token;
mod tsa;

pub use error::TspError;
#[cfg(feature = "http")]
pub use http::HttpTsa;
pub use request::TimestampRequest;
pub use token::{VerifiedTimestamp, parse_response, verify_response, verify_token};
pub use tsa::{DEMO_TSA_POLICY, DemoTsa};

/// `id-signedData` (RFC 5652 §5.1).
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// `id-ct-TSTInfo` (RFC 3161 §2.4.2).
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// `id-contentType` (RFC 5652 §11.1).
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// `id-messageDigest` (RFC 5652 §11.2).
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// `id-aa-signingCertificate` (RFC 2634 §5.4).
const ID_AA_SIGNING_CERTIFICATE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// `id-aa-signingCertificateV2` (RFC 5035 §3).
const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// `id-kp-timeStamping` (RFC 5280 §4.2.1.12).
const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

/// Where time-stamps come from: takes a DER `TimeStampReq`, returns the DER
/// `TimeStampResp` (RFC 3161 §3: the same bytes travel over HTTP, e-mail or sockets).
///
/// Injected wherever samad time-stamps, so tests and the embedded default run offline.
pub trait TimestampSource: Send + Sync {
    /// Sends `request` to the TSA and returns its response.
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, TspError>;
}

impl<S: TimestampSource + ?Sized> TimestampSource for &S {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, TspError> {
        (**self).exchange(request)
    }
}

impl<S: TimestampSource + ?Sized> TimestampSource for std::sync::Arc<S> {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, TspError> {
        (**self).exchange(request)
    }
}

/// Sends `request` to `source` and verifies the answer against it ([`verify_response`]).
pub fn request_timestamp(
    source: &dyn TimestampSource,
    request: &TimestampRequest,
    extra_certificates: &[Vec<u8>],
) -> Result<VerifiedTimestamp, TspError> {
    let response = source.exchange(&request.to_der()?)?;
    verify_response(&response, request, extra_certificates)
}
