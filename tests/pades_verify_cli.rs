//! `samad verify FILE.pdf` (BRIEF §4) on PAdES documents: exit 0 and TOTAL-PASSED for a
//! pyHanko-signed certification with two approvals, exit 1 for the same file after an
//! incremental saving attack (the report names the changed page), exit 2 for bytes that
//! are not a PDF.

mod pades_verify_support;
mod support;

use pades_verify_support::{attacks, data_dir, fixture};

fn verify_args(file: &std::path::Path) -> Vec<String> {
    let pki = data_dir().join("pki");
    [
        "--json",
        "verify",
        &file.display().to_string(),
        "--trust",
        &pki.join("trust.pem").display().to_string(),
        "--certs",
        &pki.join("intermediates.pem").display().to_string(),
        "--crls",
        &pki.join("crl").display().to_string(),
        "--at",
        &at_rfc3339(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn at_rfc3339() -> String {
    use time::format_description::well_known::Rfc3339;
    pades_verify_support::Pki::load()
        .at
        .format(&Rfc3339)
        .expect("rfc3339")
}

fn run(file: &std::path::Path) -> (i32, serde_json::Value, String) {
    let args = verify_args(file);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = support::samad(&args);
    let code = output.status.code().unwrap_or(-1);
    let json = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (
        code,
        json,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn pyhanko_certified_diploma_verifies_on_the_command_line() {
    let (code, json, stderr) = run(&data_dir().join("pyhanko-certified.pdf"));
    assert_eq!(code, 0, "{json:#}\n{stderr}");
    assert_eq!(json["indication"], "TOTAL-PASSED");
    let signatures = json["signatures"].as_array().expect("signatures");
    let covered: Vec<i64> = signatures
        .iter()
        .filter_map(|s| s["coverage"]["revision"].as_i64())
        .collect();
    assert_eq!(covered, [2, 3, 4]);
    assert_eq!(
        signatures[0]["kind"]["certification"]["permissions"], 2,
        "{json:#}"
    );
}

#[test]
fn attacked_diploma_fails_with_exit_1_and_names_the_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let attacked = dir.path().join("attacked.pdf");
    std::fs::write(
        &attacked,
        attacks::incremental_saving(&fixture("pyhanko-certified.pdf")),
    )
    .expect("write");
    let (code, json, stderr) = run(&attacked);
    assert_eq!(code, 1, "{json:#}\n{stderr}");
    assert_eq!(json["indication"], "TOTAL-FAILED");
    let text = json.to_string();
    assert!(text.contains("page /Contents changed"), "{json:#}");
}

#[test]
fn not_a_pdf_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\nnot really\n").expect("write");
    let (code, _, stderr) = run(&garbage);
    assert_eq!(code, 2, "{stderr}");
}
