//! `samad diploma render` and `samad diploma check`: exit codes 0/1/2, `--json`, nothing
//! written when the record is bad, and the written PDF carries the record.

mod support;

use support::{json_of, samad};

fn fixture() -> String {
    support::repo_root()
        .join("tests/data/diploma/record.json")
        .display()
        .to_string()
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn check_valid_record_exits_0_with_number_and_digest() {
    let out = samad(&["diploma", "check", &fixture(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["number"], "10380284790-1403-2-000001-65");
    assert_eq!(v["record_sha256"].as_str().map(str::len), Some(64));
    assert!(
        v["qr_payload"]
            .as_str()
            .expect("payload")
            .starts_with("SAMAD-DIPLOMA:1:")
    );
}

#[test]
fn check_invalid_record_exits_1_naming_the_field() {
    let dir = scratch();
    let bad = dir.path().join("bad.json");
    let text = std::fs::read_to_string(fixture())
        .expect("fixture")
        .replace("علی", "علي");
    std::fs::write(&bad, text).expect("write");
    let out = samad(&["diploma", "check", bad.to_str().expect("path"), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "field");
    let message = v["error"]["message"].as_str().expect("message");
    assert!(message.contains("graduate.father_name_fa"), "{message}");
}

#[test]
fn render_writes_a_pdf_with_the_record() {
    let dir = scratch();
    let pdf = dir.path().join("d.pdf");
    let out = samad(&[
        "diploma",
        "render",
        &fixture(),
        "--out",
        pdf.to_str().expect("p"),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert_eq!(v["bytes"], bytes.len());
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(bytes.windows(19).any(|w| w == b"diploma-record.json"));
}

#[test]
fn render_bad_record_exits_2_and_writes_nothing() {
    let dir = scratch();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"profile\": \"samad-diploma/1\"").expect("write");
    let pdf = dir.path().join("d.pdf");
    let out = samad(&[
        "diploma",
        "render",
        bad.to_str().expect("p"),
        "--out",
        pdf.to_str().expect("p"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    assert!(!pdf.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "only bad.json"
    );
}
