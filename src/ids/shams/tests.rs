use super::components::canonical_letter_number;
use super::*;
use crate::ids::{IdKind, NationalCode};
use proptest::prelude::*;

/// The spec is the source of truth: every example string below must appear in it verbatim.
const SPEC: &str = include_str!("../../../spec/shams.md");

const QR_ALPHANUMERIC: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

fn nc(s: &str) -> NationalCode {
    s.parse().expect("test national code")
}

fn le(s: &str) -> LegalEntityId {
    s.parse().expect("test legal-entity ID")
}

fn dt(s: &str) -> ShamsDateTime {
    s.parse().expect("test date-time")
}

/// Spec example 1: a Persian letter number, one signer.
fn example_1() -> Shams {
    Shams::builder()
        .letter_number("۱۲۳۴/ص/۱۴۰۳")
        .issued_at(dt("2025-03-20T10:30:00"))
        .guid(Uuid::from_u128(0x3f2c8a1e_7b4d_4c9a_9e2f_1a2b3c4d5e6f))
        .signer(nc("0076229645"), "P-1203")
        .org_email("dabirkhaneh@example.ac.ir")
        .org_legal_id(le("10380284790"))
        .build()
        .expect("example 1")
}

/// Spec example 2: two signers; Arabic kaf and yeh in the letter number; mixed-case email.
fn example_2() -> Shams {
    Shams::builder()
        .letter_number("٤٥٦/ك/ي-۱۴۰۴")
        .issued_at(dt("2026-03-20T23:59:59"))
        .guid(Uuid::from_u128(0x9b1deb4d_3b7d_4bad_9bdd_2b0d7b3dcb6d))
        .signer(nc("0012345679"), "dean-01")
        .signer(nc("1234567891"), "4471")
        .org_email("Daneshgah.Sabt@Univ.AC.IR")
        .org_legal_id(le("14100123454"))
        .build()
        .expect("example 2")
}

/// Spec example 3: a Latin letter number with lower case and a space; `_` and `+` in the
/// email.
fn example_3() -> Shams {
    Shams::builder()
        .letter_number("Hr 57/b")
        .issued_at(dt("1999-12-31T00:00:00"))
        .guid(Uuid::from_u128(0x00000000_0000_4000_8000_000000000001))
        .signer(nc("2721056433"), "SEC-7")
        .org_email("records_office+shams@xn--mgba3a4f16a.ir")
        .org_legal_id(le("10100345673"))
        .build()
        .expect("example 3")
}

const EXAMPLE_1_TEXT: &str = "SHAMS1*1234/%D8%B5/1403*2025-03-20T10:30:00*3f2c8a1e-7b4d-4c9a-9e2f-1a2b3c4d5e6f*0076229645:P-1203*dabirkhaneh@example.ac.ir*10380284790";
const EXAMPLE_1_QR: &str = "SHAMS1Q*1234/%D8%B5/1403*20250320103000*3F2C8A1E7B4D4C9A9E2F1A2B3C4D5E6F*0076229645:P-1203*DABIRKHANEH%40EXAMPLE.AC.IR*10380284790";
const EXAMPLE_2_TEXT: &str = "SHAMS1*456/%DA%A9/%DB%8C-1404*2026-03-20T23:59:59*9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d*0012345679:DEAN-01+1234567891:4471*daneshgah.sabt@univ.ac.ir*14100123454";
const EXAMPLE_2_QR: &str = "SHAMS1Q*456/%DA%A9/%DB%8C-1404*20260320235959*9B1DEB4D3B7D4BAD9BDD2B0D7B3DCB6D*0012345679:DEAN-01+1234567891:4471*DANESHGAH.SABT%40UNIV.AC.IR*14100123454";
const EXAMPLE_3_TEXT: &str = "SHAMS1*Hr%2057/b*1999-12-31T00:00:00*00000000-0000-4000-8000-000000000001*2721056433:SEC-7*records_office%2Bshams@xn--mgba3a4f16a.ir*10100345673";
const EXAMPLE_3_QR: &str = "SHAMS1Q*H%72%2057/%62*19991231000000*00000000000040008000000000000001*2721056433:SEC-7*RECORDS%5FOFFICE%2BSHAMS%40XN--MGBA3A4F16A.IR*10100345673";

#[test]
fn spec_examples_are_what_the_code_writes() {
    let cases = [
        (example_1(), EXAMPLE_1_TEXT, EXAMPLE_1_QR),
        (example_2(), EXAMPLE_2_TEXT, EXAMPLE_2_QR),
        (example_3(), EXAMPLE_3_TEXT, EXAMPLE_3_QR),
    ];
    for (shams, text, qr) in cases {
        assert_eq!(shams.to_string(), text);
        assert_eq!(shams.to_qr_payload(), qr);
        assert!(SPEC.contains(text), "spec/shams.md lacks {text}");
        assert!(SPEC.contains(qr), "spec/shams.md lacks {qr}");
        assert_eq!(Shams::parse(text), Ok(shams.clone()));
        assert_eq!(Shams::parse(qr), Ok(shams.clone()));
        assert_eq!(Shams::parse_qr_payload(qr), Ok(shams));
    }
}

#[test]
fn spec_example_components() {
    let s = example_2();
    assert_eq!(s.letter_number(), "456/ک/ی-1404");
    assert_eq!(s.issued_at().to_string(), "2026-03-20T23:59:59");
    assert_eq!(s.guid().to_string(), "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");
    let posts: Vec<_> = s.signers().iter().map(Signer::post_id).collect();
    assert_eq!(posts, ["DEAN-01", "4471"]);
    assert_eq!(s.signers()[1].national_code(), nc("1234567891"));
    assert_eq!(s.org_email(), "daneshgah.sabt@univ.ac.ir");
    assert_eq!(s.org_legal_id(), le("14100123454"));
}

#[test]
fn serializes_to_an_object_of_components() {
    let json = serde_json::to_value(example_2()).expect("serialize");
    assert_eq!(
        json,
        serde_json::json!({
            "version": 1,
            "letter_number": "456/ک/ی-1404",
            "issued_at": "2026-03-20T23:59:59",
            "guid": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
            "signers": [
                {"national_code": "0012345679", "post_id": "DEAN-01"},
                {"national_code": "1234567891", "post_id": "4471"}
            ],
            "org_email": "daneshgah.sabt@univ.ac.ir",
            "org_legal_id": "14100123454"
        })
    );
    assert!(SPEC.contains(r#""letter_number": "456/ک/ی-1404""#));
}

#[test]
fn id_check_recognizes_and_reports_a_shams() {
    for input in [EXAMPLE_1_TEXT, EXAMPLE_1_QR, &EXAMPLE_1_TEXT.to_lowercase()] {
        let checked = crate::ids::check(input, None).expect("check");
        assert_eq!(checked.kind, IdKind::Shams);
        assert_eq!(checked.canonical, EXAMPLE_1_TEXT);
        assert_eq!(checked.parts["signers"][0]["post_id"], "P-1203");
    }
}

#[test]
fn qr_form_uses_only_the_alphanumeric_set() {
    for shams in [example_1(), example_2(), example_3()] {
        let qr = shams.to_qr_payload();
        assert!(qr.chars().all(|c| QR_ALPHANUMERIC.contains(c)), "{qr}");
    }
}

#[test]
fn persian_and_arabic_indic_digits_are_read_wherever_a_digit_stands() {
    let persian = crate::text::to_persian_digits(EXAMPLE_1_TEXT);
    assert_eq!(Shams::parse(&persian), Ok(example_1()));
    let arabic: String = EXAMPLE_2_QR
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect();
    assert_eq!(Shams::parse_qr_payload(&arabic), Ok(example_2()));
    // Offsets count bytes of the input as given: each Persian digit is two bytes.
    assert_eq!(
        Shams::parse("SHAMS۱*۱۲۳۴/ص"),
        Err(syntax(
            17,
            "'ص' must be written %D8%B5 in the letter number of the text form"
        ))
    );
}

#[test]
fn surrounding_white_space_is_ignored_and_offsets_count_it() {
    let padded = format!("  {EXAMPLE_1_TEXT}\r\n");
    assert_eq!(Shams::parse(&padded), Ok(example_1()));
    let err = Shams::parse("  SHAMX1").unwrap_err();
    assert_eq!(err, syntax(6, "expected the tag `SHAMS` (e.g. `SHAMS1*…`)"));
}

#[test]
fn builder_reports_the_missing_or_bad_field() {
    let full = || {
        Shams::builder()
            .letter_number("12")
            .issued_at(dt("2025-03-20T10:30:00"))
            .signer(nc("0076229645"), "P1")
            .org_email("a@b.ir")
            .org_legal_id(le("10380284790"))
    };
    assert!(full().build().is_ok());
    let field_of = |b: ShamsBuilder| match b.build() {
        Err(IdError::Field { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    };
    assert_eq!(field_of(Shams::builder()), "letter_number");
    assert_eq!(field_of(Shams::builder().letter_number("1")), "issued_at");
    assert_eq!(field_of(full().letter_number("")), "letter_number");
    assert_eq!(field_of(full().letter_number(" 12")), "letter_number");
    assert_eq!(
        field_of(full().letter_number("1\u{202E}2")),
        "letter_number"
    );
    assert_eq!(
        field_of(full().letter_number(&"۱".repeat(21))),
        "letter_number"
    );
    assert_eq!(field_of(full().guid(Uuid::nil())), "guid");
    assert_eq!(field_of(full().guid(Uuid::max())), "guid");
    assert_eq!(
        field_of(full().signer(nc("0012345679"), "")),
        "signer.post_id"
    );
    assert_eq!(
        field_of(full().signer(nc("0012345679"), "A--B")),
        "signer.post_id"
    );
    assert_eq!(
        field_of(full().signer(nc("0012345679"), "A_B")),
        "signer.post_id"
    );
    assert_eq!(field_of(full().signer(nc("0076229645"), "P2")), "signers");
    assert_eq!(field_of(full().org_email("a@b")), "org_email");
    assert_eq!(field_of(full().org_email("a..b@b.ir")), "org_email");
    assert_eq!(field_of(full().org_email("a@-b.ir")), "org_email");
    assert_eq!(field_of(full().org_email("a@b.123")), "org_email");
    assert_eq!(field_of(full().org_email("علی@b.ir")), "org_email");
    assert_eq!(
        field_of(full().org_email(&format!("a@{}.ir", "b".repeat(64)))),
        "org_email"
    );
    let no_signer = Shams::builder()
        .letter_number("12")
        .issued_at(dt("2025-03-20T10:30:00"))
        .org_email("a@b.ir")
        .org_legal_id(le("10380284790"));
    assert_eq!(field_of(no_signer), "signers");
    let mut many = full();
    for body in 100_000_000u32..100_000_010 {
        let code = NationalCode::from_body(nine_digits(body + 23_456_700)).expect("code");
        many = many.signer(code, "P");
    }
    assert_eq!(field_of(many), "signers");
    let message = match full().signer(nc("0012345679"), "a b").build() {
        Err(IdError::Field { message, .. }) => message,
        other => panic!("{other:?}"),
    };
    assert!(message.starts_with("signer 2: "), "{message}");
}

fn nine_digits(n: u32) -> [u8; 9] {
    let mut out = [0u8; 9];
    let mut n = n;
    for d in out.iter_mut().rev() {
        *d = (n % 10) as u8;
        n /= 10;
    }
    out
}

#[test]
fn builder_mints_a_fresh_v4_guid() {
    let build = || {
        Shams::builder()
            .letter_number("12")
            .issued_at(dt("2025-03-20T10:30:00"))
            .signer(nc("0076229645"), "P1")
            .org_email("a@b.ir")
            .org_legal_id(le("10380284790"))
            .build()
            .expect("build")
    };
    let (a, b) = (build(), build());
    assert_eq!(a.guid().get_version_num(), 4);
    assert_ne!(a.guid(), b.guid());
}

#[test]
fn date_time_is_a_real_gregorian_date_and_time() {
    assert!(ShamsDateTime::new(2024, 2, 29, 0, 0, 0).is_ok());
    assert!(ShamsDateTime::new(2025, 2, 29, 0, 0, 0).is_err());
    assert!(ShamsDateTime::new(2025, 4, 31, 0, 0, 0).is_err());
    assert!(ShamsDateTime::new(2025, 13, 1, 0, 0, 0).is_err());
    assert!(ShamsDateTime::new(2025, 0, 1, 0, 0, 0).is_err());
    assert!(ShamsDateTime::new(2025, 1, 1, 24, 0, 0).is_err());
    assert!(ShamsDateTime::new(2025, 1, 1, 0, 60, 0).is_err());
    assert!(ShamsDateTime::new(2025, 1, 1, 0, 0, 60).is_err());
    assert!(ShamsDateTime::new(1899, 12, 31, 0, 0, 0).is_err());
    assert!("2025-03-20 10:30:00".parse::<ShamsDateTime>().is_err());
    assert!("2025-03-20T10:30:00Z".parse::<ShamsDateTime>().is_err());
    assert!("2025-03-20T10:30".parse::<ShamsDateTime>().is_err());
}

#[test]
fn letter_number_canonical_form() {
    let canon = |s: &str| canonical_letter_number(s).expect("canonical");
    assert_eq!(canon("۱۲۳۴/ص/۱۴۰۳"), "1234/ص/1403");
    assert_eq!(canon("٤٥٦/ك/ي"), "456/ک/ی");
    // NFKC: full-width digits and Arabic presentation forms.
    assert_eq!(canon("１２/\u{FEF1}"), "12/ی");
    // ZWNJ is part of Persian spelling and kept.
    assert_eq!(canon("نامه\u{200C}ها"), "نامه\u{200C}ها");
}

fn syntax(offset: usize, message: &str) -> IdError {
    IdError::Syntax {
        kind: IdKind::Shams,
        offset,
        message: message.to_owned(),
    }
}

fn field(err: Result<Shams, IdError>) -> (&'static str, String) {
    match err {
        Err(IdError::Field { field, message, .. }) => (field, message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// `EXAMPLE_1_TEXT` with `from` replaced by `to` (once).
fn ex1(from: &str, to: &str) -> String {
    assert!(EXAMPLE_1_TEXT.contains(from), "{from}");
    EXAMPLE_1_TEXT.replacen(from, to, 1)
}

#[test]
fn syntax_errors_carry_the_offset_of_the_first_error() {
    let cases: Vec<(String, usize, &str)> = vec![
        (
            ex1("SHAMS", "SHAMX"),
            4,
            "expected the tag `SHAMS` (e.g. `SHAMS1*…`)",
        ),
        ("X".into(), 0, "expected the tag `SHAMS` (e.g. `SHAMS1*…`)"),
        (
            "SHAM".into(),
            4,
            "expected the tag `SHAMS` (e.g. `SHAMS1*…`)",
        ),
        (
            ex1("SHAMS1", "SHAMS"),
            5,
            "expected the version number after `SHAMS`",
        ),
        (ex1("SHAMS1*", "SHAMS1-"), 6, "expected `*` after the tag"),
        ("SHAMS1".into(), 6, "expected `*` after the tag"),
        (
            ex1("%D8%B5", "ص"),
            12,
            "'ص' must be written %D8%B5 in the letter number of the text form",
        ),
        (
            ex1("1234/", "12+4/"),
            9,
            "'+' must be written %2B in the letter number of the text form",
        ),
        (ex1("%B5", "%B"), 17, "expected two hex digits after `%`"),
        (ex1("%B5", "%G5"), 16, "expected two hex digits after `%`"),
        (
            ex1("%D8%B5", "%D8"),
            12,
            "the percent-escapes in the letter number are not UTF-8",
        ),
        (
            ex1("%D8%B5", "%B5%D8"),
            12,
            "the percent-escapes in the letter number are not UTF-8",
        ),
        // Without its `*` the letter number runs on into the date-time.
        (
            ex1("1403*", "1403"),
            36,
            "':' must be written %3A in the letter number of the text form",
        ),
        (
            ex1("1403*", "1403%x*"),
            24,
            "expected two hex digits after `%`",
        ),
        (
            ex1("2025-03-20T", "2025-03-20 "),
            34,
            "expected `T` in the date-time (YYYY-MM-DDTHH:MM:SS)",
        ),
        (
            ex1("10:30:00", "10:30:0"),
            42,
            "expected a digit in the date-time (YYYY-MM-DDTHH:MM:SS)",
        ),
        (ex1(":00*", ":00Z*"), 43, "expected `*` after the date-time"),
        (
            ex1("3f2c8a1e", "3f2c8a1g"),
            51,
            "expected a hex digit in the GUID (8-4-4-4-12 hex digits)",
        ),
        (
            ex1("3f2c8a1e-", "3f2c8a1e"),
            52,
            "expected `-` in the GUID (8-4-4-4-12 hex digits)",
        ),
        (
            ex1("0076229645", "007622964"),
            90,
            "expected a digit in the national code of signer 1 (10 digits)",
        ),
        (
            ex1("0076229645:", "0076229645-"),
            91,
            "expected `:` after the national code of signer 1",
        ),
        (
            ex1("P-1203", "P_1203"),
            93,
            "'_' cannot stand in the post ID of signer 1 (A-Z, 0-9, '-')",
        ),
        (
            ex1("P-1203*", "P-1203+"),
            99,
            "expected a digit in the national code of signer 2 (10 digits)",
        ),
        (
            ex1("dabirkhaneh@", "dabir khaneh@"),
            104,
            "' ' must be written %20 in the email of the text form",
        ),
        // Without its `*` the email runs on into the digits of the legal-entity ID.
        (ex1("ac.ir*", "ac.ir"), 135, "expected `*` after the email"),
        (
            ex1("ac.ir*", "ac.ir:"),
            124,
            "':' must be written %3A in the email of the text form",
        ),
        (
            ex1("*10380284790", "*1038028479"),
            135,
            "expected a digit in the legal-entity ID (11 digits)",
        ),
        (
            format!("{EXAMPLE_1_TEXT}0"),
            136,
            "unexpected data after the legal-entity ID (the last field)",
        ),
        (
            format!("{EXAMPLE_1_TEXT}*"),
            136,
            "unexpected data after the legal-entity ID (the last field)",
        ),
        (
            format!("{EXAMPLE_1_TEXT} x"),
            136,
            "unexpected data after the legal-entity ID (the last field)",
        ),
    ];
    for (input, offset, message) in cases {
        assert_eq!(
            Shams::parse(&input),
            Err(syntax(offset, message)),
            "{input}"
        );
    }
}

#[test]
fn qr_form_syntax_errors() {
    let qr1 = |from: &str, to: &str| EXAMPLE_1_QR.replacen(from, to, 1);
    assert_eq!(
        Shams::parse_qr_payload(EXAMPLE_1_TEXT),
        Err(syntax(
            6,
            "expected `Q`: a QR payload starts with `SHAMS1Q*`"
        ))
    );
    assert_eq!(
        Shams::parse(&qr1("1234/", "1234/a")),
        Err(syntax(
            13,
            "'a' must be written %61 in the letter number of the QR form"
        ))
    );
    assert_eq!(
        Shams::parse(&qr1("20250320103000", "2025-03-20T10:30:00")),
        Err(syntax(
            29,
            "expected a digit in the date-time (YYYYMMDDHHMMSS)"
        ))
    );
    assert_eq!(
        Shams::parse(&qr1("3F2C8A1E7B4D", "3F2C8A1E-7B4D")),
        Err(syntax(
            48,
            "expected a hex digit in the GUID (32 hex digits)"
        ))
    );
    assert_eq!(
        Shams::parse(&qr1("%40", "@")),
        Err(syntax(
            102,
            "'@' must be written %40 in the email of the QR form"
        ))
    );
    // Case-insensitive parts may come in lower case (a scanner in byte mode).
    let lower =
        qr1("DABIRKHANEH%40EXAMPLE", "dabirkhaneh%40example").replace("3F2C8A1E", "3f2c8a1e");
    assert_eq!(Shams::parse_qr_payload(&lower), Ok(example_1()));
    assert_eq!(
        Shams::parse_qr_payload(&EXAMPLE_1_QR.to_lowercase().replace("%d8%b5", "%D8%B5")),
        Ok(example_1())
    );
}

#[test]
fn unsupported_versions_are_named() {
    for (input, found) in [
        ("SHAMS2*anything", "2"),
        ("SHAMS2Q*", "2"),
        ("shams10", "10"),
        ("SHAMS01*", "01"),
        ("SHAMS۳*", "3"),
    ] {
        assert_eq!(
            Shams::parse(input),
            Err(IdError::UnsupportedVersion {
                kind: IdKind::Shams,
                found: found.to_owned(),
                supported: "1",
            }),
            "{input}"
        );
    }
}

#[test]
fn empty_and_oversized_input() {
    assert_eq!(
        Shams::parse(""),
        Err(IdError::Empty {
            kind: IdKind::Shams
        })
    );
    assert_eq!(
        Shams::parse(" \n"),
        Err(IdError::Empty {
            kind: IdKind::Shams
        })
    );
    let long = format!("{EXAMPLE_1_TEXT}{}", " ".repeat(MAX_INPUT_BYTES));
    assert_eq!(
        Shams::parse(&long),
        Err(syntax(
            MAX_INPUT_BYTES,
            &format!(
                "the input is {} bytes; a SHAMS has at most 2048",
                long.len()
            )
        ))
    );
}

#[test]
fn field_errors_name_the_component() {
    let (f, m) = field(Shams::parse(&ex1("1234/%D8%B5/1403", &"1".repeat(21))));
    assert_eq!(
        (f, m.as_str()),
        (
            "letter_number",
            "has 21 characters after normalization; at most 20 are allowed"
        )
    );
    let (f, _) = field(Shams::parse(&ex1("1234/%D8%B5/1403", "%0A")));
    assert_eq!(f, "letter_number");
    let (f, m) = field(Shams::parse(&ex1("2025-03-20", "2025-02-30")));
    assert_eq!(
        (f, m.as_str()),
        ("issued_at", "2025-02-30 is not a Gregorian date")
    );
    let (f, _) = field(Shams::parse(&ex1("10:30:00", "24:00:00")));
    assert_eq!(f, "issued_at");
    let (f, _) = field(Shams::parse(&ex1(
        "3f2c8a1e-7b4d-4c9a-9e2f-1a2b3c4d5e6f",
        "00000000-0000-0000-0000-000000000000",
    )));
    assert_eq!(f, "guid");
    let (f, m) = field(Shams::parse(&ex1("0076229645", "0076229646")));
    assert_eq!(f, "signer.national_code");
    assert_eq!(
        m,
        "signer 1: national-code: check digit is 6 but should be 5; a digit was probably mistyped"
    );
    let (f, m) = field(Shams::parse(&ex1("P-1203", "P-1203-")));
    assert_eq!(
        (f, m.as_str()),
        (
            "signer.post_id",
            "signer 1: '-' may stand only between letters or digits, one at a time"
        )
    );
    let (f, _) = field(Shams::parse(&ex1(":P-1203", ":")));
    assert_eq!(f, "signer.post_id");
    let (f, _) = field(Shams::parse(&ex1("P-1203", "P-1203+0076229645:X")));
    assert_eq!(f, "signers");
    let eleven: Vec<String> = (0..11)
        .map(|i| {
            let code = NationalCode::from_body(nine_digits(123_456_700 + i)).expect("code");
            format!("{code}:P")
        })
        .collect();
    let (f, _) = field(Shams::parse(&ex1("0076229645:P-1203", &eleven.join("+"))));
    assert_eq!(f, "signers");
    let (f, m) = field(Shams::parse(&ex1("dabirkhaneh@", "dabirkhaneh")));
    assert_eq!((f, m.as_str()), ("org_email", "has no '@'"));
    let (f, m) = field(Shams::parse(&ex1("10380284790", "10380284791")));
    assert_eq!(f, "org_legal_id");
    assert!(m.starts_with("legal-id: check digit"), "{m}");
}

#[test]
fn non_canonical_input_parses_to_the_canonical_value() {
    // Upper-case GUID and email, lower-case post ID and tag, escaped safe characters,
    // Persian digits escaped in UTF-8, Arabic kaf: all read, then written canonically.
    let input = "shams1*%DB%B1%DB%B2%DB%B3%DB%B4%2F%D8%B5/1403*2025-03-20T10:30:00*3F2C8A1E-7B4D-4C9A-9E2F-1A2B3C4D5E6F*0076229645:p-1203*DabirKhaneh@Example.AC.IR*10380284790";
    let shams = Shams::parse(input).expect("parse");
    assert_eq!(shams, example_1());
    assert_eq!(shams.to_string(), EXAMPLE_1_TEXT);
}

fn arb_shams() -> impl Strategy<Value = Shams> {
    let letter = "[a-zA-Z0-9/ص-ی۰-۹٠-٩كي \u{200C}+*%:@_.~-]{1,24}"
        .prop_filter_map("canonical letter number", |s| {
            canonical_letter_number(&s).ok()
        });
    let date = (
        1900u16..=9999,
        1u8..=12,
        1u8..=28,
        0u8..24,
        0u8..60,
        0u8..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| {
            ShamsDateTime::new(y, mo, d, h, mi, s).expect("valid date")
        });
    let guid = any::<u128>()
        .prop_filter("not nil or max", |&g| g != 0 && g != u128::MAX)
        .prop_map(Uuid::from_u128);
    let code = (0u32..1_000_000_000).prop_filter_map("valid national code", |n| {
        NationalCode::from_body(nine_digits(n)).ok()
    });
    let post = "[A-Za-z0-9]{1,6}(-[A-Za-z0-9]{1,6}){0,2}";
    let signers = prop::collection::vec((code, post), 1..=4);
    let email = "[a-zA-Z0-9_+-]{1,10}(\\.[a-z0-9_+-]{1,8})?@[a-z0-9]{1,10}(-[a-z0-9]{1,5})?\\.[a-zA-Z]{2,6}";
    let legal = (0u64..10_000_000_000).prop_filter_map("valid legal-entity ID", |n| {
        let mut body = [0u8; 10];
        let mut n = n;
        for d in body.iter_mut().rev() {
            *d = (n % 10) as u8;
            n /= 10;
        }
        LegalEntityId::from_body(body).ok()
    });
    (letter, date, guid, signers, email, legal).prop_filter_map(
        "buildable",
        |(letter, date, guid, signers, email, legal)| {
            let mut b = Shams::builder()
                .letter_number(&letter)
                .issued_at(date)
                .guid(guid)
                .org_email(&email)
                .org_legal_id(legal);
            let mut seen = Vec::new();
            for (code, post) in signers {
                if !seen.contains(&code) {
                    seen.push(code);
                    b = b.signer(code, &post);
                }
            }
            b.build().ok()
        },
    )
}

proptest! {
    #[test]
    fn text_form_round_trips(shams in arb_shams()) {
        let text = shams.to_string();
        prop_assert!(text.len() <= MAX_INPUT_BYTES);
        prop_assert_eq!(Shams::parse(&text), Ok(shams));
    }

    #[test]
    fn qr_form_round_trips_in_the_alphanumeric_set(shams in arb_shams()) {
        let qr = shams.to_qr_payload();
        prop_assert!(qr.chars().all(|c| QR_ALPHANUMERIC.contains(c)), "{}", qr);
        prop_assert_eq!(Shams::parse_qr_payload(&qr), Ok(shams.clone()));
        prop_assert_eq!(Shams::parse(&qr), Ok(shams));
    }

    #[test]
    fn letter_number_canonical_form_is_idempotent(s in "\\PC{1,20}") {
        if let Ok(once) = canonical_letter_number(&s) {
            prop_assert_eq!(canonical_letter_number(&once), Ok(once.clone()));
        }
    }

    #[test]
    fn parse_is_idempotent_on_mutated_input(
        shams in arb_shams(),
        qr in any::<bool>(),
        at in any::<prop::sample::Index>(),
        insert in "\\PC{0,3}",
        delete in 0usize..3,
    ) {
        let encoded = if qr { shams.to_qr_payload() } else { shams.to_string() };
        let mut chars: Vec<char> = encoded.chars().collect();
        let i = at.index(chars.len() + 1);
        let end = (i + delete).min(chars.len());
        chars.splice(i..end, insert.chars());
        let mutated: String = chars.into_iter().collect();
        if let Ok(parsed) = Shams::parse(&mutated) {
            prop_assert_eq!(Shams::parse(&parsed.to_string()), Ok(parsed.clone()));
            prop_assert_eq!(Shams::parse_qr_payload(&parsed.to_qr_payload()), Ok(parsed));
        }
    }

    #[test]
    fn arbitrary_input_never_panics(s in "\\PC{0,200}") {
        let _ = Shams::parse(&s);
        let _ = Shams::parse_qr_payload(&s);
    }
}

#[test]
fn the_longest_shams_fits_the_input_limit() {
    let email = format!(
        "{}@{}.{}.{}",
        "+".repeat(64),
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(61)
    );
    let mut builder = Shams::builder()
        .letter_number(&"\u{1F600}".repeat(20))
        .issued_at(dt("2025-03-20T10:30:00"))
        .org_email(&email)
        .org_legal_id(le("10380284790"));
    for i in 0..10 {
        let code = NationalCode::from_body(nine_digits(123_456_700 + i)).expect("code");
        builder = builder.signer(code, &"P".repeat(20));
    }
    let shams = builder.build().expect("longest");
    assert_eq!(shams.to_string().len(), 1019);
    assert_eq!(shams.to_qr_payload().len(), 1013);
    assert_eq!(Shams::parse(&shams.to_string()), Ok(shams.clone()));
    assert_eq!(Shams::parse_qr_payload(&shams.to_qr_payload()), Ok(shams));
}
