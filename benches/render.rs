//! Rendering one diploma (µs per diploma) with the batch's font subset prepared once,
//! outside the timed loop, as `samad issue` does; and, for scale, preparing that subset.
//! Run: `cargo bench --bench render`.
//!
//! Measured on the team's 2-core machine while other engineers built on it (load 2.5–6,
//! so wall times are inflated and noisy; compare ratios within one run), one core:
//! - before (issue 10 start): render one diploma 4.78 ms at load 5.8 (2.19 ms at load 2.5);
//!   perf: shaping ~27%, the `qrcode` crate's mask scoring ~24%, malloc/page faults ~19%,
//!   deflate ~5%, float formatting of the font widths ~5%.
//! - after: render one diploma 0.34–0.53 ms at load 2.6–3.9 (same run: prepare 2.1 ms,
//!   prepare + render of a one-diploma batch 2.6 ms). Each distinct line is shaped and drawn
//!   once in `DiplomaFonts::prepare`, the font objects are written there once, the QR mask is
//!   scored on a flat grid, the page's compressor is reused. The PDF bytes are unchanged.
//!   perf now: QR encoding and mask choice ~35%, deflating the page ~18%, float formatting
//!   of the QR rectangles ~7%, copying the font objects ~5%.
//!
//! For scale, the peer figure for the step that follows, pyHanko signing one small PDF
//! in-process, is ~90 ms (BRIEF §5).

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
