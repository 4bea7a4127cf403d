//! The format policy file: the embedded one parses and covers every PUID identification
//! can name; malformed policies are refused with the line.

use super::*;

#[test]
fn embedded_policy_parses_and_has_a_version() {
    let text = EMBEDDED_POLICY;
    let policy = FormatPolicy::parse(text).expect("data/format-policy.json is valid");
    assert_eq!(policy, FormatPolicy::embedded());
    assert_eq!(policy.version(), "2026.1");
    assert!(!policy.date().is_empty());
}

#[test]
fn every_puid_identification_names_has_an_explicit_verdict() {
    // Every PUID literal in identify.rs: the policy must decide each on purpose, not by default.
    let source = include_str!("../identify.rs");
    let policy = FormatPolicy::embedded();
    let listed: Vec<&str> = policy.entries().map(|e| e.puid.as_str()).collect();
    let mut seen = 0;
    for prefix in ["\"fmt/", "\"x-fmt/"] {
        for (at, _) in source.match_indices(prefix) {
            let rest = &source[at + 1..];
            let Some(end) = rest.find('"') else { continue };
            let puid = &rest[..end];
            let digits = puid.rsplit('/').next().unwrap_or_default();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            seen += 1;
            assert!(
                listed.contains(&puid),
                "{puid} has no entry in data/format-policy.json"
            );
        }
    }
    assert!(seen >= 40, "found only {seen} PUIDs in identify.rs");
}

#[test]
fn unknown_and_unlisted_formats_get_the_default() {
    let policy = FormatPolicy::embedded();
    assert_eq!(policy.verdict("UNKNOWN").tier, FormatTier::NotAccepted);
    assert!(policy.verdict("fmt/1").reason.contains("convert"));
}

#[test]
fn malformed_policies_are_refused_with_the_line() {
    let head = r#"{ "policy": "samad-format-policy", "version": "1", "date": "2026-01-01",
  "default": { "tier": "not-accepted", "reason": "no" },
  "formats": [
"#;
    let bad_puid = format!(
        "{head}    {{ \"puid\": \"fmt/x\", \"tier\": \"preferred\", \"reason\": \"r\" }}\n] }}"
    );
    match FormatPolicy::parse(&bad_puid) {
        Err(RecordsError::Policy { line: 4, message }) => assert!(message.contains("fmt/x")),
        other => panic!("{other:?}"),
    }
    let duplicate = format!(
        "{head}    {{ \"puid\": \"fmt/1\", \"tier\": \"preferred\", \"reason\": \"r\" }},\n    \
         {{ \"puid\": \"fmt/1\", \"tier\": \"acceptable\", \"reason\": \"r\" }}\n] }}"
    );
    assert!(matches!(
        FormatPolicy::parse(&duplicate),
        Err(RecordsError::Policy { message, .. }) if message.contains("twice")
    ));
    let bad_tier = format!(
        "{head}    {{ \"puid\": \"fmt/1\", \"tier\": \"maybe\", \"reason\": \"r\" }}\n] }}"
    );
    assert!(matches!(
        FormatPolicy::parse(&bad_tier),
        Err(RecordsError::Policy { line: 4, .. })
    ));
    let no_reason = format!(
        "{head}    {{ \"puid\": \"fmt/1\", \"tier\": \"preferred\", \"reason\": \" \" }}\n] }}"
    );
    assert!(FormatPolicy::parse(&no_reason).is_err());
    assert!(FormatPolicy::parse("{").is_err());
}
