//! A signed diploma verified with its document checks and a status list
//! (`spec/status-list.md` §6): active, revoked (TOTAL-FAILED / REVOKED), suspended
//! (INDETERMINATE / TRY_LATER), another list; tampering; the CLI's `verify --status` and
//! `status` commands; and the published list checked by outside tools (Python's gzip and
//! base64, `openssl cms -verify`).

use std::sync::OnceLock;

use samad::diploma::status::{StatusError, StatusList, VerifiedStatusList};
use samad::diploma::verify::{carries_diploma_record, verify_diploma, verify_pdf_document};
use samad::pki::trust::TrustStore;
use samad::validation::ValidationContext;
use samad::validation::report::{CheckOutcome, Indication, SubIndication, ValidationReport};
use time::Duration;

mod ffi_support;
mod support;

use ffi_support::Fixtures;

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(Fixtures::make)
}

fn trust() -> TrustStore {
    TrustStore::from_pem(&fixtures().trust_pem).expect("trust")
}

fn verify_with(pdf: &[u8], list: Option<&str>) -> ValidationReport {
    let trust = trust();
    let ctx = ValidationContext::new(&trust, fixtures().now + Duration::minutes(5));
    let list = list.map(|l| VerifiedStatusList::verify(l.as_bytes(), &ctx).expect("list verifies"));
    verify_diploma(pdf, &ctx, list.as_ref()).expect("a readable PDF")
}

fn check<'a>(report: &'a ValidationReport, name: &str) -> &'a samad::validation::report::Check {
    report
        .document_checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name}: {:#?}", report.document_checks))
}

fn dump(report: &ValidationReport) -> String {
    serde_json::to_string_pretty(report).expect("json")
}

#[test]
fn a_signed_diploma_passes_every_diploma_check() {
    let report = verify_with(&fixtures().valid_pdf, None);
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{}",
        dump(&report)
    );
    for name in [
        "diploma.record",
        "diploma.record-form",
        "diploma.qr",
        "diploma.roles",
    ] {
        assert_eq!(check(&report, name).outcome, CheckOutcome::Passed, "{name}");
    }
    assert!(
        check(&report, "diploma.qr")
            .detail
            .contains("SAMAD-DIPLOMA:1:")
    );
    assert!(
        report
            .document_checks
            .iter()
            .all(|c| c.name != "diploma.status")
    );
    assert!(carries_diploma_record(&fixtures().valid_pdf));
}

#[test]
fn an_active_entry_passes() {
    let report = verify_with(&fixtures().valid_pdf, Some(&fixtures().list_active));
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{}",
        dump(&report)
    );
    let status = check(&report, "diploma.status");
    assert_eq!(status.outcome, CheckOutcome::Passed);
    assert!(status.detail.contains(&fixtures().entry.list));
}

#[test]
fn a_revoked_diploma_is_total_failed_revoked() {
    let report = verify_with(&fixtures().valid_pdf, Some(&fixtures().list_revoked));
    assert_eq!(
        report.indication,
        Indication::TotalFailed,
        "{}",
        dump(&report)
    );
    assert_eq!(report.sub_indication, Some(SubIndication::Revoked));
    let status = check(&report, "diploma.status");
    assert_eq!(status.outcome, CheckOutcome::Failed);
    assert_eq!(status.sub_indication, Some(SubIndication::Revoked));
    // The signatures themselves are still valid: only the status fails.
    assert!(
        report
            .signatures
            .iter()
            .all(|s| s.indication == Indication::TotalPassed)
    );
}

#[test]
fn a_suspended_diploma_is_indeterminate_try_later() {
    let report = verify_with(&fixtures().valid_pdf, Some(&fixtures().list_suspended));
    assert_eq!(
        report.indication,
        Indication::Indeterminate,
        "{}",
        dump(&report)
    );
    assert_eq!(report.sub_indication, Some(SubIndication::TryLater));
}

#[test]
fn another_list_cannot_speak_for_the_diploma() {
    let report = verify_with(&fixtures().valid_pdf, Some(&fixtures().list_other));
    assert_eq!(report.indication, Indication::Indeterminate);
    let status = check(&report, "diploma.status");
    assert_eq!(status.sub_indication, Some(SubIndication::TryLater));
    assert!(
        status.detail.contains("pass the diploma's own list"),
        "{}",
        status.detail
    );
}

#[test]
fn a_tampered_diploma_fails() {
    let report = verify_with(&fixtures().tampered_pdf, Some(&fixtures().list_active));
    assert_eq!(
        report.indication,
        Indication::TotalFailed,
        "{}",
        dump(&report)
    );
    assert_ne!(report.sub_indication, Some(SubIndication::Revoked));
}

#[test]
fn a_pdf_without_a_record_gets_the_pades_verification_only() {
    // Garbage is not a PDF: an error, not a report.
    let trust = trust();
    let ctx = ValidationContext::new(&trust, fixtures().now);
    assert!(verify_pdf_document(&fixtures().garbage, &ctx, None).is_err());
    assert!(!carries_diploma_record(&fixtures().garbage));
}

#[test]
fn a_list_is_trusted_only_when_signed_in_window_and_untouched() {
    let trust = trust();
    let now = fixtures().now;
    let at = |t| ValidationContext::new(&trust, t);
    let list = fixtures().list_revoked.as_bytes();
    VerifiedStatusList::verify(list, &at(now + Duration::days(1))).expect("in window");
    assert!(matches!(
        VerifiedStatusList::verify(list, &at(now - Duration::minutes(1))),
        Err(StatusError::NotYetValid { .. })
    ));
    // Past the window (and past nothing else: the demo certificates live three years).
    assert!(matches!(
        VerifiedStatusList::verify(list, &at(now + Duration::days(8))),
        Err(StatusError::Expired { .. })
    ));

    // Un-revoking the diploma by editing the published list breaks the signature.
    let mut doc: serde_json::Value = serde_json::from_slice(list).expect("json");
    doc["status_list"]["revocation"] = serde_json::Value::String(
        serde_json::from_str::<serde_json::Value>(&fixtures().list_active).expect("json")
            ["status_list"]["revocation"]
            .as_str()
            .expect("string")
            .to_owned(),
    );
    let err = VerifiedStatusList::verify(doc.to_string().as_bytes(), &at(now)).expect_err("forged");
    assert!(
        matches!(err, StatusError::Signature { ref indication, .. } if indication == "TOTAL-FAILED"),
        "{err}"
    );

    // Re-formatting (white space, member order) does not: the canonical form is signed.
    let reformatted =
        serde_json::to_string(&serde_json::from_slice::<serde_json::Value>(list).expect("json"))
            .expect("json");
    VerifiedStatusList::verify(reformatted.as_bytes(), &at(now)).expect("same canonical form");

    // A working copy is not a published list.
    let working = StatusList::from_json(list).expect("readable").to_json();
    assert!(matches!(
        VerifiedStatusList::verify(working.as_bytes(), &at(now)),
        Err(StatusError::Unsigned { .. })
    ));

    // Another trust anchor: the signature cannot be trusted.
    let stranger =
        samad::pki::demo::DemoPki::generate(&samad::clock::FixedClock::new(now)).expect("pki");
    let other_trust = TrustStore::from_certificates(vec![
        samad::pki::cert::Certificate::from_der(&stranger.root_ca.certificate).expect("root"),
    ])
    .expect("trust");
    let err = VerifiedStatusList::verify(list, &ValidationContext::new(&other_trust, now))
        .expect_err("untrusted");
    assert_eq!(err.code(), "status-signature", "{err}");
}

#[test]
fn records_with_and_without_status_entries() {
    let plain = samad::diploma::DiplomaRecord::from_json(include_str!("data/diploma/record.json"))
        .expect("record");
    assert_eq!(plain.status(), None);
    let canonical = plain.canonical_json().expect("canonical");
    assert!(
        !canonical.contains("\"status\""),
        "absent entries are not written"
    );
    let with = plain
        .clone()
        .with_status(StatusList::entry_for(&plain.number()))
        .expect("entry");
    let json = with.canonical_json().expect("canonical");
    assert!(json.contains("\"status\":{\"index\":"), "{json}");
    assert_eq!(
        samad::diploma::DiplomaRecord::from_json(&json).expect("reads back"),
        with
    );
    assert_ne!(
        with.sha256_hex().expect("digest"),
        plain.sha256_hex().expect("digest")
    );
    // The schema accepts it and refuses a malformed entry.
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../spec/diploma.schema.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(validator.is_valid(&value));
    let mut bad = value.clone();
    bad["status"]["index"] = serde_json::json!(-1);
    assert!(!validator.is_valid(&bad));
    let text = bad.to_string();
    assert!(samad::diploma::DiplomaRecord::from_json(&text).is_err());
    let mut bad = value;
    bad["status"]["list"] = serde_json::json!("has space");
    let err = samad::diploma::DiplomaRecord::from_json(&bad.to_string()).expect_err("bad id");
    assert!(err.to_string().contains("status.list"), "{err}");
}

#[test]
fn cli_verify_reports_revoked_with_exit_1() {
    let dir = tempfile::tempdir().expect("tmp");
    fixtures().write(dir.path());
    let path = |name: &str| dir.path().join(name).display().to_string();
    let run = |list: &str| {
        support::samad(&[
            "verify",
            &path("valid.pdf"),
            "--trust",
            &path("trust.pem"),
            "--status",
            &path(list),
            "--json",
        ])
    };
    let revoked = run("status-revoked.json");
    assert_eq!(
        revoked.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
    let v = support::json_of(&revoked);
    assert_eq!(v["indication"], "TOTAL-FAILED");
    assert_eq!(v["sub_indication"], "REVOKED");
    let active = run("status-active.json");
    assert_eq!(
        active.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&active.stdout)
    );
    let suspended = run("status-suspended.json");
    assert_eq!(support::json_of(&suspended)["sub_indication"], "TRY_LATER");
    assert_eq!(suspended.status.code(), Some(1));
}

#[test]
fn cli_status_commands_write_atomically_and_refuse_bad_input() {
    let dir = tempfile::tempdir().expect("tmp");
    let list = dir.path().join("list.json");
    let l = list.display().to_string();
    let ok = |args: &[&str]| {
        let out = support::samad(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        support::json_of(&out)
    };
    let made = ok(&[
        "status",
        "new",
        "--university",
        "10380284790",
        "--year",
        "1403",
        "--level",
        "bachelor",
        "--out",
        &l,
        "--json",
    ]);
    assert_eq!(made["id"], "urn:samad:status:10380284790:1403:bachelor");
    assert_eq!(made["size"], 1_048_576);
    let number = samad::DiplomaNumber::new(
        "10380284790".parse().expect("id"),
        1403,
        samad::DegreeLevel::Bachelor,
        42,
    )
    .expect("number")
    .to_string();
    let revoked = ok(&["status", "revoke", &l, "--number", &number, "--json"]);
    assert_eq!(revoked["index"], 42);
    assert_eq!(revoked["status"], "revoked");
    ok(&["status", "suspend", &l, "--index", "7", "--json"]);
    assert_eq!(
        ok(&["status", "show", &l, "--index", "7", "--json"])["status"],
        "suspended"
    );
    ok(&["status", "reinstate", &l, "--index", "7", "--json"]);
    let before = std::fs::read(&list).expect("list");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&list).expect("list").permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "a list is readable by others");
    }

    // Refused, with nothing written: reinstating a revoked entry, an index out of range, a
    // number of another list, an existing file for `new`.
    let other_year = samad::DiplomaNumber::new(
        "10380284790".parse().expect("id"),
        1402,
        samad::DegreeLevel::Bachelor,
        42,
    )
    .expect("number")
    .to_string();
    for args in [
        vec!["status", "reinstate", &l, "--index", "42"],
        vec!["status", "revoke", &l, "--index", "1048576"],
        vec!["status", "revoke", &l, "--number", &other_year],
        vec![
            "status",
            "new",
            "--university",
            "10380284790",
            "--year",
            "1403",
            "--level",
            "bachelor",
            "--out",
            &l,
        ],
    ] {
        let out = support::samad(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    assert_eq!(
        std::fs::read(&list).expect("list"),
        before,
        "nothing written on error"
    );
    let stray: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(stray.len(), 1, "no temporary files left behind");
}

/// The encoded bitstrings, read by Python's own gzip and base64 (not ours), have the bits
/// where the spec says (index 0 = most significant bit of byte 0).
#[test]
fn python_reads_the_bitstrings_where_the_spec_puts_them() {
    let Some(python) = support::python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("list.json");
    std::fs::write(&path, &fixtures().list_revoked).expect("write");
    let script = r#"
import base64, gzip, json, sys
doc = json.load(open(sys.argv[1]))["status_list"]
for name in ("revocation", "suspension"):
    s = doc[name]
    raw = gzip.decompress(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))
    assert len(raw) * 8 == doc["size"], (name, len(raw))
    ones = [i * 8 + b for i, byte in enumerate(raw) for b in range(8) if byte & (0x80 >> b)]
    print(name, ones)
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script, &path.display().to_string()])
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("revocation [{}]", fixtures().entry.index)),
        "{text}"
    );
    assert!(text.contains("suspension []"), "{text}");
}

/// `openssl cms -verify` checks the list's detached CAdES signature over the canonical form
/// of `status_list`, which Python writes independently (sorted keys, no white space: RFC 8785
/// for a document of strings and integers).
#[test]
fn openssl_verifies_the_list_signature_over_the_canonical_form() {
    let (Some(python), Some(_)) = (support::python(), support::openssl_cli()) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(d.join("list.json"), &fixtures().list_revoked).expect("write");
    std::fs::write(d.join("trust.pem"), &fixtures().trust_pem).expect("write");
    let script = r#"
import base64, json, sys
doc = json.load(open("list.json"))
open("content.bin", "wb").write(json.dumps(doc["status_list"], sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
open("sig.der", "wb").write(base64.b64decode(doc["signature"]))
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .current_dir(d)
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    support::openssl_ok(
        d,
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "sig.der",
            "-content",
            "content.bin",
            "-CAfile",
            "trust.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
    );
}

/// A record with another GPA, canonical and valid: what a forger would embed.
fn forged_record() -> String {
    let signed = samad::diploma::DiplomaRecord::from_json(include_str!("data/diploma/record.json"))
        .expect("record")
        .with_status(fixtures().entry.clone())
        .expect("entry")
        .canonical_json()
        .expect("canonical");
    let mut value: serde_json::Value = serde_json::from_str(&signed).expect("json");
    value["degree"]["gpa"] = serde_json::json!("20.00");
    let forged = samad::diploma::DiplomaRecord::from_json(&value.to_string()).expect("valid");
    forged.canonical_json().expect("canonical")
}

/// The embedded file stream and its file specification, as of the last revision.
fn record_objects(doc: &samad::pdf::Document<'_>) -> (samad::pdf::ObjRef, samad::pdf::ObjRef) {
    use samad::pdf::Object;
    let catalog = doc.catalog().expect("catalog");
    let af = doc.resolve(catalog.get(b"AF").expect("/AF")).expect("AF");
    let spec_ref = af.as_array().expect("array")[0]
        .as_reference()
        .expect("ref");
    let Object::Dict(spec) = doc.object(spec_ref).expect("spec") else {
        panic!("spec")
    };
    let Object::Dict(ef) = doc.resolve(spec.get(b"EF").expect("EF")).expect("EF") else {
        panic!("EF")
    };
    (
        spec_ref,
        ef.get(b"F").expect("F").as_reference().expect("stream ref"),
    )
}

fn assert_record_rejected(pdf: &[u8], words: &str) {
    let report = verify_with(pdf, None);
    assert_eq!(
        report.indication,
        Indication::TotalFailed,
        "{}",
        dump(&report)
    );
    let record = check(&report, "diploma.record");
    assert_eq!(record.outcome, CheckOutcome::Failed, "{}", dump(&report));
    assert_eq!(record.sub_indication, Some(SubIndication::HashFailure));
    assert!(record.detail.contains(words), "{}", record.detail);
}

/// Incremental saving attack on the record: a new revision rewrites the embedded stream.
#[test]
fn a_record_rewritten_after_signing_is_rejected() {
    let pdf = &fixtures().valid_pdf;
    let doc = samad::pdf::Document::parse(pdf).expect("parse");
    let (_, stream) = record_objects(&doc);
    let mut update = samad::pdf::IncrementalUpdate::new(&doc).expect("update");
    let mut dict = samad::pdf::reader::Dict::new();
    dict.set(b"Type", samad::pdf::Object::Name(b"EmbeddedFile".to_vec()));
    update.replace_stream(stream, dict, forged_record().into_bytes());
    let attacked = update.finish().expect("finish");
    assert_record_rejected(&attacked, "changes object");
}

/// The same through new objects: the catalog's /AF now names another file specification,
/// so no signed object is redefined, but the record a reader finds is not the signed one.
#[test]
fn a_record_swapped_for_another_after_signing_is_rejected() {
    use samad::pdf::Object;
    let pdf = &fixtures().valid_pdf;
    let doc = samad::pdf::Document::parse(pdf).expect("parse");
    let (spec_ref, _) = record_objects(&doc);
    let mut update = samad::pdf::IncrementalUpdate::new(&doc).expect("update");
    let stream = update.add_stream(
        samad::pdf::reader::Dict::new(),
        forged_record().into_bytes(),
    );
    let Object::Dict(mut spec) = doc.object(spec_ref).expect("spec") else {
        panic!("spec")
    };
    let mut ef = samad::pdf::reader::Dict::new();
    ef.set(b"F", Object::Reference(stream));
    ef.set(b"UF", Object::Reference(stream));
    spec.set(b"EF", Object::Dict(ef));
    let new_spec = update.add_object(Object::Dict(spec));
    let root = doc.trailer().get_reference(b"Root").expect("root");
    let mut catalog = doc.catalog().expect("catalog");
    catalog.set(b"AF", Object::Array(vec![Object::Reference(new_spec)]));
    update.replace_object(root, Object::Dict(catalog));
    let attacked = update.finish().expect("finish");
    assert_record_rejected(&attacked, "not the one revision");
}
