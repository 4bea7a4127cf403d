use super::*;
use proptest::prelude::*;

fn err(input: &str) -> IdError {
    match NationalCode::parse(input) {
        Ok(code) => panic!("{input:?} parsed as {code}"),
        Err(e) => e,
    }
}

fn not_a_digit(position: usize, found: char) -> IdError {
    IdError::NotADigit {
        kind: KIND,
        position,
        found,
    }
}

fn degenerate(reason: &'static str) -> IdError {
    IdError::Degenerate { kind: KIND, reason }
}

const REPEATED: &str = "all ten digits are the same; no such code is issued";
const ZERO_SERIAL: &str = "digits 4 to 9 are all zero; no such code is issued";

/// The same digits written with Persian digits (U+06F0–06F9).
fn persian(ascii: &str) -> String {
    ascii
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[test]
fn brief_example_is_valid() {
    // S = 0·10 + 0·9 + 7·8 + 6·7 + 2·6 + 2·5 + 9·4 + 6·3 + 4·2 = 182; 182 mod 11 = 6 → 11 − 6 = 5.
    assert_eq!(check_digit(&[0, 0, 7, 6, 2, 2, 9, 6, 4]), 5);
    let code = NationalCode::parse("0076229645").unwrap();
    assert_eq!(code.as_str(), "0076229645");
    assert_eq!(code.to_string(), "0076229645");
}

#[test]
fn each_branch_of_the_check_rule() {
    // Only the last two weights (3 and 2) are in play in these bodies.
    assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 3, 1]), 0); // S = 11, r = 0 → 0
    assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 1, 0, 4]), 1); // S = 4 + 8 = 12, r = 1 → 1
    assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 1, 0]), 8); // S = 3, r = 3 → 11 − 3
    assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 2, 2]), 1); // S = 10, r = 10 → 11 − 10
}

#[test]
fn persian_and_arabic_indic_digits() {
    let expected = NationalCode::parse("0076229645").unwrap();
    for input in ["۰۰۷۶۲۲۹۶۴۵", "٠٠٧٦٢٢٩٦٤٥", "۰۰7٦۲2۹6٤۵", "۰۰۷-۶۲۲۹۶۴-۵"]
    {
        assert_eq!(NationalCode::parse(input), Ok(expected), "{input}");
    }
}

#[test]
fn printed_forms() {
    let expected = NationalCode::parse("0076229645").unwrap();
    for input in [
        "007-622964-5",
        "007 622964 5",
        "007-6229645",
        "007622964-5",
        "007\u{2010}622964\u{2011}5",
        "007\u{2013}622964\u{2013}5",
        "  0076229645\t",
        "\u{a0}007-622964-5\n",
    ] {
        assert_eq!(NationalCode::parse(input), Ok(expected), "{input:?}");
    }
}

#[test]
fn empty() {
    for input in ["", "   ", "\t\n"] {
        assert_eq!(err(input), IdError::Empty { kind: KIND }, "{input:?}");
    }
}

#[test]
fn wrong_length() {
    let cases = [
        ("007622964", 9),
        ("76229645", 8),
        ("00762296450", 11),
        ("1", 1),
    ];
    for (input, found) in cases {
        let expected = IdError::WrongLength {
            kind: KIND,
            expected: "10",
            found,
        };
        assert_eq!(err(input), expected, "{input}");
    }
    // The count is of digits, separators not included.
    assert!(matches!(
        err("007-622964"),
        IdError::WrongLength { found: 9, .. }
    ));
}

#[test]
fn not_a_digit_positions() {
    assert_eq!(err("00762x9645"), not_a_digit(6, 'x'));
    // Positions are characters of the input as given, leading white space included.
    assert_eq!(err("  0076a29645"), not_a_digit(7, 'a'));
    assert_eq!(err("۰۰۷۶۲x۹۶۴۵"), not_a_digit(6, 'x'));
    // A dash only stands after digit 3 or digit 9.
    assert_eq!(err("0076-229645"), not_a_digit(5, '-'));
    assert_eq!(err("۰۰۷۶-۲۲۹۶۴۵"), not_a_digit(5, '-'));
    assert_eq!(err("007--622964-5"), not_a_digit(5, '-'));
    assert_eq!(err("0076229645-"), not_a_digit(11, '-'));
    assert_eq!(err("007622964-"), not_a_digit(10, '-'));
    assert_eq!(err("-0076229645"), not_a_digit(1, '-'));
    assert_eq!(err("+0076229645"), not_a_digit(1, '+'));
    assert_eq!(err("0076229645x"), not_a_digit(11, 'x'));
    // Other scripts' digits are not national-code digits (Devanagari four, fullwidth one).
    assert_eq!(err("00762296\u{096A}5"), not_a_digit(9, '\u{096A}'));
    assert_eq!(err("\u{FF11}076229645"), not_a_digit(1, '\u{FF11}'));
}

#[test]
fn check_mismatch_names_both_digits() {
    let expected = IdError::CheckMismatch {
        kind: KIND,
        found: "6".into(),
        expected: "5".into(),
    };
    assert_eq!(err("0076229646"), expected);
    assert_eq!(err("۰۰۷۶۲۲۹۶۴۶"), expected);
    // A single transposition of digits 3 and 4.
    assert!(matches!(err("0067229645"), IdError::CheckMismatch { .. }));
}

#[test]
fn degenerate_codes() {
    for d in 0..=9u8 {
        let input: String = std::iter::repeat_n(char::from(b'0' + d), 10).collect();
        // Every repeated-digit code passes the check; only the degenerate rule stops it.
        assert_eq!(check_digit(&[d; 9]), d);
        assert_eq!(err(&input), degenerate(REPEATED), "{input}");
    }
    // Body 123 000000: S = 1·10 + 2·9 + 3·8 = 52; 52 mod 11 = 8 → 3.
    assert_eq!(err("1230000003"), degenerate(ZERO_SERIAL));
    assert_eq!(err("123-000000-3"), degenerate(ZERO_SERIAL));
    // The check is reported before degeneracy.
    assert!(matches!(err("1230000004"), IdError::CheckMismatch { .. }));
    // One non-zero digit in 4–9 is enough.
    let code = NationalCode::from_body([1, 2, 3, 0, 0, 0, 0, 0, 1]).unwrap();
    assert_eq!(NationalCode::parse(code.as_str()), Ok(code));
}

#[test]
fn error_codes_and_messages() {
    let e = err("0076229646");
    assert_eq!(e.code(), "check-mismatch");
    assert_eq!(e.kind(), IdKind::NationalCode);
    assert_eq!(
        e.to_string(),
        "national-code: check digit is 6 but should be 5; a digit was probably mistyped"
    );
    assert_eq!(err("1111111111").code(), "degenerate");
    assert_eq!(err("0076-229645").code(), "not-a-digit");
}

#[test]
fn lenient_pads_eight_or_nine_digits() {
    let expected = NationalCode::parse("0076229645").unwrap();
    assert_eq!(
        NationalCode::parse_lenient("76229645"),
        Ok((
            expected,
            Some(NationalCodeWarning::ZeroPadded { digits: 8 })
        ))
    );
    assert_eq!(
        NationalCode::parse_lenient("076229645"),
        Ok((
            expected,
            Some(NationalCodeWarning::ZeroPadded { digits: 9 })
        ))
    );
    assert_eq!(
        NationalCode::parse_lenient("۷۶۲۲۹۶۴۵"),
        Ok((
            expected,
            Some(NationalCodeWarning::ZeroPadded { digits: 8 })
        ))
    );
    assert_eq!(
        NationalCode::parse_lenient("007-622964-5"),
        Ok((expected, None))
    );
    assert_eq!(
        NationalCodeWarning::ZeroPadded { digits: 8 }.to_string(),
        "national-code: 8 digits given; padded with leading zeros to 10"
    );
}

#[test]
fn lenient_errors() {
    for (input, found) in [("7622964", 7), ("00762296450", 11)] {
        let expected = IdError::WrongLength {
            kind: KIND,
            expected: "8 to 10",
            found,
        };
        assert_eq!(NationalCode::parse_lenient(input), Err(expected));
    }
    // A padded code still has its check and degeneracy checked.
    assert!(matches!(
        NationalCode::parse_lenient("76229646"),
        Err(IdError::CheckMismatch { .. })
    ));
    assert_eq!(
        NationalCode::parse_lenient("00000000"),
        Err(degenerate(REPEATED))
    );
    // Separators belong to the printed 10-digit form, not to a number that lost its zeros.
    assert_eq!(
        NationalCode::parse_lenient("762-29645"),
        Err(not_a_digit(4, '-'))
    );
    assert_eq!(
        NationalCode::parse_lenient("076-229645"),
        Err(not_a_digit(4, '-'))
    );
}

#[test]
fn from_body_adds_the_check_digit() {
    let code = NationalCode::from_body([0, 0, 7, 6, 2, 2, 9, 6, 4]).unwrap();
    assert_eq!(code.as_str(), "0076229645");
    assert_eq!(NationalCode::from_body([4; 9]), Err(degenerate(REPEATED)));
    assert_eq!(
        NationalCode::from_body([9, 9, 9, 0, 0, 0, 0, 0, 0]),
        Err(degenerate(ZERO_SERIAL))
    );
    let expected = IdError::Field {
        kind: KIND,
        field: "body",
        message: "value 10 at position 3 is not a digit 0-9".into(),
    };
    assert_eq!(
        NationalCode::from_body([0, 0, 10, 6, 2, 2, 9, 6, 4]),
        Err(expected)
    );
    assert!(NationalCode::from_body([255; 9]).is_err());
}

#[test]
fn serde_round_trip() {
    let code = NationalCode::parse("0076229645").unwrap();
    let json = serde_json::to_string(&code).unwrap();
    assert_eq!(json, "\"0076229645\"");
    assert_eq!(serde_json::from_str::<NationalCode>(&json).unwrap(), code);
    // Deserializing applies the strict parser, printed and Persian forms included.
    assert_eq!(
        serde_json::from_str::<NationalCode>("\"۰۰۷-۶۲۲۹۶۴-۵\"").unwrap(),
        code
    );
    let bad = serde_json::from_str::<NationalCode>("\"0076229646\"").unwrap_err();
    assert!(
        bad.to_string().contains("check digit is 6 but should be 5"),
        "{bad}"
    );
    assert!(serde_json::from_str::<NationalCode>("76229645").is_err());
}

fn body() -> impl Strategy<Value = [u8; 9]> {
    proptest::array::uniform9(0u8..10)
}

proptest! {
    #[test]
    fn from_body_round_trips(body in body()) {
        match NationalCode::from_body(body) {
            Ok(code) => {
                let s = code.as_str();
                prop_assert_eq!(s.len(), 10);
                prop_assert_eq!(NationalCode::parse(s), Ok(code));
                prop_assert_eq!(NationalCode::parse(&persian(s)), Ok(code));
                let printed = format!("{}-{}-{}", &s[..3], &s[3..9], &s[9..]);
                prop_assert_eq!(NationalCode::parse(&printed), Ok(code));
                prop_assert_eq!(NationalCode::parse(&persian(&printed)), Ok(code));
                prop_assert_eq!(NationalCode::parse_lenient(s), Ok((code, None)));
                if let Some(short) = s.strip_prefix("0") {
                    let padded = NationalCode::parse_lenient(short).map(|(c, _)| c);
                    prop_assert_eq!(padded, Ok(code));
                }
            }
            Err(e) => {
                let repeated = body.iter().all(|&d| d == body[0]);
                let zero_serial = body[3..9].iter().all(|&d| d == 0);
                prop_assert!(repeated || zero_serial);
                prop_assert_eq!(e.code(), "degenerate");
            }
        }
    }

    #[test]
    fn every_other_check_digit_is_refused(body in body(), wrong in 0u8..10) {
        let right = check_digit(&body);
        prop_assume!(wrong != right);
        let mut s: String = body.iter().map(|&d| char::from(b'0' + d)).collect();
        s.push(char::from(b'0' + wrong));
        let expected = IdError::CheckMismatch {
            kind: KIND,
            found: wrong.to_string(),
            expected: right.to_string(),
        };
        prop_assert_eq!(NationalCode::parse(&s), Err(expected));
    }

    #[test]
    fn never_panics(input in "\\PC{0,24}") {
        let _ = NationalCode::parse(&input);
        let _ = NationalCode::parse_lenient(&input);
    }

    #[test]
    fn accepted_input_is_canonical_after_parse(input in "[0-9۰-۹٠-٩ -]{8,14}") {
        if let Ok(code) = NationalCode::parse(&input) {
            prop_assert_eq!(NationalCode::parse(code.as_str()), Ok(code));
            prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
        if let Ok((code, _)) = NationalCode::parse_lenient(&input) {
            prop_assert_eq!(NationalCode::parse(code.as_str()), Ok(code));
        }
    }
}
