//! Writing the v1 text and QR forms (`spec/shams.md` §4–§6).

use std::fmt::Write as _;

use super::Shams;

/// The literal characters of an escaped field in the text form (`text-safe`, spec §5):
/// RFC 3986 unreserved characters plus `/` and `@`.
pub(super) fn is_text_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'@')
}

/// The literal characters of an escaped field in the QR form (`qr-safe`, spec §5): the part
/// of the QR alphanumeric set that is not syntax.
pub(super) fn is_qr_safe(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'/')
}

/// Appends `s`, each byte outside `safe` as `%HH` (upper-case hex).
fn push_escaped(out: &mut String, s: &str, safe: fn(u8) -> bool) {
    for b in s.bytes() {
        if safe(b) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

fn push_signers(out: &mut String, shams: &Shams) {
    for (i, signer) in shams.signers.iter().enumerate() {
        if i > 0 {
            out.push('+');
        }
        out.push_str(signer.national_code().as_str());
        out.push(':');
        out.push_str(signer.post_id());
    }
}

/// `SHAMS1*letter*YYYY-MM-DDTHH:MM:SS*guid*signers*email*legal-id`.
pub(super) fn text_form(shams: &Shams) -> String {
    let mut out = String::with_capacity(160);
    out.push_str("SHAMS1*");
    push_escaped(&mut out, &shams.letter_number, is_text_safe);
    let _ = write!(out, "*{}*{}*", shams.issued_at, shams.guid.as_hyphenated());
    push_signers(&mut out, shams);
    out.push('*');
    push_escaped(&mut out, &shams.org_email, is_text_safe);
    out.push('*');
    out.push_str(shams.org_legal_id.as_str());
    out
}

/// `SHAMS1Q*LETTER*YYYYMMDDHHMMSS*GUID32*signers*EMAIL*legal-id`, all in the QR
/// alphanumeric set.
pub(super) fn qr_form(shams: &Shams) -> String {
    let mut out = String::with_capacity(160);
    out.push_str("SHAMS1Q*");
    // Case matters in a letter number: lower-case letters are escaped, not upper-cased.
    push_escaped(&mut out, &shams.letter_number, is_qr_safe);
    let _ = write!(
        out,
        "*{}*{}*",
        shams.issued_at.compact(),
        shams
            .guid
            .as_simple()
            .encode_upper(&mut uuid::Uuid::encode_buffer())
    );
    push_signers(&mut out, shams);
    out.push('*');
    // The email is case-insensitive and stored lower-case: upper-case it rather than escape.
    push_escaped(&mut out, &shams.org_email.to_ascii_uppercase(), is_qr_safe);
    out.push('*');
    out.push_str(shams.org_legal_id.as_str());
    out
}
