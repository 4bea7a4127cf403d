#![no_main]
//! PAdES verification of arbitrary bytes: an error or a report, never a panic.
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use samad::pki::trust::TrustStore;
use samad::time::OffsetDateTime;
use samad::validation::ValidationContext;

/// The demo root of the seed PDFs (tests/data/pades/pki), parsed once.
fn trust() -> &'static TrustStore {
    static TRUST: OnceLock<TrustStore> = OnceLock::new();
    TRUST.get_or_init(|| {
        TrustStore::from_pem(include_bytes!("../../tests/data/pades/pki/trust.pem"))
            .expect("demo root")
    })
}

fuzz_target!(|data: &[u8]| {
    // 2026-11-24 08:00 UTC: a day after the seeds' certificates were issued.
    let at = OffsetDateTime::from_unix_timestamp(1_795_507_200).expect("a valid time");
    let ctx = ValidationContext::new(trust(), at);
    let _ = samad::pdf::pades::verify_pdf(data, &ctx);
});
