//! The PDF/A-3b requirements samad can check itself (spec/diploma.md §7.2), on the object
//! tree `qpdf --json` reads out of a rendered diploma: header, no encryption, trailer ID,
//! XMP with pdfaid, the sRGB output intent, every font embedded, no transparency, the
//! record as an associated file, printable signature widgets with appearances.

mod diploma_fixtures;
mod support;

use std::path::Path;
use std::process::Command;

use diploma_fixtures::{CREATED, batch, scratch};
use samad::diploma::{DiplomaFonts, render};
use serde_json::Value;

struct Objects {
    json: Value,
}

impl Objects {
    fn read(qpdf: &Path, pdf: &Path) -> Objects {
        let out = Command::new(qpdf)
            .args(["--json", "--json-stream-data=none"])
            .arg(pdf)
            .output()
            .expect("run qpdf --json");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Objects {
            json: serde_json::from_slice(&out.stdout).expect("qpdf JSON"),
        }
    }

    fn all(&self) -> &serde_json::Map<String, Value> {
        self.json["qpdf"][1].as_object().expect("objects")
    }

    /// The dictionary of `r` ("12 0 R"), whether the object is a dictionary or a stream.
    fn dict(&self, r: &Value) -> &Value {
        let key = format!("obj:{}", r.as_str().expect("a reference"));
        let obj = &self.all()[&key];
        if obj.get("stream").is_some() {
            &obj["stream"]["dict"]
        } else {
            &obj["value"]
        }
    }

    fn trailer(&self) -> &Value {
        &self.all()["trailer"]["value"]
    }

    fn catalog(&self) -> &Value {
        self.dict(&self.trailer()["/Root"])
    }
}

fn stream_data(qpdf: &Path, pdf: &Path, r: &Value) -> Vec<u8> {
    let id = r
        .as_str()
        .expect("ref")
        .split(' ')
        .next()
        .expect("object number");
    let out = Command::new(qpdf)
        .arg(format!("--show-object={id}"))
        .arg("--filtered-stream-data")
        .arg(pdf)
        .output()
        .expect("run qpdf --show-object");
    assert!(out.status.success());
    out.stdout
}

/// Every dictionary key anywhere in the value.
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn pdfa_3b_requirements_hold() {
    let Some(qpdf) = support::tool("qpdf", &["qpdf"], "apt-get install qpdf") else {
        return;
    };
    let records = batch();
    let fonts = DiplomaFonts::prepare(&records).expect("fonts");
    let record = &records[1];
    let bytes = render(record, &fonts, CREATED).expect("render");
    let pdf = scratch("pdfa").join("diploma.pdf");
    std::fs::write(&pdf, &bytes).expect("write");

    // ISO 19005-3 §6.1.2: header, then a comment of four bytes ≥ 128.
    assert!(bytes.starts_with(b"%PDF-1.7\n%"));
    assert!(bytes[10..14].iter().all(|b| *b >= 128));

    let objects = Objects::read(&qpdf, &pdf);
    assert_eq!(objects.json["encrypt"]["encrypted"], false);
    let trailer = objects.trailer();
    assert!(trailer.get("/Encrypt").is_none());
    assert_eq!(
        trailer["/ID"].as_array().map(Vec::len),
        Some(2),
        "trailer /ID"
    );
    assert!(
        trailer.get("/Info").is_none(),
        "no Info dictionary to keep in sync"
    );

    // §6.6.2: XMP metadata with the PDF/A identification, unfiltered.
    let catalog = objects.catalog();
    let metadata = objects.dict(&catalog["/Metadata"]);
    assert_eq!(metadata["/Type"], "/Metadata");
    assert_eq!(metadata["/Subtype"], "/XML");
    assert!(metadata.get("/Filter").is_none());
    let xmp = String::from_utf8(stream_data(&qpdf, &pdf, &catalog["/Metadata"])).expect("XMP");
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains(&format!(
        "<dc:identifier>{}</dc:identifier>",
        record.number()
    )));
    let mut reader = quick_xml::Reader::from_str(&xmp);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("XMP is not well-formed XML: {e}"),
        }
    }

    // §6.2.3: one PDF/A output intent with an RGB ICC profile.
    let intents = catalog["/OutputIntents"]
        .as_array()
        .expect("output intents");
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0]["/S"], "/GTS_PDFA1");
    let profile_ref = &intents[0]["/DestOutputProfile"];
    assert_eq!(objects.dict(profile_ref)["/N"], 3);
    let profile = stream_data(&qpdf, &pdf, profile_ref);
    assert_eq!(&profile[36..40], b"acsp");
    assert_eq!(&profile[16..20], b"RGB ");
    let committed = std::fs::read(support::repo_root().join("assets/icc/sRGB.icc")).expect("icc");
    assert_eq!(profile, committed);

    // §6.2.11: every font embedded.
    let mut fonts_seen = 0;
    for obj in objects.all().values() {
        let dict = &obj["value"];
        if dict["/Type"] != "/Font" {
            continue;
        }
        fonts_seen += 1;
        match dict["/Subtype"].as_str() {
            Some("/Type0") => {
                assert_eq!(dict["/Encoding"], "/Identity-H");
                assert!(dict.get("/ToUnicode").is_some(), "ToUnicode");
            }
            Some("/CIDFontType2") => {
                let descriptor = objects.dict(&dict["/FontDescriptor"]);
                assert!(descriptor.get("/FontFile2").is_some(), "{descriptor}");
                assert!(dict.get("/W").is_some(), "widths");
            }
            other => panic!("unexpected font type {other:?}"),
        }
    }
    assert_eq!(fonts_seen, 4, "two Type0 fonts and their descendants");

    // §6.2.10, §6.1.3, §6.6.1: no transparency, no encryption, no JavaScript.
    let mut all_keys = Vec::new();
    keys(&Value::Object(objects.all().clone()), &mut all_keys);
    for forbidden in [
        "/SMask",
        "/CA",
        "/ca",
        "/Group",
        "/Encrypt",
        "/JavaScript",
        "/JS",
    ] {
        assert!(
            !all_keys.iter().any(|k| k == forbidden),
            "{forbidden} present"
        );
    }

    // §6.8: the record as an associated file.
    let af = catalog["/AF"].as_array().expect("/AF");
    assert_eq!(af.len(), 1);
    let spec = objects.dict(&af[0]);
    assert_eq!(spec["/Type"], "/Filespec");
    assert_eq!(spec["/AFRelationship"], "/Data");
    assert_eq!(spec["/UF"], "u:diploma-record.json");
    let file = objects.dict(&spec["/EF"]["/F"]);
    assert_eq!(file["/Type"], "/EmbeddedFile");
    assert_eq!(file["/Subtype"], "/application/json");
    assert!(file["/Params"].get("/ModDate").is_some());
    let names = &catalog["/Names"]["/EmbeddedFiles"]["/Names"];
    assert_eq!(names[1], af[0]);

    // §6.3, §6.4: three empty signature fields, printable widgets with appearances.
    let fields = catalog["/AcroForm"]["/Fields"].as_array().expect("fields");
    let names: Vec<&str> = fields
        .iter()
        .map(|f| {
            let field = objects.dict(f);
            assert_eq!(field["/FT"], "/Sig");
            assert_eq!(field["/Subtype"], "/Widget");
            assert_eq!(field["/F"], 4, "print flag only");
            assert!(field["/AP"].get("/N").is_some(), "normal appearance");
            assert!(field.get("/V").is_none(), "not signed yet");
            field["/T"].as_str().expect("name")
        })
        .collect();
    assert_eq!(names, ["u:official-1", "u:official-2", "u:ministry-seal"]);
    assert!(catalog["/AcroForm"].get("/NeedAppearances").is_none());
}
