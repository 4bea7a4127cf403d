//! Arbitrary bytes → `NationalCode::parse` / `parse_lenient`: never panics, and whatever is
//! accepted re-parses from its canonical form to the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::NationalCode;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(code) = NationalCode::parse(input) {
        assert_eq!(NationalCode::parse(code.as_str()), Ok(code));
    }
    if let Ok((code, _warning)) = NationalCode::parse_lenient(input) {
        assert_eq!(NationalCode::parse(code.as_str()), Ok(code));
    }
});
