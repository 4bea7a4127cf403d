//! The demo TSA and the token verifier against each other, and every check made to fail
//! once. (Interop with OpenSSL's TSA and verifier is in tests/pki_tsp_openssl.rs.)

use ::time::macros::datetime;

use super::*;
use crate::clock::FixedClock;
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::demo::{DemoIdentity, DemoPki};
use crate::pki::signer::SoftwareSigner;

const NOW: ::time::OffsetDateTime = datetime!(2025-03-20 10:00 UTC);

fn pki() -> DemoPki {
    DemoPki::generate(&FixedClock::new(NOW)).unwrap()
}

fn tsa_of(identity: &DemoIdentity) -> DemoTsa {
    let signer = SoftwareSigner::from_pkcs8_der(&identity.private_key, identity.chain()).unwrap();
    DemoTsa::new(signer, FixedClock::new(NOW)).unwrap()
}

fn request() -> TimestampRequest {
    TimestampRequest::for_data(DigestAlgorithm::Sha256, b"diploma 1403-0001")
        .with_nonce(&[0x00, 0x9a, 0xbc, 0xde])
}

#[test]
fn demo_tsa_tokens_verify_with_all_fields() {
    let pki = pki();
    let tsa = tsa_of(&pki.tsa);
    let request = request();
    let first = request_timestamp(&tsa, &request, &[]).unwrap();
    assert_eq!(first.gen_time, NOW);
    assert_eq!(first.policy, DEMO_TSA_POLICY);
    assert_eq!(first.nonce.as_deref(), Some(&[0x9a, 0xbc, 0xde][..]));
    assert_eq!(
        first.hashed_message,
        DigestAlgorithm::Sha256.digest(b"diploma 1403-0001")
    );
    assert_eq!(first.accuracy, Some(::time::Duration::seconds(1)));
    assert_eq!(first.tsa_certificate, pki.tsa.certificate);
    assert_eq!(first.certificates.len(), 2, "TSA and ministry CA");
    let second = request_timestamp(&tsa, &request, &[]).unwrap();
    assert_ne!(first.serial_number, second.serial_number);
    // The convenience constructor makes the same TSA.
    let same = DemoTsa::from_demo_pki(&pki, FixedClock::new(NOW)).unwrap();
    assert_eq!(
        request_timestamp(&same, &request, &[])
            .unwrap()
            .tsa_certificate,
        pki.tsa.certificate
    );
    // The token alone, as embedded in a signature, verifies without the nonce.
    let embedded = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"diploma 1403-0001");
    verify_token(&first.token, &embedded, &[]).unwrap();
}

#[test]
fn request_round_trips_and_rejects_a_wrong_hash_length() {
    let request = request()
        .with_policy(DEMO_TSA_POLICY)
        .unwrap()
        .with_cert_req(false);
    let parsed = TimestampRequest::from_der(&request.to_der().unwrap()).unwrap();
    assert_eq!(parsed, request);
    let err = TimestampRequest::new(DigestAlgorithm::Sha384, &[0; 32]).unwrap_err();
    assert!(matches!(err, TspError::BadRequest { .. }), "{err}");
    assert!(TimestampRequest::from_der(b"\x30\x00").is_err());
}

#[test]
fn without_cert_req_the_caller_supplies_the_tsa_certificate() {
    let pki = pki();
    let tsa = tsa_of(&pki.tsa);
    let request = request().with_cert_req(false);
    let err = request_timestamp(&tsa, &request, &[]).unwrap_err();
    assert!(matches!(err, TspError::TsaCertificateNotFound), "{err}");
    let stamp =
        request_timestamp(&tsa, &request, std::slice::from_ref(&pki.tsa.certificate)).unwrap();
    assert!(stamp.certificates.is_empty());
}

#[test]
fn imprint_nonce_and_policy_must_match_the_request() {
    let pki = pki();
    let tsa = tsa_of(&pki.tsa);
    let response = tsa.respond(&request().to_der().unwrap()).unwrap();

    let other_data = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"another diploma");
    let err = verify_response(&response, &other_data, &[]).unwrap_err();
    assert!(matches!(err, TspError::ImprintMismatch), "{err}");

    let other_nonce = request().with_nonce(&[1, 2, 3]);
    let err = verify_response(&response, &other_nonce, &[]).unwrap_err();
    assert!(matches!(err, TspError::NonceMismatch { .. }), "{err}");

    let other_policy = request().with_policy("1.3.6.1.4.1.32473.1").unwrap();
    let err = verify_response(&response, &other_policy, &[]).unwrap_err();
    assert!(matches!(err, TspError::PolicyMismatch { .. }), "{err}");
}

#[test]
fn the_demo_tsa_rejects_bad_requests_with_the_rfc_3161_fail_info() {
    let pki = pki();
    let tsa = tsa_of(&pki.tsa);
    let err = parse_response(&tsa.respond(b"not DER").unwrap()).unwrap_err();
    match err {
        TspError::Rejected {
            status,
            failure_info,
            ..
        } => {
            assert_eq!(status, "rejection");
            assert_eq!(failure_info, ["badDataFormat"]);
        }
        other => panic!("{other}"),
    }
    let foreign_policy = request().with_policy("1.3.6.1.4.1.32473.42").unwrap();
    let err = request_timestamp(&tsa, &foreign_policy, &[]).unwrap_err();
    assert!(err.to_string().contains("unacceptedPolicy"), "{err}");
}

#[test]
fn a_certificate_without_the_time_stamping_eku_cannot_stamp() {
    let pki = pki();
    let not_a_tsa = tsa_of(&pki.officials[0]);
    let err = request_timestamp(&not_a_tsa, &request(), &[]).unwrap_err();
    assert!(matches!(err, TspError::TsaCertificate { .. }), "{err}");
}

#[test]
fn a_token_outside_the_tsa_certificate_validity_is_refused() {
    let pki = pki();
    let signer = SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain()).unwrap();
    let late = DemoTsa::new(signer, FixedClock::new(datetime!(2035-01-01 0:00 UTC))).unwrap();
    let err = request_timestamp(&late, &request(), &[]).unwrap_err();
    assert!(err.to_string().contains("not at genTime"), "{err}");
}

/// Flips one byte of `needle` inside `haystack`.
fn tamper(haystack: &[u8], needle: &[u8]) -> Vec<u8> {
    let at = haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle present");
    let mut out = haystack.to_vec();
    out[at + needle.len() - 1] ^= 0x01;
    out
}

#[test]
fn altered_content_signature_or_certificate_binding_is_detected() {
    let pki = pki();
    let tsa = tsa_of(&pki.tsa);
    let request = request();
    let stamp = request_timestamp(&tsa, &request, &[]).unwrap();

    // The TSTInfo's hash changes: the message-digest attribute no longer matches.
    let altered = tamper(&stamp.token, request.hashed_message());
    let err = verify_token(&altered, &request, &[]).unwrap_err();
    assert!(matches!(err, TspError::ContentDigestMismatch), "{err}");

    // The TSA certificate in the token changes (a bit of its CA signature, the last bytes of
    // its DER): ESSCertIDv2 no longer names it.
    let cert_tail = &pki.tsa.certificate[pki.tsa.certificate.len() - 8..];
    let altered = tamper(&stamp.token, cert_tail);
    let err = verify_token(&altered, &request, &[]).unwrap_err();
    assert!(
        matches!(err, TspError::SigningCertificateMismatch { .. }),
        "{err}"
    );

    // Another key's signature: the TSA certificate's key does not verify it.
    let impostor = SoftwareSigner::from_pkcs8_der(&pki.officials[0].private_key, vec![]).unwrap();
    let forged =
        DemoTsa::new(ForgedChain(impostor, pki.tsa.chain()), FixedClock::new(NOW)).unwrap();
    let err = request_timestamp(&forged, &request, &[]).unwrap_err();
    assert!(matches!(err, TspError::BadSignature { .. }), "{err}");
}

/// A signer that presents someone else's certificate chain.
struct ForgedChain(SoftwareSigner, Vec<Vec<u8>>);

impl crate::pki::signer::Signer for ForgedChain {
    fn algorithm(&self) -> crate::pki::algorithm::SignatureAlgorithm {
        self.0.algorithm()
    }
    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.1
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, crate::pki::signer::SignerError> {
        self.0.sign(message)
    }
}

#[test]
fn garbage_responses_are_errors_not_panics() {
    for input in [
        &b""[..],
        b"\x30",
        b"\x30\x03\x02\x01\x00",
        b"\x30\x05\x30\x03\x02\x01\x00",
    ] {
        let _ = parse_response(input);
        let _ = verify_response(input, &request(), &[]);
    }
    // Granted with no token.
    let err = parse_response(b"\x30\x05\x30\x03\x02\x01\x00").unwrap_err();
    assert!(matches!(err, TspError::NoToken), "{err}");
}

#[test]
fn the_tsa_path_validates_to_its_own_root_only() {
    use crate::pki::path::PathValidator;
    use crate::pki::trust::TrustStore;

    let pki = pki();
    let stamp = request_timestamp(&tsa_of(&pki.tsa), &request(), &[]).unwrap();
    let root = crate::pki::cert::parse_pem_or_der(&pki.root_ca.certificate).unwrap();
    let trust = TrustStore::from_certificates(root).unwrap();
    let path = stamp
        .validate_tsa_path(&PathValidator::new(&trust).at(NOW))
        .unwrap();
    assert_eq!(path.certificates().len(), 3, "TSA, ministry CA, root");

    let stranger = DemoPki::generate(&FixedClock::new(NOW)).unwrap();
    let other_root = crate::pki::cert::parse_pem_or_der(&stranger.root_ca.certificate).unwrap();
    let other_trust = TrustStore::from_certificates(other_root).unwrap();
    let err = stamp
        .validate_tsa_path(&PathValidator::new(&other_trust).at(NOW))
        .unwrap_err();
    assert!(matches!(err, TspError::TsaPath(_)), "{err}");
}
