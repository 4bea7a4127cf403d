//! Unit tests of batch issuance: the graduates CSV reader and row checks, the journal, the
//! demo graduates, and the pipeline's resume with a stand-in signing step.

use std::collections::HashSet;
use std::io::Write;

use time::OffsetDateTime;
use time::macros::datetime;

use super::journal::{Entry, Journal};
use super::*;
use crate::clock::FixedClock;
use crate::diploma::DiplomaRecord;

const HEADER: &str = "national_code,first_name_fa,last_name_fa,first_name_en,last_name_en,\
father_name_fa,birth_date,degree_level,field_fa,field_en,university_legal_id,\
university_name_fa,graduation_date,gpa,student_id";

fn good_row(code: &str) -> String {
    format!(
        "{code},علی,رضایی,Ali,Rezaei,حسن,1380/05/12,bachelor,فیزیک,Physics,10380284790,\
         دانشگاه صنعتی نمونه,1403/06/31,17.5,981"
    )
}

fn check_all(csv: &str) -> Vec<Result<CheckedRow, RowError>> {
    let reader = GraduatesReader::new(csv.as_bytes()).expect("header");
    let positions = reader.positions();
    let issuer = demo_issuer();
    reader
        .map(|row| row.and_then(|r| check_row(r, &issuer, &positions)))
        .collect()
}

#[test]
fn a_good_row_is_checked_and_keyed_in_normalized_form() {
    let rows = check_all(&format!("{HEADER}\n{}\n", good_row("۰۰۷۶۲۲۹۶۴۵")));
    let [Ok(row)] = rows.as_slice() else {
        panic!("{rows:?}")
    };
    assert_eq!(row.key, "0076229645/bachelor/فیزیک");
    assert_eq!((row.row.line, row.year), (2, 1403));
}

#[test]
fn each_bad_field_is_reported_with_its_line_and_column() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n{}\n{}\n{}\n",
        good_row("0076229646"), // line 2: check digit
        good_row("0076229645").replace("bachelor", "diploma"), // line 3: level
        good_row("0076229645").replace("1403/06/31", "1403/13/01"), // line 4: date
        good_row("0076229645").replace(",علی,", ",,"), // line 5: empty name
        good_row("0076229645"), // line 6: good
    );
    let rows = check_all(&csv);
    let errors: Vec<(u64, usize, &str)> = rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line, e.column, e.name.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (2, 1, "national_code"),
            (3, 8, "degree_level"),
            (4, 13, "graduation_date"),
            (5, 2, "first_name_fa"),
        ]
    );
    assert!(rows.last().is_some_and(Result::is_ok));
}

#[test]
fn columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored() {
    let mut names: Vec<&str> = HEADER.split(',').collect();
    names.reverse();
    let mut values: Vec<String> = good_row("0076229645")
        .split(',')
        .map(str::to_owned)
        .collect();
    values.reverse();
    let csv = format!("email,{}\nx@y.ir,{}\n", names.join(","), values.join(","));
    let rows = check_all(&csv);
    assert!(matches!(rows.as_slice(), [Ok(_)]), "{rows:?}");

    let bad = format!(
        "email,{}\nx@y.ir,{}\n",
        names.join(","),
        values.join(",").replace("bachelor", "x")
    );
    let rows = check_all(&bad);
    let [Err(e)] = rows.as_slice() else {
        panic!("{rows:?}")
    };
    // degree_level is the 8th of 15 columns; reversed it is the 8th again, plus `email`.
    assert_eq!((e.line, e.column, e.name.as_str()), (2, 9, "degree_level"));
}

#[test]
fn a_missing_column_is_a_header_error_and_a_short_row_a_row_error() {
    let err = GraduatesReader::new("national_code,first_name_fa\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("missing column"), "{err}");
    let rows = check_all(&format!(
        "{HEADER}\n0076229645,علی\n{}\n",
        good_row("0076229645")
    ));
    assert!(
        matches!(&rows[0], Err(e) if e.line == 2 && e.name == "row"),
        "{rows:?}"
    );
    assert!(rows[1].is_ok());
}

#[test]
fn demo_graduates_are_deterministic_valid_and_distinct() {
    let issuer = demo_issuer();
    let positions = std::array::from_fn(|i| i);
    let mut keys = HashSet::new();
    for row in demo_rows(300) {
        let row = row.unwrap();
        assert_eq!(
            demo_graduate((row.line - 2) as u32).as_ref(),
            Some(&row.graduate)
        );
        let checked = check_row(row, &issuer, &positions).unwrap_or_else(|e| panic!("{e}"));
        assert!(keys.insert(checked.key));
    }
}

#[test]
fn the_journal_drops_a_torn_last_line_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut journal = Journal::open(&path).unwrap();
    journal
        .append(vec![Entry::Assigned {
            key: "k".into(),
            number: "103802847901403200000165".into(),
            line: 2,
            issued_at: datetime!(2025-03-20 10:00 UTC),
        }])
        .unwrap();
    drop(journal);
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"event\":\"issued\",\"num")
        .unwrap();
    let journal = Journal::open(&path).unwrap();
    assert_eq!(journal.assigned.len(), 1);
    assert!(journal.issued.is_empty());
    assert!(std::fs::read_to_string(&path).unwrap().ends_with('\n'));

    std::fs::write(&path, "not json\n").unwrap();
    let err = Journal::open(&path).unwrap_err();
    assert!(matches!(err, IssueError::Journal { line: 1, .. }), "{err}");
}

/// Stands in for PAdES in unit tests: appends a marker so the file differs from the render.
struct Marked;

impl DiplomaSealer for Marked {
    fn seal(
        &self,
        mut pdf: Vec<u8>,
        record: &DiplomaRecord,
        _: OffsetDateTime,
    ) -> Result<Vec<u8>, IssueError> {
        pdf.extend_from_slice(format!("% sealed {}\n", record.number()).as_bytes());
        Ok(pdf)
    }
}

fn settings() -> BatchSettings {
    BatchSettings {
        issuer: demo_issuer(),
        org_email: "registrar@example.ac.ir".into(),
        signer_national_code: "0076229645".parse().unwrap(),
        signer_post_id: "OFFICIAL-1".into(),
        threads: 2,
    }
}

#[test]
fn a_rerun_issues_nothing_twice_and_repairs_a_deleted_diploma_under_its_number() {
    let out = tempfile::tempdir().unwrap();
    let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
    let batch = Batch::new(out.path(), settings(), &Marked, &clock).unwrap();
    let positions = std::array::from_fn(|i| i);
    let first = batch
        .issue_rows(demo_rows(12), &positions, &mut |_| {})
        .unwrap();
    assert_eq!(first.issued.len(), 12);
    let numbers: HashSet<_> = first.issued.iter().map(|e| e.number).collect();
    assert_eq!(numbers.len(), 12);

    let victim = &first.issued[3];
    std::fs::remove_file(out.path().join(victim.file())).unwrap();
    std::fs::write(out.path().join("x.pdf.partial"), b"torn").unwrap();
    let second = batch
        .issue_rows(demo_rows(14), &positions, &mut |_| {})
        .unwrap();
    assert_eq!((second.repaired, second.already_issued), (1, 11));
    assert_eq!(second.issued.len(), 3); // the repaired one and two new graduates
    assert!(second.issued.iter().any(|e| e.number == victim.number));
    assert!(!out.path().join("x.pdf.partial").exists());

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(MANIFEST_FILE)).unwrap()).unwrap();
    let diplomas = manifest["diplomas"].as_array().unwrap();
    assert_eq!(diplomas.len(), 14);
    for d in diplomas {
        let bytes = std::fs::read(out.path().join(d["file"].as_str().unwrap())).unwrap();
        assert_eq!(
            d["sha256"],
            crate::records::hex(&super::output::sha256(&bytes))
        );
    }
}

#[test]
fn numbers_follow_csv_order_whatever_the_thread_count() {
    let run = |threads| {
        let out = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
        let mut s = settings();
        s.threads = threads;
        let batch = Batch::new(out.path(), s, &Marked, &clock).unwrap();
        let positions = std::array::from_fn(|i| i);
        let summary = batch
            .issue_rows(demo_rows(10), &positions, &mut |_| {})
            .unwrap();
        std::fs::read(out.path().join(MANIFEST_FILE)).unwrap();
        summary
            .issued
            .iter()
            .map(|e| (e.number, e.national_code, e.sha256))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(3));
}

/// Fails every diploma whose serial is odd, as a TSA that goes down part-way would.
struct FailsOnOdd;

impl DiplomaSealer for FailsOnOdd {
    fn seal(
        &self,
        pdf: Vec<u8>,
        record: &DiplomaRecord,
        at: OffsetDateTime,
    ) -> Result<Vec<u8>, IssueError> {
        if record.number().serial() % 2 == 1 {
            return Err(IssueError::Sign {
                number: record.number().to_string(),
                message: "the TSA did not answer".into(),
            });
        }
        Marked.seal(pdf, record, at)
    }
}

#[test]
fn a_batch_stopped_by_a_signing_failure_keeps_its_manifest_and_resumes() {
    let out = tempfile::tempdir().unwrap();
    let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
    let positions = std::array::from_fn(|i| i);
    let failing = Batch::new(out.path(), settings(), &FailsOnOdd, &clock).unwrap();
    let err = failing
        .issue_rows(demo_rows(10), &positions, &mut |_| {})
        .unwrap_err();
    assert!(matches!(err, IssueError::Sign { .. }), "{err}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join(MANIFEST_FILE)).unwrap()).unwrap();
    let listed = manifest["diplomas"].as_array().unwrap().len();

    let working = Batch::new(out.path(), settings(), &Marked, &clock).unwrap();
    let done = working
        .issue_rows(demo_rows(10), &positions, &mut |_| {})
        .unwrap();
    assert_eq!(done.already_issued as usize, listed);
    assert_eq!(done.issued.len() + listed, 10);
    assert_eq!(done.manifest_len, 10);
}

#[test]
fn the_streamed_manifest_is_the_documented_json_byte_for_byte() {
    let out = tempfile::tempdir().unwrap();
    let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
    let batch = Batch::new(out.path(), settings(), &Marked, &clock).unwrap();
    let positions = std::array::from_fn(|i| i);
    let summary = batch
        .issue_rows(demo_rows(5), &positions, &mut |_| {})
        .unwrap();
    // spec/issue.md §4, written the plain way: a pretty-printed object, then a newline.
    #[derive(serde::Serialize)]
    struct Plain {
        number: String,
        national_code: String,
        file: String,
        sha256: String,
    }
    let expected: Vec<Plain> = summary
        .issued
        .iter()
        .map(|e| Plain {
            number: e.number.to_string(),
            national_code: e.national_code.as_str().to_owned(),
            file: format!("{}.pdf", e.number),
            sha256: crate::records::hex(&e.sha256),
        })
        .collect();
    #[derive(serde::Serialize)]
    struct Manifest {
        diplomas: Vec<Plain>,
    }
    let mut text = serde_json::to_string_pretty(&Manifest { diplomas: expected }).unwrap();
    text.push('\n');
    let written = std::fs::read_to_string(out.path().join(MANIFEST_FILE)).unwrap();
    assert_eq!(written, text);
    assert!(!out.path().join("manifest.json.partial").exists());
}

#[test]
fn a_journal_line_that_contradicts_itself_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let issued = |number: &str, file: &str, code: &str, sha: &str| {
        format!(
            "{{\"event\":\"issued\",\"number\":\"{number}\",\"national_code\":\"{code}\",\
             \"file\":\"{file}\",\"sha256\":\"{sha}\"}}\n"
        )
    };
    let number = "103802847901403200000165";
    let file = format!("{}.pdf", crate::ids::DiplomaNumber::parse(number).unwrap());
    let good = issued(number, &file, "0076229645", &"ab".repeat(32));
    std::fs::write(&path, &good).unwrap();
    let journal = Journal::open(&path).unwrap();
    let entry = journal.entries().next().unwrap();
    assert_eq!(
        (entry.file(), entry.sha256_hex()),
        (file.clone(), "ab".repeat(32))
    );
    drop(journal);

    for (bad, what) in [
        (
            issued(number, "other.pdf", "0076229645", &"ab".repeat(32)),
            "file other.pdf",
        ),
        (
            issued(number, &file, "0076229646", &"ab".repeat(32)),
            "national code",
        ),
        (
            issued(number, &file, "0076229645", &"AB".repeat(32)),
            "sha256",
        ),
        (issued(number, &file, "0076229645", "abc"), "sha256"),
        (
            issued(
                "103802847901403200000166",
                &file,
                "0076229645",
                &"ab".repeat(32),
            ),
            "number",
        ),
    ] {
        std::fs::write(&path, format!("{good}{bad}")).unwrap();
        let err = Journal::open(&path).unwrap_err();
        assert!(
            matches!(&err, IssueError::Journal { line: 2, message, .. } if message.contains(what)),
            "{what}: {err}"
        );
        // Refused, not repaired: the journal is left as it was.
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{good}{bad}")
        );
    }
}
