//! `samad sign` and `samad verify` (BRIEF §4): a sign/verify round trip through the binary
//! with the demo PKI and the demo TSA (`--tsa demo:DIR`), the exit codes 0/1/2, the `--json`
//! report and the human report, and nothing written when signing fails.

use std::path::Path;

mod support;
use support::{json_of, samad};

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A demo PKI in `dir/pki` and a record `dir/record.txt`.
fn setup(dir: &Path) {
    let out = samad(&["pki", "demo", "--out", s(&dir.join("pki"))]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        dir.join("record.txt"),
        "قرارداد ۱۴۰۴/۱۲ — contract 1404/12\n",
    )
    .unwrap();
}

fn sign_args(dir: &Path, level: &str, out: &str) -> Vec<String> {
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    vec![
        "sign".into(),
        p("record.txt"),
        "--key".into(),
        p("pki/official-2.key.pem"),
        "--cert".into(),
        p("pki/official-2.pem"),
        "--chain".into(),
        p("pki/official-2.chain.pem"),
        "--level".into(),
        level.into(),
        "--tsa".into(),
        format!("demo:{}", p("pki")),
        "--trust".into(),
        p("pki/trust.pem"),
        "--crls".into(),
        p("pki/crl"),
        "--role".into(),
        "Registrar".into(),
        "--out".into(),
        p(out),
    ]
}

fn run(args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    samad(&args)
}

fn verify_args(dir: &Path, file: &str, sig: &str) -> Vec<String> {
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    vec![
        "verify".into(),
        p(file),
        "--sig".into(),
        p(sig),
        "--trust".into(),
        p("pki/trust.pem"),
        "--crls".into(),
        p("pki/crl"),
    ]
}

#[test]
fn sign_then_verify_every_level_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    for level in ["B-B", "B-T", "B-LT", "B-LTA"] {
        let sig = format!("record-{level}.p7s");
        let mut args = sign_args(dir, level, &sig);
        args.push("--json".into());
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let signed = json_of(&out);
        assert_eq!(signed["level"], level);
        assert!(signed["bytes"].as_u64().unwrap() > 500);

        let mut args = verify_args(dir, "record.txt", &sig);
        args.push("--json".into());
        let out = run(&args);
        let report = json_of(&out);
        assert_eq!(report["indication"], "TOTAL-PASSED", "{report:#}");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(report["document"]["name"], "record.txt");
        let signature = &report["signatures"][0];
        assert_eq!(signature["level"], level, "{report:#}");
        assert_eq!(signature["role"], "Registrar");
        assert_eq!(signature["signer"]["national_code"], "1234567891");
    }
}

#[test]
fn the_human_report_names_signer_role_level_and_indication() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    assert_eq!(
        run(&sign_args(dir, "B-LTA", "r.p7s")).status.code(),
        Some(0)
    );
    let out = run(&verify_args(dir, "record.txt", "r.p7s"));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "signature-1 — CAdES signature",
        "role:                Registrar",
        "signer:              Reza Karimi (Registrar)",
        "level reached:       B-LTA",
        "best signature time:",
        "Samad Demo Root CA",
        "crl from cms: good",
        "archive at",
        "=> TOTAL-PASSED",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(text.trim_end().ends_with("TOTAL-PASSED"), "{text}");
}

#[test]
fn a_changed_file_exits_1_with_hash_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    assert_eq!(run(&sign_args(dir, "B-T", "r.p7s")).status.code(), Some(0));
    std::fs::write(dir.join("record.txt"), "contract 1404/13\n").unwrap();
    let out = run(&verify_args(dir, "record.txt", "r.p7s"));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FAILED        cms.message-digest [HASH_FAILURE]"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("TOTAL-FAILED (HASH_FAILURE)"),
        "{text}"
    );
    let mut args = verify_args(dir, "record.txt", "r.p7s");
    args.push("--json".into());
    let report = json_of(&run(&args));
    assert_eq!(report["indication"], "TOTAL-FAILED");
    assert_eq!(report["sub_indication"], "HASH_FAILURE");
}

#[test]
fn validation_after_expiry_without_proof_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    assert_eq!(run(&sign_args(dir, "B-B", "r.p7s")).status.code(), Some(0));
    let mut args = verify_args(dir, "record.txt", "r.p7s");
    args.extend([
        "--at".into(),
        "2040-01-01T00:00:00Z".into(),
        "--json".into(),
    ]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["indication"], "INDETERMINATE");
    assert_eq!(report["sub_indication"], "OUT_OF_BOUNDS_NO_POE");
    assert_eq!(report["validation_time"], "2040-01-01T00:00:00Z");
}

#[test]
fn unreadable_inputs_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    assert_eq!(run(&sign_args(dir, "B-B", "r.p7s")).status.code(), Some(0));
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();

    // A missing signature file.
    let out = run(&verify_args(dir, "record.txt", "missing.p7s"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.p7s"));
    // A trust bundle that is not one, with --json: an error document.
    let mut args = verify_args(dir, "record.txt", "r.p7s");
    args[5] = p("record.txt");
    args.push("--json".into());
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["error"]["code"], "trust");
    // Not a PDF and no --sig.
    let out = samad(&["verify", &p("record.txt"), "--trust", &p("pki/trust.pem")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--sig"));
    // A bad --at.
    let out = samad(&[
        "verify",
        &p("record.txt"),
        "--sig",
        &p("r.p7s"),
        "--trust",
        &p("pki/trust.pem"),
        "--at",
        "yesterday",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // Garbage as the signature: readable input, but not a signature: TOTAL-FAILED, exit 1.
    let out = run(&verify_args(dir, "record.txt", "record.txt"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FORMAT_FAILURE"));
}

#[test]
fn failed_signing_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    // B-T without a TSA.
    let mut args = sign_args(dir, "B-T", "no-tsa.p7s");
    let at = args.iter().position(|a| a == "--tsa").unwrap();
    args.drain(at..at + 2);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tsa"));
    assert!(!dir.join("no-tsa.p7s").exists());
    // A key that does not exist.
    let mut args = sign_args(dir, "B-B", "no-key.p7s");
    args[3] = dir.join("nope.key.pem").to_str().unwrap().to_owned();
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("no-key.p7s").exists());
    // The key of another identity than the certificate: the signature would not verify.
    let mut args = sign_args(dir, "B-B", "mismatch.p7s");
    args[3] = dir
        .join("pki/official-1.key.pem")
        .to_str()
        .unwrap()
        .to_owned();
    let out = run(&args);
    if out.status.code() == Some(0) {
        let report = run(&verify_args(dir, "record.txt", "mismatch.p7s"));
        assert_eq!(
            report.status.code(),
            Some(1),
            "a mismatched key must not verify"
        );
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(!dir.join("mismatch.p7s").exists());
    }
    // Nothing but what the successful steps wrote is in the directory.
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn verify_dispatches_pdfs_to_the_diploma_and_pades_verifiers() {
    // The pyHanko-signed fixtures of tests/data/pades (scripts/make-pyhanko-fixtures.py),
    // signed at 2026-11-23 with the committed demo PKI.
    let data = support::repo_root().join("tests/data/pades");
    let d = |name: &str| data.join(name).to_str().unwrap().to_owned();
    let verify = |pdf: &str| {
        samad(&[
            "verify",
            &d(pdf),
            "--trust",
            &d("pki/trust.pem"),
            "--crls",
            &d("pki/crl"),
            "--at",
            "2026-11-23T10:00:00Z",
            "--json",
        ])
    };
    // Three signatures in their roles: the whole diploma verifies.
    let out = verify("pyhanko-certified.pdf");
    let report = json_of(&out);
    assert_eq!(report["indication"], "TOTAL-PASSED", "{report:#}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report["document"]["kind"], "pdf");
    assert_eq!(report["document"]["name"], "pyhanko-certified.pdf");
    assert_eq!(report["signatures"].as_array().unwrap().len(), 3);
    let checks: Vec<&str> = report["document_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(checks.contains(&"diploma.record"), "{checks:?}");
    // One valid signature is not a diploma: the roles check fails it (exit 1).
    let out = verify("pyhanko-bb.pdf");
    let report = json_of(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report["signatures"][0]["indication"], "TOTAL-PASSED");
    assert_eq!(report["indication"], "TOTAL-FAILED");

    // A file that starts like a PDF but is not one cannot be read: exit 2.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.pdf");
    std::fs::write(&bad, "%PDF-1.7\nnot really\n").unwrap();
    let out = samad(&["verify", s(&bad), "--trust", &d("pki/trust.pem")]);
    assert_eq!(out.status.code(), Some(2));
    // --status speaks for diplomas only, not for detached signatures.
    let out = samad(&[
        "verify",
        &d("pki/trust.pem"),
        "--sig",
        &d("pki/trust.pem"),
        "--trust",
        &d("pki/trust.pem"),
        "--status",
        &d("pki/trust.pem"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--status"));
}
