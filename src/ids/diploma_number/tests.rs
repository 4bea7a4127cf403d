use super::*;
use crate::text::to_persian_digits;
use proptest::prelude::*;

fn university() -> LegalEntityId {
    "10380284790".parse().unwrap()
}

fn example() -> DiplomaNumber {
    DiplomaNumber::new(university(), 1403, DegreeLevel::Bachelor, 123).unwrap()
}

/// 22 data digits with their correct check digits appended, whatever the fields say.
fn with_check(data: &str) -> String {
    let values: Vec<u8> = data.bytes().map(|b| b - b'0').collect();
    let [a, b] = check::mod97_10_compute(&values).unwrap();
    format!("{data}{a}{b}")
}

fn field_of(err: IdError) -> &'static str {
    match err {
        IdError::Field { kind, field, .. } => {
            assert_eq!(kind, IdKind::DiplomaNumber);
            field
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn spec_example() {
    let n = example();
    assert_eq!(n.to_string(), "10380284790-1403-2-000123-87");
    assert_eq!(n.compact(), "103802847901403200012387");
    assert_eq!(n.check_digits(), "87");
    assert_eq!(n.university(), university());
    assert_eq!(n.year(), 1403);
    assert_eq!(n.level(), DegreeLevel::Bachelor);
    assert_eq!(n.serial(), 123);
}

#[test]
fn spec_worked_example_arithmetic() {
    // spec/identifiers.md §3.3: N = 1038028479014032000123, N mod 97 = 36, N·100 mod 97 = 11.
    let data: Vec<u8> = "1038028479014032000123".bytes().map(|b| b - b'0').collect();
    assert_eq!(check::mod97(&data), Some(36));
    assert_eq!((36 * 100) % 97, 11);
    assert_eq!(98 - 11, 87);
}

#[test]
fn spec_examples_of_other_levels() {
    // Expected check digits computed independently: python3 -c "print(98 - N * 100 % 97)".
    let cases = [
        (
            1402,
            DegreeLevel::Associate,
            1,
            "10380284790-1402-1-000001-",
        ),
        (1403, DegreeLevel::Master, 45, "10380284790-1403-3-000045-"),
        (
            1404,
            DegreeLevel::Doctorate,
            999_999,
            "10380284790-1404-4-999999-",
        ),
    ];
    for (year, level, serial, prefix) in cases {
        let n = DiplomaNumber::new(university(), year, level, serial).unwrap();
        let printed = n.to_string();
        assert!(printed.starts_with(prefix), "{printed}");
        assert_eq!(DiplomaNumber::parse(&printed).unwrap(), n);
    }
    let printed: Vec<String> = cases
        .iter()
        .map(|&(y, l, s, _)| {
            DiplomaNumber::new(university(), y, l, s)
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        printed,
        [
            "10380284790-1402-1-000001-83",
            "10380284790-1403-3-000045-46",
            "10380284790-1404-4-999999-85",
        ]
    );
}

#[test]
fn spec_shows_what_the_code_prints() {
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/identifiers.md"))
        .unwrap();
    let n = example();
    let parts = serde_json::to_string(&n).unwrap();
    let others = [
        (1402, DegreeLevel::Associate, 1),
        (1403, DegreeLevel::Master, 45),
        (1404, DegreeLevel::Doctorate, 999_999),
    ]
    .map(|(y, l, s)| {
        DiplomaNumber::new(university(), y, l, s)
            .unwrap()
            .to_string()
    });
    for text in [n.to_string(), n.compact().to_owned(), parts]
        .into_iter()
        .chain(others)
    {
        assert!(spec.contains(&text), "spec/identifiers.md §3 lacks {text}");
    }
}

#[test]
fn serializes_as_an_object_of_components() {
    let json = serde_json::to_value(example()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "university": "10380284790",
            "year": 1403,
            "level": "bachelor",
            "serial": 123,
            "check_digits": "87"
        })
    );
}

#[test]
fn id_check_reports_parts() {
    let checked =
        crate::ids::check("10380284790-1403-2-000123-87", Some(IdKind::DiplomaNumber)).unwrap();
    assert_eq!(checked.canonical, "10380284790-1403-2-000123-87");
    assert_eq!(checked.parts["level"], "bachelor");
    // Without --kind, 24 digits are taken for a diploma number.
    let guessed = crate::ids::check("103802847901403200012387", None).unwrap();
    assert_eq!(guessed.kind, IdKind::DiplomaNumber);
}

#[test]
fn typed_forms() {
    let n = example();
    for typed in [
        "103802847901403200012387",
        "10380284790-1403-2-000123-87",
        "10380284790 1403 2 000123 87",
        "  10380284790-1403-2-000123-87\n",
        "10380284790\u{2013}1403\u{2011}2\u{2010}000123-87",
        "10380284790-14032000123-87",
        "۱۰۳۸۰۲۸۴۷۹۰-۱۴۰۳-۲-۰۰۰۱۲۳-۸۷",
        "١٠٣٨٠٢٨٤٧٩٠ ١٤٠٣ ٢ ٠٠٠١٢٣ ٨٧",
        "۱۰۳۸۰284790-1403-۲-000123-۸7",
    ] {
        assert_eq!(DiplomaNumber::parse(typed), Ok(n), "{typed:?}");
        assert_eq!(typed.parse::<DiplomaNumber>(), Ok(n), "{typed:?}");
    }
}

#[test]
fn empty() {
    assert_eq!(
        DiplomaNumber::parse("  "),
        Err(IdError::Empty {
            kind: IdKind::DiplomaNumber
        })
    );
}

#[test]
fn wrong_length() {
    for (input, found) in [
        ("10380284790-1403-2-000123-8", 23),
        ("10380284790-1403-2-000123-870", 25),
        ("10380284790", 11),
    ] {
        assert_eq!(
            DiplomaNumber::parse(input),
            Err(IdError::WrongLength {
                kind: IdKind::DiplomaNumber,
                expected: "24",
                found
            }),
            "{input}"
        );
    }
}

#[test]
fn bad_character_positions() {
    let cases = [
        // A letter inside the serial.
        ("10380284790-1403-2-00x123-87", 22, 'x'),
        // A dash one digit early (inside the university group).
        ("1038028479-01403-2-000123-87", 11, '-'),
        // Two separators in a row.
        ("10380284790--1403-2-000123-87", 13, '-'),
        // A separator at the end.
        ("10380284790-1403-2-000123-87-", 29, '-'),
        // A separator at the start (after the white space).
        (" -10380284790-1403-2-000123-87", 2, '-'),
        // A slash is not a separator.
        ("10380284790/1403-2-000123-87", 12, '/'),
    ];
    for (input, position, found) in cases {
        assert_eq!(
            DiplomaNumber::parse(input),
            Err(IdError::NotADigit {
                kind: IdKind::DiplomaNumber,
                position,
                found
            }),
            "{input}"
        );
    }
}

#[test]
fn check_mismatch_names_found_and_expected() {
    let err = DiplomaNumber::parse("10380284790-1403-2-000132-87").unwrap_err();
    let expected = check::mod97_10_compute(
        &"1038028479014032000132"
            .bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(
        err,
        IdError::CheckMismatch {
            kind: IdKind::DiplomaNumber,
            found: "87".into(),
            expected: format!("{}{}", expected[0], expected[1]),
        }
    );
    assert_eq!(err.code(), "check-mismatch");
}

#[test]
fn aliases_of_the_check_digits_are_rejected() {
    // A number with check 98 is also ≡ 1 (mod 97) with 01, but only 98 is accepted.
    let n = (1..200u32)
        .map(|s| DiplomaNumber::new(university(), 1403, DegreeLevel::Bachelor, s).unwrap())
        .find(|n| n.check_digits() == "98")
        .unwrap();
    let alias = format!("{}01", &n.compact()[..22]);
    assert!(matches!(
        DiplomaNumber::parse(&alias),
        Err(IdError::CheckMismatch { .. })
    ));
}

#[test]
fn invalid_university() {
    // 10380284791: the legal-entity check digit is wrong; the MOD 97-10 check is right.
    let err = DiplomaNumber::parse(&with_check("1038028479114032000123")).unwrap_err();
    assert!(err.to_string().contains("10380284791"), "{err}");
    assert_eq!(field_of(err), "university");
    // Degenerate legal-entity IDs too.
    let err = DiplomaNumber::parse(&with_check("1110000000014032000123")).unwrap_err();
    assert_eq!(field_of(err), "university");
}

#[test]
fn bad_level() {
    for level in ['0', '5', '9'] {
        let data = format!("103802847901403{level}000123");
        let err = DiplomaNumber::parse(&with_check(&data)).unwrap_err();
        assert!(err.to_string().contains(&format!("digit {level}")), "{err}");
        assert_eq!(field_of(err), "level");
    }
}

#[test]
fn year_out_of_range() {
    for year in ["1299", "2000", "0000", "9999"] {
        let data = format!("10380284790{year}2000123");
        let err = DiplomaNumber::parse(&with_check(&data)).unwrap_err();
        assert_eq!(field_of(err), "year");
    }
    for year in [0, 1299, 2000, u16::MAX] {
        let err = DiplomaNumber::new(university(), year, DegreeLevel::Master, 1).unwrap_err();
        assert_eq!(field_of(err), "year");
    }
    assert!(DiplomaNumber::new(university(), 1300, DegreeLevel::Master, 1).is_ok());
    assert!(DiplomaNumber::new(university(), 1999, DegreeLevel::Master, 1).is_ok());
}

#[test]
fn serial_out_of_range() {
    let err = DiplomaNumber::parse(&with_check("1038028479014032000000")).unwrap_err();
    assert_eq!(field_of(err), "serial");
    for serial in [0, 1_000_000, u32::MAX] {
        let err = DiplomaNumber::new(university(), 1403, DegreeLevel::Master, serial).unwrap_err();
        assert_eq!(field_of(err), "serial");
    }
}

#[test]
fn degree_level_names() {
    for level in DegreeLevel::ALL {
        assert_eq!(level.as_str().parse::<DegreeLevel>(), Ok(level));
        assert_eq!(DegreeLevel::from_code(level.code()), Some(level));
        let json = serde_json::to_string(&level).unwrap();
        assert_eq!(json, format!("\"{level}\""));
        assert_eq!(serde_json::from_str::<DegreeLevel>(&json).unwrap(), level);
    }
    assert_eq!(" Master ".parse::<DegreeLevel>(), Ok(DegreeLevel::Master));
    assert_eq!(DegreeLevel::Master.name_fa(), "کارشناسی ارشد");
    assert_eq!(DegreeLevel::Doctorate.name_fa(), "دکتری");
    assert_eq!(DegreeLevel::from_code(0), None);
    assert_eq!(DegreeLevel::from_code(5), None);
    let err = "phd".parse::<DegreeLevel>().unwrap_err();
    assert_eq!(field_of(err), "level");
}

fn any_university() -> impl Strategy<Value = LegalEntityId> {
    proptest::array::uniform10(0u8..10)
        .prop_filter_map("degenerate", |body| LegalEntityId::from_body(body).ok())
}

fn any_number() -> impl Strategy<Value = DiplomaNumber> {
    (
        any_university(),
        DiplomaNumber::MIN_YEAR..=DiplomaNumber::MAX_YEAR,
        proptest::sample::select(DegreeLevel::ALL.to_vec()),
        1..=DiplomaNumber::MAX_SERIAL,
    )
        .prop_map(|(u, y, l, s)| DiplomaNumber::new(u, y, l, s).unwrap())
}

proptest! {
    #[test]
    fn printed_round_trip(n in any_number()) {
        let printed = n.to_string();
        prop_assert_eq!(printed.len(), 28);
        prop_assert_eq!(DiplomaNumber::parse(&printed), Ok(n));
    }

    #[test]
    fn compact_round_trip(n in any_number()) {
        prop_assert_eq!(DiplomaNumber::parse(n.compact()), Ok(n));
        prop_assert_eq!(
            DiplomaNumber::new(n.university(), n.year(), n.level(), n.serial()),
            Ok(n)
        );
    }

    #[test]
    fn persian_and_spaced_round_trip(n in any_number()) {
        let persian = to_persian_digits(&n.to_string());
        prop_assert_eq!(DiplomaNumber::parse(&persian), Ok(n));
        let spaced = persian.replace('-', " ");
        prop_assert_eq!(DiplomaNumber::parse(&format!(" {spaced} ")), Ok(n));
    }

    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = DiplomaNumber::parse(&s);
    }
}

#[test]
fn a_number_is_its_24_digits_and_its_fields_read_back() {
    // A batch keeps one number per diploma: the fields are decoded, not stored.
    assert_eq!(std::mem::size_of::<DiplomaNumber>(), 24);
    let university: LegalEntityId = "10380284790".parse().unwrap();
    for (year, level, serial) in [
        (1300, DegreeLevel::Associate, 1),
        (1403, DegreeLevel::Bachelor, 12),
        (1999, DegreeLevel::Doctorate, 999_999),
    ] {
        let number = DiplomaNumber::new(university, year, level, serial).unwrap();
        let parsed = DiplomaNumber::parse(&number.to_string()).unwrap();
        for n in [number, parsed] {
            assert_eq!(
                (n.university(), n.year(), n.level(), n.serial()),
                (university, year, level, serial)
            );
        }
    }
}
