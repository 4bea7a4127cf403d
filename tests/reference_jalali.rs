//! Outside references for samad's Jalali calendar (`spec/calendar.md` §8), both computed by
//! scripts/reference/jalali_days.py with the versions pinned in
//! scripts/reference/requirements.txt:
//!
//! * `jdatetime` (PyPI) agrees on every day of 1300/01/01–1500/12/29, in both conversion
//!   directions and on the weekday;
//! * the astronomical rule (March equinox before apparent noon at 52.5° E, equinoxes from
//!   PyEphem) gives the same 1 Farvardin for every supported year, 1200–1600.
//!
//! Mismatches are reported line by line, the first few in full.

mod support;

use std::process::Command;

use samad::JalaliDate;

/// How many mismatches to print before giving only the count.
const SHOWN: usize = 12;

/// The output of `jalali_days.py` with `args`, or `None` (test skipped) without the venv.
fn run_reference_script(args: &[&str]) -> Option<String> {
    let python = support::python()?;
    let script = support::repo_root().join("scripts/reference/jalali_days.py");
    let output = Command::new(&python)
        .arg(&script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} {}: {e}", python.display(), script.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed ({}): {}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).expect("the script prints UTF-8"))
}

fn fail_on(mismatches: &[String], against: &str) {
    if !mismatches.is_empty() {
        let shown = mismatches
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        panic!(
            "{} mismatches between samad and {against}; the first {}:\n{shown}",
            mismatches.len(),
            SHOWN.min(mismatches.len())
        );
    }
}

#[test]
fn jalali_conversion_agrees_with_jdatetime_1300_to_1500() {
    let Some(stdout) = run_reference_script(&[]) else {
        return;
    };

    let first = JalaliDate::new(1300, 1, 1).unwrap();
    let last = JalaliDate::new(1500, 12, 29).unwrap();
    let mut mismatches = Vec::new();
    let mut lines = 0usize;
    // The day after the previous line's; the first line must be 1300/01/01.
    let mut expected = first;
    for (index, line) in stdout.lines().enumerate() {
        lines += 1;
        let at = format!("line {}: {line:?}", index + 1);
        let fields: Vec<&str> = line.split(' ').collect();
        let [jalali, gregorian, weekday] = fields[..] else {
            panic!("{at}: expected `YYYY/MM/DD YYYY-MM-DD Weekday`");
        };
        // Each line must be the day after the previous one: none skipped, repeated or
        // reordered.
        if expected.to_string() != jalali {
            mismatches.push(format!(
                "{at}: expected {expected}, the day after the line before"
            ));
        }
        match JalaliDate::parse(jalali) {
            Ok(ours) => {
                expected = ours;
                let ours_gregorian = ours.to_gregorian_string();
                if ours_gregorian != gregorian {
                    mismatches.push(format!("{at}: samad converts {jalali} to {ours_gregorian}"));
                }
                let ours_weekday = ours.weekday().name_en();
                if ours_weekday != weekday {
                    mismatches.push(format!("{at}: samad says {jalali} is a {ours_weekday}"));
                }
            }
            Err(e) => mismatches.push(format!("{at}: samad rejects {jalali}: {e}")),
        }
        expected = expected.add_days(1).unwrap_or(expected);
        match JalaliDate::parse_gregorian(gregorian) {
            Ok(ours) if ours.to_string() == jalali => {}
            Ok(ours) => mismatches.push(format!("{at}: samad converts {gregorian} to {ours}")),
            Err(e) => mismatches.push(format!("{at}: samad rejects {gregorian}: {e}")),
        }
    }
    let days = usize::try_from(first.days_until(&last)).unwrap() + 1;
    if lines != days {
        mismatches.push(format!(
            "jdatetime printed {lines} days, samad counts {days} from {first} to {last}"
        ));
    }
    fail_on(&mismatches, "jdatetime");
    eprintln!("samad and jdatetime agree on all {lines} days of 1300/01/01–1500/12/29");
}

#[test]
fn nowruz_agrees_with_the_astronomical_rule_1200_to_1600() {
    let Some(stdout) = run_reference_script(&["--nowruz"]) else {
        return;
    };
    let mut mismatches = Vec::new();
    let mut close_calls = Vec::new();
    let mut years = Vec::new();
    for (index, line) in stdout.lines().enumerate() {
        let at = format!("line {}: {line:?}", index + 1);
        let fields: Vec<&str> = line.split(' ').collect();
        let [year, gregorian, lead] = fields[..] else {
            panic!("{at}: expected `YYYY YYYY-MM-DD ±minutes`");
        };
        let year: i32 = year.parse().unwrap_or_else(|e| panic!("{at}: {e}"));
        let lead: f64 = lead.parse().unwrap_or_else(|e| panic!("{at}: {e}"));
        years.push(year);
        if lead.abs() < 10.0 {
            close_calls.push(format!("{year} ({lead:+} min)"));
        }
        match JalaliDate::new(year, 1, 1) {
            Ok(ours) if ours.to_gregorian_string() == gregorian => {}
            Ok(ours) => mismatches.push(format!(
                "{at}: samad's {ours} is {}, the astronomical rule says {gregorian}",
                ours.to_gregorian_string()
            )),
            Err(e) => mismatches.push(format!("{at}: samad rejects {year}/01/01: {e}")),
        }
    }
    let expected: Vec<i32> = (samad::calendar::MIN_YEAR..=samad::calendar::MAX_YEAR).collect();
    assert_eq!(
        years, expected,
        "the script must cover exactly the supported years"
    );
    fail_on(&mismatches, "the astronomical rule");
    eprintln!(
        "1 Farvardin agrees with the astronomical rule for all {} years; equinox within 10 \
         minutes of noon in {}",
        years.len(),
        close_calls.join(", ")
    );
}
