//! Arbitrary bytes → the graduates CSV reader and the row checks: never panic; every error
//! names a line that exists, and an accepted row's key starts with its national code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::diploma::issue::{GraduatesReader, check_row, demo_issuer};

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = GraduatesReader::new(data) else {
        return;
    };
    let (positions, issuer) = (reader.positions(), demo_issuer());
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    for row in reader.take(64) {
        match row.and_then(|r| check_row(r, &issuer, &positions)) {
            Ok(checked) => assert!(checked.key.starts_with(checked.national_code.as_str())),
            Err(e) => assert!(e.line <= lines + 1, "{e} beyond {lines} lines"),
        }
    }
});
