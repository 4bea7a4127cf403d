//! Identifier parsing and validation throughput (items/s): what every CSV import and every
//! verification pays per value. Run: `cargo bench --bench ids`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::{DegreeLevel, DiplomaNumber, JalaliDate, LegalEntityId, NationalCode, Shams};

/// The input file the persian-tools peer script reads too (scripts/bench-ids.sh), made by
/// scripts/make-bench-inputs.py: 1,000 codes, one in ten with a mistyped digit.
fn national_codes() -> Vec<String> {
    include_str!("data/national-codes.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn legal_ids() -> Vec<String> {
    (0..1000u32)
        .map(|i| {
            let mut body = [1u8, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            let mut n = 1_000_000 + i * 104_729;
            for d in body[1..].iter_mut().rev() {
                *d = (n % 10) as u8;
                n /= 10;
            }
            LegalEntityId::from_body(body)
                .map(|c| c.to_string())
                .unwrap_or_default()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn bench_batch<T>(c: &mut Criterion, name: &str, inputs: &[String], parse: fn(&str) -> T) {
    let mut group = c.benchmark_group("id-parse");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            for s in inputs {
                black_box(parse(black_box(s)));
            }
        })
    });
    group.finish();
}

fn ids(c: &mut Criterion) {
    let codes = national_codes();
    bench_batch(c, "national-code", &codes, |s| {
        NationalCode::parse(s).is_ok()
    });
    let persian: Vec<String> = codes
        .iter()
        .map(|s| samad::text::to_persian_digits(s))
        .collect();
    bench_batch(c, "national-code-persian-digits", &persian, |s| {
        NationalCode::parse(s).is_ok()
    });
    bench_batch(c, "legal-entity-id", &legal_ids(), |s| {
        LegalEntityId::parse(s).is_ok()
    });
    let dates: Vec<String> = (0..1000)
        .map(|i| format!("{}/{:02}/{:02}", 1300 + i % 200, 1 + i % 12, 1 + i % 29))
        .collect();
    bench_batch(c, "jalali-date", &dates, |s| JalaliDate::parse(s).is_ok());
    let university = LegalEntityId::parse("10380284790").expect("spec example");
    let diplomas: Vec<String> = (1..=1000u32)
        .filter_map(|serial| {
            let level = DegreeLevel::ALL[serial as usize % 4];
            DiplomaNumber::new(university, 1403, level, serial).ok()
        })
        .map(|n| n.to_string())
        .collect();
    bench_batch(c, "diploma-number", &diplomas, |s| {
        DiplomaNumber::parse(s).is_ok()
    });
    let shams: Vec<String> = SHAMS_EXAMPLES.iter().map(|s| s.to_string()).collect();
    bench_batch(c, "shams", &shams, |s| Shams::parse(s).is_ok());
}

/// The worked examples of spec/shams.md, text and QR forms.
const SHAMS_EXAMPLES: [&str; 4] = [
    "SHAMS1*1234/%D8%B5/1403*2025-03-20T10:30:00*3f2c8a1e-7b4d-4c9a-9e2f-1a2b3c4d5e6f*0076229645:P-1203*dabirkhaneh@example.ac.ir*10380284790",
    "SHAMS1Q*1234/%D8%B5/1403*20250320103000*3F2C8A1E7B4D4C9A9E2F1A2B3C4D5E6F*0076229645:P-1203*DABIRKHANEH%40EXAMPLE.AC.IR*10380284790",
    "SHAMS1*456/%DA%A9/%DB%8C-1404*2026-03-20T23:59:59*9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d*0012345679:DEAN-01+1234567891:4471*daneshgah.sabt@univ.ac.ir*14100123454",
    "SHAMS1Q*456/%DA%A9/%DB%8C-1404*20260320235959*9B1DEB4D3B7D4BAD9BDD2B0D7B3DCB6D*0012345679:DEAN-01+1234567891:4471*DANESHGAH.SABT%40UNIV.AC.IR*14100123454",
];

criterion_group!(benches, ids);
criterion_main!(benches);
