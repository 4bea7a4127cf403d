//! `samad issue --csv` with bad rows (BRIEF §4, spec/issue.md §3): a bad national code, an
//! unknown degree level, an impossible Jalali date and an empty name are each reported with
//! their line and column; the good rows are issued, signed, and listed in the manifest; the
//! exit code is 1. A re-run issues nothing twice.

use std::path::Path;

use sha2::{Digest, Sha256};

mod support;
use support::{json_of, samad};

const HEADER: &str = "national_code,first_name_fa,last_name_fa,first_name_en,last_name_en,\
father_name_fa,birth_date,degree_level,field_fa,field_en,university_legal_id,\
university_name_fa,graduation_date,gpa,student_id,email";

fn row(code: &str, first_fa: &str, level: &str, graduated: &str) -> String {
    format!(
        "{code},{first_fa},رضایی,Ali,Rezaei,حسن,1380/05/12,{level},فیزیک,Physics,10380284790,\
         دانشگاه صنعتی نمونه,{graduated},17.5,981,a@b.ir"
    )
}

fn demo_pki(dir: &Path) {
    let out = samad(&["pki", "demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_rows_are_reported_with_line_and_column_and_the_good_rows_are_issued() {
    let tmp = tempfile::tempdir().unwrap();
    let pki = tmp.path().join("pki");
    demo_pki(&pki);
    let csv = tmp.path().join("graduates.csv");
    let lines = [
        HEADER.to_owned(),
        row("0076229645", "علی", "bachelor", "1403/06/31"), // 2: good
        row("0076229646", "علی", "bachelor", "1403/06/31"), // 3: check digit
        row("0499370899", "مریم", "diploma", "1403/06/31"), // 4: unknown level
        row("1234567891", "زهرا", "master", "1403/12/31"),  // 5: Esfand never has 31 days
        row("2741035865", "", "doctorate", "1403/06/31"),   // 6: empty name
        row("0076229645", "علی", "master", "۱۴۰۳/۰۶/۳۱"),   // 7: good (another degree)
    ];
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let out_dir = tmp.path().join("out");
    let out = samad(&[
        "issue",
        "--csv",
        csv.to_str().unwrap(),
        "--pki",
        pki.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--level",
        "B-B",
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report = json_of(&out);
    let errors: Vec<(u64, u64, &str)> = report["row_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (3, 1, "national_code"),
            (4, 8, "degree_level"),
            (5, 13, "graduation_date"),
            (6, 2, "first_name_fa"),
        ],
        "{report:#}"
    );
    // Each is also on stderr, in words.
    assert!(
        stderr.contains("line 3, column 1 (national_code)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 5, column 13 (graduation_date)"),
        "{stderr}"
    );
    assert_eq!(report["issued"], 2);

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap()).unwrap();
    let diplomas = manifest["diplomas"].as_array().unwrap();
    assert_eq!(diplomas.len(), 2);
    for d in diplomas {
        assert_eq!(d["national_code"], "0076229645");
        let bytes = std::fs::read(out_dir.join(d["file"].as_str().unwrap())).unwrap();
        assert_eq!(d["sha256"].as_str().unwrap(), hex(&Sha256::digest(&bytes)));
        assert_eq!(
            d["file"].as_str().unwrap(),
            format!("{}.pdf", d["number"].as_str().unwrap())
        );
        // Signed: three signature dictionaries with a ByteRange each.
        assert_eq!(count(&bytes, b"/ByteRange"), 3, "{}", d["file"]);
    }

    // Again: the good rows are already issued, the bad ones still reported.
    let again = samad(&[
        "issue",
        "--csv",
        csv.to_str().unwrap(),
        "--pki",
        pki.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--level",
        "B-B",
        "--json",
    ]);
    assert_eq!(again.status.code(), Some(1));
    let again = json_of(&again);
    assert_eq!(
        (again["issued"].as_u64(), again["already_issued"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(again["manifest_len"], 2);
}

#[test]
fn a_csv_without_the_columns_is_an_input_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let pki = tmp.path().join("pki");
    demo_pki(&pki);
    let csv = tmp.path().join("graduates.csv");
    std::fs::write(&csv, "national_code,name\n0076229645,Ali\n").unwrap();
    let out_dir = tmp.path().join("out");
    let out = samad(&[
        "issue",
        "--csv",
        csv.to_str().unwrap(),
        "--pki",
        pki.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--level",
        "B-B",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing column"));
    assert!(!out_dir.exists());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}
