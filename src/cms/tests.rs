//! CMS/CAdES unit tests: round trips for every key type, signer identifiers, attributes,
//! each level's evidence, extension keeping the signed part's bytes, the archive
//! time-stamp detecting changes, and hostile input. OpenSSL's view is in
//! `tests/cms_openssl.rs`.

use ::time::macros::datetime;
use time::OffsetDateTime;

use super::*;
use crate::clock::FixedClock;
use crate::pki::algorithm::SignatureAlgorithm;
use crate::pki::demo::DemoPki;
use crate::pki::revocation::OfflineRevocation;
use crate::pki::signer::SoftwareSigner;
use crate::pki::tsp::DemoTsa;

const SIGNED_AT: OffsetDateTime = datetime!(2025-03-20 10:00 UTC);
const RECORD: &[u8] = b"a university record: 50 KB in real life, a line here";

struct Fixture {
    pki: DemoPki,
    tsa: DemoTsa,
    trust: TrustStore,
    revocation: OfflineRevocation,
}

impl Fixture {
    fn new() -> Fixture {
        let pki =
            DemoPki::generate(&FixedClock::new(SIGNED_AT - time::Duration::hours(1))).unwrap();
        let tsa = DemoTsa::from_demo_pki(&pki, FixedClock::new(SIGNED_AT)).unwrap();
        let trust = TrustStore::from_pem(&pki.root_ca.certificate).unwrap();
        let mut revocation = OfflineRevocation::new();
        for crl in &pki.crls {
            revocation = revocation.with_crl_bytes(&crl.der).unwrap();
        }
        Fixture {
            pki,
            tsa,
            trust,
            revocation,
        }
    }

    fn signer(&self) -> SoftwareSigner {
        let official = &self.pki.officials[0];
        SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain()).unwrap()
    }

    fn lt(&self) -> LtSources<'_> {
        LtSources {
            trust: &self.trust,
            intermediates: &[],
            revocation: &self.revocation,
            at: SIGNED_AT + time::Duration::minutes(5),
        }
    }

    fn options(&self, level: Level) -> SignOptions<'_> {
        SignOptions::new(level)
            .signing_time(SIGNED_AT)
            .timestamp(&self.tsa)
            .lt(self.lt())
    }
}

fn key(name: &str) -> String {
    let path = format!(
        "{}/tests/data/pki/keys/{name}.key.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A self-signed certificate for an OpenSSL-made key (rcgen signs with the key itself).
fn self_signed(key_pem: &str) -> Vec<u8> {
    let key_pair = rcgen::KeyPair::from_pem(key_pem).unwrap();
    let mut params =
        rcgen::CertificateParams::new(vec!["signer.samad.invalid".to_owned()]).unwrap();
    params.key_identifier_method = rcgen::KeyIdMethod::Sha256;
    params.use_authority_key_identifier_extension = false;
    params.self_signed(&key_pair).unwrap().der().to_vec()
}

fn verify_all(der: &[u8], content: &[u8]) -> CmsSignature {
    let signature = CmsSignature::from_der(der).unwrap();
    signature
        .check_message_digest(Content::Data(content))
        .unwrap();
    let cert = signature
        .signer_certificate(&[])
        .expect("the signer's certificate is embedded");
    signature.check_signing_certificate(&cert).unwrap();
    signature.verify_signature_value(&cert).unwrap();
    signature
}

#[test]
fn every_key_type_round_trips() {
    let cases = [
        ("p256", SignatureAlgorithm::EcdsaP256Sha256),
        ("p384", SignatureAlgorithm::EcdsaP384Sha384),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha256),
        ("rsa2048", SignatureAlgorithm::RsaPssSha256),
        ("ed25519", SignatureAlgorithm::Ed25519),
    ];
    for (name, algorithm) in cases {
        let pem = key(name);
        let cert = self_signed(&pem);
        let signer = SoftwareSigner::from_pkcs8_pem(&pem, vec![cert.clone()])
            .unwrap()
            .with_algorithm(algorithm)
            .unwrap();
        let der = sign(Content::Data(RECORD), &signer, &SignOptions::new(Level::BB)).unwrap();
        let signature = verify_all(&der, RECORD);
        assert_eq!(
            signature.signature_algorithm().unwrap(),
            algorithm,
            "{name}"
        );
        assert_eq!(
            signature.digest_algorithm().unwrap(),
            algorithm.digest(),
            "{name}"
        );
        assert_eq!(signature.certificates(), &[cert][..], "{name}");
        assert_eq!(signature.level(), Level::BB);
        let err = signature
            .check_message_digest(Content::Data(b"another record"))
            .unwrap_err();
        assert_eq!(err.sub_indication(), SubIndication::HashFailure, "{name}");
    }
}

#[test]
fn a_signature_over_a_digest_equals_one_over_the_data() {
    let f = Fixture::new();
    let signer = f.signer();
    let digest = signer.algorithm().digest().digest(RECORD);
    let der = sign(
        Content::Digest(&digest),
        &signer,
        &SignOptions::new(Level::BB),
    )
    .unwrap();
    let signature = verify_all(&der, RECORD);
    signature
        .check_message_digest(Content::Digest(&digest))
        .unwrap();
    let err = sign(
        Content::Digest(&digest[1..]),
        &signer,
        &SignOptions::new(Level::BB),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            CmsError::DigestLength {
                expected: 32,
                found: 31,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn the_signer_is_found_by_issuer_and_serial_or_by_subject_key_identifier() {
    let f = Fixture::new();
    let signer = f.signer();
    for (kind, version) in [
        (
            SignerIdentifierKind::IssuerAndSerial,
            ::cms::content_info::CmsVersion::V1,
        ),
        (
            SignerIdentifierKind::SubjectKeyIdentifier,
            ::cms::content_info::CmsVersion::V3,
        ),
    ] {
        let options = SignOptions::new(Level::BB).signer_identifier(kind);
        let der = sign(Content::Data(RECORD), &signer, &options).unwrap();
        let signature = verify_all(&der, RECORD);
        assert_eq!(signature.signed_data().version, version, "{kind:?}");
        assert_eq!(
            signature.signer_certificate(&[]).unwrap().der(),
            &f.pki.officials[0].certificate[..]
        );
        // Another official's certificate is not the signer's.
        let other = Certificate::from_der(&f.pki.officials[1].certificate).unwrap();
        let err = signature.check_signing_certificate(&other).unwrap_err();
        assert_eq!(
            err.sub_indication(),
            SubIndication::NoSigningCertificateFound
        );
        assert!(signature.verify_signature_value(&other).is_err());
    }
}

#[test]
fn signing_time_and_claimed_role_are_signed_only_when_asked() {
    let f = Fixture::new();
    let signer = f.signer();
    let plain = CmsSignature::from_der(
        &sign(Content::Data(RECORD), &signer, &SignOptions::new(Level::BB)).unwrap(),
    )
    .unwrap();
    assert_eq!(plain.signing_time(), None);
    assert_eq!(plain.claimed_role(), None);
    assert!(!plain.has_signed_attribute("1.2.840.113549.1.9.5"));
    assert!(plain.has_signed_attribute("1.2.840.113549.1.9.16.2.47"));

    let options = SignOptions::new(Level::BB)
        .signing_time(SIGNED_AT)
        .claimed_role("رئیس دانشگاه (President)");
    let full = verify_all(
        &sign(Content::Data(RECORD), &signer, &options).unwrap(),
        RECORD,
    );
    assert_eq!(full.signing_time(), Some(SIGNED_AT));
    assert_eq!(
        full.claimed_role().as_deref(),
        Some("رئیس دانشگاه (President)")
    );
    assert!(full.has_signed_attribute("0.4.0.19122.1.1"));
}

#[test]
fn each_level_carries_its_evidence() {
    let f = Fixture::new();
    let signer = f.signer();
    for level in [Level::BB, Level::BT, Level::BLt, Level::BLta] {
        let der = sign(Content::Data(RECORD), &signer, &f.options(level)).unwrap();
        let signature = verify_all(&der, RECORD);
        assert_eq!(signature.level(), level);
        let stamps = signature.signature_timestamps();
        assert_eq!(stamps.len(), usize::from(level >= Level::BT), "{level:?}");
        for stamp in stamps {
            assert_eq!(stamp.unwrap().gen_time, SIGNED_AT);
        }
        if level >= Level::BLt {
            // The root, both CAs above the official, the official, the TSA: every path.
            for cert in [
                &f.pki.root_ca.certificate,
                &f.pki.ministry_ca.certificate,
                &f.pki.university_ca.certificate,
                &f.pki.tsa.certificate,
            ] {
                assert!(signature.certificates().contains(cert), "{level:?}");
            }
            assert!(
                signature.crls().len() >= 2,
                "{level:?}: {}",
                signature.crls().len()
            );
        } else {
            assert!(signature.crls().is_empty());
        }
        let archive = signature.archive_timestamps(Content::Data(RECORD));
        assert_eq!(archive.len(), usize::from(level == Level::BLta));
        for stamp in archive {
            stamp.unwrap();
        }
    }
}

#[test]
fn extension_keeps_the_signed_part_byte_identical() {
    let f = Fixture::new();
    let der = sign(Content::Data(RECORD), &f.signer(), &f.options(Level::BB)).unwrap();
    let original = CmsSignature::from_der(&der).unwrap();
    let mut current = der;
    for to in [Level::BT, Level::BLt, Level::BLta] {
        current = extend(&current, Content::Data(RECORD), to, &f.options(to)).unwrap();
        let extended = verify_all(&current, RECORD);
        assert_eq!(extended.level(), to);
        assert_eq!(extended.signed_attributes(), original.signed_attributes());
        assert_eq!(extended.signature_value(), original.signature_value());
        // Every SignerInfo field before unsignedAttrs keeps its bytes.
        let prefix = |s: &CmsSignature| {
            let outer = der::asn1::AnyRef::from_der(s.signer_info_der()).unwrap();
            asn1::element_tlvs(outer.value())
                .unwrap()
                .into_iter()
                .take(6)
                .map(<[u8]>::to_vec)
                .collect::<Vec<_>>()
        };
        assert_eq!(prefix(&extended), prefix(&original));
    }
    let err = extend(
        &current,
        Content::Data(RECORD),
        Level::BLt,
        &f.options(Level::BLt),
    )
    .unwrap_err();
    assert!(matches!(err, CmsError::NotHigher { .. }), "{err}");
    let err = extend(
        &sign(Content::Data(RECORD), &f.signer(), &f.options(Level::BB)).unwrap(),
        Content::Data(b"not the signed record"),
        Level::BT,
        &f.options(Level::BT),
    )
    .unwrap_err();
    assert!(matches!(err, CmsError::DigestMismatch { .. }), "{err}");
}

#[test]
fn levels_above_b_b_need_their_sources() {
    let f = Fixture::new();
    let err = sign(
        Content::Data(RECORD),
        &f.signer(),
        &SignOptions::new(Level::BT),
    )
    .unwrap_err();
    assert!(
        matches!(err, CmsError::MissingOption { level: "B-T", .. }),
        "{err}"
    );
    let options = SignOptions::new(Level::BLt).timestamp(&f.tsa);
    let err = sign(Content::Data(RECORD), &f.signer(), &options).unwrap_err();
    assert!(
        matches!(err, CmsError::MissingOption { level: "B-LT", .. }),
        "{err}"
    );
}

#[test]
fn b_lt_refuses_a_revoked_signer() {
    let f = Fixture::new();
    let revoked = &f.pki.revoked_official;
    let signer = SoftwareSigner::from_pkcs8_der(&revoked.private_key, revoked.chain()).unwrap();
    let err = sign(Content::Data(RECORD), &signer, &f.options(Level::BLt)).unwrap_err();
    assert!(matches!(err, CmsError::Path { .. }), "{err}");
    assert_eq!(err.sub_indication(), SubIndication::Revoked);
}

#[test]
fn the_archive_time_stamp_detects_a_change_to_anything_it_covers() {
    let f = Fixture::new();
    let der = sign(Content::Data(RECORD), &f.signer(), &f.options(Level::BLta)).unwrap();
    let signature = CmsSignature::from_der(&der).unwrap();
    signature.archive_timestamps(Content::Data(RECORD))[0]
        .as_ref()
        .unwrap();

    // The content.
    let err = signature.archive_timestamps(Content::Data(b"changed"))[0]
        .as_ref()
        .unwrap_err()
        .sub_indication();
    assert_eq!(err, SubIndication::HashFailure);

    // A certificate: the root replaced by another demo PKI's root.
    let other = DemoPki::generate(&FixedClock::new(SIGNED_AT)).unwrap();
    let certificates: Vec<Vec<u8>> = signature
        .certificate_tlvs()
        .iter()
        .map(|c| {
            if *c == f.pki.root_ca.certificate {
                other.root_ca.certificate.clone()
            } else {
                c.clone()
            }
        })
        .collect();
    let changed = signed_data::rebuild(
        signature.signed_data().clone(),
        certificates,
        signature.revocation_tlvs().to_vec(),
    )
    .unwrap();
    let changed = CmsSignature::from_der(&changed).unwrap();
    let err = changed.archive_timestamps(Content::Data(RECORD))[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(err.contains("certificate"), "{err}");

    // A CRL removed.
    let changed = signed_data::rebuild(
        signature.signed_data().clone(),
        signature.certificate_tlvs().to_vec(),
        signature.revocation_tlvs()[1..].to_vec(),
    )
    .unwrap();
    let err = CmsSignature::from_der(&changed)
        .unwrap()
        .archive_timestamps(Content::Data(RECORD))[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(err.contains("crl"), "{err}");

    // An unsigned attribute: the signature time-stamp swapped for a fresh one.
    let fresh = timestamp::request(
        &f.tsa,
        signature.digest_algorithm().unwrap(),
        signature.signature_value(),
        "signature",
    )
    .unwrap();
    let unsigned: Vec<Vec<u8>> = signature
        .unsigned_tlvs()
        .iter()
        .map(|tlv| {
            let attribute = x509_cert::attr::Attribute::from_der(tlv).unwrap();
            if attribute.oid == asn1::ID_AA_SIGNATURE_TIME_STAMP_TOKEN {
                timestamp::signature_timestamp_attribute(&fresh.token).unwrap()
            } else {
                tlv.clone()
            }
        })
        .collect();
    let changed = cades::replace_unsigned(&signature, unsigned).unwrap();
    let changed = CmsSignature::from_der(&changed).unwrap();
    changed.signature_timestamps()[0].as_ref().unwrap();
    let err = changed.archive_timestamps(Content::Data(RECORD))[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(err.contains("unsigned attribute"), "{err}");
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let f = Fixture::new();
    let der = sign(Content::Data(RECORD), &f.signer(), &f.options(Level::BT)).unwrap();

    let mut trailing = der.clone();
    trailing.extend_from_slice(b"xx");
    let err = CmsSignature::from_der(&trailing).unwrap_err();
    assert!(
        matches!(err, CmsError::TrailingData { trailing: 2, .. }),
        "{err}"
    );
    assert_eq!(err.sub_indication(), SubIndication::FormatFailure);

    for cut in [0, 1, 2, 10, der.len() / 2, der.len() - 1] {
        assert!(CmsSignature::from_der(&der[..cut]).is_err(), "cut at {cut}");
    }
    // Corruptions anywhere: parsing and every check return, none panics; a flip inside
    // the signed attributes or the signature value never verifies.
    let signature = CmsSignature::from_der(&der).unwrap();
    let signed_start = find(&der, signature.signed_attributes()[2..].as_ref());
    let value_start = find(&der, signature.signature_value());
    for at in 0..der.len() {
        let mut bad = der.clone();
        bad[at] ^= 0x5a;
        let Ok(parsed) = CmsSignature::from_der(&bad) else {
            continue;
        };
        let verified = parsed.signer_certificate(&[]).is_some_and(|c| {
            parsed.check_message_digest(Content::Data(RECORD)).is_ok()
                && parsed.check_signing_certificate(&c).is_ok()
                && parsed.verify_signature_value(&c).is_ok()
        });
        let _ = parsed.signature_timestamps();
        let in_signed = (signed_start..signed_start + signature.signed_attributes().len() - 2)
            .contains(&at)
            || (value_start..value_start + signature.signature_value().len()).contains(&at);
        assert!(!(verified && in_signed), "a flip at {at} still verifies");
    }
    let big = vec![0u8; MAX_SIGNATURE_LEN + 1];
    assert!(matches!(
        CmsSignature::from_der(&big),
        Err(CmsError::TooLarge { .. })
    ));
}

#[test]
fn a_time_stamp_token_is_not_a_detached_signature() {
    let f = Fixture::new();
    let request = crate::pki::tsp::TimestampRequest::for_data(
        crate::pki::algorithm::DigestAlgorithm::Sha256,
        RECORD,
    );
    let stamp = crate::pki::tsp::request_timestamp(&f.tsa, &request, &[]).unwrap();
    let err = CmsSignature::from_der(&stamp.token).unwrap_err();
    assert!(err.to_string().contains("detached"), "{err}");
}

/// Writes the seed corpus of `fuzz/fuzz_targets/cms_verify.rs`: real signatures over
/// `record\n` at each level. Run it by hand when the profile changes:
/// `cargo test --all-features --lib cms::tests::write_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes fuzz/corpus/cms_verify; run by hand"]
fn write_fuzz_seeds() {
    let f = Fixture::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/cms_verify");
    std::fs::create_dir_all(&dir).unwrap();
    let content = Content::Data(b"record\n");
    for level in [Level::BB, Level::BT, Level::BLta] {
        let der = sign(
            content,
            &f.signer(),
            &f.options(level).claimed_role("Registrar"),
        )
        .unwrap();
        std::fs::write(dir.join(format!("samad-{}.p7s", level.as_str())), der).unwrap();
    }
    let options =
        SignOptions::new(Level::BB).signer_identifier(SignerIdentifierKind::SubjectKeyIdentifier);
    let der = sign(content, &f.signer(), &options).unwrap();
    std::fs::write(dir.join("samad-B-B-ski.p7s"), der).unwrap();
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("present")
}

use crate::validation::report::SubIndication;
use der::Decode;

#[test]
fn the_common_name_read_for_signing_is_the_one_x509_parser_reads() {
    let fx = Fixture::new();
    let pki = &fx.pki;
    for identity in [
        &pki.root_ca,
        &pki.ministry_ca,
        &pki.officials[0],
        &pki.officials[1],
    ]
    .into_iter()
    .chain([&pki.ministry_seal, &pki.tsa])
    {
        let (_, cert) = x509_parser::parse_x509_certificate(&identity.certificate).unwrap();
        let expected = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_owned);
        assert!(expected.is_some(), "{}", identity.name);
        assert_eq!(
            certificate_common_name(&identity.certificate),
            expected,
            "{}",
            identity.name
        );
    }
    assert_eq!(certificate_common_name(b"not a certificate"), None);
}
