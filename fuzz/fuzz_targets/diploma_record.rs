//! Arbitrary bytes → `DiplomaRecord::from_json` and `parse_qr_payload`: never panic;
//! an accepted record reads back equal from its canonical JSON, whose payload parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::diploma::{DiplomaRecord, parse_qr_payload, qr_payload};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_qr_payload(input);
    if let Ok(record) = DiplomaRecord::from_json(input) {
        let canonical = record.canonical_json().expect("a record canonicalizes");
        assert_eq!(DiplomaRecord::from_json(&canonical).as_ref(), Ok(&record));
        let payload = qr_payload(&record).expect("payload");
        assert_eq!(
            parse_qr_payload(&payload).map(|(n, _)| n),
            Ok(record.number())
        );
    }
});
