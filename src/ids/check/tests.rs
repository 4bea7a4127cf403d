use super::*;
use proptest::prelude::*;

/// IBAN (ISO 13616-1) as ISO/IEC 7064 input: the first four characters moved to the end,
/// letters replaced by two digits (A = 10 … Z = 35).
fn iban_values(iban: &str) -> Vec<u8> {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let (head, tail) = compact.split_at(4);
    let mut values = Vec::new();
    for c in tail.chars().chain(head.chars()) {
        match c.to_digit(36) {
            Some(v) if v < 10 => values.push(v as u8),
            Some(v) => values.extend([(v / 10) as u8, (v % 10) as u8]),
            None => panic!("not an IBAN character: {c:?}"),
        }
    }
    values
}

/// Published IBANs: the ISO 13616 / IBAN registry examples and the Central Bank of Iran's
/// Sheba example.
const IBANS: [&str; 5] = [
    "GB82 WEST 1234 5698 7654 32",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "IR06 2960 0000 0010 0324 2000 01",
];

#[test]
fn standard_simplified_procedure_example() {
    // ISO/IEC 7064:2003 §8.4: 794 → 79444.
    assert_eq!(mod97_10_compute(&[7, 9, 4]), Some([4, 4]));
    assert!(mod97_10_verify(&[7, 9, 4, 4, 4]));
}

#[test]
fn iban_examples_are_one_mod_97() {
    for iban in IBANS {
        let values = iban_values(iban);
        assert_eq!(mod97(&values), Some(1), "{iban}");
        assert!(mod97_10_verify(&values), "{iban}");
    }
}

#[test]
fn iban_rearranged_digits_match_the_known_string() {
    assert_eq!(
        iban_values("GB82 WEST 1234 5698 7654 32"),
        "3214282912345698765432161182"
            .bytes()
            .map(|b| b - b'0')
            .collect::<Vec<_>>()
    );
}

#[test]
fn iban_check_digits_are_recomputed() {
    for iban in IBANS {
        let values = iban_values(iban);
        let (data, check) = values.split_at(values.len() - 2);
        assert_eq!(mod97_10_compute(data), Some([check[0], check[1]]), "{iban}");
    }
}

#[test]
fn a_mistyped_iban_fails() {
    assert!(!mod97_10_verify(&iban_values(
        "GB82 WEST 1234 5698 7654 33"
    )));
    assert!(!mod97_10_verify(&iban_values(
        "GB82 WEST 1234 5698 7645 32"
    )));
}

#[test]
fn non_digits_and_short_input_are_rejected_without_panic() {
    assert_eq!(mod97(&[1, 2, 10]), None);
    assert_eq!(mod97_10_compute(&[255]), None);
    assert!(!mod97_10_verify(&[1]));
    assert!(!mod97_10_verify(&[]));
    assert!(!mod97_10_verify(&[0, 1, 200]));
    // The empty data string gets 98 (98 ≡ 1).
    assert_eq!(mod97_10_compute(&[]), Some([9, 8]));
}

#[test]
fn computed_check_digits_stay_between_02_and_98() {
    for r in 0..97u8 {
        // Data whose remainder is r: the number r itself.
        let data = [r / 10, r % 10];
        let [a, b] = mod97_10_compute(&data).unwrap();
        let check = a * 10 + b;
        assert!((2..=98).contains(&check), "remainder {r} gave {check}");
    }
}

#[test]
fn aliases_are_accepted_by_the_standard_rule_only() {
    // Two-digit data whose computed check is 98; its alias 01 is also ≡ 1 (mod 97).
    let data = (0..97u8)
        .map(|r| [r / 10, r % 10])
        .find(|d| mod97_10_compute(d) == Some([9, 8]))
        .unwrap();
    assert!(mod97_10_verify(&[data[0], data[1], 9, 8]));
    assert!(mod97_10_verify(&[data[0], data[1], 0, 1]));
}

fn digits(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..10, len)
}

proptest! {
    #[test]
    fn compute_then_verify(data in digits(0..40)) {
        let check = mod97_10_compute(&data).unwrap();
        let mut all = data.clone();
        all.extend(check);
        prop_assert!(mod97_10_verify(&all));
    }

    #[test]
    fn every_substitution_is_caught(data in digits(1..40), pos in any::<prop::sample::Index>(), delta in 1u8..10) {
        let mut all = data.clone();
        all.extend(mod97_10_compute(&data).unwrap());
        let i = pos.index(all.len());
        all[i] = (all[i] + delta) % 10;
        prop_assert!(!mod97_10_verify(&all));
    }

    #[test]
    fn every_jump_transposition_is_caught(data in digits(2..40), pos in any::<prop::sample::Index>()) {
        let mut all = data.clone();
        all.extend(mod97_10_compute(&data).unwrap());
        let i = pos.index(all.len() - 2);
        prop_assume!(all[i] != all[i + 2]);
        all.swap(i, i + 2);
        prop_assert!(!mod97_10_verify(&all));
    }

    #[test]
    fn every_adjacent_transposition_is_caught(data in digits(1..40), pos in any::<prop::sample::Index>()) {
        let mut all = data.clone();
        all.extend(mod97_10_compute(&data).unwrap());
        let i = pos.index(all.len() - 1);
        prop_assume!(all[i] != all[i + 1]);
        all.swap(i, i + 1);
        prop_assert!(!mod97_10_verify(&all));
    }
}
