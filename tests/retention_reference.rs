//! Outside check of the disposition engine: due dates and states of 12,000 generated records
//! agree with `scripts/reference/retention_due.py`, an independent computation written from
//! `spec/retention.md` on jdatetime (PyPI).

use std::process::Command;

use samad::JalaliDate;
use samad::retention::{
    DueReport, HoldRegister, RECORDS_CSV_HEADER, RetentionRecord, Schedule, disposition_list,
};

mod support;

const RECORDS: usize = 12_000;

/// SplitMix64: a fixed, dependency-free sequence so the test data never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Every trigger kind, cutoff and final action, offsets and periods with years, months,
/// weeks and days, so that month-end clamping and leap years are exercised.
const SCHEDULE: &str = "\
row,class_code,title_fa,title_en,trigger,offset,cutoff,current_period,semi_current_period,final_action,authority,vital
1,A,الف,A,created,P0D,none,P1Y,P2Y,destroy,x,no
2,A.B,ب,B,closed,P1M,month_end,P6M,P1Y6M,transfer,x,yes
3,A.B.C,ج,C,event:graduation,P0D,year_end,P1Y,P5Y,destroy,x,no
4,F,مالی,Finance,created,P0D,fiscal_year_end,P1Y,P4Y,destroy,x,no
5,F.P,حقوق,Payroll,closed,P2W,fiscal_year_end,P2Y3M,P8Y,transfer,x,yes
6,M,پرسنلی,Personnel,metadata:retirement,P6M,month_end,P1M,P10D,review,x,no
7,D,دانشنامه,Diplomas,created,P0D,none,P10Y,P0D,permanent,x,yes
8,E,امتحان,Exams,closed,P45D,none,P13M,P1Y1M1D,destroy,x,no
9,E.X.Y,ویژه,Special,event:appeal,P1Y1M,year_end,P0D,P0D,review,x,no
";

const CLASSES: &[&str] = &[
    "A", "A.B", "A.B.C", "A.B.C.D", "A.Z", "F", "F.V", "F.P", "F.P.Q", "M", "M.N", "D", "E", "E.X",
    "E.X.Y", "E.X.Y.Z", "NOPE",
];

fn date(rng: &mut Rng, from: i64, days: u64) -> JalaliDate {
    let base = JalaliDate::new(1350, 1, 1).unwrap();
    base.add_days(from + rng.below(days) as i64).unwrap()
}

fn text(rng: &mut Rng, d: JalaliDate) -> String {
    // Half the dates in ISO form, as the records CSV allows.
    if rng.below(2) == 0 {
        d.to_string()
    } else {
        d.to_gregorian_string()
    }
}

fn generate(rng: &mut Rng) -> (String, String) {
    let mut records = format!("{RECORDS_CSV_HEADER}\n");
    for i in 0..RECORDS {
        let class = rng.pick(CLASSES);
        // Creation between 1350 and about 1440; many around year ends and Nowruz.
        let created = if rng.below(4) == 0 {
            let year = 1360 + rng.below(80) as i32;
            let end = JalaliDate::new(year, 12, 1).unwrap().end_of_year();
            end.add_days(rng.below(5) as i64 - 2).unwrap()
        } else {
            date(rng, 0, 90 * 365)
        };
        let closed = match rng.below(10) {
            0 => String::new(),
            _ => {
                let d = created.add_days(rng.below(3000) as i64).unwrap();
                text(rng, d)
            }
        };
        let mut events = Vec::new();
        if rng.below(10) != 0 {
            let d = created.add_days(rng.below(2500) as i64).unwrap();
            events.push(format!("graduation={}", text(rng, d)));
        }
        if rng.below(3) == 0 {
            let d = created.add_days(rng.below(4000) as i64).unwrap();
            events.push(format!("appeal={}", text(rng, d)));
        }
        if rng.below(10) != 0 {
            let d = date(rng, 40 * 365, 40 * 365);
            events.push(format!("metadata:retirement={}", text(rng, d)));
        }
        let holds = match rng.below(40) {
            0 => "H-UNKNOWN".to_owned(),
            1 => format!("H{}", rng.below(6)),
            2 => format!("H{};H{}", rng.below(6), rng.below(6)),
            _ => String::new(),
        };
        let created = text(rng, created);
        records.push_str(&format!(
            "R{i},{class},{created},{closed},{},{holds}\n",
            events.join(";")
        ));
    }
    let mut holds = String::from("id,mandate,target,placed,lifted\n");
    for h in 0..12 {
        let target = if h % 3 == 0 {
            format!("class:{}", rng.pick(CLASSES))
        } else {
            format!("record:R{}", rng.below(RECORDS as u64))
        };
        let placed = date(rng, 50 * 365, 5 * 365);
        let lifted = match rng.below(3) {
            0 => String::new(),
            _ => placed.add_days(rng.below(2000) as i64).unwrap().to_string(),
        };
        holds.push_str(&format!("H{h},mandate {h},{target},{placed},{lifted}\n"));
    }
    (records, holds)
}

#[test]
fn due_dates_and_states_agree_with_jdatetime() {
    let Some(python) = support::python() else {
        return;
    };
    let mut rng = Rng(0x5A4D_AD04);
    let (records_csv, holds_csv) = generate(&mut rng);
    let dir = tempfile::tempdir().unwrap();
    let paths = [
        ("schedule.csv", SCHEDULE),
        ("records.csv", &records_csv),
        ("holds.csv", &holds_csv),
    ]
    .map(|(name, body)| {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        path
    });
    let as_of = "1404/06/01";

    let schedule = Schedule::from_csv(SCHEDULE.as_bytes()).unwrap();
    let records = RetentionRecord::from_csv(records_csv.as_bytes()).unwrap();
    let holds = HoldRegister::from_csv(holds_csv.as_bytes()).unwrap();
    assert_eq!(records.len(), RECORDS);
    let list = disposition_list(
        &records,
        &schedule,
        &holds,
        JalaliDate::parse(as_of).unwrap(),
    );
    let ours: Vec<DueReport> = records
        .iter()
        .zip(&list)
        .map(|(r, e)| DueReport::new(r, e))
        .collect();

    let output = Command::new(python)
        .arg(support::repo_root().join("scripts/reference/retention_due.py"))
        .args(&paths)
        .arg(as_of)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(theirs.len(), ours.len());

    let mut states = std::collections::BTreeMap::<String, usize>::new();
    for (us, them) in ours.iter().zip(&theirs) {
        assert_eq!(them["record_id"], us.record_id.as_str());
        let context = format!("record {} ({:?})", us.record_id, us.explanation);
        assert_eq!(
            them["error"].as_str(),
            us.error.as_ref().map(|e| e.code),
            "{context}"
        );
        assert_eq!(them["state"].as_str(), us.state, "{context}");
        assert_eq!(them["due"].as_str(), us.due.as_deref(), "{context}");
        assert_eq!(
            them["due_jalali"].as_str(),
            us.due_jalali.as_deref(),
            "{context}"
        );
        assert_eq!(them["row"].as_str(), us.row.as_deref(), "{context}");
        let key = us
            .state
            .or(us.error.as_ref().map(|e| e.code))
            .unwrap_or("?");
        *states.entry(key.to_owned()).or_default() += 1;
    }
    // The generated set must exercise every outcome, or the comparison proves little.
    for state in [
        "active",
        "semi-current",
        "due",
        "held",
        "permanent",
        "trigger-not-recorded",
        "no-schedule-row",
    ] {
        assert!(
            states.get(state).copied().unwrap_or(0) > 0,
            "no record ended {state}: {states:?}"
        );
    }
    eprintln!("compared {} records with jdatetime: {states:?}", ours.len());
}
