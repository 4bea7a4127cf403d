//! Disposition list throughput (records/s) over 1,000,000 records: what a records centre
//! waits for when it asks "what is due as of today" across its whole holding; and the same
//! with every explanation rendered, as `samad retention due --json` does.
//! Run: `cargo bench --bench retention`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::JalaliDate;
use samad::retention::{DueReport, HoldRegister, RetentionRecord, Schedule, disposition_list};

const RECORDS: usize = 1_000_000;

/// The university sample schedule: inherited rows, every cutoff, every final action.
fn schedule() -> Schedule {
    Schedule::from_csv(include_bytes!("../examples/data/retention-schedule.csv"))
        .expect("the sample schedule reads")
}

/// A million records spread over the sample's classes and 30 years, one in 50 held.
fn records() -> Vec<RetentionRecord> {
    const CLASSES: [&str; 8] = [
        "UNI.EDU.STU",
        "UNI.EDU.STU.MED",
        "UNI.EDU.EXAM.FINAL",
        "UNI.EDU.DIPLOMA",
        "UNI.FIN.VOUCHER",
        "UNI.FIN.PAYROLL",
        "UNI.ADM.CORR",
        "UNI.EDU.EXAM",
    ];
    let base = JalaliDate::new(1375, 1, 1).expect("valid date");
    (0..RECORDS)
        .map(|i| {
            let class = CLASSES[i % CLASSES.len()];
            let created = base.add_days((i * 7919 % 10_950) as i64).expect("in range");
            let mut record = RetentionRecord::new(format!("R{i}"), class, created);
            let later = created.add_days((i % 1500) as i64).expect("in range");
            record.closed = Some(later);
            record.events.insert("graduation".to_owned(), later);
            if i % 50 == 0 {
                record.holds.push("H-AUDIT".to_owned());
            }
            record
        })
        .collect()
}

fn disposition_list_throughput(c: &mut Criterion) {
    let schedule = schedule();
    let records = records();
    let holds = HoldRegister::new();
    let as_of = JalaliDate::parse("1404/06/01").expect("valid date");
    let mut group = c.benchmark_group("retention");
    group.throughput(Throughput::Elements(records.len() as u64));
    // Each iteration is a million dispositions (seconds): few samples keep the run short.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("disposition-list-1M", |b| {
        b.iter(|| {
            black_box(disposition_list(
                black_box(&records),
                &schedule,
                &holds,
                as_of,
            ))
        })
    });
    // What `samad retention due --json` builds: each entry with its explanation rendered.
    group.bench_function("disposition-report-1M", |b| {
        b.iter(|| {
            let list = disposition_list(black_box(&records), &schedule, &holds, as_of);
            let reports: Vec<DueReport> = records
                .iter()
                .zip(&list)
                .map(|(r, e)| DueReport::new(r, e))
                .collect();
            black_box(reports)
        })
    });
    group.finish();
}

criterion_group!(benches, disposition_list_throughput);
criterion_main!(benches);
