use super::*;
use proptest::prelude::*;

fn err(input: &str) -> IdError {
    match LegalEntityId::parse(input) {
        Ok(id) => panic!("{input:?} parsed as {id}"),
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

const REPEATED: &str = "all eleven digits are the same; no such ID is issued";
const ZERO_SERIAL: &str = "digits 4 to 9 are all zero; no such ID is issued";

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

/// S = Σ (d[i] + k)·w[i mod 5], written out independently of `check_digit`.
fn weighted_sum(body: &[u8; 10]) -> u32 {
    let k = u32::from(body[9]) + 2;
    let w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
    (0..10).map(|i| (u32::from(body[i]) + k) * w[i]).sum()
}

#[test]
fn brief_example_is_valid() {
    // k = 9 + 2 = 11; S = 12·29 + 11·27 + 14·23 + 19·19 + 11·17
    //                   + 13·29 + 19·27 + 15·23 + 18·19 + 20·17 = 3432; 3432 = 312·11 → 0.
    let body = [1, 0, 3, 8, 0, 2, 8, 4, 7, 9];
    assert_eq!(weighted_sum(&body), 3432);
    assert_eq!(check_digit(&body), 0);
    let id = LegalEntityId::parse("10380284790").unwrap();
    assert_eq!(id.as_str(), "10380284790");
    assert_eq!(id.to_string(), "10380284790");
}

#[test]
fn remainder_ten_becomes_zero() {
    // Body 123 000000 5: k = 7, S = 1847 = 167·11 + 10 → r = 10 → check 0.
    let body = [1, 2, 3, 0, 0, 0, 0, 0, 0, 5];
    assert_eq!(weighted_sum(&body), 1847);
    assert_eq!(check_digit(&body), 0);
    // Remainders 1..=9 are the check digit itself.
    let body = [1, 0, 3, 8, 0, 2, 8, 4, 7, 8];
    assert_eq!(check_digit(&body) as u32, weighted_sum(&body) % 11);
}

#[test]
fn persian_and_arabic_indic_digits() {
    let expected = LegalEntityId::parse("10380284790").unwrap();
    for input in [
        "۱۰۳۸۰۲۸۴۷۹۰",
        "١٠٣٨٠٢٨٤٧٩٠",
        "۱0۳8٠۲8۴7۹0",
        " ۱۰۳۸۰۲۸۴۷۹۰\n",
    ] {
        assert_eq!(LegalEntityId::parse(input), Ok(expected), "{input:?}");
    }
}

#[test]
fn empty() {
    for input in ["", "  ", "\n"] {
        assert_eq!(err(input), IdError::Empty { kind: KIND });
    }
}

#[test]
fn wrong_length() {
    for (input, found) in [("1038028479", 10), ("103802847900", 12), ("0076229645", 10)] {
        let expected = IdError::WrongLength {
            kind: KIND,
            expected: "11",
            found,
        };
        assert_eq!(err(input), expected, "{input}");
    }
}

#[test]
fn not_a_digit_positions() {
    assert_eq!(err("1038o284790"), not_a_digit(5, 'o'));
    assert_eq!(err(" ۱۰۳۸۰۲۸۴x۹۰"), not_a_digit(10, 'x'));
    // The legal ID has no printed grouping: a dash or an inner space is an error anywhere.
    assert_eq!(err("103-80284790"), not_a_digit(4, '-'));
    assert_eq!(err("۱۰۳-۸۰۲۸۴۷۹۰"), not_a_digit(4, '-'));
    assert_eq!(err("10380 284790"), not_a_digit(6, ' '));
    assert_eq!(err("10380284790-"), not_a_digit(12, '-'));
    assert_eq!(err("10380284790x"), not_a_digit(12, 'x'));
}

#[test]
fn check_mismatch_names_both_digits() {
    let expected = IdError::CheckMismatch {
        kind: KIND,
        found: "1".into(),
        expected: "0".into(),
    };
    assert_eq!(err("10380284791"), expected);
    assert_eq!(err("۱۰۳۸۰۲۸۴۷۹۱"), expected);
    assert_eq!(
        err("10380284791").to_string(),
        "legal-id: check digit is 1 but should be 0; a digit was probably mistyped"
    );
    assert_eq!(err("10380284791").code(), "check-mismatch");
}

#[test]
fn degenerate_ids() {
    // 33333333333 is the only repeated-digit ID that passes the check.
    for d in 0..=9u8 {
        let input: String = std::iter::repeat_n(char::from(b'0' + d), 11).collect();
        let passes = check_digit(&[d; 10]) == d;
        assert_eq!(passes, d == 3, "{input}");
        if passes {
            assert_eq!(err(&input), degenerate(REPEATED));
        } else {
            assert!(matches!(err(&input), IdError::CheckMismatch { .. }));
        }
    }
    assert_eq!(err("12300000050"), degenerate(ZERO_SERIAL));
    assert_eq!(err("12300000050").code(), "degenerate");
    assert!(matches!(err("12300000051"), IdError::CheckMismatch { .. }));
}

#[test]
fn from_body_adds_the_check_digit() {
    let id = LegalEntityId::from_body([1, 0, 3, 8, 0, 2, 8, 4, 7, 9]).unwrap();
    assert_eq!(id.as_str(), "10380284790");
    assert_eq!(LegalEntityId::from_body([3; 10]), Err(degenerate(REPEATED)));
    assert_eq!(
        LegalEntityId::from_body([1, 2, 3, 0, 0, 0, 0, 0, 0, 5]),
        Err(degenerate(ZERO_SERIAL))
    );
    let expected = IdError::Field {
        kind: KIND,
        field: "body",
        message: "value 12 at position 10 is not a digit 0-9".into(),
    };
    assert_eq!(
        LegalEntityId::from_body([1, 0, 3, 8, 0, 2, 8, 4, 7, 12]),
        Err(expected)
    );
    assert!(LegalEntityId::from_body([255; 10]).is_err());
}

#[test]
fn serde_round_trip() {
    let id = LegalEntityId::parse("10380284790").unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"10380284790\"");
    assert_eq!(serde_json::from_str::<LegalEntityId>(&json).unwrap(), id);
    assert_eq!(
        serde_json::from_str::<LegalEntityId>("\"۱۰۳۸۰۲۸۴۷۹۰\"").unwrap(),
        id
    );
    let bad = serde_json::from_str::<LegalEntityId>("\"10380284791\"").unwrap_err();
    assert!(bad.to_string().contains("should be 0"), "{bad}");
    assert!(serde_json::from_str::<LegalEntityId>("10380284790").is_err());
}

fn body() -> impl Strategy<Value = [u8; 10]> {
    proptest::array::uniform10(0u8..10)
}

proptest! {
    #[test]
    fn from_body_round_trips(body in body()) {
        prop_assert_eq!(u32::from(check_digit(&body)), weighted_sum(&body) % 11 % 10);
        match LegalEntityId::from_body(body) {
            Ok(id) => {
                let s = id.as_str();
                prop_assert_eq!(s.len(), 11);
                prop_assert_eq!(LegalEntityId::parse(s), Ok(id));
                prop_assert_eq!(LegalEntityId::parse(&persian(s)), Ok(id));
                prop_assert_eq!(serde_json::to_string(&id).ok(), Some(format!("\"{s}\"")));
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
        prop_assert_eq!(LegalEntityId::parse(&s), Err(expected));
    }

    #[test]
    fn never_panics(input in "\\PC{0,24}") {
        let _ = LegalEntityId::parse(&input);
    }
}
