//! Property tests: every parser/formatter pair round-trips, conversions invert each other,
//! arithmetic keeps its invariants, and no input makes a parser panic.

use proptest::prelude::*;

use super::*;

/// Any supported date, uniformly over days.
fn any_date() -> impl Strategy<Value = JalaliDate> {
    let first = JalaliDate::first_supported();
    let span = first.days_until(&JalaliDate::last_supported());
    (0..=span).prop_map(move |offset| first.add_days(offset).unwrap())
}

/// A string of the given ASCII digits and separators with each digit written in a random
/// script (ASCII, Persian or Arabic-Indic).
fn in_mixed_scripts(canonical: String) -> impl Strategy<Value = String> {
    let len = canonical.len();
    proptest::collection::vec(0..3u32, len).prop_map(move |scripts| {
        canonical
            .chars()
            .zip(scripts)
            .map(|(c, script)| match (c.to_digit(10), script) {
                (Some(d), 1) => char::from_u32(0x06F0 + d).unwrap(),
                (Some(d), 2) => char::from_u32(0x0660 + d).unwrap(),
                _ => c,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn display_parse_round_trip(date in any_date()) {
        let text = date.to_string();
        prop_assert_eq!(text.len(), 10);
        prop_assert_eq!(JalaliDate::parse(&text)?, date);
        prop_assert_eq!(parse_date(&text)?, date);
        prop_assert_eq!(text.parse::<JalaliDate>()?, date);
    }

    #[test]
    fn persian_digits_round_trip(date in any_date()) {
        let text = date.format_persian_digits();
        prop_assert!(text.chars().all(|c| c == '/' || ('۰'..='۹').contains(&c)));
        prop_assert_eq!(JalaliDate::parse(&text)?, date);
        prop_assert_eq!(crate::text::to_ascii_digits(&text), date.to_string());
    }

    #[test]
    fn mixed_scripts_and_unpadded_fields_parse(
        (date, text) in any_date().prop_flat_map(|date| {
            let unpadded = format!("{}/{}/{}", date.year(), date.month(), date.day());
            (Just(date), in_mixed_scripts(unpadded))
        })
    ) {
        prop_assert_eq!(JalaliDate::parse(&text)?, date);
    }

    #[test]
    fn long_form_names_the_month(date in any_date()) {
        let long = date.format_long_fa();
        let parts: Vec<&str> = long.split(' ').collect();
        prop_assert_eq!(parts.len(), 3);
        prop_assert_eq!(crate::text::to_ascii_digits(parts[0]), date.day().to_string());
        prop_assert_eq!(parts[1], date.month_name_fa());
        prop_assert_eq!(crate::text::to_ascii_digits(parts[2]), date.year().to_string());
    }

    #[test]
    fn gregorian_round_trip(date in any_date()) {
        let (year, month, day) = date.to_gregorian();
        prop_assert_eq!(JalaliDate::from_gregorian(year, month, day)?, date);
        let text = date.to_gregorian_string();
        prop_assert_eq!(JalaliDate::parse_gregorian(&text)?, date);
        prop_assert_eq!(parse_date(&text)?, date);
    }

    #[test]
    fn gregorian_dates_convert_back(year in 1822..=2221i32, month in 1..=12u8, day in 1..=28u8) {
        let date = JalaliDate::from_gregorian(year, month, day)?;
        prop_assert_eq!(date.to_gregorian(), (year, month, day));
    }

    #[test]
    fn serde_round_trip(date in any_date()) {
        let json = serde_json::to_string(&date).unwrap();
        prop_assert_eq!(&json, &format!("\"{date}\""));
        prop_assert_eq!(serde_json::from_str::<JalaliDate>(&json).unwrap(), date);
    }

    #[test]
    fn add_months_clamps_and_counts(date in any_date(), months in -600..=600i32) {
        let Ok(moved) = date.add_months(months) else {
            // Only a step out of the supported years may fail.
            let target = date.year() * 12 + i32::from(date.month()) - 1 + months;
            prop_assert!(!(MIN_YEAR * 12..(MAX_YEAR + 1) * 12).contains(&target));
            return Ok(());
        };
        let index = |d: &JalaliDate| d.year() * 12 + i32::from(d.month());
        prop_assert_eq!(index(&moved) - index(&date), months);
        let days_there = JalaliDate::days_in_month(moved.year(), moved.month()).unwrap();
        prop_assert_eq!(moved.day(), date.day().min(days_there));
    }

    #[test]
    fn add_years_is_twelve_months(date in any_date(), years in -50..=50i32) {
        let by_years = date.add_years(years);
        prop_assert_eq!(by_years.clone().ok(), date.add_months(years * 12).ok());
        if let Ok(moved) = by_years {
            prop_assert_eq!(moved.year() - date.year(), years);
            prop_assert_eq!(moved.month(), date.month());
            // Only Esfand 30 ever moves, and only to Esfand 29 of a common year.
            if moved.day() != date.day() {
                prop_assert_eq!((date.month(), date.day(), moved.day()), (12, 30, 29));
                prop_assert!(!JalaliDate::is_leap_year(moved.year()));
            }
        }
    }

    #[test]
    fn add_days_counts(date in any_date(), a in -20_000..=20_000i64, b in -20_000..=20_000i64) {
        if let Ok(moved) = date.add_days(a) {
            prop_assert_eq!(date.days_until(&moved), a);
            prop_assert_eq!(moved.cmp(&date), a.cmp(&0));
            prop_assert_eq!(moved.add_days(-a)?, date);
            if let (Ok(two_steps), Ok(one_step)) = (moved.add_days(b), date.add_days(a + b)) {
                prop_assert_eq!(two_steps, one_step);
            }
        }
    }

    #[test]
    fn period_ends_are_last_days(date in any_date()) {
        let month_end = date.end_of_month();
        prop_assert_eq!((month_end.year(), month_end.month()), (date.year(), date.month()));
        prop_assert!(month_end >= date);
        let year_end = date.end_of_year();
        prop_assert_eq!((year_end.year(), year_end.month()), (date.year(), 12));
        prop_assert_eq!(year_end, date.end_of_fiscal_year());
        let days_in_year = if JalaliDate::is_leap_year(date.year()) { 366 } else { 365 };
        prop_assert_eq!(year_end.day_of_year(), days_in_year);
        if let Ok(next) = month_end.add_days(1) {
            prop_assert_eq!(next.day(), 1);
        }
        if let Ok(next) = year_end.add_days(1) {
            prop_assert_eq!((next.year(), next.month(), next.day()), (date.year() + 1, 1, 1));
        }
    }

    #[test]
    fn parsers_never_panic(input in "\\PC{0,24}") {
        let _ = JalaliDate::parse(&input);
        let _ = JalaliDate::parse_gregorian(&input);
        let _ = parse_date(&input);
    }

    #[test]
    fn date_shaped_input_never_panics(input in "[ 0-9۰-۹٠-٩/\\-]{0,16}") {
        let results = [
            JalaliDate::parse(&input),
            JalaliDate::parse_gregorian(&input),
            parse_date(&input),
        ];
        for date in results.into_iter().flatten() {
            prop_assert_eq!(JalaliDate::parse(&date.to_string())?, date);
        }
    }
}
