//! Stream filters (ISO 32000-1 §7.4): FlateDecode with the PNG and TIFF predictors of
//! §7.4.4.4, bounded by the decoded-size limit.

use std::io::Read;

use super::object::{Dict, Object};
use crate::pdf::PdfError;

/// Decodes `raw` per the stream dictionary's `/Filter` and `/DecodeParms` (already
/// resolved to direct objects). At most `max` decoded bytes are produced.
pub(crate) fn decode(
    dict: &Dict,
    raw: &[u8],
    max: usize,
    offset: usize,
) -> Result<Vec<u8>, PdfError> {
    let filters: Vec<&[u8]> = match dict.get(b"Filter") {
        None | Some(Object::Null) => Vec::new(),
        Some(Object::Name(n)) => vec![n.as_slice()],
        Some(Object::Array(items)) => items
            .iter()
            .map(|o| {
                o.as_name()
                    .ok_or_else(|| PdfError::stream(offset, "/Filter array holds a non-name"))
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(PdfError::stream(
                offset,
                format!("/Filter is a {}, not a name or array", other.type_name()),
            ));
        }
    };
    let params: Vec<Option<&Dict>> = match dict.get(b"DecodeParms") {
        Some(Object::Dict(d)) => vec![Some(d)],
        Some(Object::Array(items)) => items.iter().map(Object::as_dict).collect(),
        _ => Vec::new(),
    };
    if filters.is_empty() {
        if raw.len() > max {
            return Err(PdfError::Limit {
                what: "bytes of decoded stream data",
                limit: max,
                offset,
            });
        }
        return Ok(raw.to_vec());
    }
    let mut data = raw.to_vec();
    for (i, filter) in filters.iter().enumerate() {
        match *filter {
            b"FlateDecode" | b"Fl" => {
                data = inflate(&data, max, offset)?;
                if let Some(Some(parms)) = params.get(i) {
                    data = unpredict(&data, parms, offset)?;
                }
            }
            other => {
                return Err(PdfError::UnsupportedFilter {
                    filter: String::from_utf8_lossy(other).into_owned(),
                    offset,
                });
            }
        }
    }
    Ok(data)
}

/// zlib inflate with an output bound.
pub(crate) fn inflate(raw: &[u8], max: usize, offset: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    // An empty stream with a filter (an empty appearance) decodes to nothing, as in qpdf.
    if raw.is_empty() {
        return Ok(out);
    }
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::ZlibDecoder::new(raw)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| PdfError::stream(offset, format!("FlateDecode data is corrupt: {e}")))?;
    if out.len() > max {
        return Err(PdfError::Limit {
            what: "bytes of decoded stream data",
            limit: max,
            offset,
        });
    }
    Ok(out)
}

fn param(parms: &Dict, key: &[u8], default: i64) -> i64 {
    parms.get_integer(key).unwrap_or(default)
}

/// Undoes a predictor (§7.4.4.4, Table 8).
fn unpredict(data: &[u8], parms: &Dict, offset: usize) -> Result<Vec<u8>, PdfError> {
    let predictor = param(parms, b"Predictor", 1);
    if predictor == 1 {
        return Ok(data.to_vec());
    }
    let colors = param(parms, b"Colors", 1);
    let bits = param(parms, b"BitsPerComponent", 8);
    let columns = param(parms, b"Columns", 1);
    let bad = || {
        PdfError::stream(
            offset,
            format!(
                "predictor parameters out of range (/Colors {colors}, /BitsPerComponent {bits}, /Columns {columns})"
            ),
        )
    };
    if !(1..=32).contains(&colors)
        || ![1, 2, 4, 8, 16].contains(&bits)
        || !(1..=1 << 24).contains(&columns)
    {
        return Err(bad());
    }
    // Bounded above, so these products fit in usize.
    let bits_per_pixel = (colors * bits) as usize;
    let row = (bits_per_pixel * columns as usize).div_ceil(8);
    let bpp = bits_per_pixel.div_ceil(8).max(1);
    match predictor {
        2 => {
            if bits != 8 {
                return Err(PdfError::stream(
                    offset,
                    "TIFF predictor 2 is supported for 8 bits per component only",
                ));
            }
            let mut out = data.to_vec();
            for line in out.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
            Ok(out)
        }
        10..=15 => png(data, row, bpp, offset),
        other => Err(PdfError::stream(
            offset,
            format!("unknown /Predictor {other}"),
        )),
    }
}

/// PNG predictors: each row starts with its filter type byte.
fn png(data: &[u8], row: usize, bpp: usize, offset: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&kind, encoded)) = chunk.split_first() else {
            break;
        };
        let mut current = encoded.to_vec();
        current.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { current[i - bpp] } else { 0 };
            let up = previous[i];
            let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
            let add = match kind {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                other => {
                    return Err(PdfError::stream(
                        offset,
                        format!("PNG predictor row type {other} is not 0-4"),
                    ));
                }
            };
            current[i] = current[i].wrapping_add(add);
        }
        out.extend_from_slice(current.get(..encoded.len().min(row)).unwrap_or_default());
        previous = current;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}
