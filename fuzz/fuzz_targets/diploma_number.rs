//! Arbitrary bytes → `DiplomaNumber::parse`: never panics, and whatever is accepted
//! re-parses from its printed and compact forms to the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::DiplomaNumber;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(number) = DiplomaNumber::parse(input) {
        assert_eq!(DiplomaNumber::parse(&number.to_string()), Ok(number));
        assert_eq!(DiplomaNumber::parse(number.compact()), Ok(number));
    }
});
