//! Arbitrary bytes → the PDF reader: parse, then walk every revision's objects (as of that
//! revision, streams decoded), the signature fields and dictionaries, DocMDP and the DSS,
//! and append an incremental update: never panics, and the limits bound the work.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::pdf::reader::{Document, Object};
use samad::pdf::writer::IncrementalUpdate;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::parse(data) else {
        return;
    };
    for revision in doc.revisions() {
        for (id, _) in revision.objects.iter().take(2_000) {
            if let Ok(Object::Stream(stream)) = doc.object_at(*id, revision.number) {
                let _ = doc.stream_data(&stream);
            }
        }
    }
    for field in doc.signature_fields().unwrap_or_default() {
        field.value.map(|v| doc.signature_dictionary(v));
    }
    let _ = (doc.docmdp_permissions(), doc.dss());
    if let Ok(mut update) = IncrementalUpdate::new(&doc) {
        update.add_object(Object::Null);
        if let Ok(bytes) = update.finish() {
            assert!(
                Document::parse(&bytes).is_ok_and(|d| d.revisions().len() > doc.revisions().len())
            );
        }
    }
});
