//! Arbitrary bytes → `Schedule::from_csv` and `Schedule::from_json`: never panics, and an
//! accepted schedule survives its JSON form unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::retention::Schedule;

fuzz_target!(|data: &[u8]| {
    for parsed in [Schedule::from_csv(data), Schedule::from_json(data)] {
        if let Ok(schedule) = parsed {
            let again = Schedule::from_json(schedule.to_json().as_bytes());
            assert_eq!(again.as_ref(), Ok(&schedule));
        }
    }
});
