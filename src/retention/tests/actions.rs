//! Destruction, transfer and review: refusals change nothing (`spec/retention.md` §6).

use super::*;

fn authorization() -> DestructionAuthorization {
    DestructionAuthorization {
        decision_ref: "NDC-1404/112".into(),
        approver: "0076229645".into(),
    }
}

fn sample_record(id: &str) -> (Schedule, RetentionRecord, HoldRegister) {
    let (schedule, records, holds) = sample();
    let record = records.into_iter().find(|r| r.record_id == id).unwrap();
    (schedule, record, holds)
}

#[test]
fn destruction_of_a_due_record_leaves_an_event_and_the_metadata() {
    let (schedule, mut record, holds) = sample_record("FIN-4002");
    let before = record.clone();
    let event = destroy(
        &mut record,
        &schedule,
        &holds,
        jd("1404/06/01"),
        &authorization(),
    )
    .unwrap();
    assert_eq!(event.event_type, DispositionEventType::Destruction);
    assert_eq!(event.authorization, "NDC-1404/112");
    assert_eq!(event.row, "4");
    assert_eq!(record.history, [event]);
    assert_eq!(record.disposed.unwrap().how, DisposedHow::Destroyed);
    assert_eq!(
        (&record.record_id, &record.class_code, record.created),
        (&before.record_id, &before.class_code, before.created)
    );
    let again = destroy(
        &mut record,
        &schedule,
        &holds,
        jd("1404/06/02"),
        &authorization(),
    )
    .unwrap_err();
    assert_eq!(again.code(), "already-disposed");
    assert_eq!(
        disposition(&record, &schedule, &holds, jd("1404/06/02"))
            .unwrap_err()
            .code(),
        "already-disposed"
    );
}

/// Runs a destruction that must be refused with `code` and checks nothing changed.
fn refused(id: &str, day: &str, auth: &DestructionAuthorization, code: &str) -> RetentionError {
    let (schedule, mut record, holds) = sample_record(id);
    let before = record.clone();
    let err = destroy(&mut record, &schedule, &holds, jd(day), auth).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(record, before, "a refused destruction changed the record");
    err
}

#[test]
fn destruction_without_authorization_is_refused() {
    let no_decision = DestructionAuthorization {
        decision_ref: " ".into(),
        ..authorization()
    };
    let err = refused("FIN-4002", "1404/06/01", &no_decision, "not-authorized");
    assert!(
        err.to_string()
            .contains("the Council decision reference is missing"),
        "{err}"
    );
    let no_approver = DestructionAuthorization {
        approver: String::new(),
        ..authorization()
    };
    let err = refused("FIN-4002", "1404/06/01", &no_approver, "not-authorized");
    assert!(err.to_string().contains("the approver is missing"), "{err}");
}

#[test]
fn destruction_of_a_held_record_is_refused() {
    let err = refused("STU-1004", "1404/06/01", &authorization(), "held");
    assert!(err.to_string().contains("H-AUDIT-1"), "{err}");
}

#[test]
fn destruction_before_the_due_date_is_refused() {
    let err = refused("FIN-4001", "1404/06/01", &authorization(), "not-due");
    assert_eq!(
        err.to_string(),
        "record \"FIN-4001\": destruction refused: not due until 1408/12/29 (as of 1404/06/01)"
    );
    refused("DIP-3001", "1404/06/01", &authorization(), "wrong-action");
    refused("FIN-4003", "1404/06/01", &authorization(), "wrong-action");
}

#[test]
fn a_lifted_hold_no_longer_blocks_transfer() {
    let (schedule, mut payroll, mut holds) = sample_record("FIN-4003");
    let auth = TransferAuthorization {
        receiver: "NLAI".into(),
        reference: "TR-1404/7".into(),
        approver: "archivist".into(),
    };
    let before = payroll.clone();
    let err = transfer(&mut payroll, &schedule, &holds, jd("1404/02/20"), &auth).unwrap_err();
    assert_eq!(err.code(), "held", "{err}");
    assert_eq!(payroll, before);
    let event = transfer(&mut payroll, &schedule, &holds, jd("1404/03/01"), &auth).unwrap();
    assert_eq!(event.detail, "custody transferred to NLAI");
    assert_eq!(payroll.disposed.unwrap().how, DisposedHow::Transferred);
    // A hold placed again blocks a second record in the class.
    holds.insert(Hold::new(
        "H-9",
        "court",
        HoldTarget::Class("UNI.FIN".into()),
        jd("1404/05/01"),
    ));
    let (_, mut other, _) = sample_record("FIN-4002");
    let err = destroy(
        &mut other,
        &schedule,
        &holds,
        jd("1404/06/01"),
        &authorization(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "held");
}

#[test]
fn review_reschedules_with_authorization_only() {
    let (schedule, mut letter, holds) = sample_record("ADM-5001");
    assert_eq!(
        disposition(&letter, &schedule, &holds, jd("1404/06/01"))
            .unwrap()
            .action,
        FinalAction::Review
    );
    let decision = ReviewDecision {
        reviewer: "appraiser".into(),
        decision_ref: "RV-1404/3".into(),
        date: jd("1404/06/01"),
    };

    let before = letter.clone();
    let unsigned = ReviewDecision {
        reviewer: String::new(),
        ..decision.clone()
    };
    assert_eq!(
        review(&mut letter, &schedule, &unsigned, Some("3"))
            .unwrap_err()
            .code(),
        "not-authorized"
    );
    assert_eq!(
        review(&mut letter, &schedule, &decision, Some("99"))
            .unwrap_err()
            .code(),
        "unknown-row"
    );
    assert_eq!(letter, before);

    let event = review(&mut letter, &schedule, &decision, Some("3")).unwrap();
    assert_eq!(event.detail, "re-scheduled from row 6 to row 3");
    let d = disposition(&letter, &schedule, &holds, jd("1404/06/01")).unwrap();
    assert_eq!(d.row(), "3");
    assert_eq!(d.action, FinalAction::Permanent);
    assert!(
        d.explanation()[0].contains("review override: decision RV-1404/3 by appraiser"),
        "{}",
        d.explanation()[0]
    );

    // An override that bypasses review is refused by the engine.
    letter
        .schedule_override
        .as_mut()
        .unwrap()
        .review
        .decision_ref
        .clear();
    assert_eq!(
        disposition(&letter, &schedule, &holds, jd("1404/06/01"))
            .unwrap_err()
            .code(),
        "unauthorized-override"
    );
}
