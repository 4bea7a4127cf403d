//! `spec/metadata.schema.json` and samad's validator agree on every example in
//! `spec/metadata.md` and in `tests/data/records/`: the valid ones pass both, the invalid
//! ones fail both (unless the spec marks the schema as unable to see the fault), and
//! samad reports the codes the spec expects. The schema is run by the `jsonschema` crate,
//! so the schema itself is checked, not only our reading of it.

use samad::records::validate::validate_value;
use serde_json::Value;

/// One example from the spec.
struct Example {
    line: usize,
    valid: bool,
    expect: Vec<String>,
    schema_accepts: bool,
    value: Value,
}

fn spec_examples() -> Vec<Example> {
    let spec = include_str!("../spec/metadata.md");
    let mut examples = Vec::new();
    let mut expect = Vec::new();
    let mut schema_accepts = false;
    let mut block: Option<(usize, bool, String)> = None;
    for (i, line) in spec.lines().enumerate() {
        if let Some((start, valid, text)) = block.as_mut() {
            if line == "```" {
                let value = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("spec/metadata.md:{start}: not JSON: {e}"));
                examples.push(Example {
                    line: *start,
                    valid: *valid,
                    expect: std::mem::take(&mut expect),
                    schema_accepts: std::mem::take(&mut schema_accepts),
                    value,
                });
                block = None;
            } else {
                text.push_str(line);
                text.push('\n');
            }
        } else if let Some(codes) = line
            .strip_prefix("<!-- expect:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            expect = codes.split(',').map(|c| c.trim().to_owned()).collect();
        } else if line == "<!-- schema: accepts -->" {
            schema_accepts = true;
        } else if line == "```json" {
            block = Some((i + 1, true, String::new()));
        } else if line == "```json-invalid" {
            block = Some((i + 1, false, String::new()));
        }
    }
    examples
}

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../spec/metadata.schema.json"))
        .expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

#[test]
fn the_spec_has_valid_and_invalid_examples() {
    let examples = spec_examples();
    assert!(examples.iter().filter(|e| e.valid).count() >= 2);
    assert!(examples.iter().filter(|e| !e.valid).count() >= 4);
}

#[test]
fn schema_and_samad_accept_every_valid_example() {
    let schema = schema();
    for e in spec_examples().iter().filter(|e| e.valid) {
        let errors: Vec<String> = schema
            .iter_errors(&e.value)
            .map(|x| format!("{} at {}", x, x.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "spec/metadata.md:{}: the schema rejects it: {errors:#?}",
            e.line
        );
        let violations = validate_value(&e.value);
        assert!(
            violations.is_empty(),
            "spec/metadata.md:{}: samad rejects it: {violations:#?}",
            e.line
        );
    }
}

#[test]
fn schema_and_samad_reject_every_invalid_example() {
    let schema = schema();
    for e in spec_examples().iter().filter(|e| !e.valid) {
        assert_eq!(
            schema.is_valid(&e.value),
            e.schema_accepts,
            "spec/metadata.md:{}: the schema's verdict differs from the spec's",
            e.line
        );
        let violations = validate_value(&e.value);
        assert!(
            !violations.is_empty(),
            "spec/metadata.md:{}: samad accepts it",
            e.line
        );
        for code in &e.expect {
            assert!(
                violations.iter().any(|v| v.code == code.as_str()),
                "spec/metadata.md:{}: samad does not report {code}: {violations:#?}",
                e.line
            );
        }
    }
}

#[test]
fn test_data_records_are_valid_for_both() {
    let schema = schema();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/records");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/data/records") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            schema.is_valid(&value),
            "{}: the schema rejects it",
            path.display()
        );
        assert_eq!(validate_value(&value), vec![], "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn every_mutation_of_a_required_member_is_caught_by_both() {
    let schema = schema();
    let base: Value = serde_json::from_str(include_str!("data/records/letter.json")).unwrap();
    let pointers = [
        "/profile",
        "/identity/id",
        "/description/title",
        "/description/created/iso",
        "/description/producer/agency/id",
        "/use/security/class",
        "/fixity/digest",
        "/format/tier",
        "/event_plan/class_code",
        "/event_history/0/type",
        "/event_history/1/outcome",
    ];
    for pointer in pointers {
        let mut v = base.clone();
        // A number where the profile wants a string: wrong whatever the member.
        *v.pointer_mut(pointer).unwrap() = Value::from(42);
        assert!(!schema.is_valid(&v), "schema accepts a broken {pointer}");
        let violations = validate_value(&v);
        assert!(
            violations.iter().any(|x| x.path.starts_with(pointer)
                || pointer.starts_with(&x.path) && !x.path.is_empty()),
            "samad does not point at {pointer}: {violations:#?}"
        );
    }
}

#[test]
fn every_validation_code_is_documented_and_every_documented_code_exists() {
    let spec = include_str!("../spec/metadata.md");
    let section = spec
        .split("## 8. Validation")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("spec/metadata.md §8");
    let mut documented: Vec<&str> = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let first_cell = line.split('|').nth(1).unwrap_or_default();
        documented.extend(first_cell.split('`').skip(1).step_by(2));
    }
    let source = include_str!("../src/records/validate.rs");
    // Codes are the string literal that follows a pointer argument in report(…) calls or a
    // `code:` field; collect every "lower-case-with-dashes" literal the file uses as a code.
    let used: Vec<&str> = source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| documented.contains(lit))
        .collect();
    for code in &documented {
        assert!(
            used.contains(code),
            "spec §8 documents {code} but validate.rs never reports it"
        );
    }
    for needle in source
        .match_indices("code: \"")
        .map(|(i, _)| &source[i + 7..])
    {
        let code = needle.split('"').next().unwrap_or_default();
        assert!(
            documented.contains(&code),
            "validate.rs reports {code}, spec §8 does not list it"
        );
    }
    for call in source.split("self.report(").skip(1) {
        // The second argument of report(path, code, message).
        let args = call.split(");").next().unwrap_or_default();
        if let Some(code) = args.split(',').nth(1).map(str::trim)
            && let Some(code) = code.strip_prefix('"').and_then(|c| c.strip_suffix('"'))
        {
            assert!(
                documented.contains(&code),
                "validate.rs reports {code}, spec §8 does not list it"
            );
        }
    }
}
