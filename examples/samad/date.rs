//! `samad date VALUE`: `1403/12/30` ↔ `2025-03-20`.

use clap::Args;
use samad::calendar::{self, JalaliDate};
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Args)]
pub struct DateArgs {
    /// A Jalali date `YYYY/MM/DD` or a Gregorian date `YYYY-MM-DD`, in Persian, Arabic-Indic
    /// or ASCII digits.
    value: String,
}

/// The JSON document of `samad date --json`.
#[derive(Debug, Serialize)]
struct DateReport {
    gregorian: String,
    jalali: String,
    jalali_fa: String,
    long_fa: String,
    weekday_fa: &'static str,
    weekday_en: &'static str,
}

impl DateReport {
    fn new(date: &JalaliDate) -> DateReport {
        DateReport {
            gregorian: date.to_gregorian_string(),
            jalali: date.to_string(),
            jalali_fa: date.format_persian_digits(),
            long_fa: date.format_long_fa(),
            weekday_fa: date.weekday().name_fa(),
            weekday_en: date.weekday().name_en(),
        }
    }
}

pub fn run(args: &DateArgs, json: bool) -> Outcome {
    let date = match calendar::parse_date(&args.value) {
        Ok(date) => date,
        Err(e) => return input_error(json, e.code(), &e.to_string()),
    };
    let report = DateReport::new(&date);
    if json {
        print_json(&report);
    } else {
        outln!(
            "jalali     {}  ({}، {})",
            report.jalali,
            report.weekday_fa,
            report.long_fa
        );
        outln!("gregorian  {}  ({})", report.gregorian, report.weekday_en);
    }
    Outcome::Success
}
