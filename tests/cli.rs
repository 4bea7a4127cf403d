//! The `samad` example binary's contract (BRIEF §4): output, `--json`, exit codes 0/1/2.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// `cargo test` builds the examples before running tests; the binary sits next to `deps/`.
fn samad_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let debug_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target profile dir");
    let path = debug_dir
        .join("examples")
        .join(format!("samad{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "{} not built", path.display());
    path
}

fn samad(args: &[&str]) -> Output {
    Command::new(samad_binary())
        .args(args)
        .output()
        .expect("run samad")
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn id_check_valid_national_code_exits_0() {
    let out = samad(&["id", "check", "0076229645"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("valid national-code: 0076229645"), "{text}");
}

#[test]
fn id_check_json_has_the_contract_fields() {
    let out = samad(&["id", "check", "۰۰۷۶۲۲۹۶۴۵", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["kind"], "national-code");
    assert_eq!(v["canonical"], "0076229645");
    assert_eq!(v["parts"]["check_digit"], "5");
    assert_eq!(v["error"], Value::Null);
}

#[test]
fn id_check_invalid_exits_1_with_code_and_message() {
    let out = samad(&["id", "check", "0076229646", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"]["code"], "check-mismatch");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("should be 5"), "{message}");

    let human = samad(&["id", "check", "0076229646"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&human.stdout).contains("invalid"));
}

#[test]
fn id_check_with_kind_legal_id() {
    let out = samad(&["id", "check", "--kind", "legal-id", "10380284790", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["kind"], "legal-id");
    assert_eq!(v["parts"]["check_digit"], "0");
}

#[test]
fn id_check_names_the_position_of_a_bad_character() {
    let out = samad(&["id", "check", "--kind", "national-code", "00762x9645", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["error"]["code"], "not-a-digit");
    assert!(v["error"]["message"].as_str().unwrap().contains("position 6"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(samad(&["id", "check"]).status.code(), Some(2));
    assert_eq!(
        samad(&["id", "check", "--kind", "passport", "1"]).status.code(),
        Some(2)
    );
    assert_eq!(samad(&["no-such-command"]).status.code(), Some(2));
}
