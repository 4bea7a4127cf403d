//! RFC 8785 (JCS): samad's canonical form equals the RFC's test vectors
//! (`tests/data/jcs/`, with node re-deriving the number forms from ECMAScript), and it does
//! not depend on member order or white space (proptest).

use std::fmt::Write as _;

use proptest::prelude::*;
use samad::records::{Record, canonical_json};
use serde_json::Value;

mod support;

fn data(name: &str) -> String {
    let path = support::repo_root().join("tests/data/jcs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (hex, expected) pairs of `numbers.txt`; `expected` is `error` for NaN and infinity.
fn number_vectors() -> Vec<(String, String)> {
    data("numbers.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (hex, want) = l.split_once(' ').expect("hex and expected value");
            (hex.to_owned(), want.to_owned())
        })
        .collect()
}

#[test]
fn numbers_match_rfc_8785_appendix_b() {
    let vectors = number_vectors();
    assert_eq!(vectors.len(), 26, "every vector of Appendix B is used");
    for (hex, want) in vectors {
        let bits = u64::from_str_radix(&hex, 16).unwrap();
        let x = f64::from_bits(bits);
        match canonical_json(&x) {
            Ok(got) => assert_eq!(got, want, "{hex}"),
            Err(e) => assert_eq!(want, "error", "{hex}: refused ({e}) but should be {want}"),
        }
    }
}

#[test]
fn number_vectors_agree_with_ecmascript() {
    let Some(node) = support::node() else { return };
    let vectors = number_vectors();
    let hexes: Vec<&str> = vectors.iter().map(|(h, _)| h.as_str()).collect();
    let script = "for (const h of process.argv.slice(1)) { const x = Buffer.from(h, 'hex')\
                  .readDoubleBE(0); console.log(Number.isFinite(x) ? String(x) : 'error'); }";
    let out = std::process::Command::new(node)
        .arg("-e")
        .arg(script)
        .args(&hexes)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_node: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let ours: Vec<String> = vectors.iter().map(|(_, w)| w.clone()).collect();
    assert_eq!(from_node, ours);
}

#[test]
fn values_example_of_section_3_2_2() {
    let input: Value = serde_json::from_str(&data("values.input.json")).unwrap();
    assert_eq!(canonical_json(&input).unwrap(), data("values.output.json"));
}

#[test]
fn sorting_example_of_section_3_2_3_uses_utf16_order() {
    let input: Value = serde_json::from_str(&data("sorting.input.json")).unwrap();
    assert_eq!(canonical_json(&input).unwrap(), data("sorting.output.json"));
}

#[test]
fn record_canonical_form_ignores_layout() {
    let text = std::fs::read_to_string(support::repo_root().join("tests/data/records/letter.json"))
        .unwrap();
    let record = Record::from_json(&text).unwrap();
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
    let again = Record::from_json(&compact).unwrap();
    assert_eq!(
        record.canonical_json().unwrap(),
        again.canonical_json().unwrap()
    );
    let digest = record.metadata_digest().unwrap();
    assert_eq!(digest.len(), 64);
    assert_eq!(digest, again.metadata_digest().unwrap());
}

/// JSON values without floats that do not round-trip (any f64 does, through serde_json).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Writes `v` as JSON text with object members in an order and white space chosen by `seed`.
fn render(v: &Value, seed: &mut u64, out: &mut String) {
    let mut next = || {
        // xorshift: a cheap deterministic choice sequence from the seed.
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let ws = [" ", "\n", "\t", "", "  \r\n"];
    let pad = ws[(next() % ws.len() as u64) as usize];
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(pad);
                render(item, seed, out);
            }
            out.push_str(pad);
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            let rotate = if members.is_empty() {
                0
            } else {
                (next() as usize) % members.len()
            };
            members.rotate_left(rotate);
            if next() % 2 == 0 {
                members.reverse();
            }
            out.push('{');
            for (i, (k, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{pad}{}{pad}:{pad}", serde_json::to_string(k).unwrap());
                render(item, seed, out);
            }
            out.push_str(pad);
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

proptest! {
    #[test]
    fn canonical_form_is_stable_under_member_order_and_white_space(v in json_value(), seed in 1u64..) {
        let mut seed = seed;
        let mut text = String::new();
        render(&v, &mut seed, &mut text);
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        let canonical = canonical_json(&v).unwrap();
        prop_assert_eq!(&canonical_json(&reparsed).unwrap(), &canonical);
        // Canonical form is a fixed point: canonicalizing it again changes nothing.
        let again: Value = serde_json::from_str(&canonical).unwrap();
        prop_assert_eq!(canonical_json(&again).unwrap(), canonical);
    }
}
