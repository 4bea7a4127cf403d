//! Every day of 1300/01/01–1500/12/29, one after the other.

use super::*;

#[test]
fn every_day_of_1300_to_1500_round_trips_and_follows_the_previous() {
    let first = jd(1300, 1, 1);
    let last = jd(1500, 12, 29);
    let mut previous: Option<JalaliDate> = None;
    let mut date = first;
    let mut days = 0i64;
    loop {
        // Through the Gregorian calendar, both as numbers and as text.
        let (year, month, day) = date.to_gregorian();
        assert_eq!(JalaliDate::from_gregorian(year, month, day).unwrap(), date);
        assert_eq!(
            JalaliDate::parse_gregorian(&date.to_gregorian_string()).unwrap(),
            date
        );
        // Through every text form.
        assert_eq!(JalaliDate::parse(&date.to_string()).unwrap(), date);
        assert_eq!(
            JalaliDate::parse(&date.format_persian_digits()).unwrap(),
            date
        );
        // Consecutive: the next calendar day by fields, and one day later by count.
        if let Some(previous) = previous {
            let expected = if previous.day()
                < JalaliDate::days_in_month(previous.year(), previous.month()).unwrap()
            {
                (previous.year(), previous.month(), previous.day() + 1)
            } else if previous.month() < 12 {
                (previous.year(), previous.month() + 1, 1)
            } else {
                (previous.year() + 1, 1, 1)
            };
            assert_eq!(
                (date.year(), date.month(), date.day()),
                expected,
                "after {previous}"
            );
            assert_eq!(previous.days_until(&date), 1);
            assert!(previous < date);
            let next_weekday =
                Weekday::ALL[usize::from(previous.weekday().number_from_saturday()) % 7];
            assert_eq!(date.weekday(), next_weekday, "{date}");
            assert!(previous.to_gregorian() < (year, month, day));
        }
        if date == last {
            break;
        }
        previous = Some(date);
        date = date.add_days(1).unwrap();
        days += 1;
    }
    // 201 years, less Esfand 30 of 1500 if it has one (it does not: 1500 is common).
    let leap_years = (1300..=1500)
        .filter(|&y| JalaliDate::is_leap_year(y))
        .count() as i64;
    let esfand_30_of_1500 = i64::from(JalaliDate::is_leap_year(1500));
    assert_eq!(days + 1, 201 * 365 + leap_years - esfand_30_of_1500);
    assert_eq!(first.days_until(&last), days);
}
