//! Arbitrary bytes → `LegalEntityId::parse`: never panics, and whatever is accepted
//! re-parses from its canonical form to the same ID.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::LegalEntityId;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = LegalEntityId::parse(input) {
        assert_eq!(LegalEntityId::parse(id.as_str()), Ok(id));
    }
});
