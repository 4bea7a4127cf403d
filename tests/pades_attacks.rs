//! The known attacks on PDF signature validation (BRIEF §2; issue 8 must-show), built by our
//! own code from a diploma signed by samad (official-1 certifies with P=2, official-2 and
//! the ministry seal approve). samad must report none of them TOTAL-PASSED and must name
//! the problem in a check.

mod pades_verify_support;

use pades_verify_support::attacks;
use pades_verify_support::*;
use samad::pdf::reader::Object;
use samad::validation::report::{Indication, SignatureKind, SubIndication};

fn signed() -> (Pki, Vec<u8>) {
    let pki = Pki::load();
    let signed = samad_signed_diploma(&fixture("unsigned-diploma.pdf"), &pki);
    (pki, signed)
}

#[test]
fn the_untouched_diploma_passes() {
    // The baseline every attack starts from: if this failed, the attacks would prove nothing.
    let (pki, signed) = signed();
    let report = pki.verify(&signed);
    assert_passed(&report, "samad-signed diploma");
    let kinds: Vec<SignatureKind> = report.signatures.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SignatureKind::Certification { permissions: 2 },
            SignatureKind::Approval,
            SignatureKind::Approval
        ]
    );
    let covered: Vec<usize> = report
        .signatures
        .iter()
        .filter_map(|s| s.coverage.as_ref())
        .map(|c| c.revision)
        .collect();
    assert_eq!(covered, [2, 3, 4]);
}

#[test]
fn universal_signature_forgery_without_byte_range() {
    let (pki, signed) = signed();
    let attacked = attacks::usf(&signed, "ministry-seal", |d| {
        d.remove(b"ByteRange");
    });
    let report = pki.verify(&attacked);
    assert_rejected(
        &report,
        "pdf.byte-range",
        "no /ByteRange",
        "USF no ByteRange",
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::FormatFailure));
}

#[test]
fn universal_signature_forgery_contents_null() {
    let (pki, signed) = signed();
    let attacked = attacks::usf(&signed, "ministry-seal", |d| {
        d.set(b"Contents", Object::Null);
    });
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "/Contents is null",
        "USF null Contents",
    );
}

#[test]
fn universal_signature_forgery_contents_empty() {
    let (pki, signed) = signed();
    let attacked = attacks::usf(&signed, "ministry-seal", |d| {
        d.set(b"Contents", Object::String(Vec::new()));
    });
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "/Contents is empty",
        "USF empty Contents",
    );
}

#[test]
fn universal_signature_forgery_contents_missing() {
    let (pki, signed) = signed();
    let attacked = attacks::usf(&signed, "official-2", |d| {
        d.remove(b"Contents");
    });
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "no /Contents",
        "USF no Contents",
    );
}

/// The ByteRange of `field` as written.
fn byte_range(pdf: &[u8], field: &str) -> Vec<i64> {
    let doc = samad::pdf::reader::Document::parse(pdf).expect("parse");
    let sig = doc
        .signature_dictionary(attacks::signature_of(&doc, field))
        .expect("sig");
    sig.byte_range.expect("ByteRange")
}

#[test]
fn byte_range_not_covering_the_file() {
    // In place, offsets unchanged: the last range stops 10 bytes short of the revision's
    // end, so 10 bytes could be anything.
    let (pki, signed) = signed();
    let mut range = byte_range(&signed, "official-1");
    range[3] -= 10;
    let attacked = attacks::byte_range_in_place(&signed, "official-1", &range);
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "not the end of a revision",
        "ByteRange short",
    );
}

#[test]
fn byte_range_past_the_file() {
    let (pki, signed) = signed();
    let mut range = byte_range(&signed, "ministry-seal");
    range[3] += 1000;
    let attacked = attacks::byte_range_in_place(&signed, "ministry-seal", &range);
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "past the end of the file",
        "ByteRange past the end",
    );
}

#[test]
fn universal_signature_forgery_in_place() {
    // The signed file itself edited, no new revision: /Contents null, then empty.
    let (pki, signed) = signed();
    let null = attacks::contents_in_place(&signed, "official-1", "null");
    assert_rejected(
        &pki.verify(&null),
        "pdf.byte-range",
        "/Contents is null",
        "USF null in place",
    );
    let empty = attacks::contents_in_place(&signed, "official-1", "<>");
    assert_rejected(
        &pki.verify(&empty),
        "pdf.byte-range",
        "/Contents is empty",
        "USF empty in place",
    );
}

#[test]
fn byte_range_with_more_than_one_hole_or_negative() {
    let (pki, signed) = signed();
    for (range, words) in [
        (vec![0, 10, 20, 30, 40, 50], "exactly 4"),
        (vec![0, 100, -5, 100], "negative"),
        (vec![5, 100, 200, 100], "starts at byte 5"),
    ] {
        let attacked = attacks::usf(&signed, "official-2", |d| {
            d.set(
                b"ByteRange",
                Object::Array(range.iter().map(|v| Object::Integer(*v)).collect()),
            );
        });
        assert_rejected(
            &pki.verify(&attacked),
            "pdf.byte-range",
            words,
            &format!("ByteRange {range:?}"),
        );
    }
}

#[test]
fn incremental_saving_attack() {
    let (pki, signed) = signed();
    let attacked = attacks::incremental_saving(&signed);
    let report = pki.verify(&attacked);
    let detail = assert_rejected(
        &report,
        "pdf.modifications",
        "page /Contents changed",
        "ISA",
    );
    assert!(detail.contains("revision 5"), "{detail}");
    // Every signature is refused, not only the last one: each covers an earlier revision.
    for signature in &report.signatures {
        assert_eq!(
            signature.indication,
            Indication::TotalFailed,
            "{}",
            signature.id
        );
        assert!(
            signature
                .changes_after
                .iter()
                .any(|c| !c.allowed && c.revision == 5)
        );
    }
}

#[test]
fn signature_wrapping_relocated_contents() {
    let (pki, signed) = signed();
    let attacked = attacks::wrapping(&signed, "ministry-seal");
    let report = pki.verify(&attacked);
    assert_rejected(
        &report,
        "pdf.byte-range",
        "not this signature's",
        "SWA relocated /Contents",
    );
    assert_rejected(
        &report,
        "pdf.modifications",
        "page /Contents changed",
        "SWA",
    );
}

#[test]
fn signature_wrapping_moved_range() {
    let (pki, signed) = signed();
    let attacked = attacks::wrapping_moved_range(&signed, "official-2");
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.byte-range",
        "hole",
        "SWA moved range",
    );
}

#[test]
fn shadow_hide() {
    let pki = Pki::load();
    let (prepared, cover, _) = attacks::prepare_shadow(&fixture("unsigned-diploma.pdf"));
    let signed = samad_signed_diploma(&prepared, &pki);
    assert_passed(
        &pki.verify(&signed),
        "prepared and signed, before the attack",
    );
    let attacked = attacks::shadow_hide(&signed, cover);
    let detail = assert_rejected(
        &pki.verify(&attacked),
        "pdf.modifications",
        "XObject",
        "shadow hide",
    );
    assert!(
        detail.contains(&format!("object {} {}", cover.num, cover.generation)),
        "{detail}"
    );
}

#[test]
fn shadow_replace() {
    let pki = Pki::load();
    let (prepared, _, draw) = attacks::prepare_shadow(&fixture("unsigned-diploma.pdf"));
    let signed = samad_signed_diploma(&prepared, &pki);
    let attacked = attacks::shadow_replace(&signed, draw);
    assert_rejected(
        &pki.verify(&attacked),
        "pdf.modifications",
        "page content stream changed",
        "shadow replace",
    );
}

#[test]
fn shadow_hide_and_replace_by_cross_reference_only() {
    let pki = Pki::load();
    let (prepared, cover, duplicate) =
        attacks::prepare_hide_and_replace(&fixture("unsigned-diploma.pdf"));
    let signed = samad_signed_diploma(&prepared, &pki);
    assert_passed(
        &pki.verify(&signed),
        "prepared and signed, before the attack",
    );
    let attacked = attacks::hide_and_replace(&signed, cover, duplicate);
    // The attack revision writes no object: only its cross-reference points elsewhere.
    let detail = assert_rejected(
        &pki.verify(&attacked),
        "pdf.modifications",
        "XObject",
        "hide-and-replace",
    );
    assert!(
        detail.contains(&format!("object {} {}", cover.num, cover.generation)),
        "{detail}"
    );
}

#[test]
fn certification_evil_annotation() {
    let (pki, signed) = signed();
    let attacked = attacks::evil_annotation(&signed);
    let report = pki.verify(&attacked);
    assert_rejected(
        &report,
        "pdf.modifications",
        "annotation",
        "evil annotation",
    );
    let certification = &report.signatures[0];
    assert_eq!(
        certification.kind,
        SignatureKind::Certification { permissions: 2 }
    );
    assert_eq!(certification.indication, Indication::TotalFailed);
}

#[test]
fn certification_sneaky_signature() {
    let (pki, signed) = signed();
    let attacked = attacks::sneaky_signature(&signed);
    let report = pki.verify(&attacked);
    assert_rejected(
        &report,
        "pdf.modifications",
        "visible widget",
        "sneaky signature",
    );
}

#[test]
fn certification_after_approval_is_refused() {
    // A certification signature must be the first, and /Perms comes with it: official-2
    // approves first, official-1 signs, and a later revision names official-1's signature
    // in /Perms /DocMDP. (samad's signer refuses to certify a signed document, so this is
    // the way to try it.)
    use samad::pdf::pades::{PadesOptions, sign_field};
    use samad::validation::report::Level;
    let pki = Pki::load();
    let options = PadesOptions::new(Level::BB, pki.at - time::Duration::hours(22));
    let unsigned = fixture("unsigned-diploma.pdf");
    let approved = sign_field(
        &unsigned,
        "official-2",
        &signer("official-2"),
        "official-2",
        None,
        &options,
    )
    .expect("approve");
    let second = sign_field(
        &approved,
        "official-1",
        &signer("official-1"),
        "official-1",
        None,
        &options,
    )
    .expect("sign");
    let attacked = attacks::perms_docmdp_after(&second, "official-1");
    let report = pki.verify(&attacked);
    assert_rejected(
        &report,
        "pdf.docmdp",
        "no /Reference with /TransformMethod /DocMDP",
        "late certification",
    );
    assert_rejected(&report, "pdf.modifications", "/Perms", "late certification");
}
