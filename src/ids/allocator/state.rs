//! The state file of one counter (`spec/identifiers.md` §4.2): four text lines,
//!
//! ```text
//! samad-serial-state 1
//! key 10380284790-1403-2
//! last 123
//! crc32 30ab7a54
//! ```
//!
//! the last a CRC-32 (ISO-HDLC, as in zip and PNG) of the bytes of the first three. Decoding is
//! strict: anything else is reported, never repaired.

use crate::ids::DiplomaNumber;

/// The first line, naming the format and its version.
const HEADER: &str = "samad-serial-state 1";
/// State files are about 70 bytes; anything much longer is not one.
pub(super) const MAX_LEN: u64 = 256;

/// The file content recording that serials up to `last` of the key `stem` are used.
pub(super) fn encode(stem: &str, last: u32) -> String {
    let body = format!("{HEADER}\nkey {stem}\nlast {last}\n");
    let crc = crc32(body.as_bytes());
    format!("{body}crc32 {crc:08x}\n")
}

/// The last used serial recorded in `bytes`, the content of the state file of key `stem`;
/// or what is wrong with it.
pub(super) fn decode(bytes: &[u8], stem: &str) -> Result<u32, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_owned())?;
    let Some(without_last_newline) = text.strip_suffix('\n') else {
        return Err("the last line is incomplete (the file was cut short)".into());
    };
    let lines: Vec<&str> = without_last_newline.split('\n').collect();
    let [header, key, last, crc] = lines[..] else {
        return Err(format!("expected 4 lines, found {}", lines.len()));
    };
    let stored = crc
        .strip_prefix("crc32 ")
        .filter(|hex| hex.len() == 8 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .ok_or_else(|| format!("line 4 should be `crc32` and 8 hex digits, found {crc:?}"))?;
    let body_len = text.len() - crc.len() - 1;
    let actual = crc32(&bytes[..body_len]);
    if stored != actual {
        return Err(format!(
            "checksum mismatch: the file says {stored:08x}, its content gives {actual:08x}"
        ));
    }
    if header != HEADER {
        return Err(format!("line 1 should be {HEADER:?}, found {header:?}"));
    }
    if key.strip_prefix("key ") != Some(stem) {
        return Err(format!(
            "line 2 should be \"key {stem}\" (the key in the file name), found {key:?}"
        ));
    }
    last.strip_prefix("last ")
        .filter(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
        .filter(|n| *n == "0" || !n.starts_with('0'))
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|&n| n <= DiplomaNumber::MAX_SERIAL)
        .ok_or_else(|| {
            format!(
                "line 3 should be `last` and a number from 0 to {}, found {last:?}",
                DiplomaNumber::MAX_SERIAL
            )
        })
}

/// CRC-32/ISO-HDLC (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF),
/// bit by bit: the input is under 100 bytes, so no table is needed.
pub(super) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}
