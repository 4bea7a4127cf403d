//! Rendering one diploma (µs per diploma) with the batch's font subset prepared once,
//! outside the timed loop, as `samad issue` does; and, for scale, preparing that subset.
//! Run: `cargo bench --bench render`.
//!
//! Measured on the team's 2-core machine while other engineers built on it (load 2.5–4,
//! so wall times are inflated and noisy), one core: render one diploma 2.19 ms at load 2.5,
//! up to 2.97 ms at load 4 (≈ 340–460 diplomas/s); preparing the fonts for a one-diploma
//! batch 1.58–1.61 ms. perf (before content moved to the fast deflate level): deflate
//! ~15%, QR mask scoring ~15%, the rest
//! shaping and writing. For scale, the peer figure for the step that
//! follows, pyHanko signing one small PDF in-process, is ~90 ms (BRIEF §5).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::diploma::{DiplomaFonts, DiplomaRecord, render};
use time::macros::datetime;

fn record() -> DiplomaRecord {
    DiplomaRecord::from_json(include_str!("../tests/data/diploma/record.json"))
        .expect("the test record")
}

fn bench_render(c: &mut Criterion) {
    let record = record();
    let at = datetime!(2025-03-20 10:30 UTC);
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let mut group = c.benchmark_group("diploma");
    group.throughput(Throughput::Elements(1));
    group.bench_function("render one (subset prepared)", |b| {
        b.iter(|| render(black_box(&record), &fonts, at).expect("render"))
    });
    group.bench_function("prepare batch fonts (1 diploma)", |b| {
        b.iter(|| DiplomaFonts::prepare([black_box(&record)]).expect("fonts"))
    });
    // The worst case for a batch: nothing is shared, every line is shaped and drawn for
    // this one diploma, and the font subsets are made and compressed for it alone.
    group.bench_function("prepare + render (one-diploma batch)", |b| {
        b.iter(|| {
            let fonts = DiplomaFonts::prepare([black_box(&record)]).expect("fonts");
            render(black_box(&record), &fonts, at).expect("render")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
