use super::*;
use proptest::prelude::*;

#[test]
fn digits_of_all_three_sets_map_to_ascii() {
    assert_eq!(to_ascii_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
    assert_eq!(to_ascii_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
    assert_eq!(to_ascii_digits("a1b"), "a1b");
    assert!(matches!(to_ascii_digits("plain 123"), Cow::Borrowed(_)));
}

#[test]
fn char_to_digit_and_nfkc_do_not_map_persian_digits() {
    // The reason digit_value exists (BRIEF §3).
    assert_eq!('۵'.to_digit(10), None);
    assert_eq!("۵".nfkc().collect::<String>(), "۵");
    assert_eq!(digit_value('۵'), Some(5));
}

#[test]
fn arabic_letters_fold_to_persian() {
    assert_eq!(normalize("ي ى ك"), "ی ی ک");
    // Presentation forms (here: isolated yeh U+FEF1 and kaf U+FED9) fold as well.
    assert_eq!(normalize("\u{FEF1}\u{FED9}"), "یک");
}

#[test]
fn zwnj_is_kept_in_stored_text_and_dropped_in_search_keys() {
    let s = "می\u{200C}شود";
    assert_eq!(normalize(s), s);
    assert_eq!(search_key(s), "میشود");
}

#[test]
fn tatweel_is_kept_in_stored_text_and_dropped_in_search_keys() {
    assert_eq!(normalize("کـتاب"), "کـتاب");
    assert_eq!(search_key("کـــتاب"), "کتاب");
}

#[test]
fn search_key_collapses_space_and_case() {
    assert_eq!(search_key("  Ali \t  KARIMI  "), "ali karimi");
    assert_eq!(search_key("عَلی"), "علی");
    assert_eq!(search_key(""), "");
}

proptest! {
    #[test]
    fn persian_and_ascii_digits_round_trip(s in "[0-9/ -]{0,40}") {
        let persian = to_persian_digits(&s);
        prop_assert!(!persian.chars().any(|c| c.is_ascii_digit()));
        prop_assert_eq!(to_ascii_digits(&persian), s);
    }

    #[test]
    fn normalize_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn search_key_is_idempotent(s in "\\PC{0,40}") {
        let once = search_key(&s);
        prop_assert_eq!(search_key(&once), once.clone());
    }
}
