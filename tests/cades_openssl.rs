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

/// Issues `NAME.pem` with a fresh RSA key of `bits` bits under the demo university CA (its own
/// EC key), for document signing.
fn issue_rsa(dir: &std::path::Path, name: &str, bits: u32) {
    std::fs::write(
        dir.join("leaf.cnf"),
        "[leaf]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
    )
    .unwrap();
    openssl_ok(
        dir,
        &[
            "req",
            "-newkey",
            &format!("rsa:{bits}"),
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
            "-subj",
            &format!("/C=IR/CN=RSA-{bits} Official"),
        ],
    );
    openssl_ok(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "university-ca.pem",
            "-CAkey",
            "university-ca.key.pem",
            "-set_serial",
            "4242",
            "-days",
            "30",
            "-sha256",
            "-extfile",
            "leaf.cnf",
            "-extensions",
            "leaf",
            "-out",
            &format!("{name}.pem"),
        ],
    );
}

#[test]
fn the_algorithm_policy_refuses_weak_keys_and_sha1_in_openssl_signatures() {
    if openssl_cli().is_none() {
        return;
    }
    let fx = Fixture::at(SystemClock.now());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    fx.pki.write_new_dir(&dir).unwrap();
    std::fs::write(dir.join("record.txt"), "a record").unwrap();
    // Validated now, after openssl issued the certificate: it is valid from the second it
    // was made, which may be later than the start of this test.
    let validate =
        |signature: &[u8]| validate_detached(b"a record", signature, &fx.ctx(SystemClock.now()));
    let sign = |name: &str, md: &str| {
        let cert = format!("{name}.pem");
        let key = format!("{name}.key");
        let out = format!("{name}-{md}.p7s");
        openssl_ok(
            &dir,
            &[
                "cms",
                "-sign",
                "-cades",
                "-binary",
                "-outform",
                "DER",
                "-md",
                md,
                "-in",
                "record.txt",
                "-signer",
                &cert,
                "-inkey",
                &key,
                "-certfile",
                "intermediates.pem",
                "-out",
                &out,
            ],
        );
        std::fs::read(dir.join(out)).unwrap()
    };

    // RSA-2048 with SHA-256: accepted (until 2031, spec/report.md §5).
    issue_rsa(&dir, "rsa2048", 2048);
    let report = validate(&sign("rsa2048", "sha256"));
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{}",
        samad::validation::render_text(&report)
    );

    // RSA-1024: accepted only before 2014, and nothing proves the signature that old; the
    // signature value is not relied on.
    issue_rsa(&dir, "rsa1024", 1024);
    let report = validate(&sign("rsa1024", "sha256"));
    let text = samad::validation::render_text(&report);
    assert_eq!(
        (report.indication, report.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailureNoPoe)
        ),
        "{text}"
    );
    assert!(text.contains("policy.signer-key"), "{text}");

    // SHA-1 digests: refused (samad implements no SHA-1; the policy ends it in 2016).
    let report = validate(&sign("rsa2048", "sha1"));
    assert_eq!(
        (report.indication, report.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailure)
        ),
        "{}",
        samad::validation::render_text(&report)
    );
}
