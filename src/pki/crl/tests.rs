use super::*;

#[test]
fn malformed_crls_are_errors_naming_the_problem() {
    let err = Crl::from_der(b"not a crl").expect_err("garbage");
    assert!(err.to_string().contains("not a DER CRL"), "{err}");
    let err = Crl::parse_pem_or_der(b"-----BEGIN X509 CRL-----\n!!\n-----END X509 CRL-----\n")
        .expect_err("bad base64");
    assert!(matches!(err, RevocationError::BadCrl { .. }), "{err}");
}

#[test]
fn crl_numbers_compare_as_unsigned_integers() {
    assert_eq!(crl_integer(&[0x02, 0x02, 0x00, 0x80]), Some(vec![0x80]));
    assert!(number_at_least(&[0x01, 0x00], &[0xff]));
    assert!(number_at_least(&[0x05], &[0x05]));
    assert!(!number_at_least(&[0x04], &[0x05]));
    assert_eq!(crl_integer(&[0x04, 0x01, 0x00]), None, "not an INTEGER");
}

#[test]
fn reason_codes_map_to_rfc5280_names() {
    assert_eq!(RevocationReason::from_code(1).name(), "keyCompromise");
    assert_eq!(
        RevocationReason::from_code(8),
        RevocationReason::RemoveFromCrl
    );
    assert_eq!(RevocationReason::from_code(7), RevocationReason::Other(7));
}
