use super::*;
use der::asn1::BitString;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use spki::SubjectPublicKeyInfoOwned;

fn spki_der(key_oid: ObjectIdentifier, curve: Option<ObjectIdentifier>, key: &[u8]) -> Vec<u8> {
    let parameters = curve.map(|c| der::asn1::Any::encode_from(&c).expect("curve OID"));
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: key_oid,
            parameters,
        },
        subject_public_key: BitString::from_bytes(key).expect("bit string"),
    }
    .to_der()
    .expect("SPKI")
}

fn ecdsa_case(
    alg: SignatureAlgorithm,
    ring_alg: &'static ring::signature::EcdsaSigningAlgorithm,
    curve: ObjectIdentifier,
) {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(ring_alg, &rng).expect("key");
    let key = EcdsaKeyPair::from_pkcs8(ring_alg, pkcs8.as_ref(), &rng).expect("key");
    let sig = key.sign(&rng, b"samad").expect("sign");
    let spki = spki_der(EC_PUBLIC_KEY, Some(curve), key.public_key().as_ref());
    assert_eq!(alg.verify(&spki, b"samad", sig.as_ref()), Ok(()));
    assert_eq!(
        alg.verify(&spki, b"samaD", sig.as_ref()),
        Err(AlgorithmError::BadSignature { algorithm: alg })
    );
}

#[test]
fn ecdsa_signatures_verify_and_tampering_fails() {
    ecdsa_case(
        SignatureAlgorithm::EcdsaP256Sha256,
        &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
        P256,
    );
    ecdsa_case(
        SignatureAlgorithm::EcdsaP384Sha384,
        &ring::signature::ECDSA_P384_SHA384_ASN1_SIGNING,
        P384,
    );
}

#[test]
fn ed25519_verifies_and_curve_mismatch_is_named() {
    let rng = SystemRandom::new();
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).expect("key");
    let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key");
    let sig = key.sign(b"diploma");
    let spki = spki_der(ED25519, None, key.public_key().as_ref());
    assert_eq!(
        SignatureAlgorithm::Ed25519.verify(&spki, b"diploma", sig.as_ref()),
        Ok(())
    );
    let err = SignatureAlgorithm::EcdsaP256Sha256
        .verify(&spki, b"diploma", sig.as_ref())
        .expect_err("key mismatch");
    assert!(matches!(err, AlgorithmError::KeyMismatch { ref key, .. } if key == "Ed25519"));
}

#[test]
fn every_algorithm_identifier_round_trips() {
    for alg in SignatureAlgorithm::ALL {
        let der = alg.algorithm_identifier_der();
        assert_eq!(
            SignatureAlgorithm::from_algorithm_identifier_der(&der),
            Ok(alg),
            "{alg}"
        );
    }
}

#[test]
fn known_encodings_match_the_rfcs() {
    // RFC 4055 §5: sha256WithRSAEncryption with NULL parameters.
    assert_eq!(
        SignatureAlgorithm::RsaPkcs1Sha256.algorithm_identifier_der(),
        [
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05,
            0x00
        ]
    );
    // RFC 5758 §3.2: ecdsa-with-SHA256, parameters absent.
    assert_eq!(
        SignatureAlgorithm::EcdsaP256Sha256.algorithm_identifier_der(),
        [
            0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02
        ]
    );
    // RFC 8410 §3: id-Ed25519 is 30 05 06 03 2B 65 70.
    assert_eq!(
        SignatureAlgorithm::Ed25519.algorithm_identifier_der(),
        [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70]
    );
}

#[test]
fn pss_with_default_sha1_or_wrong_salt_is_rejected() {
    // RSASSA-PSS with empty params = all SHA-1 defaults.
    let empty = [0x30, 0x00];
    assert!(matches!(
        SignatureAlgorithm::from_algorithm_identifier(&RSA_PSS, Some(&empty)),
        Err(AlgorithmError::BadParameters { .. })
    ));
    let full = SignatureAlgorithm::RsaPssSha256
        .algorithm_identifier()
        .parameters
        .expect("params")
        .to_der()
        .expect("der");
    let mut params = PssParams::from_der(&full).expect("PSS params");
    params.salt_length = Some(20);
    let der = params.to_der().expect("der");
    assert!(matches!(
        SignatureAlgorithm::from_algorithm_identifier(&RSA_PSS, Some(&der)),
        Err(AlgorithmError::BadParameters { reason, .. }) if reason.contains("salt")
    ));
}

#[test]
fn ecdsa_with_parameters_and_unknown_oids_are_rejected() {
    let null = [0x05, 0x00];
    assert!(matches!(
        SignatureAlgorithm::from_algorithm_identifier(&ECDSA_SHA256, Some(&null)),
        Err(AlgorithmError::BadParameters { .. })
    ));
    let md5_rsa = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.4");
    assert_eq!(
        SignatureAlgorithm::from_algorithm_identifier(&md5_rsa, None),
        Err(AlgorithmError::UnsupportedSignatureAlgorithm {
            oid: "1.2.840.113549.1.1.4".into()
        })
    );
    assert!(matches!(
        SignatureAlgorithm::from_algorithm_identifier_der(&[0x30, 0x03, 0x06]),
        Err(AlgorithmError::Malformed { .. })
    ));
}

#[test]
fn digests_match_fips_180_4() {
    assert_eq!(
        DigestAlgorithm::Sha256.digest(b"abc")[..4],
        [0xba, 0x78, 0x16, 0xbf]
    );
    assert_eq!(DigestAlgorithm::Sha384.output_len(), 48);
    assert_eq!(
        DigestAlgorithm::from_oid(&SHA512),
        Ok(DigestAlgorithm::Sha512)
    );
}
