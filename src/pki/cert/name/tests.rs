use std::str::FromStr;

use der::Encode;

use super::*;

fn dn(s: &str) -> DistinguishedName {
    let der = x509_cert::name::Name::from_str(s)
        .expect("name")
        .to_der()
        .expect("der");
    DistinguishedName::from_der(&der).expect("parse")
}

#[test]
fn folding_compresses_inner_and_outer_spaces_and_case() {
    assert_eq!(fold("  Good   CA "), "good ca");
    assert_eq!(fold("Test Certificates 2011"), "test certificates 2011");
}

#[test]
fn names_compare_per_rfc5280_section_7_1() {
    // x509-cert writes the string form most-significant RDN last.
    assert_eq!(dn("CN=Good  CA,O=Test"), dn("CN=good ca,O=TEST"));
    assert_ne!(dn("CN=Good CA,O=Test"), dn("CN=Good CA,O=Other"));
    assert_ne!(dn("CN=A,O=Test"), dn("O=Test,CN=A"), "RDN order matters");
}

#[test]
fn subtrees_are_rdn_prefixes() {
    let base = dn("OU=permitted,O=Test,C=US");
    assert!(dn("CN=x,OU=permitted,O=Test,C=US").is_within(&base));
    assert!(base.is_within(&base));
    assert!(!dn("CN=x,OU=excluded,O=Test,C=US").is_within(&base));
    assert!(!dn("O=Test,C=US").is_within(&base));
}

#[test]
fn a_relative_name_is_appended_to_its_crl_issuer() {
    let issuer = dn("OU=dp CA,O=Test,C=US");
    let rdn = x509_cert::name::RelativeDistinguishedName::from_str("CN=CRL1").expect("rdn");
    let full = issuer.with_rdn(&rdn).expect("full name");
    assert_eq!(full, dn("CN=CRL1,OU=dp CA,O=Test,C=US"));
    assert!(full.is_within(&issuer));
}

#[test]
fn email_addresses_come_from_the_pkcs9_attribute() {
    let name = dn("1.2.840.113549.1.9.1=#161061406578616d706c652e636f6d2e6972,CN=x");
    assert_eq!(name.email_addresses(), vec!["a@example.com.ir".to_owned()]);
}
