//! The `samad` example binary's contract (BRIEF §4): output, `--json`, exit codes 0/1/2.

use serde_json::Value;

mod support;
use support::{json_of, samad};

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
    let out = samad(&[
        "id",
        "check",
        "--kind",
        "national-code",
        "00762x9645",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["error"]["code"], "not-a-digit");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("position 6")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(samad(&["id", "check"]).status.code(), Some(2));
    assert_eq!(
        samad(&["id", "check", "--kind", "passport", "1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(samad(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn date_jalali_to_gregorian() {
    let out = samad(&["date", "1403/12/30", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["gregorian"], "2025-03-20");
    assert_eq!(v["jalali"], "1403/12/30");
    assert_eq!(v["weekday_fa"], "پنجشنبه");
}

#[test]
fn date_gregorian_to_jalali_with_persian_digits() {
    let out = samad(&["date", "۲۰۲۵-۰۳-۲۱", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["jalali"], "1404/01/01");
    assert_eq!(v["gregorian"], "2025-03-21");

    let human = samad(&["date", "1357/11/22"]);
    assert_eq!(human.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&human.stdout).contains("1979-02-11"));
}

#[test]
fn date_that_does_not_exist_is_an_input_error() {
    // 1404 is not a leap year: Esfand has 29 days.
    let out = samad(&["date", "1404/12/30", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert!(v["error"]["code"].is_string());
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

const SHAMS_TEXT: &str = "SHAMS1*1234/%D8%B5/1403*2025-03-20T10:30:00*3f2c8a1e-7b4d-4c9a-9e2f-1a2b3c4d5e6f*0076229645:P-1203*dabirkhaneh@example.ac.ir*10380284790";
const SHAMS_QR: &str = "SHAMS1Q*1234/%D8%B5/1403*20250320103000*3F2C8A1E7B4D4C9A9E2F1A2B3C4D5E6F*0076229645:P-1203*DABIRKHANEH%40EXAMPLE.AC.IR*10380284790";

#[test]
fn id_check_reads_a_shams_in_either_form_without_kind() {
    for input in [SHAMS_TEXT, SHAMS_QR] {
        let out = samad(&["id", "check", input, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{input}");
        let v = json_of(&out);
        assert_eq!(v["kind"], "shams");
        assert_eq!(v["canonical"], SHAMS_TEXT);
        assert_eq!(v["parts"]["letter_number"], "1234/ص/1403");
        assert_eq!(v["parts"]["signers"][0]["national_code"], "0076229645");
    }
}

#[test]
fn id_check_reports_the_first_shams_error() {
    let broken = SHAMS_TEXT.replace("0076229645", "0076229646");
    let out = samad(&["id", "check", &broken, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["kind"], "shams");
    assert_eq!(v["error"]["code"], "field");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("national_code"), "{message}");
}

#[test]
fn id_check_reads_a_typed_diploma_number() {
    // spec/identifiers.md §3's worked example, typed with Persian digits and spaces.
    let typed = "۱۰۳۸۰۲۸۴۷۹۰ ۱۴۰۳ ۲ ۰۰۰۱۲۳ ۸۷";
    let out = samad(&["id", "check", "--kind", "diploma-no", typed, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["canonical"], "10380284790-1403-2-000123-87");
    assert_eq!(v["parts"]["university"], "10380284790");
    assert_eq!(v["parts"]["serial"], 123);

    // Two adjacent digits swapped: caught by the MOD 97-10 check.
    let out = samad(&["id", "check", "10380284790-1403-2-000213-87", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["error"]["code"], "check-mismatch");
}

#[test]
fn a_closed_stdout_ends_output_quietly_with_the_commands_exit_code() {
    use std::process::{Command, Stdio};
    // `samad … | head`: the reader goes away; samad must not panic, and keeps its exit code.
    for (args, code) in [
        (&["id", "check", "0076229645"][..], 0),
        (&["id", "check", "0076229646"][..], 1),
    ] {
        let mut child = Command::new(support::samad_binary())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn samad");
        drop(child.stdout.take()); // close the read end before samad writes
        let out = child.wait_with_output().expect("wait for samad");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    }
}
