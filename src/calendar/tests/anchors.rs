//! The fixed points of BRIEF §3 and the range bounds.

use super::*;

/// BRIEF §3: (Gregorian, Jalali) pairs.
const ANCHORS: [(&str, &str); 5] = [
    ("2024-03-20", "1403/01/01"),
    ("2025-03-20", "1403/12/30"),
    ("2025-03-21", "1404/01/01"),
    ("2026-03-20", "1404/12/29"),
    ("1979-02-11", "1357/11/22"),
];

#[test]
fn brief_anchors_convert_both_ways() {
    for (gregorian, jalali) in ANCHORS {
        let from_gregorian = JalaliDate::parse_gregorian(gregorian).unwrap();
        assert_eq!(from_gregorian.to_string(), jalali, "{gregorian}");
        let from_jalali = JalaliDate::parse(jalali).unwrap();
        assert_eq!(from_jalali.to_gregorian_string(), gregorian, "{jalali}");
        assert_eq!(parse_date(gregorian).unwrap(), parse_date(jalali).unwrap());
    }
}

#[test]
fn brief_leap_years() {
    assert!(JalaliDate::is_leap_year(1403));
    assert!(!JalaliDate::is_leap_year(1404));
    assert_eq!(JalaliDate::days_in_month(1403, 12), Some(30));
    assert_eq!(JalaliDate::days_in_month(1404, 12), Some(29));
    assert_eq!(JalaliDate::days_in_month(1404, 1), Some(31));
    assert_eq!(JalaliDate::days_in_month(1404, 7), Some(30));
    assert_eq!(JalaliDate::days_in_month(1404, 13), None);
    assert_eq!(JalaliDate::days_in_month(1404, 0), None);
    assert_eq!(JalaliDate::days_in_month(MAX_YEAR + 1, 1), None);
    assert!(!JalaliDate::is_leap_year(i32::MIN));
}

#[test]
fn fiscal_year_ends_fall_on_19_or_20_march() {
    // (any day of the year, its fiscal-year end in the Gregorian calendar)
    let cases = [
        (jd(1402, 5, 1), "2024-03-19"),
        (jd(1403, 1, 1), "2025-03-20"),
        (jd(1404, 12, 29), "2026-03-20"),
        (jd(1405, 7, 15), "2027-03-20"),
        (jd(1406, 1, 1), "2028-03-19"),
        (jd(1407, 12, 1), "2029-03-19"),
        (jd(1408, 1, 1), "2030-03-20"),
    ];
    for (date, gregorian_end) in cases {
        let end = date.end_of_fiscal_year();
        assert_eq!(end, date.end_of_year());
        assert_eq!(end.to_gregorian_string(), gregorian_end, "{date}");
        assert_eq!(end.month(), 12);
        assert_eq!(end.add_days(1).unwrap().day_of_year(), 1);
    }
    // From 1338 on (and through 1500, where the Gregorian 2100 skips a leap day) the fiscal
    // year ends on 19 or 20 March; before 1338 it sometimes ended on 21 March.
    for year in 1338..=1500 {
        let (_, month, day) = jd(year, 1, 1).end_of_fiscal_year().to_gregorian();
        assert!(month == 3 && (day == 19 || day == 20), "{year}: 03-{day}");
    }
    assert_eq!(
        jd(1337, 1, 1).end_of_fiscal_year().to_gregorian_string(),
        "1959-03-21"
    );
}

#[test]
fn supported_range_bounds() {
    let first = JalaliDate::first_supported();
    let last = JalaliDate::last_supported();
    assert_eq!(first.to_string(), "1200/01/01");
    assert_eq!(first.to_gregorian_string(), FIRST_GREGORIAN);
    assert_eq!((last.year(), last.month()), (MAX_YEAR, 12));
    assert_eq!(last, last.end_of_year());
    assert_eq!(last.to_gregorian_string(), LAST_GREGORIAN);
    assert_eq!(JalaliDate::parse_gregorian(FIRST_GREGORIAN).unwrap(), first);
    assert_eq!(JalaliDate::parse_gregorian(LAST_GREGORIAN).unwrap(), last);
    assert_eq!(first.add_days(-1).unwrap_err().code(), "overflow");
    assert_eq!(last.add_days(1).unwrap_err().code(), "overflow");
    let before = JalaliDate::from_gregorian(1821, 3, 20).unwrap_err();
    assert_eq!(before.code(), "gregorian-out-of-range");
    let after = JalaliDate::parse_gregorian("2222-03-21").unwrap_err();
    assert_eq!(after.code(), "gregorian-out-of-range");
    assert_eq!(
        JalaliDate::new(1199, 12, 29).unwrap_err(),
        CalendarError::OutOfRange {
            field: "year",
            value: 1199,
            min: 1200,
            max: 1600
        }
    );
    assert_eq!(
        JalaliDate::new(1601, 1, 1).unwrap_err().code(),
        "out-of-range"
    );
}

#[test]
fn weekdays_and_names() {
    // 1403/12/30 = 2025-03-20, a Thursday; 1357/11/22 = 1979-02-11, a Sunday.
    let date = jd(1403, 12, 30);
    assert_eq!(date.weekday(), Weekday::Thursday);
    assert_eq!(date.weekday().name_fa(), "پنجشنبه");
    assert_eq!(jd(1357, 11, 22).weekday(), Weekday::Sunday);
    assert_eq!(jd(1404, 1, 1).weekday(), Weekday::Friday);
    assert_eq!(jd(1404, 1, 2).weekday(), Weekday::Saturday);
    assert_eq!(jd(1404, 1, 2).weekday().name_fa(), "شنبه");
    assert_eq!(Weekday::Tuesday.name_fa(), "سه\u{200C}شنبه");
    for (i, day) in Weekday::ALL.iter().enumerate() {
        assert_eq!(usize::from(day.number_from_saturday()), i + 1);
    }
    assert_eq!(date.month_name_fa(), "اسفند");
    assert_eq!(date.month_name_en(), "Esfand");
    assert_eq!(jd(1404, 1, 1).month_name_fa(), "فروردین");
    assert_eq!(month_name_fa(0), None);
    assert_eq!(month_name_en(12), Some("Esfand"));
}

#[test]
fn formats() {
    let date = jd(1403, 12, 30);
    assert_eq!(date.to_string(), "1403/12/30");
    assert_eq!(date.format_persian_digits(), "۱۴۰۳/۱۲/۳۰");
    assert_eq!(date.format_long_fa(), "۳۰ اسفند ۱۴۰۳");
    assert_eq!(jd(1404, 1, 1).format_long_fa(), "۱ فروردین ۱۴۰۴");
    assert_eq!(jd(1404, 2, 5).to_string(), "1404/02/05");
    assert_eq!(format!("{:?}", jd(1404, 2, 5)), "JalaliDate(1404/02/05)");
    assert_eq!(jd(1357, 11, 22).to_gregorian(), (1979, 2, 11));
}

#[test]
fn serde_uses_the_canonical_string() {
    let date = jd(1403, 1, 5);
    let json = serde_json::to_string(&date).unwrap();
    assert_eq!(json, "\"1403/01/05\"");
    assert_eq!(serde_json::from_str::<JalaliDate>(&json).unwrap(), date);
    assert_eq!(
        serde_json::from_str::<JalaliDate>("\"۱۴۰۳/۱/۵\"").unwrap(),
        date
    );
    let err = serde_json::from_str::<JalaliDate>("\"1403/12/31\"").unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(serde_json::from_str::<JalaliDate>("14030105").is_err());
}

#[test]
fn hash_and_order_agree_with_equality() {
    use std::collections::HashSet;
    let a = jd(1403, 12, 30);
    let b = JalaliDate::parse_gregorian("2025-03-20").unwrap();
    let set: HashSet<JalaliDate> = [a, b, jd(1404, 1, 1)].into_iter().collect();
    assert_eq!(set.len(), 2);
    assert!(jd(1403, 12, 30) < jd(1404, 1, 1));
    assert!(jd(1403, 2, 1) > jd(1403, 1, 31));
}
