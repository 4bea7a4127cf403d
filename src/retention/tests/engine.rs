//! The worked examples of `spec/retention.md` §8, state boundaries and the batch functions.

use super::*;

fn record(id: &str, class: &str, created: &str) -> RetentionRecord {
    RetentionRecord::new(id, class, jd(created))
}

fn at(r: &RetentionRecord, schedule: &Schedule, holds: &HoldRegister, day: &str) -> Disposition {
    disposition(r, schedule, holds, jd(day)).unwrap()
}

#[test]
fn example_1_leap_day_plus_one_year() {
    let schedule = worked_schedule();
    let voucher = record("V-1", "UNI.FIN.VOUCHER", "1403/12/30");
    let d = at(&voucher, &schedule, &HoldRegister::new(), "1404/06/01");
    assert_eq!(d.row(), "4");
    assert_eq!(d.cutoff_date, jd("1403/12/30"));
    assert_eq!(d.current_end.to_string(), "1404/12/29");
    assert_eq!(d.current_end.to_gregorian_string(), "2026-03-20");
    assert_eq!(d.due().unwrap().to_string(), "1408/12/29");
    assert_eq!(d.due().unwrap().to_gregorian_string(), "2030-03-19");
    assert_eq!(d.state, State::Active);
    assert_eq!(
        d.explanation(),
        [
            "row 4 (Financial records) applies: class UNI.FIN.VOUCHER has no row of its own and inherits it from UNI.FIN",
            "trigger created: 1403/12/30 (2025-03-20)",
            "cutoff fiscal_year_end: 1403/12/30 (2025-03-20)",
            "+ current period P1Y: 1404/12/29 (2026-03-20)",
            "+ semi-current period P4Y: 1408/12/29 (2030-03-19) → destroy due",
            "as of 1404/06/01: active (before 1404/12/29, the end of the current period)",
        ]
    );
}

#[test]
fn example_2_fiscal_year_cutoffs_around_nowruz() {
    let schedule = worked_schedule();
    let holds = HoldRegister::new();
    let expected = [
        (
            "1403/12/29",
            "2025-03-19",
            "1403/12/30",
            "1408/12/29",
            State::Due,
        ),
        (
            "2025-03-20",
            "2025-03-20",
            "1403/12/30",
            "1408/12/29",
            State::Due,
        ),
        (
            "2025-03-21",
            "2025-03-21",
            "1404/12/29",
            "1409/12/29",
            State::SemiCurrent,
        ),
    ];
    for (created, gregorian, cutoff, due, state) in expected {
        let r = record("V", "UNI.FIN", created);
        assert_eq!(r.created.to_gregorian_string(), gregorian);
        let d = at(&r, &schedule, &holds, "1408/12/29");
        assert_eq!(d.cutoff_date.to_string(), cutoff, "{created}");
        assert_eq!(d.due().unwrap().to_string(), due, "{created}");
        assert_eq!(d.state, state, "{created}");
    }
    let late = at(
        &record("V", "UNI.FIN", "1404/01/01"),
        &schedule,
        &holds,
        "1404/06/01",
    );
    assert_eq!(late.cutoff_date.to_gregorian_string(), "2026-03-20");
    assert_eq!(late.current_end.to_gregorian_string(), "2027-03-20");
    assert_eq!(late.due().unwrap().to_gregorian_string(), "2031-03-20");
}

#[test]
fn example_3_inherited_schedule() {
    let schedule = worked_schedule();
    let mut exam = record("EX-1", "UNI.EDU.EXAM.FINAL", "1403/10/01");
    exam.closed = Some(jd("1403/11/15"));
    let d = at(&exam, &schedule, &HoldRegister::new(), "1404/06/01");
    assert_eq!(d.row(), "2");
    assert_eq!(d.cutoff_date.to_string(), "1403/11/30");
    assert_eq!(d.current_end.to_string(), "1404/05/30");
    assert_eq!(d.periods_end.to_string(), "1404/11/30");
    assert_eq!(d.state, State::SemiCurrent);
    assert_eq!(
        d.explanation()[0],
        "row 2 (Exam papers) applies: class UNI.EDU.EXAM.FINAL has no row of its own and inherits it from UNI.EDU.EXAM"
    );
    let own = record("EX-2", "UNI.EDU.EXAM", "1403/10/01");
    let mut own = own;
    own.closed = exam.closed;
    assert_eq!(
        at(&own, &schedule, &HoldRegister::new(), "1404/06/01").explanation()[0],
        "row 2 (Exam papers) applies to class UNI.EDU.EXAM"
    );
}

#[test]
fn example_4_holds_placed_and_lifted() {
    let schedule = worked_schedule();
    let mut file = record("STU-1", "UNI.EDU.STU", "1391/07/01");
    file.events.insert("graduation".into(), jd("1395/04/20"));
    let mut holds = HoldRegister::new();
    holds.insert(Hold::new(
        "H1",
        "court order 88",
        HoldTarget::Record("STU-1".into()),
        jd("1404/02/01"),
    ));
    holds.lift("H1", jd("1404/03/01"));

    let before = at(&file, &schedule, &holds, "1404/01/31");
    assert_eq!(before.cutoff_date.to_string(), "1395/12/30");
    assert_eq!(before.current_end.to_string(), "1396/12/29");
    assert_eq!(before.due().unwrap().to_string(), "1401/12/29");
    assert_eq!(before.state, State::Due);
    assert!(
        before
            .explanation()
            .iter()
            .any(|l| l == "hold H1 (court order 88) takes effect 1404/02/01: not yet active")
    );
    for day in ["1404/02/01", "1404/02/31"] {
        let held = at(&file, &schedule, &holds, day);
        assert_eq!(held.state, State::Held, "{day}");
        assert_eq!(held.holds, ["H1"]);
        assert_eq!(held.action, FinalAction::Destroy);
    }
    let after = at(&file, &schedule, &holds, "1404/03/01");
    assert_eq!(after.state, State::Due);
    assert!(after.holds.is_empty());
    assert!(
        after
            .explanation()
            .iter()
            .any(|l| l.contains("was lifted 1404/03/01: no longer applies"))
    );

    // A hold on the aggregation propagates to its members, and several holds stack.
    holds.insert(Hold::new(
        "H2",
        "audit",
        HoldTarget::Class("UNI.EDU".into()),
        jd("1404/01/01"),
    ));
    holds.insert(Hold::new(
        "H3",
        "request",
        HoldTarget::Class("UNI.EDU.STU".into()),
        jd("1404/01/01"),
    ));
    holds.insert(Hold::new(
        "H4",
        "other",
        HoldTarget::Class("UNI.ED".into()),
        jd("1404/01/01"),
    ));
    let held = at(&file, &schedule, &holds, "1404/02/10");
    assert_eq!(held.holds, ["H1", "H2", "H3"]);
    assert!(
        held.explanation()
            .iter()
            .any(|l| l.starts_with("hold H2 on aggregation UNI.EDU (audit)"))
    );
}

#[test]
fn hold_ids_listed_on_a_record_are_active() {
    let schedule = worked_schedule();
    let mut file = record("STU-1", "UNI.EDU.STU", "1391/07/01");
    file.events.insert("graduation".into(), jd("1395/04/20"));
    file.holds.push("H-X".into());
    let d = at(&file, &schedule, &HoldRegister::new(), "1404/06/01");
    assert_eq!(d.state, State::Held);
    assert_eq!(d.holds, ["H-X"]);
}

#[test]
fn example_5_permanent_and_state_boundaries() {
    let schedule = worked_schedule();
    let holds = HoldRegister::new();
    let diploma = record("D-1", "UNI.EDU.DIPLOMA", "1390/05/01");
    let d = at(&diploma, &schedule, &holds, "1404/06/01");
    assert_eq!(d.state, State::Permanent);
    assert_eq!(d.due(), None);
    assert_eq!(d.periods_end.to_string(), "1400/05/01");
    assert!(d.vital());
    assert_eq!(
        at(&diploma, &schedule, &holds, "1400/04/31").state,
        State::Active
    );

    // Each boundary day belongs to the later state.
    let voucher = record("V-1", "UNI.FIN", "1403/12/30");
    for (day, state) in [
        ("1404/12/28", State::Active),
        ("1404/12/29", State::SemiCurrent),
        ("1408/12/28", State::SemiCurrent),
        ("1408/12/29", State::Due),
    ] {
        assert_eq!(at(&voucher, &schedule, &holds, day).state, state, "{day}");
    }
}

#[test]
fn example_6_cannot_compute_without_the_trigger() {
    let schedule = worked_schedule();
    let file = record("STU-9", "UNI.EDU.STU", "1400/07/01");
    let err = disposition(&file, &schedule, &HoldRegister::new(), jd("1404/06/01")).unwrap_err();
    assert_eq!(err.code(), "trigger-not-recorded");
    assert!(
        err.to_string()
            .contains("cannot compute: event graduation not recorded"),
        "{err}"
    );
    let exam = record("EX-9", "UNI.EDU.EXAM", "1400/07/01");
    let err = disposition(&exam, &schedule, &HoldRegister::new(), jd("1404/06/01")).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot compute: closing date (the record is still open) not recorded"),
        "{err}"
    );
    let lost = record("X-1", "HR", "1400/07/01");
    let err = disposition(&lost, &schedule, &HoldRegister::new(), jd("1404/06/01")).unwrap_err();
    assert_eq!(err.code(), "no-schedule-row");
}

#[test]
fn offsets_metadata_triggers_and_month_end() {
    let csv = format!(
        "{HEADER}1,HR,پرسنلی,Personnel,metadata:retirement,P6M,month_end,P1M,P0D,review,x,no\n"
    );
    let schedule = Schedule::from_csv(csv.as_bytes()).unwrap();
    let mut r = record("P-1", "HR.FILE", "1380/01/01");
    r.metadata_dates
        .insert("retirement".into(), jd("1403/06/31"));
    let d = at(&r, &schedule, &HoldRegister::new(), "1404/06/01");
    // 1403/06/31 + P6M = 1403/12/30 (1403 is leap), month end 1403/12/30, + P1M = 1404/01/30.
    assert_eq!(d.cutoff_date.to_string(), "1403/12/30");
    assert_eq!(d.periods_end.to_string(), "1404/01/30");
    assert_eq!(d.state, State::Due);
    assert_eq!(d.action, FinalAction::Review);
    assert!(
        d.explanation()
            .contains(&"+ offset P6M: 1403/12/30".to_owned())
    );
}

#[test]
fn the_sample_as_of_1404_06_01() {
    let (schedule, records, holds) = sample();
    let list = disposition_list(&records, &schedule, &holds, jd("1404/06/01"));
    let states: Vec<(&str, &str)> = records
        .iter()
        .zip(&list)
        .map(|(r, d)| (r.record_id.as_str(), d.as_ref().unwrap().state.as_str()))
        .collect();
    assert_eq!(
        states,
        [
            ("STU-1001", "semi-current"),
            ("STU-1002", "due"),
            ("STU-1004", "held"),
            ("EX-2001", "semi-current"),
            ("EX-2002", "due"),
            ("DIP-3001", "permanent"),
            ("DIP-3002", "active"),
            ("FIN-4001", "active"),
            ("FIN-4002", "due"),
            ("FIN-4003", "due"),
            ("ADM-5001", "due"),
        ]
    );
}

#[test]
fn what_if_lists_only_the_records_that_change() {
    let (schedule, records, holds) = sample();
    let proposed_csv =
        String::from_utf8(include_bytes!("../../../examples/data/retention-schedule.csv").to_vec())
            .unwrap()
            .replace("P1Y,P4Y,destroy", "P1Y,P9Y,destroy");
    let proposed = Schedule::from_csv(proposed_csv.as_bytes()).unwrap();
    let changes = what_if(&records, &schedule, &proposed, &holds, jd("1404/06/01"));
    let ids: Vec<&str> = changes.iter().map(|c| c.record_id.as_str()).collect();
    assert_eq!(ids, ["FIN-4001", "FIN-4002"]);
    let voucher = &changes[1];
    assert!(voucher.due_changed());
    assert!(!voucher.action_changed());
    assert_eq!(voucher.before.as_ref().unwrap().state, State::Due);
    assert_eq!(voucher.after.as_ref().unwrap().state, State::SemiCurrent);
    assert_eq!(
        voucher.after.as_ref().unwrap().due.unwrap().to_string(),
        "1408/12/29"
    );
    assert!(what_if(&records, &schedule, &schedule, &holds, jd("1404/06/01")).is_empty());
}

#[test]
fn replacing_a_hold_moves_it_to_its_new_target() {
    let mut holds = HoldRegister::new();
    let day = jd("1404/06/01");
    let r1 = record("R1", "UNI.FIN", "1400/01/01");
    let r2 = record("R2", "UNI.EDU.STU", "1400/01/01");
    holds.insert(Hold::new(
        "H1",
        "court",
        HoldTarget::Record("R1".into()),
        jd("1404/01/01"),
    ));
    assert_eq!(holds.active_on(&r1, day), ["H1"]);
    assert!(holds.active_on(&r2, day).is_empty());
    holds.insert(Hold::new(
        "H1",
        "court",
        HoldTarget::Class("UNI.EDU".into()),
        jd("1404/01/01"),
    ));
    assert!(holds.active_on(&r1, day).is_empty());
    assert_eq!(holds.active_on(&r2, day), ["H1"]);
    assert!(holds.lift("H1", day));
    assert!(holds.active_on(&r2, day).is_empty());
    assert!(!holds.lift("H9", day));
}
