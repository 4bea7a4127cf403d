#![no_main]
//! RFC 3161 time-stamp responses, tokens and requests: reading and verifying never panic.
use libfuzzer_sys::fuzz_target;
use samad::pki::algorithm::DigestAlgorithm;
use samad::pki::tsp::{TimestampRequest, parse_response, verify_response, verify_token};

fuzz_target!(|data: &[u8]| {
    let request = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"data\n");
    let _ = parse_response(data);
    let _ = verify_response(data, &request, &[]);
    let _ = verify_token(data, &request, &[]);
    if let Ok(parsed) = TimestampRequest::from_der(data) {
        assert_eq!(
            TimestampRequest::from_der(&parsed.to_der().unwrap()).unwrap(),
            parsed
        );
    }
});
