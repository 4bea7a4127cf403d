//! Arbitrary bytes → `Crl::parse_pem_or_der`: never panics; an accepted CRL answers
//! freshness and serial look-ups without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::pki::crl::Crl;

fuzz_target!(|data: &[u8]| {
    let Ok(crls) = Crl::parse_pem_or_der(data) else {
        return;
    };
    for crl in crls {
        let _ = crl.check_fresh(crl.this_update);
        let serial = crl
            .entries
            .first()
            .map(|e| e.serial.clone())
            .unwrap_or_default();
        assert!(serial.is_empty() || crl.entry(&serial).is_some());
    }
});
