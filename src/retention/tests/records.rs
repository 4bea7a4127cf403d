//! The bridge to `samad::records`: a captured record goes through the engine and a
//! destruction lands in its event history, metadata kept.

use time::macros::datetime;

use super::*;
use crate::clock::FixedClock;
use crate::records::{Agent, CaptureFacts, Event, EventType, RecordId, SecurityClass, capture};

fn captured() -> crate::records::Record {
    let facts = CaptureFacts::new(
        RecordId::random(),
        "سند هزینه ۱۲",
        // 01:00 on Nowruz in Tehran, still 1403/12/30 in UTC: the Tehran day counts.
        datetime!(2025-03-21 01:00 +03:30),
        Agent::organization("10380284790", "دانشگاه نمونه"),
        SecurityClass::Unclassified,
        "UNI.FIN.VOUCHER",
    );
    let clock = FixedClock::new(datetime!(2025-03-21 08:00 UTC));
    capture(&b"%PDF-1.7\n"[..], facts, &clock).unwrap()
}

#[test]
fn a_captured_record_is_disposed_of_and_the_event_lands_in_its_history() {
    let schedule = Schedule::from_csv(include_bytes!(
        "../../../examples/data/retention-schedule.csv"
    ))
    .unwrap();
    let mut record = captured();
    let clerk = Agent::person("0076229645", "بایگان");
    record
        .append_event(
            Event::new(
                EventType::Hold,
                datetime!(2025-04-01 09:00 UTC),
                clerk.clone(),
            )
            .with_parameter("hold_id", "H-1"),
        )
        .unwrap();

    let mut input = RetentionRecord::from_record(&record).unwrap();
    assert_eq!(input.created, jd("1404/01/01"));
    assert_eq!(input.class_code, "UNI.FIN.VOUCHER");
    assert_eq!(input.holds, ["H-1"]);
    let holds = HoldRegister::new();
    let d = disposition(&input, &schedule, &holds, jd("1410/01/01")).unwrap();
    assert_eq!(d.state, State::Held);
    assert_eq!(d.due().unwrap().to_string(), "1409/12/29");

    record
        .append_event(
            Event::new(
                EventType::Release,
                datetime!(2025-05-01 09:00 UTC),
                clerk.clone(),
            )
            .with_parameter("hold_id", "H-1"),
        )
        .unwrap();
    input = RetentionRecord::from_record(&record).unwrap();
    let auth = DestructionAuthorization {
        decision_ref: "NDC-1410/4".into(),
        approver: "0076229645".into(),
    };
    let event = destroy(&mut input, &schedule, &holds, jd("1410/01/01"), &auth).unwrap();
    let entry = event.to_records_event(datetime!(2030-03-21 10:00 UTC), clerk);
    assert_eq!(entry.event_type, EventType::Destroy);
    assert_eq!(entry.parameter("authorization"), Some("NDC-1410/4"));
    assert_eq!(entry.parameter("schedule_row"), Some("4"));
    let title = record.title().to_owned();
    record.append_event(entry).unwrap();
    assert_eq!(record.events_of(EventType::Destroy).count(), 1);
    assert_eq!(record.title(), title, "the metadata is kept");
}
