//! Unit tests of the diploma record, its field rules, the QR payload and the batch fonts.

use super::fields::{FieldCheck, gpa, normalize_text};
use super::*;
use crate::ids::shams::Uuid;
use crate::{DegreeLevel, DiplomaNumber, Shams};

const FIXTURE: &str = include_str!("../../tests/data/diploma/record.json");

fn fixture() -> DiplomaRecord {
    DiplomaRecord::from_json(FIXTURE).expect("fixture")
}

fn value() -> serde_json::Value {
    serde_json::from_str(FIXTURE).expect("json")
}

fn field_of(result: Result<DiplomaRecord, DiplomaError>) -> String {
    match result {
        Err(DiplomaError::Field { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn with(path: &[&str], new: serde_json::Value) -> Result<DiplomaRecord, DiplomaError> {
    let mut v = value();
    let mut at = &mut v;
    for p in path {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    *at = new;
    DiplomaRecord::from_json(&v.to_string())
}

fn graduate() -> Graduate {
    Graduate {
        national_code: "۰۰۷۶۲۲۹۶۴۵".into(),
        first_name_fa: "  نوش‌آفرين ".into(),
        last_name_fa: "كريمي".into(),
        first_name_en: "Nooshafarin".into(),
        last_name_en: "Karimi".into(),
        father_name_fa: "علي   اكبر".into(),
        birth_date: "۱۳۸۰/۰۵/۱۲".into(),
        degree_level: "Bachelor".into(),
        field_fa: "فيزيك".into(),
        field_en: "Physics".into(),
        university_legal_id: "۱۰۳۸۰۲۸۴۷۹۰".into(),
        university_name_fa: "دانشگاه صنعتی نمونه".into(),
        graduation_date: "2024-09-21".into(),
        gpa: "۱۸٫۵".into(),
        student_id: "9812345".into(),
    }
}

fn issuer() -> Issuer {
    fixture().issuer().clone()
}

fn shams() -> Shams {
    Shams::builder()
        .letter_number("1403/1")
        .issued_at("2024-09-21T10:00:00".parse().expect("time"))
        .guid(Uuid::from_u128(9))
        .signer("0076229645".parse().expect("code"), "P-1")
        .org_email("registrar@example.ac.ir")
        .org_legal_id("10380284790".parse().expect("id"))
        .build()
        .expect("shams")
}

fn number(year: u16, level: DegreeLevel) -> DiplomaNumber {
    DiplomaNumber::new("10380284790".parse().expect("id"), year, level, 5).expect("number")
}

#[test]
fn issue_normalizes_every_typed_form() {
    let r = DiplomaRecord::issue(
        &graduate(),
        &issuer(),
        number(1403, DegreeLevel::Bachelor),
        &shams(),
    )
    .expect("record");
    let g = r.graduate();
    assert_eq!(g.first_name_fa, "نوش\u{200C}آفرین", "ZWNJ kept, ي folded");
    assert_eq!(g.last_name_fa, "کریمی");
    assert_eq!(g.father_name_fa, "علی اکبر", "spaces collapsed, ك folded");
    assert_eq!(g.national_code, "0076229645");
    assert_eq!(g.birth_date, "1380/05/12");
    assert_eq!(
        r.degree().graduation_date,
        "1403/06/31",
        "Gregorian input, Jalali stored"
    );
    assert_eq!(r.degree().gpa, "18.50");
    assert_eq!(r.degree().field_fa, "فیزیک");
    assert_eq!(r.degree().level, "bachelor");
    // What issue produced is what from_json accepts, unchanged.
    let again = DiplomaRecord::from_json(&r.canonical_json().expect("jcs")).expect("reads back");
    assert_eq!(again, r);
}

#[test]
fn issue_rejects_a_number_of_another_year_or_level() {
    let err = DiplomaRecord::issue(
        &graduate(),
        &issuer(),
        number(1402, DegreeLevel::Bachelor),
        &shams(),
    );
    assert_eq!(field_of(err), "number");
    let err = DiplomaRecord::issue(
        &graduate(),
        &issuer(),
        number(1403, DegreeLevel::Master),
        &shams(),
    );
    assert_eq!(field_of(err), "number");
}

#[test]
fn issue_rejects_another_university() {
    let mut g = graduate();
    g.university_legal_id = "10100000000".into();
    let err = DiplomaRecord::issue(&g, &issuer(), number(1403, DegreeLevel::Bachelor), &shams());
    assert_eq!(field_of(err), "graduate.university_legal_id");
}

#[test]
fn issue_names_the_bad_field() {
    type Change = fn(&mut Graduate);
    let cases: [(Change, &str); 7] = [
        (|g| g.first_name_fa = " ".into(), "graduate.first_name_fa"),
        (|g| g.first_name_fa = "Ali".into(), "graduate.first_name_fa"),
        (|g| g.first_name_en = "علی".into(), "graduate.first_name_en"),
        (
            |g| g.birth_date = "1380/13/01".into(),
            "graduate.birth_date",
        ),
        (|g| g.gpa = "20.5".into(), "degree.gpa"),
        (|g| g.gpa = "abc".into(), "degree.gpa"),
        (
            |g| g.national_code = "0076229646".into(),
            "graduate.national_code",
        ),
    ];
    for (change, expected) in cases {
        let mut g = graduate();
        change(&mut g);
        let err =
            DiplomaRecord::issue(&g, &issuer(), number(1403, DegreeLevel::Bachelor), &shams());
        assert_eq!(field_of(err), expected);
    }
}

#[test]
fn from_json_rejects_text_not_in_stored_form() {
    let err = with(&["graduate", "first_name_fa"], "محمدحسين".into());
    let Err(DiplomaError::Field { field, message }) = err else {
        panic!("{err:?}")
    };
    assert_eq!(field, "graduate.first_name_fa");
    assert!(message.contains("write \"محمدحسین\""), "{message}");
    assert_eq!(
        field_of(with(&["degree", "gpa"], "17.5".into())),
        "degree.gpa"
    );
    assert_eq!(
        field_of(with(&["degree", "level"], "Bachelor".into())),
        "degree.level"
    );
    assert_eq!(
        field_of(with(&["degree", "graduation_date"], "۱۴۰۳/۰۶/۳۱".into())),
        "degree.graduation_date"
    );
    assert_eq!(
        field_of(with(&["graduate", "birth_date"], "1404/01/01".into())),
        "graduate.birth_date"
    );
    assert_eq!(
        field_of(with(&["profile"], "samad-diploma/2".into())),
        "profile"
    );
    assert_eq!(
        field_of(with(
            &["issuer", "signers", "1", "role"],
            "official-3".into()
        )),
        "issuer.signers[1].role"
    );
}

#[test]
fn from_json_reports_line_and_column_and_unknown_members() {
    match DiplomaRecord::from_json("{\n  \"profile\": 1") {
        Err(DiplomaError::Json {
            line: 2, column, ..
        }) => assert!(column > 0),
        other => panic!("{other:?}"),
    }
    let mut v = value();
    v["extra"] = 1.into();
    assert!(matches!(
        DiplomaRecord::from_json(&v.to_string()),
        Err(DiplomaError::Json { .. })
    ));
    let big = " ".repeat(MAX_RECORD_BYTES + 1);
    assert!(matches!(
        DiplomaRecord::from_json(&big),
        Err(DiplomaError::TooLarge { .. })
    ));
}

#[test]
fn canonical_json_is_independent_of_member_order_and_space() {
    let record = fixture();
    let canonical = record.canonical_json().expect("jcs");
    assert!(canonical.starts_with("{\"degree\":{\"field_en\":"));
    assert!(!canonical.contains('\n'));
    // The fixture is pretty-printed; its canonical form is the same record.
    assert_eq!(DiplomaRecord::from_json(&canonical).expect("reads"), record);
    assert_eq!(record.sha256_hex().expect("hash").len(), 64);
}

#[test]
fn gpa_forms() {
    let n = FieldCheck::Normalize;
    assert_eq!(gpa("g", "17", n).expect("int"), "17.00");
    assert_eq!(gpa("g", "۱۷٫۲۵", n).expect("persian"), "17.25");
    assert_eq!(gpa("g", "9/5", n).expect("slash"), "9.50");
    assert_eq!(gpa("g", "20", n).expect("max"), "20.00");
    assert!(gpa("g", "20.01", n).is_err());
    assert!(gpa("g", "17.255", n).is_err());
    assert!(gpa("g", ".5", n).is_err());
    assert!(gpa("g", "17.5", FieldCheck::Stored).is_err());
    assert_eq!(normalize_text(" a \t b "), "a b");
}

#[test]
fn qr_payload_round_trips_and_rejects_others() {
    let record = fixture();
    let payload = qr_payload(&record).expect("payload");
    assert!(payload.starts_with("SAMAD-DIPLOMA:1:103802847901403200000165:"));
    assert!(
        payload
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || "-:".contains(c))
    );
    // All in the alphanumeric set: 105 characters fit version 5 at level M (spec §6).
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .expect("encodes");
    assert_eq!(code.version(), qrcode::Version::Normal(5));
    assert_eq!(code.width(), 37);
    let (n, digest) = parse_qr_payload(&payload).expect("parses");
    assert_eq!(n, record.number());
    assert_eq!(digest, record.sha256_hex().expect("hash"));
    for bad in [
        "",
        "SAMAD-DIPLOMA:2:103802847901403200000165:00",
        &payload.replace("SAMAD", "SAMAX"),
        &payload[..payload.len() - 1],
        &payload.to_ascii_lowercase(),
        &payload.replace(":103802847901403200000165:", ":103802847901403200000166:"),
    ] {
        assert!(
            matches!(parse_qr_payload(bad), Err(DiplomaError::Qr { .. })),
            "{bad}"
        );
    }
}

#[test]
fn fonts_are_prepared_once_and_refuse_foreign_text() {
    let record = fixture();
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let face = fonts.face(FontStyle::Regular);
    assert!(face.shape("بدین‌وسیله", true).is_ok());
    // «ژ» appears on no line of this diploma, so its glyph is not in the subset.
    assert!(matches!(
        face.shape("ژاله", true),
        Err(DiplomaError::GlyphNotPrepared { .. })
    ));
    let other = record.clone();
    assert!(render(&other, &fonts, time::macros::datetime!(2025-03-20 0:00 UTC)).is_ok());
}

#[test]
fn zwnj_and_marks_need_actual_text_plain_letters_do_not() {
    let record = fixture();
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let face = fonts.face(FontStyle::Bold);
    let line = face.shape("محمد\u{200C}حسین", true).expect("shape");
    // Visual order is right to left reversed: the clusters spell the text backwards.
    let logical: String = line
        .clusters
        .iter()
        .rev()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(logical, "محمد\u{200C}حسین");
    let zwnj = line
        .clusters
        .iter()
        .find(|c| c.text == "\u{200C}")
        .expect("ZWNJ cluster");
    assert!(
        !face.maps_back(zwnj),
        "ZWNJ is drawn with an invisible glyph: ActualText"
    );
    let letters = line.clusters.iter().filter(|c| c.text != "\u{200C}");
    assert!(letters.into_iter().all(|c| face.maps_back(c)));
}

#[test]
fn missing_glyph_is_an_error_naming_the_character() {
    let record = fixture();
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let err = fonts
        .face(FontStyle::Regular)
        .shape("漢", false)
        .expect_err("no CJK in Vazirmatn");
    assert!(
        matches!(
            err,
            DiplomaError::MissingGlyph {
                character: '漢',
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn rendering_is_deterministic_and_xmp_names_pdfa_3b() {
    let record = fixture();
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let at = time::macros::datetime!(2025-03-20 10:30 UTC);
    let a = render(&record, &fonts, at).expect("render");
    assert_eq!(a, render(&record, &fonts, at).expect("render again"));
    let xmp = xmp_packet(&record, at).expect("xmp");
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>"));
    assert!(xmp.contains("<xmp:CreateDate>2025-03-20T10:30:00Z</xmp:CreateDate>"));
}

#[test]
fn fonts_prepared_on_several_threads_render_the_same_bytes() {
    let names = [
        "علی",
        "زهرا",
        "محمد\u{200C}حسین",
        "ژاله",
        "پژمان",
        "گلاره",
        "کوثر",
        "یگانه",
    ];
    let families = ["رضایی", "احمدی", "کاظمی", "فرهادی", "موسوی"];
    let records: Vec<DiplomaRecord> = (0..24)
        .map(|i| {
            let mut v = value();
            v["graduate"]["first_name_fa"] = names[i % names.len()].into();
            v["graduate"]["last_name_fa"] = families[i % families.len()].into();
            DiplomaRecord::from_json(&v.to_string()).expect("record")
        })
        .collect();
    let at = time::macros::datetime!(2025-03-20 0:00 UTC);
    let one = DiplomaFonts::prepare(&records).expect("fonts");
    // The names reach the pages: «ژ», «گ», «پ» are not on the fixture's.
    let fixture_only = DiplomaFonts::prepare([&fixture()]).expect("fonts");
    assert!(one.glyph_count() > fixture_only.glyph_count());
    for threads in [0, 2, 5] {
        let many = DiplomaFonts::prepare_on(&records, threads).expect("fonts");
        assert_eq!(many.glyph_count(), one.glyph_count());
        for record in &records {
            assert_eq!(
                render(record, &many, at).expect("render"),
                render(record, &one, at).expect("render"),
                "{threads} threads"
            );
        }
    }
}
