//! Persian text normalization (BRIEF §3, ISIRI 6219).
//!
//! Three layers, each for a different use:
//!
//! * [`to_ascii_digits`] / [`to_persian_digits`]: digit sets only. Identifiers and dates are
//!   typed with Persian (U+06F0–06F9), Arabic-Indic (U+0660–0669) or ASCII digits;
//!   `char::to_digit` and NFKC know only ASCII, so every parser in samad maps digits through
//!   [`digit_value`].
//! * [`normalize`]: the form stored in records: NFKC, then the Arabic yeh (ي U+064A) and alef
//!   maksura (ى U+0649) folded to Persian yeh (ی U+06CC) and the Arabic kaf (ك U+0643) to
//!   keheh (ک U+06A9). The zero-width non-joiner (U+200C) is kept: it is part of Persian
//!   spelling (می‌شود).
//! * [`search_key`]: the form compared when searching: [`normalize`], ASCII digits, and
//!   tatweel (U+0640), ZWNJ, Arabic diacritics and case differences dropped, white space
//!   collapsed.
//!
//! ```
//! use samad::text;
//!
//! assert_eq!(text::to_ascii_digits("۱۴۰۳/۱۲/۳۰"), "1403/12/30");
//! assert_eq!(text::normalize("علي كريمي"), "علی کریمی");
//! assert_eq!(text::search_key("مـــی‌شود  ۱۲"), "میشود 12");
//! ```

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Zero-width non-joiner, kept in stored text.
pub const ZWNJ: char = '\u{200C}';
/// Arabic tatweel (kashida), a stretching mark dropped from search keys.
pub const TATWEEL: char = '\u{0640}';

/// The value of an ASCII, Persian (U+06F0–06F9) or Arabic-Indic (U+0660–0669) digit.
///
/// ```
/// assert_eq!(samad::text::digit_value('۷'), Some(7));
/// assert_eq!(samad::text::digit_value('٣'), Some(3));
/// assert_eq!(samad::text::digit_value('x'), None);
/// ```
pub fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        _ => return None,
    };
    // The three ranges are ten consecutive code points each, so the offset is the value.
    Some((c as u32 - base as u32) as u8)
}

/// Maps Persian and Arabic-Indic digits to ASCII; everything else is left as it is.
/// Borrows when there is nothing to map.
pub fn to_ascii_digits(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| c.is_ascii() || digit_value(c).is_none()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match digit_value(c) {
                Some(d) => char::from(b'0' + d),
                None => c,
            })
            .collect(),
    )
}

/// Maps ASCII digits (and Arabic-Indic ones) to Persian digits (U+06F0–06F9).
///
/// ```
/// assert_eq!(samad::text::to_persian_digits("1403/12/30"), "۱۴۰۳/۱۲/۳۰");
/// ```
pub fn to_persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from_u32(0x06F0 + u32::from(d)).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Folds the Arabic letters ISIRI 6219 replaces with their Persian forms.
fn fold_letter(c: char) -> char {
    match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}', // ي ى → ی
        '\u{0643}' => '\u{06A9}',              // ك → ک
        _ => c,
    }
}

/// The stored form of Persian text: NFKC, then ي/ى → ی and ك → ک. ZWNJ is kept; digits are
/// left in the set they were typed in (use [`to_ascii_digits`] for identifiers).
///
/// NFKC also replaces Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF), which some
/// keyboards and PDF extractors produce, with the letters they present.
pub fn normalize(s: &str) -> String {
    s.nfkc().map(fold_letter).collect()
}

/// True for the Arabic combining marks (harakat, U+064B–U+065F, and the superscript alef
/// U+0670) that Persian text usually omits.
fn is_arabic_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The key two texts are compared by when searching: [`normalize`], ASCII digits, lower case,
/// tatweel, ZWNJ and Arabic diacritics dropped, runs of white space collapsed to one space
/// and trimmed. Not for storage: it loses information on purpose.
pub fn search_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in normalize(s).chars() {
        if c == TATWEEL || c == ZWNJ || is_arabic_diacritic(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        match digit_value(c) {
            Some(d) => key.push(char::from(b'0' + d)),
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

#[cfg(test)]
mod tests;
