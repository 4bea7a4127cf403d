//! Software signers on OpenSSL-made keys (tests/data/pki/make-keys.sh) and on the demo PKI:
//! each key loads, derives the public key OpenSSL derived, and signs what `ring` verifies
//! against that OpenSSL public key.

use ::time::macros::datetime;

use super::*;
use crate::clock::FixedClock;
use crate::pki::demo::DemoPki;

fn key(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/pki/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pem(name: &str) -> String {
    String::from_utf8(key(name)).unwrap()
}

#[test]
fn openssl_keys_load_with_the_right_algorithm_and_public_key() {
    for (name, algorithm) in [
        ("p256", SignatureAlgorithm::EcdsaP256Sha256),
        ("p384", SignatureAlgorithm::EcdsaP384Sha384),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha256),
        ("rsa4096", SignatureAlgorithm::RsaPkcs1Sha256),
        ("ed25519", SignatureAlgorithm::Ed25519),
    ] {
        let from_pem =
            SoftwareSigner::from_pkcs8_pem(&pem(&format!("{name}.key.pem")), vec![]).unwrap();
        let from_der =
            SoftwareSigner::from_pkcs8_der(&key(&format!("{name}.key.der")), vec![]).unwrap();
        assert_eq!(from_pem.algorithm(), algorithm, "{name}");
        assert_eq!(from_der.algorithm(), algorithm, "{name}");
        assert_eq!(
            from_pem.public_key_spki().unwrap(),
            key(&format!("{name}.spki.der")),
            "{name}"
        );
    }
}

#[test]
fn every_algorithm_signs_what_the_openssl_public_key_verifies() {
    let cases = [
        ("p256", SignatureAlgorithm::EcdsaP256Sha256),
        ("p384", SignatureAlgorithm::EcdsaP384Sha384),
        ("ed25519", SignatureAlgorithm::Ed25519),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha256),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha384),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha512),
        ("rsa2048", SignatureAlgorithm::RsaPssSha256),
        ("rsa4096", SignatureAlgorithm::RsaPssSha384),
        ("rsa4096", SignatureAlgorithm::RsaPssSha512),
    ];
    for (name, algorithm) in cases {
        let signer = SoftwareSigner::from_pkcs8_pem(&pem(&format!("{name}.key.pem")), vec![])
            .unwrap()
            .with_algorithm(algorithm)
            .unwrap();
        let spki = key(&format!("{name}.spki.der"));
        let signature = signer.sign(b"signed attributes").unwrap();
        algorithm
            .verify(&spki, b"signed attributes", &signature)
            .unwrap_or_else(|e| panic!("{name} {algorithm}: {e}"));
        assert!(
            algorithm.verify(&spki, b"other bytes", &signature).is_err(),
            "{name} {algorithm} verified the wrong message"
        );
    }
}

#[test]
fn rejected_keys_say_why() {
    let err = SoftwareSigner::from_pkcs8_pem(&pem("rsa1024.key.pem"), vec![]).unwrap_err();
    assert!(matches!(err, SignerError::UnsupportedKey { .. }), "{err}");
    assert!(err.to_string().contains("2048"), "{err}");

    let err = SoftwareSigner::from_pkcs8_pem(&pem("p256-encrypted.key.pem"), vec![]).unwrap_err();
    assert!(err.to_string().contains("encrypted"), "{err}");

    let cert_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    let err = SoftwareSigner::from_pkcs8_pem(cert_pem, vec![]).unwrap_err();
    assert!(err.to_string().contains("\"CERTIFICATE\""), "{err}");

    for garbage in [&b""[..], b"\x30\x03\x02\x01\x00", b"not a key"] {
        let err = SoftwareSigner::from_pkcs8_der(garbage, vec![]).unwrap_err();
        assert!(matches!(err, SignerError::BadKey { .. }), "{err}");
    }
}

#[test]
fn an_ec_key_refuses_an_rsa_algorithm() {
    let signer = SoftwareSigner::from_pkcs8_pem(&pem("p256.key.pem"), vec![]).unwrap();
    let err = signer
        .with_algorithm(SignatureAlgorithm::RsaPssSha256)
        .unwrap_err();
    assert!(
        matches!(err, SignerError::AlgorithmMismatch { .. }),
        "{err}"
    );
}

#[test]
fn demo_signer_checks_its_certificate_and_verifies_against_it() {
    let pki = DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC))).unwrap();
    let official = &pki.officials[0];
    let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain()).unwrap();
    assert_eq!(signer.certificate_chain().len(), 3);
    let signature = signer.sign(b"diploma").unwrap();
    let (_, cert) = x509_parser::parse_x509_certificate(&official.certificate).unwrap();
    signer
        .algorithm()
        .verify(cert.public_key().raw, b"diploma", &signature)
        .unwrap();

    let other = &pki.officials[1];
    let err = SoftwareSigner::from_pkcs8_der(&official.private_key, other.chain()).unwrap_err();
    assert!(matches!(err, SignerError::CertificateKeyMismatch), "{err}");
    let err = SoftwareSigner::from_pkcs8_der(
        &official.private_key,
        vec![official.certificate.clone(), vec![0x30]],
    )
    .unwrap_err();
    assert!(
        matches!(err, SignerError::BadCertificate { index: 1, .. }),
        "{err}"
    );
}

#[test]
fn a_missing_pkcs11_module_is_a_load_error() {
    let err = Pkcs11Signer::open(
        std::path::Path::new("/nonexistent/libpkcs11.so"),
        "token",
        &KeySelector::Label("key".into()),
        "1234",
        vec![],
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            SignerError::Pkcs11 {
                operation: "load module",
                ..
            }
        ),
        "{err}"
    );
}
