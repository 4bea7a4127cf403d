//! Unit tests of the record model: events, stamps, classification, the capture rules.

use time::macros::datetime;

use super::*;

fn agency() -> Agent {
    Agent::organization("10380284790", "دانشگاه نمونه")
}

pub(crate) fn sample_record() -> Record {
    let json = include_str!("../../tests/data/records/letter.json");
    Record::from_json(json).expect("the sample record is valid")
}

#[test]
fn event_json_has_iso_and_jalali_time() {
    let e = Event::new(
        EventType::Reclassify,
        datetime!(2025-03-20 23:30:15.5 +03:30),
        agency(),
    );
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["time"]["iso"], "2025-03-20T23:30:15+03:30");
    assert_eq!(v["time"]["jalali"], "1403/12/30");
    assert_eq!(v["type"], "reclassify");
    assert_eq!(v["outcome"], "success");
    let back: Event = serde_json::from_value(v).unwrap();
    assert_eq!(back, e);
}

#[test]
fn stamp_rejects_a_jalali_that_does_not_match() {
    let bad = r#"{"iso":"2025-03-21T00:00:00Z","jalali":"1403/12/30"}"#;
    let err = serde_json::from_str::<Stamp>(bad).unwrap_err().to_string();
    assert!(err.contains("expected 1404/01/01"), "{err}");
    // The date at the offset written, not in UTC: 2025-03-20T22:00Z is 1404/01/01 in Tehran.
    let tehran = Stamp::parse_iso("2025-03-21T01:30:00+03:30").unwrap();
    assert_eq!(tehran.jalali().to_string(), "1404/01/01");
}

#[test]
fn event_type_names_round_trip() {
    for t in EventType::ALL {
        assert_eq!(EventType::from_name(t.as_str()), Some(t));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{}\"", t.as_str()));
    }
    assert_eq!(EventType::from_name("shred"), None);
}

#[test]
fn aggregation_takes_the_highest_class() {
    use SecurityClass::*;
    assert_eq!(
        SecurityClass::aggregate([Confidential, TopSecret, Secret]),
        TopSecret
    );
    assert_eq!(SecurityClass::aggregate([Unclassified]), Unclassified);
    assert_eq!(
        SecurityClass::from_name("خيلي محرمانه"),
        Some(HighlyConfidential)
    );
    assert_eq!(SecurityClass::from_name("بهکلی سری"), Some(TopSecret));
    assert_eq!(SecurityClass::from_name("secret"), Some(Secret));
    assert_eq!(SecurityClass::from_name("سرّی"), Some(Secret)); // a diacritic is not a different word
    assert_eq!(SecurityClass::from_name("سر"), None);
}

#[test]
fn page_marking_is_persian_with_page_n_of_m() {
    assert_eq!(
        page_marking(SecurityClass::TopSecret, 12, 120).unwrap(),
        "به\u{200c}کلی سری — صفحه ۱۲ از ۱۲۰"
    );
    assert!(matches!(
        page_marking(SecurityClass::Secret, 0, 3),
        Err(RecordsError::PageOutOfRange { page: 0, pages: 3 })
    ));
}

#[test]
fn only_the_originating_agency_reclassifies_and_it_is_an_event() {
    let mut record = sample_record();
    let before = record.clone();
    let other = Agent::organization("14000000006", "another agency");
    let err = record
        .reclassify(
            SecurityClass::Secret,
            &other,
            datetime!(2025-04-01 9:00 UTC),
            "no",
        )
        .unwrap_err();
    assert!(matches!(err, RecordsError::NotOriginator { .. }), "{err}");
    assert_eq!(record, before, "a refused reclassification changes nothing");

    record
        .reclassify(
            SecurityClass::Unclassified,
            &agency(),
            datetime!(2025-04-01 9:00 UTC),
            "declassified after the tender closed",
        )
        .unwrap();
    assert_eq!(record.security_class(), SecurityClass::Unclassified);
    let last = record.events().last().unwrap();
    assert_eq!(last.event_type, EventType::Reclassify);
    assert_eq!(last.parameter("from"), Some("confidential"));
    assert_eq!(last.parameter("to"), Some("unclassified"));
}

#[test]
fn events_only_grow_in_time_order() {
    let mut record = sample_record();
    let n = record.events().len();
    let early = Event::new(EventType::Close, datetime!(2000-01-01 0:00 UTC), agency());
    assert!(matches!(
        record.append_event(early),
        Err(RecordsError::EventOutOfOrder { .. })
    ));
    let capture = Event::new(EventType::Capture, datetime!(2030-01-01 0:00 UTC), agency());
    assert!(record.append_event(capture).is_err());
    let reclass = Event::new(
        EventType::Reclassify,
        datetime!(2030-01-01 0:00 UTC),
        agency(),
    );
    assert!(record.append_event(reclass).is_err());
    let hold_without_id = Event::new(EventType::Hold, datetime!(2030-01-01 0:00 UTC), agency());
    assert!(record.append_event(hold_without_id).is_err());
    assert_eq!(record.events().len(), n);

    let hold = Event::new(EventType::Hold, datetime!(2030-01-01 0:00 UTC), agency())
        .with_parameter("hold_id", "H-1");
    record.append_event(hold).unwrap();
    assert_eq!(record.active_holds(), vec!["H-1"]);
    let release = Event::new(EventType::Release, datetime!(2030-01-02 0:00 UTC), agency())
        .with_parameter("hold_id", "H-1");
    record.append_event(release).unwrap();
    assert!(record.active_holds().is_empty());
    let close = Event::new(EventType::Close, datetime!(2030-01-03 0:00 UTC), agency());
    record.append_event(close).unwrap();
    assert_eq!(record.closed(), Some(datetime!(2030-01-03 0:00 UTC)));
}

#[test]
fn content_events_after_destruction_are_refused() {
    let mut record = sample_record();
    let destroy = Event::new(EventType::Destroy, datetime!(2040-01-01 0:00 UTC), agency())
        .with_parameter("authorization", "NDC-1418-0042");
    record.append_event(destroy).unwrap();
    let migrate = Event::new(EventType::Migrate, datetime!(2040-01-02 0:00 UTC), agency());
    assert!(matches!(
        record.append_event(migrate),
        Err(RecordsError::EventNotAllowed { .. })
    ));
}

#[test]
fn capture_metadata_cannot_be_amended() {
    let record = sample_record();
    assert!(matches!(
        record.amend("/description/title"),
        RecordsError::FixedAtCapture { .. }
    ));
    assert!(matches!(
        record.amend("/fixity/digest"),
        RecordsError::FixedAtCapture { .. }
    ));
    assert!(matches!(
        record.amend("/use/security/class"),
        RecordsError::ChangeByEvent {
            method: "Record::reclassify",
            ..
        }
    ));
    assert!(matches!(
        record.amend("/event_history/0"),
        RecordsError::ChangeByEvent {
            method: "Record::append_event",
            ..
        }
    ));
    assert!(matches!(
        record.amend("/colour"),
        RecordsError::UnknownField { .. }
    ));
}

#[test]
fn record_ids_follow_the_grammar() {
    assert!(RecordId::parse("a").is_ok());
    assert!(RecordId::parse("550e8400-e29b-41d4-a716-446655440000").is_ok());
    assert!(RecordId::parse("").is_err());
    assert!(RecordId::parse("-x").is_err());
    assert!(RecordId::parse("x/y").is_err());
    assert!(RecordId::parse(&"x".repeat(65)).is_err());
}

#[test]
fn serde_reading_checks_the_profile_too() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/data/records/letter.json")).unwrap();
    assert!(serde_json::from_value::<Record>(v.clone()).is_ok());
    // Well-typed but against the profile: the class the history does not explain.
    v["use"]["security"]["class"] = "top-secret".into();
    let err = serde_json::from_value::<Record>(v).unwrap_err().to_string();
    assert!(err.contains("/use/security/class"), "{err}");
}
