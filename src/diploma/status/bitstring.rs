//! One bit per diploma, in the style of W3C Bitstring Status List v1.0 §3.1: index 0 is the
//! left-most (most significant) bit of the first byte; the encoded form is the gzip of the
//! bytes in base64url without padding (`spec/status-list.md` §3).

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use super::StatusError;

/// The fewest entries a list may have: W3C's herd-privacy minimum (16 KiB of bits).
pub const MIN_ENTRIES: u32 = 131_072;
/// The entries of a list made by [`StatusList::for_diplomas`](super::StatusList::for_diplomas):
/// 2^20, so every serial of a diploma number (at most 999,999) is an index.
pub const DEFAULT_ENTRIES: u32 = 1 << 20;
/// The most entries a list may have (2 MiB of bits), which bounds decompression.
pub const MAX_ENTRIES: u32 = 1 << 24;

/// A fixed-size string of bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// All zeros, `size` bits; `size` must be a valid list size.
    pub(crate) fn zeros(size: u32) -> Result<Bitstring, StatusError> {
        check_size(u64::from(size))?;
        Ok(Bitstring {
            bytes: vec![0; (size / 8) as usize],
        })
    }

    /// All zeros, [`DEFAULT_ENTRIES`] bits.
    pub(crate) fn default_zeros() -> Bitstring {
        Bitstring {
            bytes: vec![0; (DEFAULT_ENTRIES / 8) as usize],
        }
    }

    /// The number of bits.
    pub(crate) fn len(&self) -> u32 {
        // At most MAX_ENTRIES / 8 bytes, so the product fits.
        u32::try_from(self.bytes.len() * 8).unwrap_or(u32::MAX)
    }

    /// The bit at `index`, `None` past the end.
    pub(crate) fn get(&self, index: u32) -> Option<bool> {
        let byte = self.bytes.get((index / 8) as usize)?;
        Some(byte & mask(index) != 0)
    }

    /// Sets the bit at `index` to `value`; false past the end.
    pub(crate) fn set(&mut self, index: u32, value: bool) -> bool {
        let Some(byte) = self.bytes.get_mut((index / 8) as usize) else {
            return false;
        };
        if value {
            *byte |= mask(index);
        } else {
            *byte &= !mask(index);
        }
        true
    }

    /// The indexes of the bits that are set, in order.
    pub(crate) fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b != 0)
            .flat_map(|(i, b)| {
                (0..8u32)
                    .filter(move |bit| b & (0x80 >> bit) != 0)
                    .map(move |bit| i as u32 * 8 + bit)
            })
    }

    /// base64url (no padding) of the gzip of the bytes.
    pub(crate) fn encode(&self) -> String {
        let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let compressed = gzip
            .write_all(&self.bytes)
            .and_then(|()| gzip.finish())
            .unwrap_or_default();
        URL_SAFE_NO_PAD.encode(compressed)
    }

    /// Reads what [`Bitstring::encode`] writes for a list of `size` bits. Decompression
    /// stops one byte past the expected length, so a gzip bomb costs nothing.
    pub(crate) fn decode(field: &str, encoded: &str, size: u32) -> Result<Bitstring, StatusError> {
        let bad = |message: String| StatusError::EncodedList {
            field: field.to_owned(),
            message,
        };
        let compressed = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|e| bad(format!("not base64url without padding: {e}")))?;
        let expected = (size / 8) as usize;
        let mut bytes = Vec::with_capacity(expected);
        GzDecoder::new(compressed.as_slice())
            .take(expected as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("not a gzip stream: {e}")))?;
        if bytes.len() != expected {
            return Err(bad(format!(
                "decompresses to {}{} bytes; a list of {size} entries has {expected}",
                if bytes.len() > expected {
                    "more than "
                } else {
                    ""
                },
                bytes.len().min(expected),
            )));
        }
        Ok(Bitstring { bytes })
    }
}

fn mask(index: u32) -> u8 {
    0x80 >> (index % 8)
}

/// A list size is a multiple of 8 within [`MIN_ENTRIES`]..=[`MAX_ENTRIES`].
pub(crate) fn check_size(size: u64) -> Result<u32, StatusError> {
    match u32::try_from(size) {
        Ok(size) if size % 8 == 0 && (MIN_ENTRIES..=MAX_ENTRIES).contains(&size) => Ok(size),
        _ => Err(StatusError::Size {
            size,
            min: MIN_ENTRIES,
            max: MAX_ENTRIES,
        }),
    }
}
