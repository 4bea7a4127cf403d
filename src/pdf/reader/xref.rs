//! Cross-reference sections (ISO 32000-1 §7.5.4 tables, §7.5.8 streams, §7.5.8.4 hybrid
//! files) and the `startxref` pointer (§7.5.5).

use super::Limits;
use super::filters;
use super::lexer::Token;
use super::object::{Dict, Object};
use super::parser::{Parser, describe, parse_indirect, rfind};
use crate::pdf::PdfError;

/// Where an object lives, as a cross-reference entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefEntry {
    /// A free entry (`f`, or type 0 in a stream).
    Free {
        /// The next free object number.
        next: u32,
        /// The generation to use when the number is reused.
        generation: u16,
    },
    /// An object at a byte offset in the file (`n`, or type 1).
    InFile {
        /// The byte offset of `num generation obj`.
        offset: usize,
        /// The generation number.
        generation: u16,
    },
    /// An object inside an object stream (type 2, §7.5.7).
    InStream {
        /// The object number of the object stream.
        stream: u32,
        /// The index of the object in the stream.
        index: u32,
    },
}

impl XrefEntry {
    /// The generation an in-use entry defines (0 for objects in object streams).
    pub fn generation(&self) -> Option<u16> {
        match self {
            XrefEntry::Free { .. } => None,
            XrefEntry::InFile { generation, .. } => Some(*generation),
            XrefEntry::InStream { .. } => Some(0),
        }
    }
}

/// How a revision's cross-reference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefKind {
    /// A classic `xref` table and `trailer` dictionary (§7.5.4).
    Table,
    /// A cross-reference stream (§7.5.8).
    Stream,
}

/// One cross-reference section as read.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub(crate) offset: usize,
    pub(crate) kind: XrefKind,
    pub(crate) entries: Vec<(u32, XrefEntry)>,
    pub(crate) trailer: Dict,
    /// The offset just after the section (after the trailer dictionary or `endobj`).
    pub(crate) end: usize,
}

impl Section {
    pub(crate) fn prev(&self) -> Result<Option<usize>, PdfError> {
        offset_entry(&self.trailer, b"Prev", self.offset)
    }

    pub(crate) fn xref_stm(&self) -> Result<Option<usize>, PdfError> {
        offset_entry(&self.trailer, b"XRefStm", self.offset)
    }
}

fn offset_entry(trailer: &Dict, key: &[u8], at: usize) -> Result<Option<usize>, PdfError> {
    match trailer.get(key) {
        None => Ok(None),
        Some(Object::Integer(i)) => usize::try_from(*i).map(Some).map_err(|_| {
            PdfError::xref(
                at,
                format!("/{} {i} is not a byte offset", String::from_utf8_lossy(key)),
            )
        }),
        Some(other) => Err(PdfError::xref(
            at,
            format!(
                "/{} is a {}, not an integer offset",
                String::from_utf8_lossy(key),
                other.type_name()
            ),
        )),
    }
}

/// The offset named by the last `startxref` in the file.
pub(crate) fn startxref(bytes: &[u8]) -> Result<usize, PdfError> {
    let Some(at) = rfind(bytes, b"startxref", bytes.len()) else {
        return Err(PdfError::xref(
            bytes.len(),
            "no 'startxref' found; the file is not a PDF or was truncated",
        ));
    };
    let mut parser = Parser::new(bytes, at + 9, 1);
    let (offset, num_at) = parser.unsigned("the startxref offset")?;
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    if offset >= bytes.len() {
        return Err(PdfError::xref(
            num_at,
            format!(
                "startxref points to byte {offset}, past the end of the file ({} bytes)",
                bytes.len()
            ),
        ));
    }
    Ok(offset)
}

/// Reads the section at `offset`: a table if it starts with `xref`, else a stream object.
pub(crate) fn read_section(
    bytes: &[u8],
    offset: usize,
    limits: &Limits,
) -> Result<Section, PdfError> {
    if offset >= bytes.len() {
        return Err(PdfError::xref(
            offset,
            format!(
                "the section offset is past the end of the file ({} bytes)",
                bytes.len()
            ),
        ));
    }
    let mut parser = Parser::new(bytes, offset, limits.max_depth);
    parser.lexer.skip_whitespace();
    let start = parser.lexer.pos();
    if bytes.get(start..start + 4) == Some(b"xref") {
        read_table(parser, offset, limits)
    } else {
        read_stream_section(bytes, offset, limits)
    }
}

fn read_table(mut parser: Parser<'_>, offset: usize, limits: &Limits) -> Result<Section, PdfError> {
    parser.keyword(b"xref", "cross-reference table")?;
    let mut entries = Vec::new();
    loop {
        let mut look = parser.lexer.clone();
        match look.next_token()? {
            Some((Token::Keyword(b"trailer"), _)) => {
                parser.lexer.set_pos(look.pos());
                break;
            }
            Some((Token::Integer(_), _)) => {}
            Some((other, at)) => {
                return Err(PdfError::xref(
                    at,
                    format!(
                        "expected a subsection header 'first count' or 'trailer', found {}",
                        describe(&other)
                    ),
                ));
            }
            None => {
                return Err(PdfError::Truncated {
                    offset,
                    what: "cross-reference table (no 'trailer')",
                });
            }
        }
        let (first, first_at) = parser.unsigned("first object number of a subsection")?;
        let (count, _) = parser.unsigned("entry count of a subsection")?;
        if count as usize > limits.max_objects
            || entries.len() + count as usize > limits.max_objects
        {
            return Err(PdfError::Limit {
                what: "cross-reference entries",
                limit: limits.max_objects,
                offset: first_at,
            });
        }
        for i in 0..count {
            let (field1, at) = parser.unsigned("entry offset")?;
            let (generation, _) = parser.unsigned("entry generation")?;
            let (kind, kind_at) = parser.lexer.next_token()?.ok_or(PdfError::Truncated {
                offset: at,
                what: "cross-reference entry",
            })?;
            let num = u32::try_from(first + i)
                .map_err(|_| PdfError::xref(at, "object number out of range"))?;
            let generation = u16::try_from(generation).map_err(|_| {
                PdfError::xref(at, format!("generation {generation} is above 65535"))
            })?;
            let entry = match kind {
                Token::Keyword(b"n") => XrefEntry::InFile {
                    offset: usize::try_from(field1).unwrap_or(usize::MAX),
                    generation,
                },
                Token::Keyword(b"f") => XrefEntry::Free {
                    next: u32::try_from(field1).unwrap_or(0),
                    generation,
                },
                other => {
                    return Err(PdfError::xref(
                        kind_at,
                        format!(
                            "entry for object {num}: expected 'n' or 'f', found {}",
                            describe(&other)
                        ),
                    ));
                }
            };
            entries.push((num, entry));
        }
    }
    let trailer = match parser.object()? {
        Object::Dict(d) => d,
        other => {
            return Err(PdfError::xref(
                offset,
                format!("the trailer is a {}, not a dictionary", other.type_name()),
            ));
        }
    };
    Ok(Section {
        offset,
        kind: XrefKind::Table,
        entries,
        trailer,
        end: parser.lexer.pos(),
    })
}

fn read_stream_section(bytes: &[u8], offset: usize, limits: &Limits) -> Result<Section, PdfError> {
    // The xref stream's /Length must be direct (§7.5.8.2).
    let indirect =
        parse_indirect(bytes, offset, limits.max_depth, &mut |_| None).map_err(|e| match e {
            PdfError::Syntax {
                offset: at,
                message,
            } => PdfError::xref(
                at,
                format!("expected 'xref' or a cross-reference stream object: {message}"),
            ),
            other => other,
        })?;
    let end = indirect.end;
    let Object::Stream(stream) = indirect.object else {
        return Err(PdfError::xref(
            offset,
            "the object here is not a cross-reference stream",
        ));
    };
    if stream.dict.get_name(b"Type") != Some(b"XRef") {
        return Err(PdfError::xref(offset, "the stream here has no /Type /XRef"));
    }
    let raw = bytes
        .get(stream.data_range.clone())
        .ok_or(PdfError::Truncated {
            offset,
            what: "cross-reference stream",
        })?;
    let data = filters::decode(
        &stream.dict,
        raw,
        limits.max_stream_size,
        stream.data_range.start,
    )?;
    let widths: Vec<usize> = match stream.dict.get(b"W").and_then(Object::as_array) {
        Some(items) if items.len() == 3 => items
            .iter()
            .map(|w| {
                w.as_integer()
                    .and_then(|w| usize::try_from(w).ok())
                    .filter(|w| *w <= 8)
            })
            .collect::<Option<_>>()
            .ok_or_else(|| PdfError::xref(offset, "/W must hold three integers 0-8"))?,
        _ => {
            return Err(PdfError::xref(
                offset,
                "/W must be an array of three integers",
            ));
        }
    };
    let size = stream
        .dict
        .get_integer(b"Size")
        .and_then(|s| u32::try_from(s).ok())
        .ok_or_else(|| PdfError::xref(offset, "/Size is missing or not a non-negative integer"))?;
    let index: Vec<(u32, u32)> = match stream.dict.get(b"Index").and_then(Object::as_array) {
        None => vec![(0, size)],
        Some(items) => {
            let numbers: Vec<u32> = items
                .iter()
                .map(|o| o.as_integer().and_then(|i| u32::try_from(i).ok()))
                .collect::<Option<_>>()
                .ok_or_else(|| PdfError::xref(offset, "/Index must hold non-negative integers"))?;
            if !numbers.len().is_multiple_of(2) {
                return Err(PdfError::xref(
                    offset,
                    "/Index must hold pairs 'first count'",
                ));
            }
            numbers.chunks(2).map(|p| (p[0], p[1])).collect()
        }
    };
    let row: usize = widths.iter().sum();
    if row == 0 {
        return Err(PdfError::xref(offset, "/W gives rows of zero bytes"));
    }
    let mut rows = data.chunks_exact(row);
    let mut entries = Vec::new();
    for (first, count) in index {
        if count as usize > limits.max_objects
            || entries.len() + count as usize > limits.max_objects
        {
            return Err(PdfError::Limit {
                what: "cross-reference entries",
                limit: limits.max_objects,
                offset,
            });
        }
        for i in 0..count {
            let Some(fields) = rows.next() else {
                return Err(PdfError::xref(
                    offset,
                    format!(
                        "the stream data ends before the entry for object {}",
                        u64::from(first) + u64::from(i)
                    ),
                ));
            };
            let num = first
                .checked_add(i)
                .ok_or_else(|| PdfError::xref(offset, "object number out of range"))?;
            let (a, rest) = fields.split_at(widths[0]);
            let (b, c) = rest.split_at(widths[1]);
            let kind = if widths[0] == 0 { 1 } else { be(a) };
            let (b, c) = (be(b), be(c));
            let entry = match kind {
                0 => XrefEntry::Free {
                    next: u32::try_from(b).unwrap_or(0),
                    generation: u16::try_from(c).unwrap_or(u16::MAX),
                },
                1 => XrefEntry::InFile {
                    offset: usize::try_from(b).unwrap_or(usize::MAX),
                    generation: u16::try_from(c).map_err(|_| {
                        PdfError::xref(
                            offset,
                            format!("object {num}: generation {c} is above 65535"),
                        )
                    })?,
                },
                2 => XrefEntry::InStream {
                    stream: u32::try_from(b).map_err(|_| {
                        PdfError::xref(
                            offset,
                            format!("object {num}: object stream number out of range"),
                        )
                    })?,
                    index: u32::try_from(c).unwrap_or(u32::MAX),
                },
                // §7.5.8.3: other types are references to the null object.
                _ => continue,
            };
            entries.push((num, entry));
        }
    }
    let mut trailer = stream.dict;
    for key in [
        &b"Length"[..],
        b"Filter",
        b"DecodeParms",
        b"W",
        b"Index",
        b"Type",
    ] {
        trailer.remove(key);
    }
    Ok(Section {
        offset,
        kind: XrefKind::Stream,
        entries,
        trailer,
        end,
    })
}

/// A big-endian unsigned number of up to 8 bytes.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b))
}
