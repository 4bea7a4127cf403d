//! The input grammar (`spec/calendar.md` §2) and the errors it reports.

use super::*;

fn syntax_position(result: Result<JalaliDate, CalendarError>) -> usize {
    match result {
        Err(CalendarError::Syntax { position, .. }) => position,
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn accepts_every_digit_script_and_short_fields() {
    let expected = jd(1403, 1, 5);
    for input in ["1403/01/05", "1403/1/5", "۱۴۰۳/۰۱/۰۵", "1403/01/5"] {
        assert_eq!(JalaliDate::parse(input).unwrap(), expected, "{input}");
    }
    for input in [
        "١٤٠٣/٠١/٠٥",
        "۱۴03/1/۰5",
        "  1403/01/05\t",
        "\u{a0}1403/1/05\n",
    ] {
        assert_eq!(JalaliDate::parse(input).unwrap(), expected, "{input:?}");
    }
    assert_eq!("1403/01/05".parse::<JalaliDate>().unwrap(), expected);
}

#[test]
fn gregorian_form() {
    let expected = jd(1403, 1, 1);
    for input in ["2024-03-20", "2024-3-20", "۲۰۲۴-۰۳-۲۰", " 2024-03-20 "] {
        assert_eq!(
            JalaliDate::parse_gregorian(input).unwrap(),
            expected,
            "{input:?}"
        );
        assert_eq!(parse_date(input).unwrap(), expected, "{input:?}");
    }
    assert_eq!(
        JalaliDate::parse_gregorian("2023-02-29").unwrap_err(),
        CalendarError::NoSuchGregorianDay {
            year: 2023,
            month: 2,
            day: 29,
            days_in_month: 28
        }
    );
    assert_eq!(
        JalaliDate::parse_gregorian("2024-02-29")
            .unwrap()
            .to_string(),
        "1402/12/10"
    );
    assert_eq!(
        JalaliDate::parse_gregorian("2024-13-01").unwrap_err(),
        CalendarError::OutOfRange {
            field: "Gregorian month",
            value: 13,
            min: 1,
            max: 12
        }
    );
    assert_eq!(
        JalaliDate::parse_gregorian("2024-01-00")
            .unwrap_err()
            .code(),
        "out-of-range"
    );
    assert_eq!(
        JalaliDate::from_gregorian(i32::MAX, 1, 1)
            .unwrap_err()
            .code(),
        "gregorian-out-of-range"
    );
    assert_eq!(
        JalaliDate::from_gregorian(i32::MIN, 1, 1)
            .unwrap_err()
            .code(),
        "gregorian-out-of-range"
    );
    // A Jalali date is not a Gregorian one and the other way round.
    assert_eq!(
        syntax_position(JalaliDate::parse_gregorian("1403/01/01")),
        5
    );
    assert_eq!(syntax_position(JalaliDate::parse("2024-03-20")), 5);
}

#[test]
fn field_errors() {
    assert_eq!(JalaliDate::parse("").unwrap_err(), CalendarError::Empty);
    assert_eq!(
        JalaliDate::parse(" \t\n").unwrap_err(),
        CalendarError::Empty
    );
    assert_eq!(parse_date("").unwrap_err().code(), "empty");
    assert_eq!(
        JalaliDate::parse("1404/12/30").unwrap_err(),
        CalendarError::NoSuchDay {
            year: 1404,
            month: 12,
            day: 30,
            days_in_month: 29
        }
    );
    assert_eq!(
        JalaliDate::parse("1404/07/31").unwrap_err().code(),
        "no-such-day"
    );
    assert_eq!(
        JalaliDate::parse("1404/13/01").unwrap_err(),
        CalendarError::OutOfRange {
            field: "month",
            value: 13,
            min: 1,
            max: 12
        }
    );
    assert_eq!(
        JalaliDate::parse("1404/00/01").unwrap_err().code(),
        "out-of-range"
    );
    assert_eq!(
        JalaliDate::parse("1404/01/00").unwrap_err(),
        CalendarError::OutOfRange {
            field: "day",
            value: 0,
            min: 1,
            max: 31
        }
    );
    assert_eq!(
        JalaliDate::parse("0999/01/01").unwrap_err().code(),
        "out-of-range"
    );
    assert_eq!(
        JalaliDate::parse("9999/99/99").unwrap_err().code(),
        "out-of-range"
    );
    assert_eq!(
        JalaliDate::new(1404, 1, 32).unwrap_err().code(),
        "no-such-day"
    );
    assert_eq!(
        JalaliDate::new(1404, 255, 255).unwrap_err().code(),
        "out-of-range"
    );
    assert_eq!(
        JalaliDate::new(i32::MAX, 1, 1).unwrap_err().code(),
        "out-of-range"
    );
}

#[test]
fn syntax_errors_point_at_the_character() {
    let cases = [
        ("140/01/01", 4),     // the year has 4 digits
        ("14033/01/01", 5),   // and no more
        ("1403-01-01", 5),    // wrong separator
        ("1403/", 6),         // ends before the month
        ("1403/01", 8),       // ends before the day
        ("1403/001/01", 8),   // month of three digits
        ("1403/01/011", 11),  // day of three digits
        ("1403/01/01x", 11),  // trailing data
        ("1403/01/01 x", 11), // trailing data after a space
        ("  1403/01/0x", 12), // leading spaces are counted
        ("۱۴۰۳/۰۱/۰۱ب", 11),  // positions count characters, not bytes
        ("+1403/01/01", 1),
        ("1403//01", 6),
        ("1403/01//01", 9),
        ("1403 / 01 / 01", 5),
        ("۱۴۰۳٫۰۱٫۰۱", 5),
        ("1403\u{200C}/01/01", 5),
    ];
    for (input, position) in cases {
        assert_eq!(
            syntax_position(JalaliDate::parse(input)),
            position,
            "{input:?}"
        );
    }
    assert_eq!(syntax_position(parse_date("1403/01/01-")), 11);
    assert_eq!(syntax_position(parse_date("2024-03-20/")), 11);
    assert_eq!(syntax_position(parse_date("date")), 1);
}

#[test]
fn errors_say_what_is_expected() {
    let message = JalaliDate::parse("1403/01/01x").unwrap_err().to_string();
    assert!(message.contains("position 11"), "{message}");
    assert!(message.contains("YYYY/MM/DD"), "{message}");
    let message = JalaliDate::parse_gregorian("2024/03/20")
        .unwrap_err()
        .to_string();
    assert!(message.contains("YYYY-MM-DD"), "{message}");
    let message = JalaliDate::parse("1404/12/30").unwrap_err().to_string();
    assert_eq!(
        message,
        "date: 1404/12/30 does not exist: month 12 of 1404 has 29 days"
    );
    let message = JalaliDate::parse("1100/01/01").unwrap_err().to_string();
    assert_eq!(
        message,
        "date: year 1100 is out of range; expected 1200 to 1600"
    );
    let message = JalaliDate::parse_gregorian("1700-01-01")
        .unwrap_err()
        .to_string();
    assert!(message.contains("1821-03-21 to 2222-03-20"), "{message}");
    let message = jd(1600, 1, 1).add_years(1).unwrap_err().to_string();
    assert_eq!(
        message,
        "date: 1600/01/01 +1 years leaves the supported range of Jalali years 1200 to 1600"
    );
}

#[test]
fn long_input_is_cut_in_the_error() {
    let input = format!("1403/01/01{}", "x".repeat(10_000));
    match JalaliDate::parse(&input).unwrap_err() {
        CalendarError::Syntax {
            input, position, ..
        } => {
            assert_eq!(position, 11);
            assert_eq!(input.chars().count(), 41);
            assert!(input.ends_with('…'));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_codes_are_stable() {
    let errors = [
        (JalaliDate::parse(""), "empty"),
        (JalaliDate::parse("x"), "syntax"),
        (JalaliDate::parse("1403/13/01"), "out-of-range"),
        (JalaliDate::parse("1404/12/30"), "no-such-day"),
        (
            JalaliDate::parse_gregorian("2023-02-29"),
            "no-such-gregorian-day",
        ),
        (
            JalaliDate::parse_gregorian("1800-01-01"),
            "gregorian-out-of-range",
        ),
        (jd(1403, 1, 1).add_days(i64::MAX), "overflow"),
    ];
    for (result, code) in errors {
        assert_eq!(result.unwrap_err().code(), code);
    }
}
