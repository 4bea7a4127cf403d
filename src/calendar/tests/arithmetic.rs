//! Day, month and year arithmetic, clamping, and period ends (`spec/calendar.md` §5–6).

use super::*;

#[test]
fn add_years_clamps_esfand_30() {
    assert_eq!(jd(1403, 12, 30).add_years(1).unwrap(), jd(1404, 12, 29));
    assert_eq!(jd(1403, 12, 30).add_years(-1).unwrap(), jd(1402, 12, 29));
    assert_eq!(jd(1403, 12, 30).add_years(4).unwrap(), jd(1407, 12, 29));
    // 1408 is leap (33-year rule: 1403 + 5): the day is kept.
    assert!(JalaliDate::is_leap_year(1408));
    assert_eq!(jd(1403, 12, 30).add_years(5).unwrap(), jd(1408, 12, 30));
    assert_eq!(jd(1404, 12, 29).add_years(-1).unwrap(), jd(1403, 12, 29));
    assert_eq!(jd(1403, 5, 31).add_years(0).unwrap(), jd(1403, 5, 31));
}

#[test]
fn add_months_clamps_to_the_month_end() {
    assert_eq!(jd(1403, 6, 31).add_months(1).unwrap(), jd(1403, 7, 30));
    assert_eq!(jd(1403, 6, 31).add_months(6).unwrap(), jd(1403, 12, 30));
    assert_eq!(jd(1404, 6, 31).add_months(6).unwrap(), jd(1404, 12, 29));
    assert_eq!(jd(1403, 12, 30).add_months(1).unwrap(), jd(1404, 1, 30));
    assert_eq!(jd(1403, 12, 30).add_months(12).unwrap(), jd(1404, 12, 29));
    assert_eq!(jd(1404, 1, 31).add_months(-1).unwrap(), jd(1403, 12, 30));
    assert_eq!(jd(1405, 1, 31).add_months(-1).unwrap(), jd(1404, 12, 29));
    assert_eq!(jd(1403, 1, 15).add_months(-13).unwrap(), jd(1401, 12, 15));
    // Clamping does not carry: after a clamp the day stays smaller.
    let clamped = jd(1403, 6, 31).add_months(1).unwrap();
    assert_eq!(clamped.add_months(-1).unwrap(), jd(1403, 6, 30));
}

#[test]
fn add_days() {
    assert_eq!(jd(1403, 12, 30).add_days(1).unwrap(), jd(1404, 1, 1));
    assert_eq!(jd(1404, 1, 1).add_days(-1).unwrap(), jd(1403, 12, 30));
    assert_eq!(jd(1404, 1, 1).add_days(365).unwrap(), jd(1405, 1, 1));
    assert_eq!(jd(1403, 1, 1).add_days(366).unwrap(), jd(1404, 1, 1));
    assert_eq!(jd(1403, 1, 1).add_days(0).unwrap(), jd(1403, 1, 1));
    assert_eq!(jd(1403, 1, 1).days_until(&jd(1404, 1, 1)), 366);
    assert_eq!(jd(1404, 1, 1).days_until(&jd(1403, 1, 1)), -366);
    let first = JalaliDate::first_supported();
    let last = JalaliDate::last_supported();
    let span = first.days_until(&last);
    assert_eq!(first.add_days(span).unwrap(), last);
    assert_eq!(last.add_days(-span).unwrap(), first);
}

#[test]
fn arithmetic_never_leaves_the_range_silently() {
    let date = jd(1403, 1, 1);
    for days in [i64::MIN, i64::MAX, -1_000_000, 1_000_000, 200_000] {
        assert_eq!(
            date.add_days(days).unwrap_err().code(),
            "overflow",
            "{days}"
        );
    }
    for months in [i32::MIN, i32::MAX, 12 * 198, -12 * 204] {
        assert_eq!(
            date.add_months(months).unwrap_err().code(),
            "overflow",
            "{months}"
        );
    }
    for years in [i32::MIN, i32::MAX, 198, -204] {
        assert_eq!(
            date.add_years(years).unwrap_err().code(),
            "overflow",
            "{years}"
        );
    }
    assert_eq!(date.add_years(197).unwrap(), jd(1600, 1, 1));
    assert_eq!(date.add_years(-203).unwrap(), jd(1200, 1, 1));
    assert_eq!(
        jd(1403, 12, 30).add_days(i64::MAX).unwrap_err(),
        CalendarError::Overflow {
            start: jd(1403, 12, 30),
            amount: i64::MAX,
            unit: "days"
        }
    );
}

#[test]
fn period_ends() {
    assert_eq!(jd(1403, 1, 5).end_of_month(), jd(1403, 1, 31));
    assert_eq!(jd(1403, 7, 1).end_of_month(), jd(1403, 7, 30));
    assert_eq!(jd(1403, 12, 1).end_of_month(), jd(1403, 12, 30));
    assert_eq!(jd(1404, 12, 1).end_of_month(), jd(1404, 12, 29));
    assert_eq!(jd(1404, 12, 29).end_of_month(), jd(1404, 12, 29));
    assert_eq!(jd(1403, 1, 1).end_of_year(), jd(1403, 12, 30));
    assert_eq!(jd(1404, 6, 31).end_of_year(), jd(1404, 12, 29));
    assert_eq!(jd(1404, 12, 29).end_of_year(), jd(1404, 12, 29));
    assert_eq!(jd(1404, 6, 31).end_of_fiscal_year(), jd(1404, 12, 29));
    assert_eq!(jd(1600, 1, 1).end_of_year(), JalaliDate::last_supported());
    assert_eq!(jd(1403, 1, 1).day_of_year(), 1);
    assert_eq!(jd(1403, 12, 30).day_of_year(), 366);
    assert_eq!(jd(1403, 7, 1).day_of_year(), 187);
}
