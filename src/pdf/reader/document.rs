//! [`Document`]: the parsed cross-reference chain and objects on demand, as of the latest
//! revision or of any earlier one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Limits;
use super::filters;
use super::object::{Dict, ObjRef, Object, Stream};
use super::parser::{Parser, parse_indirect};
use super::revision::{self, Revision};
use super::xref::XrefEntry;
use crate::pdf::PdfError;

/// How many references or nested loads one lookup may follow before it is called a cycle.
const MAX_HOPS: usize = 32;

/// A parsed object stream (§7.5.7): its decoded data and where each object starts.
#[derive(Debug)]
struct ObjectStream {
    data: Vec<u8>,
    /// (object number, offset in `data`), in index order.
    offsets: Vec<(u32, usize)>,
}

/// Where an object was read from: the cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Location {
    File(usize),
    InStream { stream_offset: usize, index: u32 },
}

#[derive(Debug, Default)]
struct Cache {
    objects: HashMap<Location, Object>,
    streams: HashMap<usize, Arc<ObjectStream>>,
}

/// A PDF document borrowed from its bytes. Cheap to create: only the cross-reference chain
/// is read up front; objects are parsed on demand and cached.
#[derive(Debug)]
pub struct Document<'a> {
    bytes: &'a [u8],
    limits: Limits,
    revisions: Vec<Revision>,
    /// Per revision (index = number − 1): object number → entry.
    index: Vec<HashMap<u32, XrefEntry>>,
    cache: Mutex<Cache>,
}

impl<'a> Document<'a> {
    /// Parses with the default [`Limits`].
    pub fn parse(bytes: &'a [u8]) -> Result<Document<'a>, PdfError> {
        Document::parse_with(bytes, Limits::default())
    }

    /// Parses with explicit limits: checks the header, reads `startxref` and the whole
    /// `/Prev` chain of cross-reference sections.
    pub fn parse_with(bytes: &'a [u8], limits: Limits) -> Result<Document<'a>, PdfError> {
        if bytes.len() > limits.max_file_size {
            return Err(PdfError::TooLarge {
                size: bytes.len(),
                max: limits.max_file_size,
            });
        }
        // §7.5.2: the header is on the first line; tolerate leading junk within 1024 bytes.
        let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
        if super::parser::find(head, b"%PDF-", 0).is_none() {
            return Err(PdfError::syntax(
                0,
                "no '%PDF-' header in the first 1024 bytes; this is not a PDF file",
            ));
        }
        let revisions = revision::read_chain(bytes, &limits)?;
        if revisions.is_empty() {
            return Err(PdfError::xref(0, "no cross-reference section"));
        }
        let index = revisions
            .iter()
            .map(|r| r.objects.iter().map(|(id, e)| (id.num, *e)).collect())
            .collect();
        Ok(Document {
            bytes,
            limits,
            revisions,
            index,
            cache: Mutex::new(Cache::default()),
        })
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The revisions, oldest (number 1) first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// The latest revision.
    pub fn last_revision(&self) -> &Revision {
        // parse_with refuses a document without revisions.
        let last = self.revisions.len().saturating_sub(1);
        &self.revisions[last]
    }

    /// The latest trailer dictionary.
    pub fn trailer(&self) -> &Dict {
        &self.last_revision().trailer
    }

    /// The cross-reference entry of object `num` as of revision `revision` (1-based), from
    /// the newest revision at or before it that lists it.
    pub fn entry_at(&self, num: u32, revision: usize) -> Option<XrefEntry> {
        let upto = revision.min(self.index.len());
        self.index
            .get(..upto)?
            .iter()
            .rev()
            .find_map(|map| map.get(&num).copied())
    }

    /// The object `id` as of the latest revision.
    pub fn object(&self, id: ObjRef) -> Result<Object, PdfError> {
        self.object_at(id, self.revisions.len())
    }

    /// The object `id` as the document stood at revision `revision` (1-based): what a
    /// reader of the file cut at that revision's `%%EOF` would see.
    pub fn object_at(&self, id: ObjRef, revision: usize) -> Result<Object, PdfError> {
        self.load(id, revision, 0)
    }

    /// The catalog (`/Root`) of the latest revision.
    pub fn catalog(&self) -> Result<Dict, PdfError> {
        self.catalog_at(self.revisions.len())
    }

    /// The catalog as of revision `revision`.
    pub fn catalog_at(&self, revision: usize) -> Result<Dict, PdfError> {
        let trailer = &self
            .revisions
            .get(revision.saturating_sub(1))
            .ok_or_else(|| {
                PdfError::structure("trailer", format!("there is no revision {revision}"))
            })?
            .trailer;
        let root = trailer
            .get_reference(b"Root")
            .ok_or_else(|| PdfError::structure("trailer", "/Root is missing or not a reference"))?;
        match self.object_at(root, revision)? {
            Object::Dict(d) => Ok(d),
            other => Err(PdfError::structure(
                "trailer /Root",
                format!("the catalog is a {}, not a dictionary", other.type_name()),
            )),
        }
    }

    /// Follows references (as of the latest revision) to a direct object.
    pub fn resolve(&self, object: &Object) -> Result<Object, PdfError> {
        self.resolve_at(object, self.revisions.len())
    }

    /// Follows references as of revision `revision`.
    pub fn resolve_at(&self, object: &Object, revision: usize) -> Result<Object, PdfError> {
        self.resolve_within(object, revision, 0)
    }

    fn resolve_within(
        &self,
        object: &Object,
        revision: usize,
        hops: usize,
    ) -> Result<Object, PdfError> {
        let mut current = object.clone();
        for hop in 0..MAX_HOPS {
            match current {
                Object::Reference(r) => current = self.load(r, revision, hops + hop + 1)?,
                other => return Ok(other),
            }
        }
        Err(PdfError::ReferenceCycle {
            object: object.as_reference().unwrap_or(ObjRef::new(0, 0)),
        })
    }

    /// The value of `key` in `dict`, references followed; `Ok(None)` when absent or null.
    pub fn get_resolved(&self, dict: &Dict, key: &[u8]) -> Result<Option<Object>, PdfError> {
        match dict.get(key) {
            None => Ok(None),
            Some(value) => match self.resolve(value)? {
                Object::Null => Ok(None),
                other => Ok(Some(other)),
            },
        }
    }

    /// The decoded data of a stream of this document (FlateDecode with predictors, or no
    /// filter), bounded by [`Limits::max_stream_size`].
    pub fn stream_data(&self, stream: &Stream) -> Result<Vec<u8>, PdfError> {
        self.stream_data_within(stream, self.revisions.len(), 0)
    }

    /// [`stream_data`](Self::stream_data) with its filter entries resolved as of
    /// `revision`, counting the loads already under way (an object stream whose `/Filter`
    /// refers into itself is a cycle, not a stack overflow).
    fn stream_data_within(
        &self,
        stream: &Stream,
        revision: usize,
        hops: usize,
    ) -> Result<Vec<u8>, PdfError> {
        let offset = stream.data_range.start;
        let raw = self
            .bytes
            .get(stream.data_range.clone())
            .ok_or(PdfError::Truncated {
                offset,
                what: "stream data",
            })?;
        let mut dict = Dict::new();
        for key in [&b"Filter"[..], b"DecodeParms"] {
            if let Some(value) = stream.dict.get(key) {
                let value = match self.resolve_within(value, revision, hops)? {
                    Object::Array(items) => Object::Array(
                        items
                            .iter()
                            .map(|i| self.resolve_within(i, revision, hops))
                            .collect::<Result<_, _>>()?,
                    ),
                    other => other,
                };
                dict.set(key, value);
            }
        }
        filters::decode(&dict, raw, self.limits.max_stream_size, offset)
    }

    fn lock(&self) -> MutexGuard<'_, Cache> {
        // A poisoned cache still holds only fully parsed objects.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn load(&self, id: ObjRef, revision: usize, hops: usize) -> Result<Object, PdfError> {
        if hops > MAX_HOPS {
            return Err(PdfError::ReferenceCycle { object: id });
        }
        let missing = |why: &str| PdfError::MissingObject {
            object: id,
            context: why.to_string(),
        };
        let Some(entry) = self.entry_at(id.num, revision) else {
            // §7.3.10: a reference to an undefined object is the null object.
            return Ok(Object::Null);
        };
        match entry {
            XrefEntry::Free { .. } => Ok(Object::Null),
            XrefEntry::InFile { .. } | XrefEntry::InStream { .. }
                if entry.generation() != Some(id.generation) =>
            {
                Err(missing(
                    "the cross-reference lists another generation of it",
                ))
            }
            XrefEntry::InFile { offset, .. } => {
                let location = Location::File(offset);
                if let Some(hit) = self.lock().objects.get(&location) {
                    return Ok(hit.clone());
                }
                let object = self.parse_in_file(id, offset, revision, hops)?;
                self.lock().objects.insert(location, object.clone());
                Ok(object)
            }
            XrefEntry::InStream { stream, index } => {
                let stream_id = ObjRef::new(stream, 0);
                let Some(XrefEntry::InFile {
                    offset: stream_offset,
                    ..
                }) = self.entry_at(stream, revision)
                else {
                    return Err(missing(&format!(
                        "its object stream {stream_id} is not an object in the file"
                    )));
                };
                let location = Location::InStream {
                    stream_offset,
                    index,
                };
                if let Some(hit) = self.lock().objects.get(&location) {
                    return Ok(hit.clone());
                }
                let objstm = self.object_stream(stream_id, stream_offset, revision, hops)?;
                let Some(&(num, at)) = objstm.offsets.get(index as usize) else {
                    return Err(missing(&format!(
                        "object stream {stream_id} has no index {index}"
                    )));
                };
                if num != id.num {
                    return Err(PdfError::WrongObject {
                        object: id,
                        offset: stream_offset,
                        found: format!(
                            "object {num} at index {index} of object stream {stream_id}"
                        ),
                    });
                }
                let mut parser = Parser::new(&objstm.data, at, self.limits.max_depth);
                let object = parser.object().map_err(|e| in_stream(e, stream_id))?;
                self.lock().objects.insert(location, object.clone());
                Ok(object)
            }
        }
    }

    fn parse_in_file(
        &self,
        id: ObjRef,
        offset: usize,
        revision: usize,
        hops: usize,
    ) -> Result<Object, PdfError> {
        let mut resolve_length = |r: ObjRef| {
            self.load(r, revision, hops + 1)
                .ok()
                .and_then(|o| o.as_integer())
        };
        let indirect = parse_indirect(
            self.bytes,
            offset,
            self.limits.max_depth,
            &mut resolve_length,
        )?;
        if indirect.id != id {
            return Err(PdfError::WrongObject {
                object: id,
                offset,
                found: format!("object {}", indirect.id),
            });
        }
        Ok(indirect.object)
    }

    fn object_stream(
        &self,
        id: ObjRef,
        offset: usize,
        revision: usize,
        hops: usize,
    ) -> Result<Arc<ObjectStream>, PdfError> {
        if let Some(hit) = self.lock().streams.get(&offset) {
            return Ok(Arc::clone(hit));
        }
        let Object::Stream(stream) = self.load(id, revision, hops + 1)? else {
            return Err(PdfError::structure(
                format!("object stream {id}"),
                "a cross-reference entry points into it, but it is not a stream",
            ));
        };
        let context = format!("object stream {id}");
        if stream.dict.get_name(b"Type") != Some(b"ObjStm") {
            return Err(PdfError::structure(context, "it has no /Type /ObjStm"));
        }
        let n = stream
            .dict
            .get_integer(b"N")
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n <= self.limits.max_objects)
            .ok_or_else(|| PdfError::structure(&context, "/N is missing or out of range"))?;
        let first = stream
            .dict
            .get_integer(b"First")
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| PdfError::structure(&context, "/First is missing or negative"))?;
        let data = self.stream_data_within(&stream, revision, hops + 1)?;
        let mut parser = Parser::new(&data, 0, 1);
        let mut offsets = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let (num, _) = parser
                .unsigned("object number")
                .map_err(|e| in_stream(e, id))?;
            let (at, _) = parser
                .unsigned("object offset")
                .map_err(|e| in_stream(e, id))?;
            let num = u32::try_from(num)
                .map_err(|_| PdfError::structure(&context, "object number out of range"))?;
            let at = usize::try_from(at)
                .ok()
                .and_then(|a| a.checked_add(first))
                .filter(|a| *a <= data.len())
                .ok_or_else(|| {
                    PdfError::structure(
                        &context,
                        format!("the offset of object {num} is past its data"),
                    )
                })?;
            offsets.push((num, at));
        }
        let parsed = Arc::new(ObjectStream { data, offsets });
        self.lock().streams.insert(offset, Arc::clone(&parsed));
        Ok(parsed)
    }
}

/// Errors inside an object stream carry offsets in its decoded data: say which stream.
fn in_stream(error: PdfError, stream: ObjRef) -> PdfError {
    match error {
        PdfError::Syntax { offset, message } => PdfError::structure(
            format!("object stream {stream}"),
            format!("syntax error at byte {offset} of its decoded data: {message}"),
        ),
        PdfError::Truncated { offset, what } => PdfError::structure(
            format!("object stream {stream}"),
            format!("{what} is cut short at byte {offset} of its decoded data"),
        ),
        other => other,
    }
}
