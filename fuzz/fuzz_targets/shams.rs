#![no_main]
//! SHAMS parsers: never panic; whatever parses re-encodes to a value that parses back equal.
use libfuzzer_sys::fuzz_target;
use samad::ids::Shams;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    for parsed in [Shams::parse(input), Shams::parse_qr_payload(input)]
        .into_iter()
        .flatten()
    {
        assert_eq!(Shams::parse(&parsed.to_string()).as_ref(), Ok(&parsed));
        assert_eq!(
            Shams::parse_qr_payload(&parsed.to_qr_payload()).as_ref(),
            Ok(&parsed)
        );
    }
});
