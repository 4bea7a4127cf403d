//! Arbitrary bytes → `Crl::parse_pem_or_der`: never panics; an accepted CRL answers
//! freshness and look-ups of its own entries without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::pki::crl::Crl;

fuzz_target!(|data: &[u8]| {
    let Ok(crls) = Crl::parse_pem_or_der(data) else {
        return;
    };
    for crl in crls {
        let _ = crl.check_fresh(crl.this_update);
        if let Some(e) = crl.entries.first() {
            assert!(crl.entry(&e.certificate_issuer, &e.serial).is_some());
        }
    }
});
