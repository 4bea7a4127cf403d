#![no_main]
//! The whole EN 319 102-1 validation of a detached signature (identification, crypto,
//! time-stamps, paths with revocation, policy, the report's text rendering) never panics.
use libfuzzer_sys::fuzz_target;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::trust::TrustStore;
use samad::validation::{ValidationContext, render_text, validate_detached};

/// The content the seeds sign; the seeds are signed by the committed demo PKI.
const CONTENT: &[u8] = b"record\n";
const TRUST: &[u8] = include_bytes!("../../tests/data/pades/pki/trust.pem");
const CRLS: [&[u8]; 3] = [
    include_bytes!("../../tests/data/pades/pki/crl/root-ca.crl"),
    include_bytes!("../../tests/data/pades/pki/crl/ministry-ca.crl"),
    include_bytes!("../../tests/data/pades/pki/crl/university-ca.crl"),
];

fuzz_target!(|data: &[u8]| {
    let (Ok(trust), Ok(crls)) = (
        TrustStore::from_pem(TRUST),
        CRLS.iter()
            .try_fold(OfflineRevocation::new(), |s, der| s.with_crl_bytes(der)),
    ) else {
        return;
    };
    // 2026-11-23T09:00:00Z: the seeds' certificates and CRLs are current then.
    let Ok(at) = samad::time::OffsetDateTime::from_unix_timestamp(1_795_424_400) else {
        return;
    };
    let ctx = ValidationContext::new(&trust, at).revocation(&crls, "offline");
    let report = validate_detached(CONTENT, data, &ctx);
    let _ = render_text(&report);
});
