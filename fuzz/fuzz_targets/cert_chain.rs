//! Arbitrary bytes → a PEM bundle or DER certificate → path validation of the first
//! certificate against the last, with the rest as intermediates: never panics, and the
//! budget bounds the work.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::pki::cert::parse_pem_or_der;
use samad::pki::path::{Budget, PathValidator};
use samad::pki::trust::TrustStore;

fuzz_target!(|data: &[u8]| {
    let Ok(certs) = parse_pem_or_der(data) else {
        return;
    };
    let (Some(first), Some(last)) = (certs.first(), certs.last()) else {
        return;
    };
    let Ok(trust) = TrustStore::from_certificates(vec![last.clone()]) else {
        return;
    };
    let budget = Budget {
        max_signature_checks: 20,
        max_paths: 10,
    };
    let _ = PathValidator::new(&trust)
        .at(first.not_before)
        .intermediates(&certs)
        .budget(budget)
        .validate_certificate(first);
});
