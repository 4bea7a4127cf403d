//! Incremental updates (ISO 32000-1 §7.5.6): one new revision appended after the original
//! bytes, which are never rewritten — what keeps earlier signatures valid.
//!
//! The new revision holds the added and replaced objects, a cross-reference of the same
//! kind as the previous revision's (a table after a table, a stream after a stream), a
//! trailer with `/Prev`, `/Size`, `/Root` (and `/Info`, `/ID` copied), `startxref` and
//! `%%EOF`. A signature placeholder reserves `/ByteRange` and `/Contents` to be patched in
//! place after hashing ([`PreparedSignature`]).
//!
//! ```
//! use samad::pdf::reader::{Dict, Document, Object};
//! use samad::pdf::writer::IncrementalUpdate;
//!
//! let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n\
//! 0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n\
//! startxref\n45\n%%EOF\n";
//! let doc = Document::parse(pdf)?;
//! let mut update = IncrementalUpdate::new(&doc)?;
//! let info = update.add_object(Object::Dict(Dict::from_iter([(
//!     b"Producer".to_vec(),
//!     Object::String(b"samad".to_vec()),
//! )])));
//! let bytes = update.finish()?;
//! assert!(bytes.starts_with(pdf));
//! let updated = Document::parse(&bytes)?;
//! assert_eq!(updated.revisions().len(), 2);
//! assert_eq!(updated.object(info)?.as_dict().and_then(|d| d.get(b"Producer")),
//!            Some(&Object::String(b"samad".to_vec())));
//! # Ok::<(), samad::pdf::PdfError>(())
//! ```

mod placeholder;
mod serialize;

#[cfg(test)]
mod tests;

use std::io::Write;

pub use placeholder::{PreparedSignature, SignaturePlaceholder, patch_byte_range, patch_contents};
pub use serialize::write_object;

use self::placeholder::byte_range_slot;
use self::serialize::{write_dict, write_name, write_stream};
use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Document, ObjRef, Object, XrefKind};

/// What an object of the update holds.
#[derive(Debug, Clone)]
enum Body {
    Object(Object),
    Stream {
        dict: Dict,
        data: Vec<u8>,
    },
    Signature {
        dict: Dict,
        placeholder: SignaturePlaceholder,
    },
}

/// One incremental update being built over a parsed document.
#[derive(Debug)]
pub struct IncrementalUpdate<'d, 'a> {
    doc: &'d Document<'a>,
    next: u32,
    objects: Vec<(ObjRef, Body)>,
}

impl<'d, 'a> IncrementalUpdate<'d, 'a> {
    /// Starts an update of `doc`. Refuses encrypted documents (their objects would need
    /// encrypting) and a trailer without `/Size` or `/Root`.
    pub fn new(doc: &'d Document<'a>) -> Result<IncrementalUpdate<'d, 'a>, PdfError> {
        let trailer = doc.trailer();
        if trailer.get(b"Encrypt").is_some() {
            return Err(PdfError::Write {
                message: "the document is encrypted; samad cannot update encrypted PDFs".into(),
            });
        }
        if trailer.get_reference(b"Root").is_none() {
            return Err(PdfError::Write {
                message: "the trailer has no /Root reference".into(),
            });
        }
        let size = trailer
            .get_integer(b"Size")
            .and_then(|s| u32::try_from(s).ok())
            .filter(|s| *s >= 1)
            .ok_or_else(|| PdfError::Write {
                message: "the trailer's /Size is missing or not a positive integer".into(),
            })?;
        Ok(IncrementalUpdate {
            doc,
            next: size,
            objects: Vec::new(),
        })
    }

    /// The document being updated.
    pub fn document(&self) -> &'d Document<'a> {
        self.doc
    }

    fn allocate(&mut self) -> ObjRef {
        let id = ObjRef::new(self.next, 0);
        self.next = self.next.saturating_add(1);
        id
    }

    fn put(&mut self, id: ObjRef, body: Body) {
        match self.objects.iter_mut().find(|(r, _)| *r == id) {
            Some(slot) => slot.1 = body,
            None => self.objects.push((id, body)),
        }
    }

    /// Adds a new object under the next free number (the trailer's `/Size` grows).
    pub fn add_object(&mut self, object: Object) -> ObjRef {
        let id = self.allocate();
        self.put(id, Body::Object(object));
        id
    }

    /// Adds a new stream with `data` written as given (set `/Filter` in `dict` if the data
    /// is encoded); `/Length` is set.
    pub fn add_stream(&mut self, dict: Dict, data: Vec<u8>) -> ObjRef {
        let id = self.allocate();
        self.put(id, Body::Stream { dict, data });
        id
    }

    /// Adds a stream compressed with FlateDecode.
    pub fn add_flate_stream(&mut self, mut dict: Dict, data: &[u8]) -> Result<ObjRef, PdfError> {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(data)
            .and_then(|_| encoder.finish())
            .map(|compressed| {
                dict.set(b"Filter", Object::Name(b"FlateDecode".to_vec()));
                self.add_stream(dict, compressed)
            })
            .map_err(|e| PdfError::Write {
                message: format!("cannot compress a stream: {e}"),
            })
    }

    /// Writes a new version of object `id` (an existing object, or one added to this
    /// update). An [`Object::Stream`] from the document keeps its encoded data.
    pub fn replace_object(&mut self, id: ObjRef, object: Object) {
        let body = match object {
            Object::Stream(stream) => {
                let data = self
                    .doc
                    .bytes()
                    .get(stream.data_range.clone())
                    .unwrap_or_default()
                    .to_vec();
                Body::Stream {
                    dict: stream.dict,
                    data,
                }
            }
            other => Body::Object(other),
        };
        self.put(id, body);
    }

    /// Writes a new version of object `id` as a stream with `data` as given.
    pub fn replace_stream(&mut self, id: ObjRef, dict: Dict, data: Vec<u8>) {
        self.put(id, Body::Stream { dict, data });
    }

    /// Adds a signature dictionary (`dict` without `/ByteRange` and `/Contents`) whose
    /// `/ByteRange` and `/Contents` are reserved; finish with
    /// [`finish_with_signature`](Self::finish_with_signature). One per update.
    pub fn add_signature_placeholder(
        &mut self,
        mut dict: Dict,
        placeholder: SignaturePlaceholder,
    ) -> Result<ObjRef, PdfError> {
        if self
            .objects
            .iter()
            .any(|(_, b)| matches!(b, Body::Signature { .. }))
        {
            return Err(PdfError::Write {
                message: "an update holds at most one signature placeholder".into(),
            });
        }
        if placeholder.contents_size == 0 || placeholder.contents_size > 1 << 20 {
            return Err(PdfError::Write {
                message: format!(
                    "a /Contents reservation of {} bytes is out of range (1 byte to 1 MiB)",
                    placeholder.contents_size
                ),
            });
        }
        dict.remove(b"ByteRange");
        dict.remove(b"Contents");
        let id = self.allocate();
        self.put(id, Body::Signature { dict, placeholder });
        Ok(id)
    }

    /// Appends the revision and returns the whole file. Fails if a signature placeholder
    /// was added (use [`finish_with_signature`](Self::finish_with_signature)).
    pub fn finish(self) -> Result<Vec<u8>, PdfError> {
        let (bytes, hole) = self.write()?;
        if hole.is_some() {
            return Err(PdfError::Write {
                message: "the update holds a signature placeholder; use finish_with_signature"
                    .into(),
            });
        }
        Ok(bytes)
    }

    /// Appends the revision holding a signature placeholder and returns the file with the
    /// offsets to patch.
    pub fn finish_with_signature(self) -> Result<PreparedSignature, PdfError> {
        let (bytes, hole) = self.write()?;
        let Some((contents, byte_range_slot)) = hole else {
            return Err(PdfError::Write {
                message: "finish_with_signature needs a signature placeholder; add one first"
                    .into(),
            });
        };
        Ok(PreparedSignature {
            bytes,
            contents,
            byte_range_slot,
        })
    }

    #[allow(clippy::type_complexity)]
    fn write(
        self,
    ) -> Result<
        (
            Vec<u8>,
            Option<(std::ops::Range<usize>, std::ops::Range<usize>)>,
        ),
        PdfError,
    > {
        if self.objects.is_empty() {
            return Err(PdfError::Write {
                message: "the update adds no object; there is nothing to append".into(),
            });
        }
        let original = self.doc.bytes();
        // Room for the reserved /Contents too, so the file is copied once, not regrown.
        let reserved: usize = self
            .objects
            .iter()
            .map(|(_, body)| match body {
                Body::Signature { placeholder, .. } => 2 * placeholder.contents_size,
                Body::Stream { data, .. } => data.len(),
                Body::Object(_) => 0,
            })
            .sum();
        let mut out = Vec::with_capacity(original.len() + reserved + 4096);
        out.extend_from_slice(original);
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets: Vec<(ObjRef, usize)> = Vec::with_capacity(self.objects.len() + 1);
        let mut hole = None;
        for (id, body) in &self.objects {
            offsets.push((*id, out.len()));
            let _ = writeln!(out, "{} {} obj", id.num, id.generation);
            match body {
                Body::Object(object) => write_object(&mut out, object, original)?,
                Body::Stream { dict, data } => write_stream(&mut out, dict, data)?,
                Body::Signature { dict, placeholder } => {
                    hole = Some(write_signature(&mut out, dict, *placeholder)?);
                }
            }
            out.extend_from_slice(b"\nendobj\n");
        }
        // /Size covers every number written, even one replaced past the old /Size.
        let next = self
            .objects
            .iter()
            .map(|(id, _)| id.num.saturating_add(1))
            .fold(self.next, u32::max);
        let previous = self.doc.last_revision();
        let mut trailer = Dict::new();
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Some(value) = previous.trailer.get(key) {
                trailer.set(key, value.clone());
            }
        }
        let prev = i64::try_from(previous.xref_offset).map_err(|_| PdfError::Write {
            message: "the previous cross-reference offset is out of range".into(),
        })?;
        trailer.set(b"Prev", Object::Integer(prev));
        match previous.kind {
            XrefKind::Table => {
                trailer.set(b"Size", Object::Integer(i64::from(next)));
                let xref_at = out.len();
                write_table(&mut out, &mut offsets);
                out.extend_from_slice(b"trailer\n");
                write_dict(&mut out, &trailer, 0)?;
                let _ = write!(out, "\nstartxref\n{xref_at}\n%%EOF\n");
            }
            XrefKind::Stream => {
                let id = ObjRef::new(next, 0);
                let xref_at = out.len();
                offsets.push((id, xref_at));
                trailer.set(b"Size", Object::Integer(i64::from(next) + 1));
                let (dict, data) = xref_stream(&trailer, &mut offsets);
                let _ = writeln!(out, "{} {} obj", id.num, id.generation);
                write_stream(&mut out, &dict, &data)?;
                let _ = write!(out, "\nendobj\nstartxref\n{xref_at}\n%%EOF\n");
            }
        }
        Ok((out, hole))
    }
}

/// Writes a signature dictionary with its placeholder; returns the `/Contents` and
/// `/ByteRange` spans.
fn write_signature(
    out: &mut Vec<u8>,
    dict: &Dict,
    placeholder: SignaturePlaceholder,
) -> Result<(std::ops::Range<usize>, std::ops::Range<usize>), PdfError> {
    let mut head = Vec::new();
    write_dict(&mut head, dict, 0)?;
    // Drop the closing `>>` to append the two reserved entries.
    head.truncate(head.len().saturating_sub(2));
    out.extend_from_slice(&head);
    write_name(out, b"ByteRange");
    out.push(b' ');
    let slot_start = out.len();
    out.extend_from_slice(&byte_range_slot());
    let slot = slot_start..out.len();
    write_name(out, b"Contents");
    out.push(b' ');
    let hole_start = out.len();
    out.push(b'<');
    out.resize(out.len() + 2 * placeholder.contents_size, b'0');
    out.push(b'>');
    let hole = hole_start..out.len();
    out.extend_from_slice(b">>");
    Ok((hole, slot))
}

/// Runs of consecutive object numbers: (first, count).
fn runs(offsets: &mut [(ObjRef, usize)]) -> Vec<(u32, u32)> {
    offsets.sort_by_key(|(id, _)| id.num);
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (id, _) in offsets.iter() {
        match runs.last_mut() {
            Some((first, count)) if first.saturating_add(*count) == id.num => *count += 1,
            _ => runs.push((id.num, 1)),
        }
    }
    runs
}

/// A classic table (§7.5.4): 20-byte entries, one subsection per run of numbers.
fn write_table(out: &mut Vec<u8>, offsets: &mut [(ObjRef, usize)]) {
    let runs = runs(offsets);
    out.extend_from_slice(b"xref\n");
    let mut entries = offsets.iter();
    for (first, count) in runs {
        let _ = writeln!(out, "{first} {count}");
        for _ in 0..count {
            if let Some((id, offset)) = entries.next() {
                let _ = write!(out, "{offset:010} {:05} n\r\n", id.generation);
            }
        }
    }
}

/// A cross-reference stream (§7.5.8) listing `offsets` (its own entry included), with the
/// trailer's keys.
fn xref_stream(trailer: &Dict, offsets: &mut [(ObjRef, usize)]) -> (Dict, Vec<u8>) {
    let runs = runs(offsets);
    let max = offsets.iter().map(|(_, o)| *o).max().unwrap_or(0);
    let width = (usize::BITS - max.leading_zeros()).div_ceil(8).max(1) as usize;
    let mut data = Vec::with_capacity(offsets.len() * (width + 2));
    for (id, offset) in offsets.iter() {
        data.push(1);
        data.extend_from_slice(&offset.to_be_bytes()[std::mem::size_of::<usize>() - width..]);
        data.extend_from_slice(&id.generation.to_be_bytes());
    }
    let mut dict = Dict::new();
    dict.set(b"Type", Object::Name(b"XRef".to_vec()));
    for (key, value) in trailer.iter() {
        dict.set(key, value.clone());
    }
    dict.set(
        b"W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(width as i64),
            Object::Integer(2),
        ]),
    );
    dict.set(
        b"Index",
        Object::Array(
            runs.iter()
                .flat_map(|(first, count)| {
                    [
                        Object::Integer(i64::from(*first)),
                        Object::Integer(i64::from(*count)),
                    ]
                })
                .collect(),
        ),
    );
    (dict, data)
}
