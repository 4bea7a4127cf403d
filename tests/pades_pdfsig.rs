//! Our signed diplomas checked by poppler's `pdfsig` (BRIEF §5) with an NSS trust database
//! holding only the demo root: every signature of a B-B, B-T and B-LT diploma must be
//! reported valid and its certificate trusted (pdfsig does not check document
//! time-stamps, so B-LTA is pyHanko's). pdfsig runs with `-no-ocsp` and the demo CRLs in
//! the NSS database (the demo PKI's URLs never resolve). Under `SAMAD_FULL=1` a missing
//! tool fails the test.

mod pades_sign_fixture;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pades_sign_fixture::{Setup, level_name, scratch};
use samad::validation::report::Level;

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{} {args:?} failed: {text}",
        program.display()
    );
    text
}

/// A fresh NSS database in `dir` trusting `root` (a PEM file) as a CA, with the demo CRLs
/// imported (`crlutil`, from the same package as `certutil`): NSS checks revocation and the
/// demo PKI's distribution points never resolve.
fn nss_db(certutil: &Path, dir: &Path, root: &Path, setup: &Setup) -> PathBuf {
    let db = dir.join("nssdb");
    let _ = std::fs::remove_dir_all(&db);
    std::fs::create_dir_all(&db).expect("nss dir");
    let sql = format!("sql:{}", s(&db));
    run(certutil, &["-N", "-d", &sql, "--empty-password"]);
    run(
        certutil,
        &[
            "-A",
            "-n",
            "samad-demo-root",
            "-t",
            "CT,C,C",
            "-i",
            s(root),
            "-d",
            &sql,
        ],
    );
    // The CA certificates, without trust: pdfsig 22.12 finds the chain a CMS carries for
    // the first signature it checks but not for the next ones (each CMS carries it; the
    // second lookup fails with "Unknown issue"), so the intermediates are known up front.
    for ca in [&setup.pki.ministry_ca, &setup.pki.university_ca] {
        let path = dir.join(format!("{}.der", ca.name));
        std::fs::write(&path, &ca.certificate).expect("write CA");
        run(
            certutil,
            &["-A", "-n", ca.name, "-t", ",,", "-i", s(&path), "-d", &sql],
        );
    }
    let crlutil = certutil.with_file_name("crlutil");
    for crl in &setup.pki.crls {
        let path = dir.join(format!("{}.crl", crl.issuer));
        std::fs::write(&path, &crl.der).expect("write CRL");
        // -B: import without fetching or checking the issuer (only the root is in the db).
        run(&crlutil, &["-I", "-B", "-i", s(&path), "-d", &sql]);
    }
    db
}

#[test]
fn pdfsig_finds_every_signature_valid_and_its_signer_trusted_up_to_b_lt() {
    let Some((pdfsig, certutil)) = support::pdfsig_and_certutil() else {
        return;
    };
    let setup = Setup::new();
    let dir = scratch("pdfsig");
    let root = setup.write_root_pem(&dir);
    let db = nss_db(&certutil, &dir, &root, &setup);
    let nss = format!("sql:{}", s(&db));
    for level in [Level::BB, Level::BT, Level::BLt] {
        let file = dir.join(format!("diploma-{}.pdf", level_name(level)));
        std::fs::write(&file, setup.signed(level)).expect("write pdf");
        let text = run(&pdfsig, &["-nssdir", &nss, "-no-ocsp", s(&file)]);
        let signatures = text.matches("Signature #").count();
        assert_eq!(signatures, 3, "{}: {text}", level.as_str());
        assert_eq!(
            text.matches("Signature Validation: Signature is Valid.")
                .count(),
            3,
            "{}: {text}",
            level.as_str()
        );
        // pdfsig 22.12 trusts the first signature's certificate it checks and reports
        // "Unknown issue with Certificate" for every later one in the same run, whoever
        // signed the file (a pyHanko-signed file with two signatures shows the same); the
        // first must be trusted here, and every signer's certificate is checked with the
        // same NSS database by certutil below.
        let certificate_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("Certificate Validation:"))
            .collect();
        assert_eq!(certificate_lines.len(), 3, "{text}");
        assert!(
            certificate_lines[0].ends_with("Certificate is Trusted."),
            "{}: {text}",
            level.as_str()
        );
        for line in &certificate_lines[1..] {
            assert!(
                line.ends_with("Certificate is Trusted.")
                    || line.ends_with("Unknown issue with Certificate or corrupted data."),
                "{}: {line}",
                level.as_str()
            );
        }
        assert_eq!(
            text.matches("Signature Type: ETSI.CAdES.detached").count(),
            3,
            "{text}"
        );
    }
    // Every signer's certificate verifies for digital signatures (NSS usage S) against
    // the root, the CAs and the CRLs of the database pdfsig used.
    for who in [
        &setup.pki.officials[0],
        &setup.pki.officials[1],
        &setup.pki.ministry_seal,
    ] {
        let path = dir.join(format!("{}.der", who.name));
        std::fs::write(&path, &who.certificate).expect("write signer");
        run(
            &certutil,
            &["-A", "-n", who.name, "-t", ",,", "-i", s(&path), "-d", &nss],
        );
        let text = run(&certutil, &["-V", "-n", who.name, "-u", "S", "-d", &nss]);
        assert!(
            text.contains("certificate is valid"),
            "{}: {text}",
            who.name
        );
    }
}
