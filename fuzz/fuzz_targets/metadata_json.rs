#![no_main]
//! Record metadata: parse + validate never panic; what is valid reads as a Record whose
//! JSON validates again and whose canonical form is stable.
use libfuzzer_sys::fuzz_target;
use samad::records::{Record, validate::validate_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(violations) = validate_json(text) else {
        return;
    };
    if let Ok(record) = Record::from_json(text) {
        assert!(violations.is_empty());
        let canonical = record.canonical_json().unwrap();
        let again = Record::from_json(&canonical).unwrap();
        assert_eq!(again.canonical_json().unwrap(), canonical);
    }
});
