//! The QR code on the diploma (`spec/diploma.md` §6): its payload, and the symbol drawn
//! as filled vector squares (no image, so nothing to compress or colour-manage).

use pdf_writer::Content;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode, Version};

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
    Ok(payload_of(record, &record.canonical_json()?))
}

/// [`qr_payload`] for a record whose canonical JSON is already at hand (the renderer
/// embeds it too), so it is not serialized twice.
pub(crate) fn payload_of(record: &DiplomaRecord, canonical_json: &str) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(canonical_json.as_bytes());
    let mut payload = format!("{QR_PREFIX}:{}:", record.number().compact());
    for byte in digest {
        let _ = write!(payload, "{byte:02X}");
    }
    payload
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
/// `(left, bottom, side)`, appending the operators to the content stream `out`.
///
/// The bytes are exactly what `pdf-writer`'s `Content` writes for the same operations
/// (pretty layout, one operator a line; reals as its `push_float` writes them: integers
/// without a point, others as `ryu` prints them) — the unit test holds the two to it — but
/// every distinct coordinate is formatted once: a symbol has a few dozen distinct x, y
/// and run widths and hundreds of rectangles. Verification redraws and compares bytes
/// (`diploma::verify`), so the layout is part of the format (`spec/diploma.md` §6).
pub(crate) fn draw(
    out: &mut Vec<u8>,
    payload: &str,
    (left, bottom, side): (f32, f32, f32),
) -> Result<(), DiplomaError> {
    let (width, modules) = encode(payload)?;
    let quiet = 4;
    let module = side / (width + 2 * quiet) as f32;
    let mut head = Content::new();
    head.save_state();
    head.set_fill_rgb(1.0, 1.0, 1.0);
    head.rect(left, bottom, side, side);
    head.fill_nonzero();
    head.set_fill_rgb(0.0, 0.0, 0.0);
    if !out.is_empty() {
        out.push(b'\n');
    }
    out.extend_from_slice(&head.finish());
    let xs: Vec<String> = (0..width)
        .map(|start| pdf_real(left + (start + quiet) as f32 * module))
        .collect();
    let widths: Vec<String> = (0..=width)
        .map(|run| pdf_real(run as f32 * module))
        .collect();
    // A hair of overlap between rows keeps anti-aliased renderers from drawing seams.
    let height = pdf_real(module + 0.01);
    // One rectangle per horizontal run of dark modules: a third of the operators of one
    // square per module, and no seams between neighbours.
    for (row, line) in modules.chunks(width).enumerate() {
        let y = pdf_real(bottom + side - (row + quiet + 1) as f32 * module);
        for (start, run) in dark_runs(line) {
            for (i, operand) in [&xs[start], &y, &widths[run], &height]
                .into_iter()
                .enumerate()
            {
                out.push(if i == 0 { b'\n' } else { b' ' });
                out.extend_from_slice(operand.as_bytes());
            }
            out.extend_from_slice(b" re");
        }
    }
    out.extend_from_slice(b"\nf\nQ");
    Ok(())
}

/// The horizontal runs of dark modules of a row: (first column, length).
fn dark_runs(line: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut col = 0;
    std::iter::from_fn(move || {
        let start = col + line.get(col..)?.iter().position(|dark| *dark)?;
        let run = line[start..].iter().take_while(|dark| **dark).count();
        col = start + run;
        Some((start, run))
    })
}

/// A real number as `pdf-writer` writes it (`Buf::push_float`): integral values as
/// integers, others in `ryu`'s shortest form, anything outside 1e-6..1e12 as Rust prints it.
fn pdf_real(value: f32) -> String {
    if value as i32 as f32 == value {
        (value as i32).to_string()
    } else if value.abs() > 1e-6 && value.abs() < 1e12 {
        ryu::Buffer::new().format(value).to_owned()
    } else {
        value.to_string()
    }
}

/// The eight mask patterns of ISO/IEC 18004 §7.8.2, in the order `qrcode` tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Encodes `payload` at level M: the symbol's width and its modules row by row, `true` for
/// dark. The same symbol as `QrCode::with_error_correction_level` (same segments, codewords
/// and mask choice — the unit test compares them), but the mask penalties of §7.8.3 are
/// scored on a flat grid: `qrcode`'s scoring allocates per module and was a quarter of a
/// diploma's rendering time.
pub(crate) fn encode(payload: &str) -> Result<(usize, Vec<bool>), DiplomaError> {
    let failed = |e: QrError| DiplomaError::Qr {
        message: format!("cannot encode {} bytes: {e}", payload.len()),
    };
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).map_err(failed)?;
    let version = bits.version();
    if !matches!(version, Version::Normal(_)) {
        // Micro symbols are scored differently; never chosen for our payloads, kept exact.
        let code =
            QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(failed)?;
        let modules = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
        return Ok((code.width(), modules));
    }
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(failed)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let side = version.width();
    let width = usize::try_from(side)
        .ok()
        .filter(|w| *w > 0)
        .ok_or_else(|| failed(QrError::InvalidVersion))?;
    let mut best: Option<(u16, Vec<bool>)> = None;
    for pattern in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(pattern);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        // Rows of up to 64 modules (versions 1–10, ours is 5) are scored as bit masks.
        let score = match PackedSymbol::new(&dark, width) {
            Some(packed) => packed.penalty(),
            None => penalty(&dark, width),
        };
        // The first mask with the lowest score wins, as in `Canvas::apply_best_mask`.
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    let (_, modules) = best.ok_or_else(|| failed(QrError::InvalidVersion))?;
    Ok((width, modules))
}

/// The total penalty of a masked symbol (ISO/IEC 18004 §7.8.3.1, N1–N4), computed as
/// `qrcode` 0.14 computes it (including its unrounded N4 and its u16 arithmetic), so the
/// same mask is chosen.
fn penalty(dark: &[bool], width: usize) -> u16 {
    let transposed: Vec<bool> = (0..width)
        .flat_map(|x| (0..width).map(move |y| y * width + x))
        .map(|i| dark.get(i).copied().unwrap_or(false))
        .collect();
    let mut total = 0u16;
    for grid in [dark, transposed.as_slice()] {
        let mut adjacent = 0u16;
        let mut finder = 0u16;
        for line in grid.chunks_exact(width) {
            // N1: runs of five or more modules of one colour score run − 2.
            for run in line.chunk_by(|a, b| a == b) {
                if run.len() >= 5 {
                    let run = u16::try_from(run.len()).unwrap_or(u16::MAX);
                    adjacent = adjacent.wrapping_add(run - 2);
                }
            }
            // N3: 1:1:3:1:1 finder-like patterns without four light modules on a side.
            // The last seven modules as bits, newest lowest; 0b1011101 is dark-light-dark×3-
            // light-dark.
            let mut last_seven = 0u8;
            for (end, module) in line.iter().enumerate() {
                last_seven = ((last_seven << 1) | u8::from(*module)) & 0x7F;
                let Some(j) = end.checked_sub(6) else {
                    continue;
                };
                if last_seven != 0b101_1101 {
                    continue;
                }
                let dark_in = |from: usize, to: usize| {
                    line.get(from..to.min(width))
                        .is_some_and(|side| side.contains(&true))
                };
                if !dark_in(j.saturating_sub(4), j) || !dark_in(j + 7, j + 11) {
                    finder = finder.wrapping_add(40);
                }
            }
        }
        total = total
            .wrapping_add(adjacent)
            .wrapping_add(finder.wrapping_sub(360));
    }
    // N2: every 2 × 2 block of one colour, overlapping, scores 3.
    for (upper, lower) in dark
        .chunks_exact(width)
        .zip(dark.chunks_exact(width).skip(1))
    {
        for (a, b) in upper.windows(2).zip(lower.windows(2)) {
            if a == b && a.first() == a.last() {
                total = total.wrapping_add(3);
            }
        }
    }
    // N4: the deviation of the dark share from 50 %, in half-percent steps.
    let count = dark.iter().filter(|d| **d).count();
    let ratio = count * 200 / dark.len().max(1);
    let balance = ratio.abs_diff(100);
    total.wrapping_add(u16::try_from(balance).unwrap_or(u16::MAX))
}

/// A symbol of at most 64 modules a side as bit masks, bit `x` of a row (or `y` of a
/// column) set for a dark module: the same penalty as [`penalty`] in a few word operations
/// per line instead of one branch per module.
struct PackedSymbol {
    width: usize,
    rows: Vec<u64>,
    columns: Vec<u64>,
}

impl PackedSymbol {
    /// `None` when the symbol is wider than 64 modules or `dark` is not `width`².
    fn new(dark: &[bool], width: usize) -> Option<PackedSymbol> {
        if width == 0 || width > 64 || dark.len() != width * width {
            return None;
        }
        let mut rows = vec![0u64; width];
        let mut columns = vec![0u64; width];
        for (y, line) in dark.chunks_exact(width).enumerate() {
            let mut row = 0u64;
            // Branch-free: a data-dependent branch per module cost more than the OR.
            for (x, (module, column)) in line.iter().zip(columns.iter_mut()).enumerate() {
                let bit = u64::from(*module);
                row |= bit << x;
                *column |= bit << y;
            }
            if let Some(slot) = rows.get_mut(y) {
                *slot = row;
            }
        }
        Some(PackedSymbol {
            width,
            rows,
            columns,
        })
    }

    /// [`penalty`] of the symbol, with the same u16 wrapping arithmetic.
    fn penalty(&self) -> u16 {
        let mut total = 0u16;
        for lines in [&self.rows, &self.columns] {
            let mut adjacent = 0u16;
            let mut finder = 0u16;
            for line in lines.iter() {
                adjacent = adjacent.wrapping_add(self.runs_penalty(*line));
                finder = finder.wrapping_add(self.finder_penalty(*line));
            }
            total = total
                .wrapping_add(adjacent)
                .wrapping_add(finder.wrapping_sub(360));
        }
        // N2: a 2 × 2 block is one colour when both rows agree at x and x + 1 and the upper
        // row agrees with itself across them.
        let pairs = low_bits(self.width - 1);
        for (upper, lower) in self.rows.iter().zip(self.rows.iter().skip(1)) {
            let same = !(upper ^ lower);
            let across = !(upper ^ (upper >> 1));
            let blocks = same & (same >> 1) & across & pairs;
            total = total.wrapping_add((blocks.count_ones() as u16).wrapping_mul(3));
        }
        let count: usize = self.rows.iter().map(|r| r.count_ones() as usize).sum();
        let ratio = count * 200 / (self.width * self.width);
        total.wrapping_add(u16::try_from(ratio.abs_diff(100)).unwrap_or(u16::MAX))
    }

    /// N1 of one line: every run of five or more modules of one colour scores run − 2.
    fn runs_penalty(&self, line: u64) -> u16 {
        let mut score = 0u16;
        let mut x = 0;
        while x < self.width {
            let rest = line >> x;
            let run = if rest & 1 == 1 {
                rest.trailing_ones()
            } else {
                rest.trailing_zeros()
            } as usize;
            let run = run.min(self.width - x).max(1);
            if run >= 5 {
                score = score.wrapping_add(run as u16 - 2);
            }
            x += run;
        }
        score
    }

    /// N3 of one line: 40 for each dark-light-dark×3-light-dark pattern without dark
    /// modules in at least one of the four-module stretches beside it (cut at the edge).
    fn finder_penalty(&self, line: u64) -> u16 {
        if self.width < 7 {
            return 0;
        }
        const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
        let mut starts = low_bits(self.width - 6);
        for (k, dark) in PATTERN.iter().enumerate() {
            starts &= if *dark { line >> k } else { !line >> k };
        }
        let mut score = 0u16;
        while starts != 0 {
            let j = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let before = span(line, j.saturating_sub(4), j);
            let after = span(line, j + 7, (j + 11).min(self.width));
            if before == 0 || after == 0 {
                score = score.wrapping_add(40);
            }
        }
        score
    }
}

/// A mask of the lowest `n` bits (all 64 when `n` ≥ 64).
fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// Bits `from..to` of `line`, shifted down; 0 for an empty range.
fn span(line: u64, from: usize, to: usize) -> u64 {
    if from >= to || from >= 64 {
        return 0;
    }
    (line >> from) & low_bits(to - from)
}

#[cfg(test)]
mod tests {
    use qrcode::{Color, EcLevel, QrCode};

    /// The bit-mask penalty equals the module-by-module one on arbitrary grids, edges and
    /// the 64-module limit included.
    #[test]
    fn packed_penalty_matches() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for width in [1usize, 6, 7, 8, 11, 21, 37, 63, 64] {
            for round in 0..50 {
                let dark: Vec<bool> = (0..width * width)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        // Long runs and finder patterns as well as noise.
                        if round % 2 == 0 {
                            state.is_multiple_of(2)
                        } else {
                            state % 7 < 3
                        }
                    })
                    .collect();
                let packed = super::PackedSymbol::new(&dark, width).expect("fits");
                assert_eq!(
                    packed.penalty(),
                    super::penalty(&dark, width),
                    "width {width}"
                );
            }
        }
        assert!(super::PackedSymbol::new(&[false; 65 * 65], 65).is_none());
    }

    /// The fast mask choice gives exactly `qrcode`'s symbol, for payloads of every digest.
    #[test]
    fn encode_matches_qrcode() {
        for seed in 0u32..200 {
            let digest: String = (0..64)
                .map(|i| {
                    let v = seed.wrapping_mul(2_654_435_761).rotate_left(i) ^ i.wrapping_mul(7919);
                    char::from(b"0123456789ABCDEF"[(v % 16) as usize])
                })
                .collect();
            let payload = format!(
                "{}:{:024}:{digest}",
                super::QR_PREFIX,
                u64::from(seed) * 7_777
            );
            let (width, ours) = super::encode(&payload).expect("encodes");
            let theirs = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
                .expect("encodes");
            let theirs: Vec<bool> = theirs
                .to_colors()
                .iter()
                .map(|c| *c == Color::Dark)
                .collect();
            assert_eq!(width * width, theirs.len());
            assert_eq!(ours, theirs, "payload {payload}");
        }
    }

    /// The symbol as `pdf-writer` draws it, one operation at a time: the reference the
    /// raw drawing must match byte for byte.
    fn draw_with_pdf_writer(
        content: &mut pdf_writer::Content,
        payload: &str,
        (left, bottom, side): (f32, f32, f32),
    ) {
        let (width, modules) = super::encode(payload).expect("encodes");
        let quiet = 4;
        let module = side / (width + 2 * quiet) as f32;
        content.save_state();
        content.set_fill_rgb(1.0, 1.0, 1.0);
        content.rect(left, bottom, side, side);
        content.fill_nonzero();
        content.set_fill_rgb(0.0, 0.0, 0.0);
        for (row, line) in modules.chunks(width).enumerate() {
            let y = bottom + side - (row + quiet + 1) as f32 * module;
            for (start, run) in super::dark_runs(line) {
                let x = left + (start + quiet) as f32 * module;
                content.rect(x, y, run as f32 * module, module + 0.01);
            }
        }
        content.fill_nonzero();
        content.restore_state();
    }

    #[test]
    fn dark_runs_cover_exactly_the_dark_modules() {
        let line = [true, true, false, true, false, false, true, true, true];
        let runs: Vec<_> = super::dark_runs(&line).collect();
        assert_eq!(runs, [(0, 2), (3, 1), (6, 3)]);
        assert_eq!(super::dark_runs(&[false; 5]).count(), 0);
        assert_eq!(super::dark_runs(&[]).count(), 0);
    }

    /// Raw drawing = `pdf-writer`'s, alone and after other operators, for payloads of
    /// every kind and boxes with integral and fractional coordinates.
    #[test]
    fn raw_drawing_is_pdf_writers_byte_for_byte() {
        let boxes = [
            crate::diploma::layout::QR_BOX,
            (0.0, 0.0, 100.0),
            (12.5, 700.25, 93.3),
            (1.0, 2.0, 3.0),
        ];
        for seed in 0u64..60 {
            let payload = format!(
                "{}:{:024}:{:064X}",
                super::QR_PREFIX,
                seed * 104_729,
                u128::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
            );
            for bounds in boxes {
                let mut reference = pdf_writer::Content::new();
                draw_with_pdf_writer(&mut reference, &payload, bounds);
                let mut raw = Vec::new();
                super::draw(&mut raw, &payload, bounds).expect("draws");
                assert_eq!(
                    String::from_utf8_lossy(&raw),
                    String::from_utf8_lossy(&reference.finish()),
                    "{payload} {bounds:?}"
                );

                let mut reference = pdf_writer::Content::new();
                reference
                    .set_fill_rgb(0.5, 0.25, 1.0)
                    .rect(1.0, 2.5, 3.0, 4.0)
                    .fill_nonzero();
                let mut raw = reference.as_bytes().to_vec();
                draw_with_pdf_writer(&mut reference, &payload, bounds);
                super::draw(&mut raw, &payload, bounds).expect("draws");
                assert_eq!(raw, reference.finish().to_vec(), "{payload} {bounds:?}");
            }
        }
    }
}
