//! The QR code on the diploma (`spec/diploma.md` §6): its payload, and the symbol drawn
//! as filled vector squares (no image, so nothing to compress or colour-manage).

use pdf_writer::Content;
use qrcode::{Color, EcLevel, QrCode};

use super::{DiplomaError, DiplomaRecord};

/// The payload prefix and version.
pub const QR_PREFIX: &str = "SAMAD-DIPLOMA:1";

/// The QR payload of a diploma: `SAMAD-DIPLOMA:1:<24-digit number>:<SHA-256 of the
/// canonical record, upper-case hex>`. Every character is in the QR alphanumeric set, so
/// the symbol stays small (version 5 at level M).
///
/// ```
/// # let record = samad::diploma::DiplomaRecord::from_json(include_str!("../../tests/data/diploma/record.json"))?;
/// let payload = samad::diploma::qr_payload(&record)?;
/// let (number, digest) = samad::diploma::parse_qr_payload(&payload)?;
/// assert_eq!(number, record.number());
/// assert_eq!(digest, record.sha256_hex()?);
/// # Ok::<(), samad::diploma::DiplomaError>(())
/// ```
pub fn qr_payload(record: &DiplomaRecord) -> Result<String, DiplomaError> {
    Ok(format!(
        "{QR_PREFIX}:{}:{}",
        record.number().compact(),
        record.sha256_hex()?.to_ascii_uppercase()
    ))
}

/// Reads a payload back: the diploma number and the record digest (lower-case hex).
pub fn parse_qr_payload(payload: &str) -> Result<(crate::DiplomaNumber, String), DiplomaError> {
    let bad = |message: String| DiplomaError::Qr { message };
    let rest = payload
        .strip_prefix(QR_PREFIX)
        .and_then(|r| r.strip_prefix(':'))
        .ok_or_else(|| bad(format!("the payload does not start with {QR_PREFIX}:")))?;
    let (number, digest) = rest
        .split_once(':')
        .ok_or_else(|| bad("the payload has no digest after the number".into()))?;
    if number.len() != crate::DiplomaNumber::DIGITS {
        return Err(bad(format!("{number:?} is not a 24-digit diploma number")));
    }
    let number = crate::DiplomaNumber::parse(number).map_err(|e| bad(e.to_string()))?;
    if digest.len() != 64
        || !digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'A'..=b'F'))
    {
        return Err(bad("the digest is not 64 upper-case hex digits".into()));
    }
    Ok((number, digest.to_ascii_lowercase()))
}

/// Draws the symbol for `payload` with its four-module quiet zone inside the square
/// `(left, bottom, side)`.
pub(crate) fn draw(
    content: &mut Content,
    payload: &str,
    (left, bottom, side): (f32, f32, f32),
) -> Result<(), DiplomaError> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
            DiplomaError::Qr {
                message: format!("cannot encode {} bytes: {e}", payload.len()),
            }
        })?;
    let width = code.width();
    let modules = code.to_colors();
    let quiet = 4;
    let module = side / (width + 2 * quiet) as f32;
    content.save_state();
    content.set_fill_rgb(1.0, 1.0, 1.0);
    content.rect(left, bottom, side, side);
    content.fill_nonzero();
    content.set_fill_rgb(0.0, 0.0, 0.0);
    // One rectangle per horizontal run of dark modules: a third of the operators of one
    // square per module, and no seams between neighbours.
    for (row, line) in modules.chunks(width).enumerate() {
        let y = bottom + side - (row + quiet + 1) as f32 * module;
        let mut col = 0;
        while col < line.len() {
            if line.get(col) != Some(&Color::Dark) {
                col += 1;
                continue;
            }
            let start = col;
            while line.get(col) == Some(&Color::Dark) {
                col += 1;
            }
            let x = left + (start + quiet) as f32 * module;
            // A hair of overlap between rows keeps anti-aliased renderers from drawing seams.
            content.rect(x, y, (col - start) as f32 * module, module + 0.01);
        }
    }
    content.fill_nonzero();
    content.restore_state();
    Ok(())
}
