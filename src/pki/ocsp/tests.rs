use super::*;

#[test]
fn a_non_successful_response_names_its_status() {
    // OCSPResponse { responseStatus unauthorized (6) }
    let err = parse_response(&[0x30, 0x03, 0x0a, 0x01, 0x06]).expect_err("unauthorized");
    assert!(err.to_string().contains("Unauthorized"), "{err}");
}

#[test]
fn malformed_and_oversized_responses_are_errors() {
    assert!(parse_response(b"").is_err());
    assert!(parse_response(&[0x30, 0x80]).is_err());
    let err = parse_response(&vec![0u8; MAX_RESPONSE_LEN + 1]).expect_err("too large");
    assert!(err.to_string().contains("too large"), "{err}");
    // Successful but without responseBytes.
    let err = parse_response(&[0x30, 0x03, 0x0a, 0x01, 0x00]).expect_err("no bytes");
    assert!(err.to_string().contains("responseBytes"), "{err}");
}

#[test]
fn requests_carry_a_nonce_of_1_to_32_bytes() {
    let certs =
        crate::pki::cert::parse_pem_or_der(include_bytes!("../../../benches/data/path/ee.pem"))
            .expect("ee");
    let issuer = crate::pki::cert::parse_pem_or_der(include_bytes!(
        "../../../benches/data/path/intermediate.pem"
    ))
    .expect("issuer");
    let (Some(ee), Some(ca)) = (certs.first(), issuer.first()) else {
        panic!("test vectors")
    };
    let der = request(ee, ca, Some(b"0123456789abcdef")).expect("request");
    let parsed = OcspRequest::from_der(&der).expect("our request parses");
    let single = &parsed.tbs_request.request_list[0];
    assert_eq!(
        single.req_cert.serial_number.as_bytes(),
        ee.serial.as_slice()
    );
    let ext = &parsed
        .tbs_request
        .request_extensions
        .as_ref()
        .expect("nonce")[0];
    assert_eq!(ext.extn_id.to_string(), OCSP_NONCE);
    assert!(request(ee, ca, Some(b"")).is_err());
    assert!(request(ee, ca, Some(&[0u8; 33])).is_err());
    assert!(request(ee, ca, None).is_ok());
}
