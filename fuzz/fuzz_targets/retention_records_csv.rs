//! Arbitrary bytes → the records, holds and scheme CSV readers: never panic, and accepted
//! records survive `to_csv_line` unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::retention::{ClassificationScheme, HoldRegister, RECORDS_CSV_HEADER, RetentionRecord};

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = RetentionRecord::from_csv(data) {
        let lines: Vec<String> = records.iter().map(RetentionRecord::to_csv_line).collect();
        let text = format!("{RECORDS_CSV_HEADER}\n{}\n", lines.join("\n"));
        assert_eq!(RetentionRecord::from_csv(text.as_bytes()), Ok(records));
    }
    let _ = HoldRegister::from_csv(data);
    let _ = ClassificationScheme::from_csv(data);
});
