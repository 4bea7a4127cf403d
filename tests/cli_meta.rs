//! `samad meta capture|validate|export` (BRIEF §4): the JSON contract, exit codes 0/1/2,
//! nothing written on error, and the exports read by outside parsers.

use std::path::Path;
use std::process::Command;

mod support;
use support::{json_of, samad};

const AGENCY: &str = "10380284790";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn sha256sum(path: &str) -> Option<String> {
    let tool = support::tool("sha256sum", &["sha256sum"], "coreutils")?;
    let out = Command::new(tool).arg(path).output().unwrap();
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()?
            .to_owned(),
    )
}

#[test]
fn capture_json_has_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "letter.pdf",
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    );
    let out = samad(&[
        "meta",
        "capture",
        &file,
        "--class",
        "12.3.4",
        "--title",
        "دعوت به جلسه",
        "--agency",
        AGENCY,
        "--security",
        "secret",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    assert_eq!(v["fixity"]["algorithm"], "SHA-256");
    if let Some(theirs) = sha256sum(&file) {
        assert_eq!(v["fixity"]["digest"], theirs.as_str());
    }
    assert_eq!(v["format"]["puid"], "fmt/276");
    assert_eq!(v["format"]["mime"], "application/pdf");
    assert_eq!(v["format"]["tier"], "acceptable");
    assert_eq!(v["event_plan"]["class_code"], "12.3.4");
    assert_eq!(v["description"]["title"], "دعوت به جلسه");
    assert_eq!(v["use"]["security"]["class"], "secret");
    assert_eq!(v["event_history"][0]["type"], "capture");
    assert_eq!(v["event_history"][0]["parameters"]["class"], "secret");
    // What the CLI prints is a record the published schema accepts.
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../spec/metadata.schema.json")).unwrap();
    let schema = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = schema.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn captured_record_validates_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "data.json", br#"{"year": 1403}"#);
    let record = dir.path().join("record.json");
    let record = record.to_string_lossy();
    let out = samad(&[
        "meta",
        "capture",
        &file,
        "--agency",
        AGENCY,
        "--created",
        "1403/12/28",
        "--out",
        &record,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("fmt/817"));

    let out = samad(&["meta", "validate", &record, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["violations"], serde_json::json!([]));

    let out = samad(&["meta", "export", &record, "--as", "dublin-core"]);
    assert_eq!(out.status.code(), Some(0));
    let dc = json_of(&out);
    assert_eq!(dc["format"], "application/json");
    assert_eq!(dc["date"], "2025-03-18T00:00:00Z");
}

#[test]
fn validate_lists_every_violation_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("data/records/letter.json")).unwrap();
    v["identity"]["id"] = "bad id".into();
    v["fixity"]["digest"] = "00".into();
    v["description"]["created"]["jalali"] = "1403/12/29".into();
    v["event_history"][1]["agent"]["id"] = "0076229646".into();
    let file = write(dir.path(), "bad.json", v.to_string().as_bytes());
    let out = samad(&["meta", "validate", &file, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["valid"], false);
    let found: Vec<(String, String)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap().to_owned(),
                x["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (path, code) in [
        ("/identity/id", "record-id"),
        ("/fixity/digest", "digest"),
        ("/description/created/jalali", "jalali-mismatch"),
        ("/event_history/1/agent/id", "national-code"),
    ] {
        assert!(
            found.contains(&(path.to_owned(), code.to_owned())),
            "{path} {code} missing from {found:?}"
        );
    }
    let human = samad(&["meta", "validate", &file]);
    assert_eq!(human.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&human.stdout).contains("/fixity/digest  [digest]"));
}

#[test]
fn input_errors_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.txt", b"hello\n");
    let record = dir.path().join("record.json");
    let record_arg = record.to_string_lossy();

    // No agency: the record would lack its producer.
    let out = Command::new(support::samad_binary())
        .args(["meta", "capture", &file, "--out", &record_arg, "--json"])
        .env_remove("SAMAD_AGENCY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["error"]["code"], "usage");
    assert!(!record.exists(), "nothing is written on an input error");

    // A bad legal-entity ID, a missing file, a bad class code.
    let bad_agency = samad(&["meta", "capture", &file, "--agency", "10380284791"]);
    assert_eq!(bad_agency.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_agency.stderr).contains("--agency"));
    let missing = samad(&["meta", "capture", "/no/such/file", "--agency", AGENCY]);
    assert_eq!(missing.status.code(), Some(2));
    let bad_class = samad(&[
        "meta", "capture", &file, "--agency", AGENCY, "--class", "12/3", "--json",
    ]);
    assert_eq!(bad_class.status.code(), Some(2));
    let v = json_of(&bad_class);
    assert_eq!(
        v["error"]["violations"][0]["path"],
        "/event_plan/class_code"
    );

    // Not JSON at all: line and column.
    let not_json = write(dir.path(), "x.json", b"{\n  \"profile\": ,\n}");
    let out = samad(&["meta", "validate", &not_json]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn xmp_export_is_well_formed_rdf_for_pythons_xml_parser() {
    let Some(python) = support::python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let record = support::repo_root().join("tests/data/records/letter.json");
    let out = samad(&["meta", "export", &record.to_string_lossy(), "--as", "xmp"]);
    assert_eq!(out.status.code(), Some(0));
    let xmp = dir.path().join("letter.xmp");
    std::fs::write(&xmp, &out.stdout).unwrap();
    // ElementTree is an XML parser nobody here wrote; it checks well-formedness and the
    // namespaces, and reads the values back.
    let script = r#"
import sys, xml.etree.ElementTree as ET
ns = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "samad": "urn:samad:xmp:metadata:1#",
      "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
      "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{adobe:ns:meta/}xmpmeta", root.tag
d = root.find("rdf:RDF/rdf:Description", ns)
print(d.find("dc:title/rdf:Alt/rdf:li", ns).text)
print(d.find("dc:identifier", ns).text)
print(d.find("samad:sha256", ns).text)
print(d.find("samad:createdJalali", ns).text)
print(d.find("samad:securityClass", ns).text)
names = [e.text for e in root.iter("{http://www.aiim.org/pdfa/ns/property#}name")]
print(",".join(names))
"#;
    let run = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&xmp)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines: Vec<String> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines[0], "دعوت به جلسه کمیته خرید تجهیزات آزمایشگاه");
    assert_eq!(lines[1], "REC-1403-000017");
    assert_eq!(
        lines[2],
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    );
    assert_eq!(lines[3], "1403/12/28");
    assert_eq!(lines[4], "confidential");
    assert!(lines[5].contains("recordId") && lines[5].contains("metadataDigest"));
}

#[test]
fn xmp_export_reads_back_in_exiftool() {
    let Some(exiftool) = support::tool(
        "exiftool",
        &["exiftool"],
        "apt-get install libimage-exiftool-perl",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let record = support::repo_root().join("tests/data/records/letter.json");
    let out = samad(&["meta", "export", &record.to_string_lossy(), "--as", "xmp"]);
    assert_eq!(out.status.code(), Some(0));
    let xmp = dir.path().join("letter.xmp");
    std::fs::write(&xmp, &out.stdout).unwrap();
    let run = Command::new(exiftool)
        .args(["-j", "-struct", "-G1"])
        .arg(&xmp)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let tags = &v[0];
    assert_eq!(tags["File:FileType"], "XMP");
    assert_eq!(tags["XMP-dc:Identifier"], "REC-1403-000017");
    assert_eq!(tags["XMP-dc:Creator"][2], "زهرا احمدی");
    assert_eq!(tags["XMP-samad:SecurityClass"], "confidential");
    assert_eq!(tags["XMP-samad:CreatedJalali"], "1403/12/28");
    assert_eq!(tags["XMP-samad:Puid"], "fmt/354");
    // The PDF/A extension schema declares every samad property exiftool found.
    let schema = &tags["XMP-pdfaExtension:Schemas"][0];
    assert_eq!(schema["NamespaceURI"], "urn:samad:xmp:metadata:1#");
    let declared: Vec<String> = schema["Property"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Name"].as_str().unwrap().to_lowercase())
        .collect();
    let found: Vec<String> = tags
        .as_object()
        .unwrap()
        .keys()
        .filter_map(|k| k.strip_prefix("XMP-samad:"))
        .map(str::to_lowercase)
        .collect();
    assert!(found.len() >= 9, "{found:?}");
    for name in found {
        assert!(declared.contains(&name), "samad:{name} is not declared");
    }
}
