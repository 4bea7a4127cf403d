//! Reading durations, schedules (CSV and JSON), schemes, records and holds.

use super::*;

#[test]
fn durations_parse_and_print() {
    for (text, y, m, d, canonical) in [
        ("P2Y", 2, 0, 0, "P2Y"),
        ("P6M", 0, 6, 0, "P6M"),
        ("P0D", 0, 0, 0, "P0D"),
        ("P1Y6M", 1, 6, 0, "P1Y6M"),
        ("P2W", 0, 0, 14, "P14D"),
        ("P1Y2M3W4D", 1, 2, 25, "P1Y2M25D"),
        ("P۵Y", 5, 0, 0, "P5Y"),
        (" P3M ", 0, 3, 0, "P3M"),
    ] {
        let parsed = IsoDuration::parse(text).unwrap();
        assert_eq!(parsed, IsoDuration::new(y, m, d), "{text}");
        assert_eq!(parsed.to_string(), canonical);
    }
}

#[test]
fn bad_durations_say_why() {
    for (text, says) in [
        ("", "must start with P"),
        ("2Y", "must start with P"),
        ("P", "no parts"),
        ("PT1H", "T part"),
        ("P1Y2Y", "order"),
        ("P1M1Y", "order"),
        ("P1X", "unknown unit"),
        ("PY", "no number"),
        ("P12", "no unit"),
        ("P-1Y", "no number"),
        ("P9999999Y", "too large"),
    ] {
        let err = IsoDuration::parse(text).unwrap_err();
        assert_eq!(err.code(), "duration");
        assert!(err.to_string().contains(says), "{text}: {err}");
    }
}

#[test]
fn durations_add_months_together_then_days() {
    let one = |d: &str, from: &str| {
        IsoDuration::parse(d)
            .unwrap()
            .after(&jd(from))
            .unwrap()
            .to_string()
    };
    assert_eq!(one("P1Y", "1403/12/30"), "1404/12/29");
    assert_eq!(one("P1M", "1403/06/31"), "1403/07/30");
    assert_eq!(one("P1Y1M", "1403/12/30"), "1405/01/30");
    assert_eq!(one("P1M1D", "1403/06/31"), "1403/08/01");
    assert_eq!(one("P0D", "1403/06/31"), "1403/06/31");
    assert!(
        IsoDuration::new(999_999, 0, 0)
            .after(&jd("1403/01/01"))
            .is_err()
    );
}

#[test]
fn the_sample_schedule_reads() {
    let (schedule, records, holds) = sample();
    assert_eq!(schedule.rows().len(), 6);
    let fin = schedule.row("4").unwrap();
    assert_eq!(fin.cutoff, Cutoff::FiscalYearEnd);
    assert_eq!(fin.current_period, IsoDuration::new(1, 0, 0));
    assert_eq!(
        schedule.row("1").unwrap().trigger,
        Trigger::Event("graduation".into())
    );
    assert!(schedule.row("3").unwrap().vital);
    assert_eq!(records.len(), 11);
    assert_eq!(records[4].created, jd("2024-01-10"));
    assert_eq!(records[2].holds, vec!["H-AUDIT-1".to_owned()]);
    assert_eq!(
        holds.get("H-COURT-7").unwrap().lifted,
        Some(jd("1404/03/01"))
    );
}

#[test]
fn inheritance_walks_up_the_class_path() {
    let schedule = worked_schedule();
    assert_eq!(
        schedule.row_for_class("UNI.EDU.EXAM.FINAL").unwrap().row,
        "2"
    );
    assert_eq!(
        schedule.row_for_class("UNI.FIN.VOUCHER.2024").unwrap().row,
        "4"
    );
    assert_eq!(schedule.row_for_class("UNI.EDU.EXAM").unwrap().row, "2");
    assert!(schedule.row_for_class("UNI.EDU").is_none());
    assert!(schedule.row_for_class("UNI.EDUX").is_none());
}

fn schedule_error(body: &str) -> RetentionError {
    Schedule::from_csv(format!("{HEADER}{body}").as_bytes()).unwrap_err()
}

#[test]
fn schedule_errors_name_line_and_column() {
    let good = "1,UNI.A,a,A,created,P0D,none,P1Y,P1Y,destroy,x,no\n";
    let cases = [
        (
            "2,UNI.B,b,B,created,P0D,none,P1X,P1Y,destroy,x,no\n",
            3,
            8,
            "current_period",
        ),
        (
            "2,UNI.B,b,B,opened,P0D,none,P1Y,P1Y,destroy,x,no\n",
            3,
            5,
            "trigger",
        ),
        (
            "2,UNI.B,b,B,created,P0D,week_end,P1Y,P1Y,destroy,x,no\n",
            3,
            7,
            "cutoff",
        ),
        (
            "2,UNI.B,b,B,created,P0D,none,P1Y,P1Y,shred,x,no\n",
            3,
            10,
            "final_action",
        ),
        (
            "2,UNI.B,b,B,created,P0D,none,P1Y,P1Y,destroy,x,maybe\n",
            3,
            12,
            "vital",
        ),
        (
            "2,UNI..B,b,B,created,P0D,none,P1Y,P1Y,destroy,x,no\n",
            3,
            2,
            "class_code",
        ),
        (
            "2,UNI.B,b,B,event:,P0D,none,P1Y,P1Y,destroy,x,no\n",
            3,
            5,
            "trigger",
        ),
        (
            ",UNI.B,b,B,created,P0D,none,P1Y,P1Y,destroy,x,no\n",
            3,
            1,
            "row",
        ),
    ];
    for (bad, line, column, name) in cases {
        let err = schedule_error(&format!("{good}{bad}"));
        match &err {
            RetentionError::Field { file, location, .. } => {
                assert_eq!(*file, "schedule");
                assert_eq!(*location, Location::Csv { line, column, name }, "{err}");
            }
            other => panic!("{bad}: {other}"),
        }
        assert!(
            err.to_string()
                .contains(&format!("line {line}, column {column} ({name})")),
            "{err}"
        );
    }
}

#[test]
fn schedule_structure_errors() {
    let err = schedule_error("1,UNI.A,a,A,created,P0D,none,P1Y\n");
    assert!(
        matches!(err, RetentionError::Malformed { line: 2, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("8 fields where the header has 12"),
        "{err}"
    );

    let err = schedule_error(
        "1,UNI.A,a,A,created,P0D,none,P1Y,P1Y,destroy,x,no\n1,UNI.B,b,B,created,P0D,none,P1Y,P1Y,destroy,x,no\n",
    );
    assert!(
        matches!(
            err,
            RetentionError::Duplicate {
                what: "row",
                line: 3,
                first_line: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = schedule_error(
        "1,UNI.A,a,A,created,P0D,none,P1Y,P1Y,destroy,x,no\n2,UNI.A,b,B,created,P0D,none,P1Y,P1Y,destroy,x,no\n",
    );
    assert!(
        matches!(
            err,
            RetentionError::Duplicate {
                what: "class_code",
                ..
            }
        ),
        "{err}"
    );

    let err = Schedule::from_csv(b"row,class_code\n1,UNI\n").unwrap_err();
    assert!(
        matches!(
            err,
            RetentionError::MissingColumn {
                column: "title_fa",
                ..
            }
        ),
        "{err}"
    );

    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"1,UNI.A,\xff,A,created,P0D,none,P1Y,P1Y,destroy,x,no\n");
    let err = Schedule::from_csv(&bytes).unwrap_err();
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn schedule_columns_may_come_in_any_order_with_spaces_and_extras() {
    let csv = "vital, note, row, class_code, title_fa, title_en, trigger, offset, cutoff, \
               current_period, semi_current_period, final_action, authority\n\
               yes, ignored, 9, UNI, دانشگاه, University, closed, P1M, year_end, P2Y, P3Y, review, NDC\n";
    let schedule = Schedule::from_csv(csv.as_bytes()).unwrap();
    let row = schedule.row("9").unwrap();
    assert!(row.vital);
    assert_eq!(row.offset, IsoDuration::new(0, 1, 0));
    assert_eq!(row.final_action, FinalAction::Review);
}

#[test]
fn schedule_json_round_trips_and_reports_element_and_field() {
    let (schedule, _, _) = sample();
    let json = schedule.to_json();
    assert_eq!(Schedule::from_json(json.as_bytes()).unwrap(), schedule);
    assert_eq!(
        Schedule::new(schedule.rows().iter().map(|r| (**r).clone()).collect()).unwrap(),
        schedule
    );

    let bad = json.replacen("\"fiscal_year_end\"", "\"fiscal\"", 1);
    let err = Schedule::from_json(bad.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        RetentionError::Field {
            file: "schedule",
            location: Location::Json {
                index: 3,
                name: "cutoff"
            },
            message: "unknown cutoff \"fiscal\"; use none, month_end, year_end or fiscal_year_end"
                .into(),
        }
    );
    assert!(
        err.to_string().starts_with("schedule rows[3].cutoff: "),
        "{err}"
    );
    let err = Schedule::from_json(b"{\"rows\": [ {\"row\": 1} ]}").unwrap_err();
    assert!(
        matches!(err, RetentionError::Malformed { line: 1, .. }),
        "{err}"
    );
    let text = r#"{"rows":[{"row":"1","class_code":"UNI","trigger":"created","offset":"P0D","cutoff":"none",
        "current_period":"P1Y","semi_current_period":"P0D","final_action":"destroy","vital":"yes"}]}"#;
    assert!(
        Schedule::from_json(text.as_bytes())
            .unwrap()
            .row("1")
            .unwrap()
            .vital
    );
}

#[test]
fn scheme_checks_parents_and_duplicates() {
    let scheme = ClassificationScheme::from_csv(include_bytes!(
        "../../../examples/data/retention-scheme.csv"
    ))
    .unwrap();
    assert_eq!(
        scheme.parent("UNI.EDU.EXAM.FINAL").unwrap().code,
        "UNI.EDU.EXAM"
    );
    assert_eq!(
        scheme.class("UNI.EDU.DIPLOMA").unwrap().title_en,
        "Diplomas"
    );
    let (schedule, _, _) = sample();
    assert_eq!(
        scheme.row_for(&schedule, "UNI.EDU.EXAM.FINAL").unwrap().row,
        "2"
    );
    assert!(
        scheme.row_for(&schedule, "UNI.EDU.EXAM.MIDTERM").is_none(),
        "not in the scheme"
    );
    let unscheduled: Vec<&str> = scheme
        .unscheduled(&schedule)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(unscheduled, ["UNI", "UNI.EDU"]);

    let err =
        ClassificationScheme::from_csv("class_code,title_fa,title_en\nUNI.A,الف,A\n".as_bytes())
            .unwrap_err();
    assert!(
        matches!(&err, RetentionError::MissingParent { parent, line: 2, .. } if parent == "UNI"),
        "{err}"
    );
    let err = ClassificationScheme::from_csv(
        "class_code,title_fa,title_en\nUNI,الف,A\nUNI,ب,B\n".as_bytes(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            RetentionError::Duplicate {
                line: 3,
                first_line: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = ClassificationScheme::from_csv("class_code,title_fa,title_en\nUNI,,A\n".as_bytes())
        .unwrap_err();
    assert!(
        err.to_string().contains("line 2, column 2 (title_fa)"),
        "{err}"
    );
}

const RECORDS_HEADER: &str = "record_id,class_code,created,closed,events,holds\n";

#[test]
fn records_read_events_metadata_and_holds() {
    let csv = format!(
        "{RECORDS_HEADER}R1,UNI.A,۱۴۰۳/۰۱/۰۵,2024-05-01,graduation=1404/04/31; metadata:birth=1380/01/01,H1;H2;H1\n"
    );
    let records = RetentionRecord::from_csv(csv.as_bytes()).unwrap();
    let r = &records[0];
    assert_eq!(r.created, jd("1403/01/05"));
    assert_eq!(r.closed, Some(jd("1403/02/12")));
    assert_eq!(r.events["graduation"], jd("1404/04/31"));
    assert_eq!(r.metadata_dates["birth"], jd("1380/01/01"));
    assert_eq!(r.holds, ["H1", "H2"]);
    let again =
        RetentionRecord::from_csv(format!("{RECORDS_HEADER}{}\n", r.to_csv_line()).as_bytes())
            .unwrap();
    assert_eq!(again, records);
}

#[test]
fn record_errors_name_line_and_column() {
    for (line, column, says) in [
        ("R1,UNI.A,1403/13/01,,,", 3, "month 13"),
        ("R1,UNI.A,1404/12/30,,,", 3, "does not exist"),
        ("R1,UNI.A,1403/01/05,1402/01/01,,", 4, "before created"),
        ("R1,UNI.A,1403/01/05,,graduation,", 5, "not name=date"),
        (
            "R1,UNI.A,1403/01/05,,a=1403/01/01;a=1403/01/02,",
            5,
            "twice",
        ),
        ("R1,UNI.A,1403/01/05,,a b=1403/01/01,", 5, "event name"),
        ("R1,UNI.A,1403/01/05,,,H 1", 6, "hold id"),
        (",UNI.A,1403/01/05,,,", 1, "record_id"),
        ("R1,,1403/01/05,,,", 2, "class code"),
    ] {
        let err = RetentionRecord::from_csv(
            format!("{RECORDS_HEADER}R0,UNI,1400/01/01,,,\n{line}\n").as_bytes(),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("records line 3, column {column} ")),
            "{line}: {text}"
        );
        assert!(text.contains(says), "{line}: {text}");
    }
    let err = RetentionRecord::from_csv(
        format!("{RECORDS_HEADER}R1,UNI,1400/01/01,,,\nR1,UNI,1400/01/01,,,\n").as_bytes(),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        RetentionError::Duplicate {
            what: "record_id",
            line: 3,
            first_line: 2,
            ..
        }
    ));
}

#[test]
fn hold_file_errors() {
    let header = "id,mandate,target,placed,lifted\n";
    for (line, says) in [
        ("H1,court,record:R1,1404/02/01,1404/01/01", "before placed"),
        (
            "H1,court,file:R1,1404/02/01,",
            "record:<id> or class:<code>",
        ),
        ("H1,,record:R1,1404/02/01,", "mandate"),
        ("H1,court,class:A..B,1404/02/01,", "class code"),
    ] {
        let err = HoldRegister::from_csv(format!("{header}{line}\n").as_bytes()).unwrap_err();
        assert!(err.to_string().contains(says), "{line}: {err}");
        assert!(err.to_string().starts_with("holds line 2, column"), "{err}");
    }
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_column() {
    // Spreadsheet programs save Persian CSV with a UTF-8 BOM.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(include_bytes!(
        "../../../examples/data/retention-records.csv"
    ));
    assert_eq!(RetentionRecord::from_csv(&bytes).unwrap().len(), 11);
}
