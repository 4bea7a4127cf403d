//! Signature placeholders (ISO 32000-1 §12.8.1): a `/ByteRange` slot of fixed width and a
//! zero-filled `/Contents` hole, written first and patched in place after hashing, so the
//! signed bytes are exactly what ends in the file.

use std::io::Write;
use std::ops::Range;

use crate::pdf::PdfError;

/// Digits reserved for each `/ByteRange` number: enough for any file under 10 GB.
pub(crate) const BYTE_RANGE_DIGITS: usize = 10;

/// The `/ByteRange` slot as first written: `[0 0000000000 0000000000 0000000000]`.
pub(crate) fn byte_range_slot() -> Vec<u8> {
    let zeros = "0".repeat(BYTE_RANGE_DIGITS);
    format!("[0 {zeros} {zeros} {zeros}]").into_bytes()
}

/// What a signature placeholder reserves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignaturePlaceholder {
    /// Bytes reserved for the DER signature (CMS SignedData or time-stamp token); the hex
    /// string in the file is twice as long plus its brackets.
    pub contents_size: usize,
}

impl SignaturePlaceholder {
    /// Reserves `contents_size` bytes for the signature.
    pub fn new(contents_size: usize) -> SignaturePlaceholder {
        SignaturePlaceholder { contents_size }
    }
}

/// An update written with a signature placeholder, waiting for its `/ByteRange` and
/// `/Contents` to be patched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedSignature {
    /// The whole file: the original bytes followed by the new revision.
    pub bytes: Vec<u8>,
    /// The file offsets of the `/Contents` hex string, angle brackets included.
    pub contents: Range<usize>,
    /// The file offsets of the `/ByteRange` array, brackets included.
    pub byte_range_slot: Range<usize>,
}

impl PreparedSignature {
    /// The `/ByteRange` the signature covers: everything but the `/Contents` string,
    /// `[0, a, b, c]` with `a` = its start and `b` = its end.
    pub fn byte_range(&self) -> [usize; 4] {
        let len = self.bytes.len();
        [
            0,
            self.contents.start,
            self.contents.end,
            len.saturating_sub(self.contents.end),
        ]
    }

    /// Writes the `/ByteRange` into its slot. Call once, before hashing.
    pub fn patch_byte_range(&mut self) -> Result<(), PdfError> {
        let range = self.byte_range();
        patch_byte_range(&mut self.bytes, self.byte_range_slot.clone(), range)
    }

    /// The two signed parts of the file (before and after `/Contents`), in order.
    pub fn signed_parts(&self) -> [&[u8]; 2] {
        [
            self.bytes.get(..self.contents.start).unwrap_or_default(),
            self.bytes.get(self.contents.end..).unwrap_or_default(),
        ]
    }

    /// Writes the DER signature into the `/Contents` hole (the rest stays zero).
    pub fn patch_contents(&mut self, der: &[u8]) -> Result<(), PdfError> {
        patch_contents(&mut self.bytes, self.contents.clone(), der)
    }
}

/// Writes `range` into the `/ByteRange` slot `slot` (brackets included) of `bytes`, padding
/// with spaces inside the brackets so no other byte moves.
pub fn patch_byte_range(
    bytes: &mut [u8],
    slot: Range<usize>,
    range: [usize; 4],
) -> Result<(), PdfError> {
    let width = slot.len();
    let mut text = Vec::with_capacity(width);
    let _ = write!(text, "[{} {} {} {}", range[0], range[1], range[2], range[3]);
    if text.len() + 1 > width {
        return Err(PdfError::Write {
            message: format!(
                "the /ByteRange {range:?} needs {} bytes but its slot has {width}; the file is too large for the placeholder",
                text.len() + 1
            ),
        });
    }
    text.resize(width - 1, b' ');
    text.push(b']');
    let target = bytes.get_mut(slot.clone()).ok_or_else(|| PdfError::Write {
        message: format!("the /ByteRange slot {slot:?} is outside the file"),
    })?;
    if target.first() != Some(&b'[') || target.last() != Some(&b']') {
        return Err(PdfError::Write {
            message: format!("bytes {slot:?} are not a /ByteRange array"),
        });
    }
    target.copy_from_slice(&text);
    Ok(())
}

/// Writes `der` as hex into the `/Contents` hole `hole` (angle brackets included) of
/// `bytes`; the hole's remaining digits stay `0`.
pub fn patch_contents(bytes: &mut [u8], hole: Range<usize>, der: &[u8]) -> Result<(), PdfError> {
    let capacity = hole.len().saturating_sub(2) / 2;
    if der.len() > capacity {
        return Err(PdfError::Write {
            message: format!(
                "the signature is {} bytes but /Contents reserves {capacity}; reserve more (SignaturePlaceholder::contents_size)",
                der.len()
            ),
        });
    }
    let target = bytes.get_mut(hole.clone()).ok_or_else(|| PdfError::Write {
        message: format!("the /Contents hole {hole:?} is outside the file"),
    })?;
    if target.first() != Some(&b'<') || target.last() != Some(&b'>') {
        return Err(PdfError::Write {
            message: format!("bytes {hole:?} are not a /Contents hex string"),
        });
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for (i, b) in der.iter().enumerate() {
        if let Some(pair) = target.get_mut(1 + 2 * i..3 + 2 * i) {
            pair[0] = HEX[usize::from(b >> 4)];
            pair[1] = HEX[usize::from(b & 0x0f)];
        }
    }
    Ok(())
}
