//! `spec/diploma.schema.json` against the records samad writes and against broken ones:
//! every record samad issues satisfies the schema; shape errors are refused by both the
//! schema and `DiplomaRecord::from_json`.

mod diploma_fixtures;

use samad::diploma::DiplomaRecord;
use serde_json::{Value, json};

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../spec/diploma.schema.json"))
        .expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("a valid 2020-12 schema")
}

#[test]
fn every_issued_record_satisfies_the_schema() {
    let schema = schema();
    for record in diploma_fixtures::batch() {
        let value: Value =
            serde_json::from_str(&record.canonical_json().expect("jcs")).expect("json");
        let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn shape_errors_are_refused_by_schema_and_parser() {
    let schema = schema();
    let base: Value =
        serde_json::from_str(include_str!("data/diploma/record.json")).expect("fixture");
    assert!(schema.is_valid(&base));
    let mutations: [(&str, Value); 9] = [
        ("/number", json!("10380284790-1403-2-000001-65")),
        ("/graduate/national_code", json!("۰۰۷۶۲۲۹۶۴۵")),
        ("/graduate/first_name_fa", json!("Mohammad")),
        ("/graduate/first_name_en", json!("محمد")),
        ("/graduate/birth_date", json!("1380/5/12")),
        ("/degree/gpa", json!(17.5)),
        ("/degree/level", json!("phd")),
        ("/issuer/signers/2/role", json!("official-3")),
        ("/profile", json!("samad-diploma/2")),
    ];
    for (pointer, value) in mutations {
        let mut v = base.clone();
        *v.pointer_mut(pointer).expect("pointer exists") = value;
        assert!(!schema.is_valid(&v), "schema accepted {pointer}");
        assert!(
            DiplomaRecord::from_json(&v.to_string()).is_err(),
            "parser accepted {pointer}"
        );
    }
    let mut extra = base.clone();
    extra["graduate"]["nickname"] = json!("x");
    assert!(!schema.is_valid(&extra));
    assert!(DiplomaRecord::from_json(&extra.to_string()).is_err());
}
