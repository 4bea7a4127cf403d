//! `samad pki demo --out DIR` checked by OpenSSL (BRIEF §5): every leaf passes
//! `openssl verify` for its purpose and fails for a wrong one, the revoked official fails
//! with CRL checking, and every CRL passes `openssl crl -verify`.
//!
//! Purposes: `smimesign` for the officials and the seal (OpenSSL's check for a CMS signing
//! key: digitalSignature or nonRepudiation, no EKU that excludes e-mail protection — the
//! closest OpenSSL purpose to CAdES document signing), `timestampsign` for the TSA (critical
//! EKU with only timeStamping, RFC 3161 §2.3), `ocsphelper` for the OCSP responder.

use std::path::Path;

mod support;
use support::{json_of, openssl_cli, openssl_status, samad};

fn verify(dir: &Path, leaf: &str, purpose: &str, extra: &[&str]) -> (bool, String) {
    let leaf_file = format!("{leaf}.pem");
    let mut args = vec![
        "verify",
        "-x509_strict",
        "-CAfile",
        "trust.pem",
        "-untrusted",
        "intermediates.pem",
        "-purpose",
        purpose,
    ];
    args.extend(extra);
    args.push(&leaf_file);
    openssl_status(dir, &args)
}

#[test]
fn demo_pki_passes_openssl_verify_and_crl_verify() {
    if openssl_cli().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    let out = samad(&["pki", "demo", "--out", dir.to_str().unwrap(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out);
    assert_eq!(report["trust"], "trust.pem");
    for file in report["files"].as_array().unwrap() {
        assert!(dir.join(file.as_str().unwrap()).is_file(), "{file}");
    }

    let crls = [
        "-crl_check_all",
        "-CRLfile",
        "crl/root-ca.crl.pem",
        "-CRLfile",
        "crl/ministry-ca.crl.pem",
        "-CRLfile",
        "crl/university-ca.crl.pem",
    ];
    for (leaf, purpose, wrong) in [
        ("official-1", "smimesign", "timestampsign"),
        ("official-2", "smimesign", "timestampsign"),
        ("ministry-seal", "smimesign", "timestampsign"),
        ("tsa", "timestampsign", "smimesign"),
        ("ocsp", "ocsphelper", "timestampsign"),
        ("university-ca", "any", "timestampsign"),
    ] {
        let (ok, text) = verify(&dir, leaf, purpose, &[]);
        assert!(ok && text.contains(": OK"), "{leaf} for {purpose}: {text}");
        let (ok, text) = verify(&dir, leaf, purpose, &crls);
        assert!(ok, "{leaf} for {purpose} with CRLs: {text}");
        let (ok, text) = verify(&dir, leaf, wrong, &[]);
        assert!(!ok, "{leaf} must fail for {wrong}: {text}");
    }

    // official-3's key is valid but revoked on the university CA's CRL.
    let (ok, text) = verify(&dir, "official-3", "smimesign", &[]);
    assert!(ok, "{text}");
    let (ok, text) = verify(&dir, "official-3", "smimesign", &crls);
    assert!(!ok && text.contains("revoked"), "{text}");

    // Each CRL verifies with its issuer; a CRL checked against the wrong CA does not.
    for (crl, issuer) in [
        ("root-ca", "trust.pem"),
        ("ministry-ca", "ministry-ca.pem"),
        ("university-ca", "university-ca.pem"),
    ] {
        let file = format!("crl/{crl}.crl");
        let (ok, text) = openssl_status(
            &dir,
            &[
                "crl", "-inform", "DER", "-in", &file, "-CAfile", issuer, "-noout", "-verify",
            ],
        );
        assert!(ok && text.contains("verify OK"), "{crl}: {text}");
    }
    let (ok, text) = openssl_status(
        &dir,
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            "crl/university-ca.crl",
            "-CAfile",
            "ministry-ca.pem",
            "-noout",
            "-verify",
        ],
    );
    assert!(!ok || !text.contains("verify OK"), "{text}");
}

#[test]
fn pki_demo_refuses_a_non_empty_directory_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let out = samad(&[
        "pki",
        "demo",
        "--out",
        tmp.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["error"]["code"], "output-not-empty");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["keep.txt"]);
}
