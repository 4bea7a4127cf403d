//! Unit tests of the status list's bitstrings, changes and working document.

use super::bitstring::Bitstring;
use super::*;
use crate::ids::{DegreeLevel, DiplomaNumber, LegalEntityId};

fn university() -> LegalEntityId {
    "10380284790".parse().expect("legal id")
}

fn list() -> StatusList {
    StatusList::for_diplomas(university(), 1403, DegreeLevel::Bachelor)
}

#[test]
fn bit_order_is_w3c_left_most_first() {
    let mut bits = Bitstring::zeros(MIN_ENTRIES).expect("size");
    assert!(bits.set(0, true));
    assert!(bits.set(9, true));
    assert!(bits.set(MIN_ENTRIES - 1, true));
    assert!(!bits.set(MIN_ENTRIES, true), "past the end");
    assert_eq!(bits.get(0), Some(true));
    assert_eq!(bits.get(1), Some(false));
    assert_eq!(bits.get(MIN_ENTRIES), None);
    assert_eq!(bits.ones().collect::<Vec<_>>(), vec![0, 9, MIN_ENTRIES - 1]);
    // Index 0 is the most significant bit of byte 0, index 9 the second of byte 1.
    let encoded = bits.encode();
    let decoded = Bitstring::decode("f", &encoded, MIN_ENTRIES).expect("decode");
    assert_eq!(decoded, bits);
}

#[test]
fn encoded_list_matches_gzip_and_base64url_read_independently() {
    use base64::Engine;
    use std::io::Read;
    let mut l = list();
    l.revoke(3).expect("revoke");
    let doc: serde_json::Value = serde_json::from_str(&l.to_json()).expect("json");
    let encoded = doc["status_list"]["revocation"].as_str().expect("string");
    assert!(!encoded.contains('='), "no padding");
    let gz = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .expect("base64url");
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
    let mut raw = Vec::new();
    flate2::read::MultiGzDecoder::new(gz.as_slice())
        .read_to_end(&mut raw)
        .expect("gunzip");
    assert_eq!(raw.len(), (DEFAULT_ENTRIES / 8) as usize);
    assert_eq!(
        raw[0], 0b0001_0000,
        "index 3 is the fourth bit from the left"
    );
    assert!(raw[1..].iter().all(|b| *b == 0));
}

#[test]
fn sizes_outside_the_rules_are_refused() {
    for size in [0, 8, MIN_ENTRIES - 8, MIN_ENTRIES + 1, MAX_ENTRIES + 8] {
        let err = StatusList::new("urn:x", university(), size).expect_err("bad size");
        assert_eq!(err.code(), "status-size", "{size}");
    }
    assert_eq!(
        StatusList::new("urn:x", university(), MIN_ENTRIES)
            .expect("min")
            .size(),
        MIN_ENTRIES
    );
}

#[test]
fn list_ids_are_urls_or_urns() {
    for id in ["", "has space", "ترم"] {
        let err = StatusList::new(id, university(), MIN_ENTRIES).expect_err(id);
        assert!(matches!(err, StatusError::Field { ref field, .. } if field == "status_list.id"));
    }
}

#[test]
fn entry_is_derived_from_the_number() {
    let number = DiplomaNumber::new(university(), 1403, DegreeLevel::Master, 999_999).expect("n");
    let entry = StatusList::entry_for(&number);
    assert_eq!(entry.list, "urn:samad:status:10380284790:1403:master");
    assert_eq!(entry.index, 999_999);
    let l = StatusList::for_diplomas(university(), 1403, DegreeLevel::Master);
    assert_eq!(l.id(), entry.list);
    assert_eq!(
        l.status(entry.index).expect("in range"),
        DiplomaStatus::Active
    );
}

#[test]
fn revoke_suspend_reinstate() {
    let mut l = list();
    l.suspend(5).expect("suspend");
    assert_eq!(l.status(5).expect("5"), DiplomaStatus::Suspended);
    l.reinstate(5).expect("reinstate");
    assert_eq!(l.status(5).expect("5"), DiplomaStatus::Active);
    l.suspend(6).expect("suspend");
    l.revoke(6).expect("revoke");
    assert_eq!(l.status(6).expect("6"), DiplomaStatus::Revoked);
    assert_eq!(l.revoked().collect::<Vec<_>>(), vec![6]);
    assert_eq!(l.suspended().count(), 0, "revocation clears the suspension");
    assert!(matches!(
        l.suspend(6),
        Err(StatusError::AlreadyRevoked { index: 6, .. })
    ));
    assert!(matches!(
        l.reinstate(6),
        Err(StatusError::AlreadyRevoked { .. })
    ));
    assert!(matches!(
        l.revoke(DEFAULT_ENTRIES),
        Err(StatusError::IndexOutOfRange { .. })
    ));
}

#[test]
fn working_document_round_trips_and_is_small() {
    let mut l = list();
    l.revoke(1).expect("revoke");
    l.suspend(70_000).expect("suspend");
    let json = l.to_json();
    assert!(
        json.len() < 2_000,
        "a sparse 2^20 list compresses: {}",
        json.len()
    );
    let back = StatusList::from_json(json.as_bytes()).expect("read");
    assert_eq!(back, l);
    assert!(!json.contains("signature"));
}

#[test]
fn bad_documents_name_the_field() {
    let good: serde_json::Value = serde_json::from_str(&list().to_json()).expect("json");
    let cases: &[(&str, serde_json::Value, &str)] = &[
        ("type", serde_json::json!("other/1"), "status-field"),
        ("issuer", serde_json::json!("10380284791"), "status-field"),
        ("size", serde_json::json!(131_073), "status-size"),
        ("revocation", serde_json::json!("!!"), "status-encoded-list"),
        (
            "suspension",
            serde_json::json!("H4sI"),
            "status-encoded-list",
        ),
    ];
    for (member, value, code) in cases {
        let mut doc = good.clone();
        doc["status_list"][*member] = value.clone();
        let err = StatusList::from_json(doc.to_string().as_bytes()).expect_err(member);
        assert_eq!(err.code(), *code, "{member}: {err}");
    }
    let mut extra = good.clone();
    extra["status_list"]["colour"] = serde_json::json!("red");
    assert!(StatusList::from_json(extra.to_string().as_bytes()).is_err());
    let err = StatusList::from_json(b"{\n  \"status_list\": [").expect_err("truncated");
    assert!(matches!(err, StatusError::Json { line: 2, .. }), "{err}");
}

#[test]
fn a_list_of_another_size_does_not_decode() {
    let small = StatusList::new("urn:x", university(), MIN_ENTRIES).expect("small");
    let mut doc: serde_json::Value = serde_json::from_str(&small.to_json()).expect("json");
    doc["status_list"]["size"] = serde_json::json!(MIN_ENTRIES * 2);
    let err = StatusList::from_json(doc.to_string().as_bytes()).expect_err("size");
    assert!(
        err.to_string().contains("decompresses to 16384 bytes"),
        "{err}"
    );
}

#[test]
fn gzip_bombs_stop_at_the_expected_length() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 8 * 1024 * 1024]).expect("write");
    let bomb = gz.finish().expect("finish");
    use base64::Engine;
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb);
    let err = Bitstring::decode("f", &encoded, MIN_ENTRIES).expect_err("too long");
    assert!(err.to_string().contains("more than"), "{err}");
}
