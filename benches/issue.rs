//! Issuing one diploma as `samad issue` does per graduate — render (fonts prepared once per
//! round, outside the loop) plus the three B-B PAdES signatures with ECDSA P-256 — and, beside
//! it, the raw cost of one P-256 signature with the same signer. Issue 10's target: one
//! diploma ≤ 3 raw signatures + 300 µs. Run: `cargo bench --bench issue`.
//!
//! Latest figures and the profile behind them: BENCHMARKS.md, "Signatures, PAdES and
//! issuance". 2026-12-02 (machine busy): one diploma 466 µs before the raw-operator QR
//! drawing, 410 µs after; the three signatures alone 212–224 µs; one raw ring P-256
//! signature 14.7–15.7 µs. In the quiet `scripts/bench-peers.sh` run of the same day the
//! overhead over three raw signatures was 329 µs (target 300).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::clock::FixedClock;
use samad::diploma::issue::{DiplomaSealer, PadesSealer, demo_graduate, demo_issuer};
use samad::diploma::{DiplomaFonts, DiplomaRecord, render};
use samad::ids::shams::{Shams, ShamsDateTime, Uuid};
use samad::pdf::pades::{DiplomaSigners, Level, PadesOptions};
use samad::pki::demo::{DemoIdentity, DemoPki};
use samad::pki::signer::{Signer, SoftwareSigner};
use time::macros::datetime;

fn record() -> DiplomaRecord {
    let graduate = demo_graduate(0).expect("demo graduate");
    let issuer = demo_issuer();
    let year: u16 = graduate.graduation_date[..4].parse().expect("year");
    let number = samad::DiplomaNumber::new(
        issuer.university_legal_id.parse().expect("legal id"),
        year,
        graduate.degree_level.parse().expect("level"),
        1,
    )
    .expect("number");
    let shams = Shams::builder()
        .letter_number("1403-2-000001-00")
        .issued_at(ShamsDateTime::new(2025, 3, 20, 13, 30, 0).expect("time"))
        .guid(Uuid::from_u128(7))
        .signer("0076229645".parse().expect("code"), "OFFICIAL-1")
        .org_email("registrar@samad-demo.ac.ir")
        .org_legal_id(issuer.university_legal_id.parse().expect("legal id"))
        .build()
        .expect("shams");
    DiplomaRecord::issue(&graduate, &issuer, number, &shams).expect("record")
}

fn bench_issue(c: &mut Criterion) {
    let at = datetime!(2025-03-20 10:00 UTC);
    let pki = DemoPki::generate(&FixedClock::new(at)).expect("demo PKI");
    let key = |who: &DemoIdentity| {
        SoftwareSigner::from_pkcs8_der(&who.private_key, who.chain()).expect("key")
    };
    let (official_1, official_2, seal) = (
        key(&pki.officials[0]),
        key(&pki.officials[1]),
        key(&pki.ministry_seal),
    );
    let signers = DiplomaSigners {
        official_1: &official_1,
        official_2: &official_2,
        ministry_seal: &seal,
    };
    let sealer = PadesSealer::new(signers, PadesOptions::new(Level::BB, at));
    let record = record();
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");

    let mut group = c.benchmark_group("issue");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one diploma: render + 3 B-B signatures (P-256)", |b| {
        b.iter(|| {
            let pdf = render(black_box(&record), &fonts, at).expect("render");
            sealer.seal(pdf, &record, at).expect("seal")
        })
    });
    let unsigned = render(&record, &fonts, at).expect("render");
    group.bench_function("the 3 B-B signatures alone (rendered PDF given)", |b| {
        b.iter(|| {
            sealer
                .seal(black_box(unsigned.clone()), &record, at)
                .expect("seal")
        })
    });
    group.bench_function("raw ECDSA P-256 signature (ring)", |b| {
        b.iter(|| {
            official_1
                .sign(black_box(b"signed attributes"))
                .expect("sign")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_issue);
criterion_main!(benches);
