//! Arbitrary bytes → `JalaliDate::parse` / `parse_gregorian` / `calendar::parse_date`: never
//! panics, and whatever is accepted re-parses from each of its printed forms to the same date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::JalaliDate;
use samad::calendar::parse_date;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = [
        JalaliDate::parse(input),
        JalaliDate::parse_gregorian(input),
        parse_date(input),
    ];
    for date in parsed.into_iter().flatten() {
        assert_eq!(JalaliDate::parse(&date.to_string()), Ok(date));
        assert_eq!(JalaliDate::parse(&date.format_persian_digits()), Ok(date));
        assert_eq!(parse_date(&date.to_gregorian_string()), Ok(date));
    }
});
