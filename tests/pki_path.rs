//! Path validation over a chain made by the openssl CLI (scripts/make-path-bench-chain.sh;
//! `openssl verify` accepts it): purposes, validity, budget, and the most specific error
//! winning when several candidate paths fail.

use samad::pki::cert::{Certificate, parse_pem_or_der};
use samad::pki::path::{Budget, PathError, PathValidator, Purpose};
use samad::pki::trust::TrustStore;
use time::macros::datetime;

fn load(name: &str) -> Vec<Certificate> {
    let path = format!(
        "{}/benches/data/path/{name}.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_pem_or_der(&std::fs::read(&path).expect("chain file")).expect("PEM")
}

#[test]
fn the_chain_validates_for_document_signing_through_the_right_intermediate() {
    let trust = TrustStore::from_certificates(load("root")).expect("trust");
    // A wrong same-name intermediate in the pool; AKI/SKI ordering and the signature
    // check keep it out of the path.
    let mut pool = load("intermediate-other");
    pool.extend(load("intermediate"));
    let ee = &load("ee")[0];
    let path = PathValidator::new(&trust)
        .intermediates(&pool)
        .at(datetime!(2030-01-01 0:00 UTC))
        .purpose(Purpose::DocumentSigning)
        .validate_certificate(ee)
        .expect("valid");
    assert_eq!(path.certificates().len(), 3);
    assert_eq!(
        path.anchor().subject.to_string(),
        "C=IR, O=samad bench, CN=Bench Root CA"
    );
}

#[test]
fn the_most_specific_error_wins_over_a_bad_signature() {
    let trust = TrustStore::from_certificates(load("root")).expect("trust");
    let mut pool = load("intermediate-other");
    pool.extend(load("intermediate"));
    let ee = &load("ee")[0];
    // After notAfter: one path fails on the signature, the other on expiry; expiry wins.
    let err = PathValidator::new(&trust)
        .intermediates(&pool)
        .at(datetime!(2300-01-01 0:00 UTC))
        .validate_certificate(ee)
        .expect_err("expired");
    assert!(matches!(err, PathError::Expired { .. }), "{err}");
    assert_eq!(err.code(), "EXPIRED");
    // With only the wrong intermediate, the signature failure is what is left.
    let wrong = load("intermediate-other");
    let err = PathValidator::new(&trust)
        .intermediates(&wrong)
        .at(datetime!(2030-01-01 0:00 UTC))
        .validate_certificate(ee)
        .expect_err("bad signature");
    assert_eq!(err.code(), "SIG_CRYPTO_FAILURE", "{err}");
    // With no intermediate, no chain.
    let err = PathValidator::new(&trust)
        .at(datetime!(2030-01-01 0:00 UTC))
        .validate_certificate(ee)
        .expect_err("no issuer");
    assert_eq!(err.code(), "NO_CERTIFICATE_CHAIN_FOUND", "{err}");
}

#[test]
fn purposes_and_budget() {
    let trust = TrustStore::from_certificates(load("root")).expect("trust");
    let pool = load("intermediate");
    let ee = &load("ee")[0];
    let v = PathValidator::new(&trust)
        .intermediates(&pool)
        .at(datetime!(2030-01-01 0:00 UTC));
    let err = v
        .purpose(Purpose::TimeStamping)
        .validate_certificate(ee)
        .expect_err("no EKU");
    assert!(
        matches!(
            err,
            PathError::Eku {
                purpose: "time-stamping",
                ..
            }
        ),
        "{err}"
    );
    let err = v
        .budget(Budget {
            max_signature_checks: 1,
            max_paths: 10,
        })
        .validate_certificate(ee)
        .expect_err("budget");
    assert!(
        matches!(
            err,
            PathError::BudgetExceeded {
                signature_checks: 1,
                ..
            }
        ),
        "{err}"
    );
    // The intermediate is a CA, not a signer.
    let err = v
        .purpose(Purpose::DocumentSigning)
        .validate_certificate(&pool[0])
        .expect_err("CA key usage");
    assert_eq!(err.code(), "KEY_USAGE", "{err}");
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    let trust = TrustStore::from_certificates(load("root")).expect("trust");
    let err = PathValidator::new(&trust)
        .at(datetime!(2030-01-01 0:00 UTC))
        .validate(b"\x30\x03\x02\x01")
        .expect_err("garbage");
    assert_eq!(err.code(), "FORMAT_FAILURE");
    assert_eq!(
        TrustStore::from_pem(b"").unwrap_err(),
        PathError::EmptyTrustStore
    );
    let ee = &load("ee")[0];
    let err = PathValidator::new(&trust)
        .validate_certificate(ee)
        .expect_err("no time");
    assert_eq!(err, PathError::NoValidationTime);
}
