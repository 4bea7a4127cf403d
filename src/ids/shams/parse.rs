//! The strict parser of the v1 text and QR forms (`spec/shams.md` §4–§7).
//!
//! One pass over the input with a byte cursor; every component is checked as soon as it is
//! read, so the error reported is the first one in the input. Syntax errors carry the byte
//! offset in the input as given (white space included, Persian digits counted in bytes).

use uuid::Uuid;

use super::components::{
    MAX_SIGNERS, ShamsDateTime, Signer, canonical_email, canonical_letter_number, check_guid,
    check_signers, field_error,
};
use super::encode::{is_qr_safe, is_text_safe};
use super::{KIND, Shams};
use crate::ids::{IdError, LegalEntityId, NationalCode};
use crate::text::digit_value;

/// Longer input is rejected before it is read: the longest v1 SHAMS (20 escaped 4-byte
/// letters, 10 signers, a 254-character email) is 1,019 bytes.
pub const MAX_INPUT_BYTES: usize = 2048;

/// The two v1 forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Text,
    Qr,
}

/// Which forms a caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Accept {
    /// [`Shams::parse`]: the text form or the QR form, as the tag says.
    Any,
    /// [`Shams::parse_qr_payload`]: the QR form only.
    QrOnly,
}

struct Cursor<'a> {
    input: &'a str,
    pos: usize,
    /// End of the input with trailing white space removed.
    end: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.input
            .get(self.pos..self.end)
            .and_then(|rest| rest.chars().next())
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn error(&self, message: impl Into<String>) -> IdError {
        IdError::Syntax {
            kind: KIND,
            offset: self.pos,
            message: message.into(),
        }
    }

    fn expect(&mut self, want: char, after: &str) -> Result<(), IdError> {
        if self.peek() == Some(want) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(format!("expected `{want}` after {after}")))
        }
    }

    /// Reads the `SHAMS` tag, the version and the form letter.
    fn tag(&mut self, accept: Accept) -> Result<Form, IdError> {
        for want in "SHAMS".chars() {
            match self.peek() {
                Some(c) if c.eq_ignore_ascii_case(&want) => self.bump(),
                _ => return Err(self.error("expected the tag `SHAMS` (e.g. `SHAMS1*…`)")),
            }
        }
        let mut version = String::new();
        while let Some(d) = self.peek().and_then(digit_value) {
            version.push(char::from(b'0' + d));
            self.bump();
        }
        if version.is_empty() {
            return Err(self.error("expected the version number after `SHAMS`"));
        }
        if version != "1" {
            return Err(IdError::UnsupportedVersion {
                kind: KIND,
                found: version,
                supported: "1",
            });
        }
        let form = if matches!(self.peek(), Some('Q' | 'q')) {
            self.bump();
            Form::Qr
        } else {
            Form::Text
        };
        if accept == Accept::QrOnly && form == Form::Text {
            return Err(self.error("expected `Q`: a QR payload starts with `SHAMS1Q*`"));
        }
        Ok(form)
    }

    /// Reads characters by `template`: `D` a digit (any digit set), `H` a hex digit, any other
    /// character itself. Returns the values of the `D` and `H` positions.
    fn template(&mut self, template: &str, what: &str, shape: &str) -> Result<Vec<u8>, IdError> {
        let mut values = Vec::with_capacity(template.len());
        for want in template.chars() {
            let got = self.peek();
            let value = match want {
                'D' => got.and_then(digit_value),
                'H' => got.and_then(hex_value),
                // The `T` of a date-time may be lower case (RFC 3339 §5.6, note).
                _ => got.filter(|g| g.eq_ignore_ascii_case(&want)).map(|_| 0),
            };
            match value {
                Some(v) => {
                    if matches!(want, 'D' | 'H') {
                        values.push(v);
                    }
                    self.bump();
                }
                None => {
                    let expected = match want {
                        'D' => "a digit".to_owned(),
                        'H' => "a hex digit".to_owned(),
                        c => format!("`{c}`"),
                    };
                    return Err(self.error(format!("expected {expected} in the {what} ({shape})")));
                }
            }
        }
        Ok(values)
    }

    /// Reads a percent-escaped field up to the next `*` and decodes it. `case_insensitive`
    /// fields also take lower-case letters literally in the QR form.
    fn escaped(
        &mut self,
        form: Form,
        case_insensitive: bool,
        what: &str,
    ) -> Result<String, IdError> {
        let mut bytes = Vec::new();
        // The input offset each decoded byte came from, to place a UTF-8 error.
        let mut origins = Vec::new();
        while let Some(c) = self.peek() {
            let at = self.pos;
            if c == '*' {
                break;
            }
            if c == '%' {
                self.bump();
                let mut byte = 0u8;
                for _ in 0..2 {
                    match self.peek().and_then(hex_value) {
                        Some(v) => byte = byte << 4 | v,
                        None => return Err(self.error("expected two hex digits after `%`")),
                    }
                    self.bump();
                }
                bytes.push(byte);
                origins.push(at);
                continue;
            }
            let literal = if let Some(d) = digit_value(c) {
                Some(b'0' + d)
            } else {
                u8::try_from(c).ok().filter(|&b| match form {
                    Form::Text => is_text_safe(b),
                    Form::Qr => is_qr_safe(b) || (case_insensitive && b.is_ascii_lowercase()),
                })
            };
            let Some(b) = literal else {
                let mut escaped = String::new();
                for b in c.to_string().bytes() {
                    escaped.push_str(&format!("%{b:02X}"));
                }
                let form_name = match form {
                    Form::Text => "text",
                    Form::Qr => "QR",
                };
                return Err(self.error(format!(
                    "{c:?} must be written {escaped} in the {what} of the {form_name} form"
                )));
            };
            bytes.push(b);
            origins.push(at);
            self.bump();
        }
        String::from_utf8(bytes).map_err(|e| IdError::Syntax {
            kind: KIND,
            offset: origins
                .get(e.utf8_error().valid_up_to())
                .copied()
                .unwrap_or(self.pos),
            message: format!("the percent-escapes in the {what} are not UTF-8"),
        })
    }

    /// Reads one signer: `national-code ":" post-id`.
    fn signer(&mut self, n: usize) -> Result<Signer, IdError> {
        let what = format!("national code of signer {n}");
        let digits = self.template("DDDDDDDDDD", &what, "10 digits")?;
        let ascii: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
        let code = NationalCode::parse(&ascii)
            .map_err(|e| field_error("signer.national_code", format!("signer {n}: {e}")))?;
        self.expect(':', &format!("the national code of signer {n}"))?;
        let mut post = String::new();
        while let Some(c) = self.peek() {
            if c == '+' || c == '*' {
                break;
            }
            if !(c.is_ascii_alphanumeric() || c == '-' || digit_value(c).is_some()) {
                return Err(self.error(format!(
                    "{c:?} cannot stand in the post ID of signer {n} (A-Z, 0-9, '-')"
                )));
            }
            post.push(c);
            self.bump();
        }
        Signer::new(code, &post).map_err(|e| match e {
            IdError::Field { field, message, .. } => {
                field_error(field, format!("signer {n}: {message}"))
            }
            other => other,
        })
    }
}

/// The value of a hex digit; 0–9 in any digit set.
fn hex_value(c: char) -> Option<u8> {
    digit_value(c).or_else(|| match c {
        'a'..='f' => Some(c as u8 - b'a' + 10),
        'A'..='F' => Some(c as u8 - b'A' + 10),
        _ => None,
    })
}

/// Parses a SHAMS in the forms `accept` allows.
pub(super) fn parse(input: &str, accept: Accept) -> Result<Shams, IdError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(IdError::Syntax {
            kind: KIND,
            offset: MAX_INPUT_BYTES,
            message: format!(
                "the input is {} bytes; a SHAMS has at most {MAX_INPUT_BYTES}",
                input.len()
            ),
        });
    }
    let rest = input.trim_start();
    let start = input.len() - rest.len();
    let end = start + rest.trim_end().len();
    if start == end {
        return Err(IdError::Empty { kind: KIND });
    }
    let mut c = Cursor {
        input,
        pos: start,
        end,
    };

    let form = c.tag(accept)?;
    c.expect('*', "the tag")?;

    let letter_number = canonical_letter_number(&c.escaped(form, false, "letter number")?)?;
    c.expect('*', "the letter number")?;

    let date_values = match form {
        Form::Text => c.template("DDDD-DD-DDTDD:DD:DD", "date-time", "YYYY-MM-DDTHH:MM:SS")?,
        Form::Qr => c.template("DDDDDDDDDDDDDD", "date-time", "YYYYMMDDHHMMSS")?,
    };
    let issued_at = ShamsDateTime::from_digit_values(&date_values)?;
    c.expect('*', "the date-time")?;

    let nibbles = match form {
        Form::Text => c.template(
            "HHHHHHHH-HHHH-HHHH-HHHH-HHHHHHHHHHHH",
            "GUID",
            "8-4-4-4-12 hex digits",
        )?,
        Form::Qr => c.template(&"H".repeat(32), "GUID", "32 hex digits")?,
    };
    let mut guid_bytes = [0u8; 16];
    for (byte, pair) in guid_bytes.iter_mut().zip(nibbles.chunks(2)) {
        *byte = pair.iter().fold(0, |b, &v| b << 4 | v);
    }
    let guid = check_guid(Uuid::from_bytes(guid_bytes))?;
    c.expect('*', "the GUID")?;

    let mut signers = Vec::new();
    loop {
        if signers.len() == MAX_SIGNERS {
            return Err(field_error(
                "signers",
                format!("more than {MAX_SIGNERS} signers; at most {MAX_SIGNERS} are allowed"),
            ));
        }
        signers.push(c.signer(signers.len() + 1)?);
        if c.peek() == Some('+') {
            c.bump();
        } else {
            break;
        }
    }
    check_signers(&signers)?;
    c.expect('*', "the signers")?;

    let org_email = canonical_email(&c.escaped(form, true, "email")?)?;
    c.expect('*', "the email")?;

    let legal_digits = c.template("DDDDDDDDDDD", "legal-entity ID", "11 digits")?;
    let legal_ascii: String = legal_digits.iter().map(|&d| char::from(b'0' + d)).collect();
    let org_legal_id = LegalEntityId::parse(&legal_ascii)
        .map_err(|e| field_error("org_legal_id", e.to_string()))?;
    if c.pos != c.end {
        return Err(c.error("unexpected data after the legal-entity ID (the last field)"));
    }

    Ok(Shams {
        letter_number,
        issued_at,
        guid,
        signers,
        org_email,
        org_legal_id,
    })
}
