use time::macros::datetime;

use super::*;
use crate::clock::FixedClock;
use crate::pki::demo::DemoPki;

const SHA1: &str = "1.3.14.3.2.26";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const MD5: &str = "1.2.840.113549.2.5";
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";

#[test]
fn sha2_digests_have_no_end() {
    let policy = AlgorithmPolicy::default();
    assert!(
        policy
            .check_digest(SHA256, datetime!(2099-01-01 0:00 UTC))
            .is_ok()
    );
    assert!(
        policy
            .check_signature_algorithm(ECDSA_SHA256, datetime!(2099-01-01 0:00 UTC))
            .is_ok()
    );
}

#[test]
fn sha1_is_cut_off_at_2016() {
    let policy = AlgorithmPolicy::default();
    assert!(
        policy
            .check_digest(SHA1, datetime!(2015-12-31 23:59:59 UTC))
            .is_ok()
    );
    let err = policy
        .check_digest(SHA1, datetime!(2016-01-01 0:00 UTC))
        .unwrap_err();
    assert_eq!(
        err.acceptable_before(),
        Some(datetime!(2016-01-01 0:00 UTC))
    );
    assert!(err.to_string().contains("SHA-1"), "{err}");
}

#[test]
fn unknown_algorithms_are_never_accepted() {
    let policy = AlgorithmPolicy::default();
    let err = policy
        .check_digest(MD5, datetime!(2000-01-01 0:00 UTC))
        .unwrap_err();
    assert!(matches!(err, PolicyViolation::NotAllowed { .. }));
    assert_eq!(err.acceptable_before(), None);
    assert!(err.to_string().contains("samad-2026-1"), "{err}");
}

/// A SubjectPublicKeyInfo with an RSA modulus of `bits` bits (top bit set).
fn rsa_spki(bits: usize) -> Vec<u8> {
    use der::Encode;
    let mut modulus = vec![0xffu8; bits / 8];
    modulus[bits / 8 - 1] = 0x01;
    let key = RsaPublicKey {
        modulus: UintRef::new(&modulus).unwrap(),
        public_exponent: UintRef::new(&[1, 0, 1]).unwrap(),
    }
    .to_der()
    .unwrap();
    let info = spki::SubjectPublicKeyInfoOwned {
        algorithm: spki::AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(RSA),
            parameters: Some(der::asn1::Any::null()),
        },
        subject_public_key: der::asn1::BitString::from_bytes(&key).unwrap(),
    };
    info.to_der().unwrap()
}

#[test]
fn rsa_key_sizes_follow_the_table() {
    let policy = AlgorithmPolicy::default();
    let now = datetime!(2026-06-01 0:00 UTC);
    assert!(policy.check_public_key(&rsa_spki(3072), now).is_ok());
    assert!(policy.check_public_key(&rsa_spki(2048), now).is_ok());
    // RSA-2048 has an end; RSA-3072 does not.
    let later = datetime!(2031-06-01 0:00 UTC);
    assert!(matches!(
        policy.check_public_key(&rsa_spki(2048), later),
        Err(PolicyViolation::Expired { .. })
    ));
    assert!(policy.check_public_key(&rsa_spki(4096), later).is_ok());
    // RSA-1024: only before 2014; RSA-512: never.
    assert!(
        policy
            .check_public_key(&rsa_spki(1024), datetime!(2010-01-01 0:00 UTC))
            .is_ok()
    );
    assert!(matches!(
        policy.check_public_key(&rsa_spki(1024), now),
        Err(PolicyViolation::Expired { .. })
    ));
    let err = policy.check_public_key(&rsa_spki(512), now).unwrap_err();
    assert!(
        matches!(
            err,
            PolicyViolation::KeyTooSmall {
                bits: 512,
                min: 1024,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn garbage_keys_are_reported_not_panicked_on() {
    let policy = AlgorithmPolicy::default();
    let err = policy
        .check_public_key(b"\x30\x03\x02\x01", datetime!(2026-06-01 0:00 UTC))
        .unwrap_err();
    assert!(matches!(err, PolicyViolation::UnreadableKey { .. }));
}

#[test]
fn demo_certificates_pass() {
    let at = datetime!(2026-03-01 0:00 UTC);
    let pki = DemoPki::generate(&FixedClock::new(at)).unwrap();
    let policy = AlgorithmPolicy::default();
    for identity in pki.identities() {
        let cert = Certificate::from_der(&identity.certificate).unwrap();
        policy.check_certificate(&cert, at).unwrap();
    }
}

#[test]
fn a_custom_table_is_used() {
    let strict = AlgorithmPolicy::new(
        "agency-strict",
        vec![AlgorithmRule {
            kind: RuleKind::Digest,
            name: "SHA-384",
            oid: "2.16.840.1.101.3.4.2.2",
            min_bits: 0,
            until: None,
        }],
    );
    assert_eq!(strict.id(), "agency-strict");
    assert!(
        strict
            .check_digest(SHA256, datetime!(2026-01-01 0:00 UTC))
            .is_err()
    );
}

#[test]
fn a_zero_rsa_modulus_is_too_small_not_a_panic() {
    use der::Encode;
    let key = RsaPublicKey {
        modulus: UintRef::new(&[0]).unwrap(),
        public_exponent: UintRef::new(&[3]).unwrap(),
    }
    .to_der()
    .unwrap();
    let info = spki::SubjectPublicKeyInfoOwned {
        algorithm: spki::AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(RSA),
            parameters: None,
        },
        subject_public_key: der::asn1::BitString::from_bytes(&key).unwrap(),
    }
    .to_der()
    .unwrap();
    let err = AlgorithmPolicy::default()
        .check_public_key(&info, datetime!(2026-01-01 0:00 UTC))
        .unwrap_err();
    assert!(
        matches!(err, PolicyViolation::KeyTooSmall { bits: 0, .. }),
        "{err:?}"
    );
}
