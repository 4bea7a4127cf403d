//! Object serialization (ISO 32000-1 §7.3): every [`Object`] kind, names escaped with `#xx`,
//! strings as escaped literals when printable and as hexadecimal otherwise.

use std::io::Write;

use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Object, is_delimiter, is_whitespace};

/// Appends `object` in PDF syntax to `out`. A stream writes its dictionary (with `/Length`
/// set to the data's length) and its still-encoded data, copied from `source` (the file
/// the stream was read from). A stream nested inside an array or dictionary is refused:
/// streams must be indirect objects (§7.3.8.1).
pub fn write_object(out: &mut Vec<u8>, object: &Object, source: &[u8]) -> Result<(), PdfError> {
    match object {
        Object::Stream(stream) => {
            let data = source
                .get(stream.data_range.clone())
                .ok_or_else(|| PdfError::Write {
                    message: format!(
                        "the stream's data range {:?} is outside the source file ({} bytes)",
                        stream.data_range,
                        source.len()
                    ),
                })?;
            write_stream(out, &stream.dict, data)
        }
        other => write_direct(out, other, 0),
    }
}

/// Appends a stream: its dictionary with `/Length` set, then `stream`, the data and
/// `endstream`.
pub(crate) fn write_stream(out: &mut Vec<u8>, dict: &Dict, data: &[u8]) -> Result<(), PdfError> {
    let mut dict = dict.clone();
    let length = i64::try_from(data.len()).map_err(|_| PdfError::Write {
        message: "stream data too long".into(),
    })?;
    dict.set(b"Length", Object::Integer(length));
    write_dict(out, &dict, 0)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    Ok(())
}

/// Nesting bound for writing, the reader's default.
const MAX_DEPTH: usize = 64;

fn write_direct(out: &mut Vec<u8>, object: &Object, depth: usize) -> Result<(), PdfError> {
    if depth > MAX_DEPTH {
        return Err(PdfError::Write {
            message: format!("objects nest deeper than {MAX_DEPTH} levels"),
        });
    }
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(true) => out.extend_from_slice(b"true"),
        Object::Bool(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => write_real(out, *r),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes) => write_string(out, bytes),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_direct(out, item, depth + 1)?;
            }
            out.push(b']');
        }
        Object::Dict(dict) => write_dict(out, dict, depth)?,
        Object::Stream(_) => {
            return Err(PdfError::Write {
                message: "a stream inside an array or dictionary; streams must be indirect objects"
                    .into(),
            });
        }
        Object::Reference(r) => {
            let _ = write!(out, "{} {} R", r.num, r.generation);
        }
    }
    Ok(())
}

pub(crate) fn write_dict(out: &mut Vec<u8>, dict: &Dict, depth: usize) -> Result<(), PdfError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_direct(out, value, depth + 1)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// A real without exponent (PDF has none), at most 6 decimals; NaN and infinities as 0.
fn write_real(out: &mut Vec<u8>, r: f64) {
    if !r.is_finite() {
        out.push(b'0');
        return;
    }
    let text = format!("{r:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text.is_empty() || text == "-" || text == "-0" {
        "0"
    } else {
        text
    };
    out.extend_from_slice(text.as_bytes());
}

/// `/name`, with `#xx` for bytes outside `!`..`~`, delimiters and `#` (§7.3.5).
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if !(0x21..=0x7e).contains(&b) || b == b'#' || is_delimiter(b) || is_whitespace(b) {
            let _ = write!(out, "#{b:02X}");
        } else {
            out.push(b);
        }
    }
}

/// A literal string with `\(`, `\)`, `\\` escaped when every byte is printable ASCII,
/// else a hexadecimal string.
fn write_string(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.iter().all(|b| (0x20..=0x7e).contains(b)) {
        out.push(b'(');
        for &b in bytes {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        out.push(b'<');
        for b in bytes {
            let _ = write!(out, "{b:02X}");
        }
        out.push(b'>');
    }
}
