//! PDF reader throughput (bytes/s): what every verification pays before any cryptography.
//! Inputs: a rendered diploma (classic cross-reference) and a diploma signed three times by
//! pyHanko (four revisions, a certification and two approvals). Run:
//! `cargo bench --bench pdf_reader`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::pdf::reader::Document;

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let root = env!("CARGO_MANIFEST_DIR");
    [
        (
            "diploma-classic",
            "fuzz/corpus/pdf_reader/diploma-classic.pdf",
        ),
        (
            "pyhanko-certified",
            "tests/data/pades/pyhanko-certified.pdf",
        ),
    ]
    .into_iter()
    .filter_map(|(name, path)| Some((name, std::fs::read(format!("{root}/{path}")).ok()?)))
    .collect()
}

/// Everything a PAdES verifier reads structurally: the fields, each signature dictionary
/// (with its /Contents span), DocMDP and the DSS.
fn signature_structures(pdf: &[u8]) -> usize {
    let doc = Document::parse(pdf).expect("parse");
    let mut found = 0;
    for field in doc.signature_fields().expect("fields") {
        if let Some(value) = field.value {
            found += doc
                .signature_dictionary(value)
                .expect("signature")
                .contents_span
                .map_or(0, |s| s.1);
        }
    }
    found
        + usize::from(doc.docmdp_permissions().expect("docmdp").is_some())
        + usize::from(doc.dss().expect("dss").is_some())
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf-reader");
    for (name, pdf) in inputs() {
        group.throughput(Throughput::Bytes(pdf.len() as u64));
        group.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| {
                Document::parse(black_box(&pdf))
                    .expect("parse")
                    .revisions()
                    .len()
            })
        });
        group.bench_function(format!("signature-structures/{name}"), |b| {
            b.iter(|| signature_structures(black_box(&pdf)))
        });
        group.bench_function(format!("every-object-every-revision/{name}"), |b| {
            b.iter(|| {
                let doc = Document::parse(black_box(&pdf)).expect("parse");
                let mut count = 0;
                for revision in doc.revisions() {
                    for (id, _) in &revision.objects {
                        count += usize::from(doc.object_at(*id, revision.number).is_ok());
                    }
                }
                count
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
