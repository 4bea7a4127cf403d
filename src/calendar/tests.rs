//! Unit tests of the calendar module: BRIEF §3 anchors, parsing and its errors, arithmetic
//! and period ends, property tests, and a walk over every day of 1300–1500.

use super::*;

mod anchors;
mod arithmetic;
mod parsing;
mod properties;
mod whole_range;

/// Shorthand for a date the test knows to be valid.
fn jd(year: i32, month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(year, month, day).unwrap()
}
