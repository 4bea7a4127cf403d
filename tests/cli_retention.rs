//! `samad retention due` and `what-if` (BRIEF §4, `spec/retention.md` §7): the sample
//! university data, the JSON contract, exit codes 0/1/2 and errors naming line and column.

use std::path::PathBuf;

use serde_json::Value;

mod support;
use support::{json_of, repo_root, samad};

fn data(name: &str) -> String {
    repo_root()
        .join("examples/data")
        .join(name)
        .display()
        .to_string()
}

fn due(extra: &[&str]) -> std::process::Output {
    let schedule = data("retention-schedule.csv");
    let records = data("retention-records.csv");
    let mut args = vec![
        "retention",
        "due",
        "--schedule",
        &schedule,
        "--records",
        &records,
    ];
    args.extend_from_slice(extra);
    samad(&args)
}

fn scratch(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn due_on_the_university_sample_prints_the_contract_json() {
    let out = due(&["--as-of", "1404/06/01", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 11);
    for entry in list {
        let mut keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "action",
                "due",
                "due_jalali",
                "explanation",
                "holds",
                "record_id",
                "row",
                "state"
            ]
        );
        let state = entry["state"].as_str().unwrap();
        assert!(["active", "semi-current", "due", "held", "permanent"].contains(&state));
    }
    let voucher = list.iter().find(|e| e["record_id"] == "FIN-4001").unwrap();
    assert_eq!(voucher["state"], "active");
    assert_eq!(voucher["action"], "destroy");
    assert_eq!(voucher["due"], "2030-03-19");
    assert_eq!(voucher["due_jalali"], "1408/12/29");
    assert_eq!(voucher["row"], "4");
    assert_eq!(
        voucher["explanation"][0],
        "row 4 (Financial records) applies: class UNI.FIN.VOUCHER has no row of its own and inherits it from UNI.FIN"
    );
    let diploma = list.iter().find(|e| e["record_id"] == "DIP-3001").unwrap();
    assert_eq!(diploma["state"], "permanent");
    assert_eq!(diploma["due"], Value::Null);
    let held = list.iter().find(|e| e["record_id"] == "STU-1004").unwrap();
    assert_eq!(held["state"], "held");
    assert_eq!(held["holds"], serde_json::json!(["H-AUDIT-1"]));
}

#[test]
fn due_with_holds_and_scheme_and_an_iso_day() {
    let holds = data("retention-holds.csv");
    let scheme = data("retention-scheme.csv");
    // 2025-05-10 = 1404/02/20: the court hold on the payroll class is still active.
    let out = due(&[
        "--as-of",
        "2025-05-10",
        "--holds",
        &holds,
        "--scheme",
        &scheme,
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let payroll = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["record_id"] == "FIN-4003")
        .unwrap();
    assert_eq!(payroll["state"], "held");
    assert_eq!(payroll["holds"], serde_json::json!(["H-COURT-7"]));
    let out = due(&["--as-of", "1404/03/01", "--holds", &holds, "--json"]);
    let v = json_of(&out);
    let payroll = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["record_id"] == "FIN-4003")
        .unwrap();
    assert_eq!(payroll["state"], "due");
    assert_eq!(payroll["action"], "transfer");
}

#[test]
fn due_human_output_explains_each_record() {
    let out = due(&["--as-of", "1404/06/01"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FIN-4001  active  destroy  due 1408/12/29 (2030-03-19)  row 4"),
        "{text}"
    );
    assert!(
        text.contains("    cutoff fiscal_year_end: 1403/12/30 (2025-03-20)"),
        "{text}"
    );
}

#[test]
fn a_record_that_cannot_be_computed_is_reported_and_exits_1() {
    let (_dir, records) = scratch(
        "records.csv",
        "record_id,class_code,created,closed,events,holds\nSTU-9,UNI.EDU.STU,1400/07/01,,,\nDIP-1,UNI.EDU.DIPLOMA,1390/05/01,,,\n",
    );
    let schedule = data("retention-schedule.csv");
    let out = samad(&[
        "retention",
        "due",
        "--schedule",
        &schedule,
        "--records",
        records.to_str().unwrap(),
        "--as-of",
        "1404/06/01",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v[0]["state"], Value::Null);
    assert_eq!(v[0]["error"]["code"], "trigger-not-recorded");
    assert!(
        v[0]["explanation"][0]
            .as_str()
            .unwrap()
            .contains("cannot compute: event graduation not recorded")
    );
    assert_eq!(v[1]["state"], "permanent");
    assert!(String::from_utf8_lossy(&out.stderr).contains("STU-9"));
}

#[test]
fn a_bad_schedule_line_exits_2_naming_line_and_column() {
    let text = std::fs::read_to_string(data("retention-schedule.csv"))
        .unwrap()
        .replace("P6M,P6M", "P6M,6M");
    let (_dir, schedule) = scratch("schedule.csv", &text);
    let records = data("retention-records.csv");
    let out = samad(&[
        "retention",
        "due",
        "--schedule",
        schedule.to_str().unwrap(),
        "--records",
        &records,
        "--as-of",
        "1404/06/01",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert_eq!(v["error"]["code"], "field");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("line 3, column 9 (semi_current_period)"),
        "{message}"
    );
    assert!(message.contains("must start with P"), "{message}");

    for bad in [
        vec!["--as-of", "1404/13/01"],
        vec!["--as-of", "1404/06/01", "--scheme", "/nonexistent.csv"],
    ] {
        let out = due(&bad);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "nothing on stdout without --json");
    }
}

#[test]
fn a_json_schedule_gives_the_same_answer() {
    let csv = std::fs::read(data("retention-schedule.csv")).unwrap();
    let json = samad::retention::Schedule::from_csv(&csv)
        .unwrap()
        .to_json();
    let (_dir, path) = scratch("schedule.json", &json);
    let records = data("retention-records.csv");
    let from_json = samad(&[
        "retention",
        "due",
        "--schedule",
        path.to_str().unwrap(),
        "--records",
        &records,
        "--as-of",
        "1404/06/01",
        "--json",
    ]);
    let from_csv = due(&["--as-of", "1404/06/01", "--json"]);
    assert_eq!(from_json.status.code(), Some(0));
    assert_eq!(json_of(&from_json), json_of(&from_csv));
}

#[test]
fn what_if_lists_the_changed_records() {
    let text = std::fs::read_to_string(data("retention-schedule.csv"))
        .unwrap()
        .replace("P1Y,P4Y,destroy", "P1Y,P9Y,destroy");
    let (_dir, proposed) = scratch("proposed.csv", &text);
    let schedule = data("retention-schedule.csv");
    let records = data("retention-records.csv");
    let out = samad(&[
        "retention",
        "what-if",
        "--schedule",
        &schedule,
        "--proposed",
        proposed.to_str().unwrap(),
        "--records",
        &records,
        "--as-of",
        "1404/06/01",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["FIN-4001", "FIN-4002"]);
    assert_eq!(v[1]["before"]["state"], "due");
    assert_eq!(v[1]["after"]["state"], "semi-current");
    assert_eq!(v[1]["after"]["due_jalali"], "1408/12/29");
}

#[test]
fn a_record_outside_the_scheme_exits_2() {
    let (_dir, records) = scratch(
        "records.csv",
        "record_id,class_code,created,closed,events,holds\nHR-1,HR.FILE,1400/07/01,,,\n",
    );
    let schedule = data("retention-schedule.csv");
    let scheme = data("retention-scheme.csv");
    let out = samad(&[
        "retention",
        "due",
        "--schedule",
        &schedule,
        "--records",
        records.to_str().unwrap(),
        "--scheme",
        &scheme,
        "--as-of",
        "1404/06/01",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert_eq!(v["error"]["code"], "unknown-class");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("record HR-1: class HR.FILE is not in the scheme"),
        "{message}"
    );
}
