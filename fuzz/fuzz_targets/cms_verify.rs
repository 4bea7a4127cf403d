#![no_main]
//! CMS/CAdES signatures: parsing and every check a validator runs never panic.
use libfuzzer_sys::fuzz_target;
use samad::cms::{CmsSignature, Content};

/// The content the seed signatures sign (src/cms/tests.rs `write_fuzz_seeds`).
const CONTENT: &[u8] = b"record\n";

fuzz_target!(|data: &[u8]| {
    let Ok(signature) = CmsSignature::from_der(data) else {
        return;
    };
    let _ = signature.check_message_digest(Content::Data(CONTENT));
    let _ = (
        signature.level(),
        signature.signing_time(),
        signature.claimed_role(),
    );
    let _ = (
        signature.digest_algorithm(),
        signature.signature_algorithm(),
    );
    if let Some(cert) = signature.signer_certificate(&[]) {
        let _ = signature.check_signing_certificate(&cert);
        let _ = signature.verify_signature_value(&cert);
    }
    let _ = signature.signature_timestamps();
    let _ = signature.archive_timestamps(Content::Data(CONTENT));
});
