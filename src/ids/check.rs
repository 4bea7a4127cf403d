//! Check-character systems for the identifiers samad mints: ISO/IEC 7064:2003 MOD 97-10,
//! the pure system with modulus 97 and radix 10 that appends two decimal check digits
//! (the system IBAN uses, ISO 13616-1; the simplified procedure is the standard's §8.4).
//!
//! A string of decimal digits *d₁…dₙ* followed by its check digits *c₁c₂* is valid when the
//! decimal number *d₁…dₙc₁c₂* leaves the remainder 1 on division by 97. The check digits of
//! data *N* are therefore `98 − (N·100 mod 97)`, always between 02 and 98.
//!
//! Why it catches every single-digit substitution and every adjacent transposition (the
//! reason BRIEF §3 asks for it): changing digit *d* at weight 10ᵏ to *d′* changes the
//! number by (d′ − d)·10ᵏ, and swapping neighbours *a b* at weights 10ᵏ⁺¹, 10ᵏ changes it
//! by (a − b)·9·10ᵏ. 97 is prime and divides none of 1…9, 9 or 10ᵏ, so neither change is a
//! multiple of 97 and the remainder cannot stay 1.
//!
//! ```
//! use samad::ids::check;
//!
//! // The worked example of the simplified procedure: data 794 gets check digits 44.
//! assert_eq!(check::mod97_10_compute(&[7, 9, 4]), Some([4, 4]));
//! assert!(check::mod97_10_verify(&[7, 9, 4, 4, 4]));
//! assert!(!check::mod97_10_verify(&[7, 4, 9, 4, 4])); // adjacent transposition
//! ```
//!
//! Inputs are digit *values* (0–9), not ASCII; a value above 9 makes the functions return
//! `None` / `false` rather than panic.

/// The modulus of ISO/IEC 7064 MOD 97-10.
pub const MOD97_10_MODULUS: u32 = 97;

/// The remainder on division by 97 of the decimal number whose digits are `values`
/// (most significant first), computed digit by digit (Horner's rule), so any length works.
/// `None` if a value is not a decimal digit.
///
/// ```
/// assert_eq!(samad::ids::check::mod97(&[1, 9, 4]), Some(0)); // 194 = 2 × 97
/// assert_eq!(samad::ids::check::mod97(&[]), Some(0));
/// assert_eq!(samad::ids::check::mod97(&[10]), None);
/// ```
pub fn mod97(values: &[u8]) -> Option<u8> {
    let mut remainder = 0u32;
    for &v in values {
        if v > 9 {
            return None;
        }
        remainder = (remainder * 10 + u32::from(v)) % MOD97_10_MODULUS;
    }
    // Less than 97, so it fits.
    Some(remainder as u8)
}

/// The two ISO/IEC 7064 MOD 97-10 check digits (values 0–9) for the data digits `values`:
/// `98 − (N·100 mod 97)`, written as two digits. `None` if a value is not a decimal digit.
pub fn mod97_10_compute(values: &[u8]) -> Option<[u8; 2]> {
    let shifted = (u32::from(mod97(values)?) * 100) % MOD97_10_MODULUS;
    let check = 98 - shifted;
    Some([(check / 10) as u8, (check % 10) as u8])
}

/// True when `values` (data digits followed by two check digits) satisfies ISO/IEC 7064
/// MOD 97-10: the whole number is ≡ 1 (mod 97). Fewer than two digits, or a value that is
/// not a decimal digit, is never valid.
///
/// This is the standard's acceptance rule. It also accepts the aliases 00, 01 and 99 of the
/// computed check digits 97, 98 and 02 (they differ from them in both digits, so no single
/// error produces one); parsers of samad's own identifiers compare with
/// [`mod97_10_compute`] instead, which accepts only the computed pair.
pub fn mod97_10_verify(values: &[u8]) -> bool {
    values.len() >= 2 && mod97(values) == Some(1)
}

#[cfg(test)]
mod tests;
