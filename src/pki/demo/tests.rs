//! The demo PKI's structure, read back with `x509-parser`, and every signature checked with
//! `ring` through [`SignatureAlgorithm::verify`].

use ::time::macros::datetime;
use x509_parser::prelude::*;

use super::*;
use crate::clock::FixedClock;
use crate::pki::algorithm::SignatureAlgorithm;

fn pki() -> DemoPki {
    DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC))).unwrap()
}

fn parse(der: &[u8]) -> X509Certificate<'_> {
    let (rest, cert) = parse_x509_certificate(der).unwrap();
    assert!(rest.is_empty());
    cert
}

fn subject_attr(cert: &X509Certificate<'_>, oid: &str) -> Option<String> {
    cert.subject()
        .iter_attributes()
        .find(|a| a.attr_type().to_id_string() == oid)
        .map(|a| a.as_str().unwrap().to_owned())
}

#[test]
fn every_certificate_is_signed_by_its_issuer_and_chains_by_name_and_key_id() {
    let pki = pki();
    for identity in pki.identities() {
        let cert = parse(&identity.certificate);
        let issuer_der = identity.issuers.first().unwrap_or(&identity.certificate);
        let issuer = parse(issuer_der);
        assert_eq!(cert.issuer(), issuer.subject(), "{}", identity.name);
        SignatureAlgorithm::EcdsaP256Sha256
            .verify(
                issuer.public_key().raw,
                cert.tbs_certificate.as_ref(),
                &cert.signature_value.data,
            )
            .unwrap_or_else(|e| panic!("{}: {e}", identity.name));
        let ski =
            match issuer.get_extension_unique(&oid_registry::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER) {
                Ok(Some(ext)) => match ext.parsed_extension() {
                    ParsedExtension::SubjectKeyIdentifier(id) => id.0.to_vec(),
                    other => panic!("{other:?}"),
                },
                other => panic!("{}: issuer has no SKI: {other:?}", identity.name),
            };
        let aki =
            match cert.get_extension_unique(&oid_registry::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER) {
                Ok(Some(ext)) => match ext.parsed_extension() {
                    ParsedExtension::AuthorityKeyIdentifier(aki) => {
                        aki.key_identifier.as_ref().unwrap().0.to_vec()
                    }
                    other => panic!("{other:?}"),
                },
                other => panic!("{}: no AKI: {other:?}", identity.name),
            };
        assert_eq!(aki, ski, "{}", identity.name);
    }
}

#[test]
fn cas_have_path_length_and_certificate_signing_only() {
    let pki = pki();
    for (identity, path_len) in [
        (&pki.root_ca, 2),
        (&pki.ministry_ca, 1),
        (&pki.university_ca, 0),
    ] {
        let cert = parse(&identity.certificate);
        let bc = cert.basic_constraints().unwrap().unwrap();
        assert!(bc.critical && bc.value.ca);
        assert_eq!(bc.value.path_len_constraint, Some(path_len));
        let ku = cert.key_usage().unwrap().unwrap().value;
        assert!(ku.key_cert_sign() && ku.crl_sign() && !ku.digital_signature());
    }
}

#[test]
fn people_carry_their_identifiers_and_non_repudiation() {
    let pki = pki();
    for official in pki.officials.iter().chain([&pki.revoked_official]) {
        let cert = parse(&official.certificate);
        let serial = subject_attr(&cert, "2.5.4.5").unwrap();
        let code = serial.strip_prefix("PNOIR-").unwrap();
        code.parse::<NationalCode>().unwrap();
        let ku = cert.key_usage().unwrap().unwrap().value;
        assert!(ku.digital_signature() && ku.non_repudiation() && !ku.key_cert_sign());
        assert!(!cert.basic_constraints().unwrap().unwrap().value.ca);
    }
    let seal = parse(&pki.ministry_seal.certificate);
    let org_id = subject_attr(&seal, "2.5.4.97").unwrap();
    org_id
        .strip_prefix("NTRIR-")
        .unwrap()
        .parse::<LegalEntityId>()
        .unwrap();
    assert!(subject_attr(&seal, "2.5.4.5").is_none());
}

#[test]
fn tsa_eku_is_critical_time_stamping_and_ocsp_has_ocsp_signing() {
    let pki = pki();
    let tsa = parse(&pki.tsa.certificate);
    let eku = tsa.extended_key_usage().unwrap().unwrap();
    assert!(eku.critical, "RFC 3161 §2.3: the TSA's EKU is critical");
    assert!(eku.value.time_stamping && !eku.value.ocsp_signing && eku.value.other.is_empty());
    let ocsp = parse(&pki.ocsp_responder.certificate);
    let eku = ocsp.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.ocsp_signing && !eku.time_stamping);
    assert_eq!(
        ocsp.issuer(),
        parse(&pki.university_ca.certificate).subject()
    );
}

#[test]
fn validity_follows_the_clock() {
    let pki = pki();
    let cert = parse(&pki.officials[0].certificate);
    assert_eq!(
        cert.validity().not_before.to_datetime(),
        datetime!(2025-03-20 09:00 UTC)
    );
    assert!(cert.validity().not_after.to_datetime() > datetime!(2028-03-01 0:00 UTC));
}

#[test]
fn crls_are_signed_and_the_university_crl_revokes_official_3_only() {
    let pki = pki();
    for crl in &pki.crls {
        let (rest, parsed) = parse_x509_crl(&crl.der).unwrap();
        assert!(rest.is_empty());
        let issuer = pki
            .identities()
            .into_iter()
            .find(|i| i.name == crl.issuer)
            .unwrap();
        let issuer_cert = parse(&issuer.certificate);
        assert_eq!(parsed.issuer(), issuer_cert.subject());
        SignatureAlgorithm::EcdsaP256Sha256
            .verify(
                issuer_cert.public_key().raw,
                parsed.tbs_cert_list.as_ref(),
                &parsed.signature_value.data,
            )
            .unwrap();
        let revoked: Vec<_> = parsed
            .iter_revoked_certificates()
            .map(|r| r.raw_serial().to_vec())
            .collect();
        if crl.issuer == "university-ca" {
            let official_3 = parse(&pki.revoked_official.certificate);
            assert_eq!(revoked, vec![official_3.raw_serial().to_vec()]);
        } else {
            assert!(revoked.is_empty());
        }
    }
}

#[test]
fn write_new_dir_writes_the_layout_and_refuses_a_non_empty_dir() {
    let pki = pki();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pki");
    pki.write_new_dir(&out).unwrap();
    for name in [
        "trust.pem",
        "intermediates.pem",
        "official-1.key.pem",
        "tsa.chain.pem",
        "crl/university-ca.crl",
        "crl/root-ca.crl.pem",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    let key = std::fs::read_to_string(out.join("tsa.key.pem")).unwrap();
    assert!(key.starts_with("-----BEGIN PRIVATE KEY-----"));
    let err = pki.write_new_dir(&out).unwrap_err();
    assert!(matches!(err, DemoPkiError::OutputNotEmpty { .. }), "{err}");
    // Only the finished directory is left behind: no staging directory.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}
