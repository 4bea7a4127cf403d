//! OpenSSL → samad (BRIEF §5): CAdES signatures made by `openssl cms -sign -cades` with the
//! demo keys validate TOTAL-PASSED in samad, and the same signatures over changed content
//! are TOTAL-FAILED / HASH_FAILURE. (samad → OpenSSL is tests/cms_openssl.rs.)

use samad::clock::{Clock, SystemClock};
use samad::validation::report::{Indication, SubIndication};
use samad::validation::validate_detached;

mod cades_support;
mod support;
use cades_support::Fixture;
use support::{openssl_cli, openssl_ok};

#[test]
fn samad_validates_openssl_cades_signatures_and_flags_tampering() {
    if openssl_cli().is_none() {
        return;
    }
    // Made now: openssl writes the system clock into signing-time.
    let fx = Fixture::at(SystemClock.now());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    fx.pki.write_new_dir(&dir).unwrap();
    let record = "record 1404/77 — minutes of the council, UTF-8: سند";
    std::fs::write(dir.join("record.txt"), record).unwrap();

    for (signer, extra) in [("official-1", &[][..]), ("ministry-seal", &["-keyid"][..])] {
        let mut args = vec![
            "cms",
            "-sign",
            "-cades",
            "-binary",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            "record.txt",
        ];
        let (cert, key, chain, out) = (
            format!("{signer}.pem"),
            format!("{signer}.key.pem"),
            // The issuers only: `<name>.chain.pem` starts with the signer, which openssl
            // refuses to add twice.
            "intermediates.pem".to_owned(),
            format!("{signer}.p7s"),
        );
        args.extend([
            "-signer",
            &cert,
            "-inkey",
            &key,
            "-certfile",
            &chain,
            "-out",
            &out,
        ]);
        args.extend_from_slice(extra);
        openssl_ok(&dir, &args);
        let signature = std::fs::read(dir.join(&out)).unwrap();

        let ctx = fx.ctx(SystemClock.now());
        let report = validate_detached(record.as_bytes(), &signature, &ctx);
        let text = samad::validation::render_text(&report);
        assert_eq!(
            report.indication,
            Indication::TotalPassed,
            "{signer}: {text}"
        );
        let checks = &report.signatures[0].checks;
        assert!(
            checks
                .iter()
                .any(|c| c.name == "cms.signing-certificate-attribute"
                    && c.outcome == samad::validation::report::CheckOutcome::Passed),
            "-cades adds signing-certificate-v2: {text}"
        );

        let mut changed = record.as_bytes().to_vec();
        changed.push(b'\n');
        let report = validate_detached(&changed, &signature, &ctx);
        assert_eq!(
            (report.indication, report.sub_indication),
            (Indication::TotalFailed, Some(SubIndication::HashFailure)),
            "{signer}: {}",
            samad::validation::render_text(&report)
        );
    }
}
