//! Arbitrary bytes → `ocsp::parse_response` (OCSPResponse down to BasicOCSPResponse and
//! its signed bytes): never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::pki::ocsp::parse_response;

fuzz_target!(|data: &[u8]| {
    let _ = parse_response(data);
});
