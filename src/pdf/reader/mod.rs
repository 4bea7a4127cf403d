//! A PDF reader for signature work (ISO 32000-1 §7): the chain of incremental revisions
//! with their byte spans, classic and stream cross-references, object streams, objects on
//! demand (cached), and the signature structures PAdES needs (AcroForm signature fields,
//! signature dictionaries with the exact span of `/Contents`, `/Perms /DocMDP`, the DSS).
//!
//! Parsing is lazy: [`Document::parse`] reads only the cross-reference chain; objects are
//! parsed when asked for and cached. Every read is bounded by [`Limits`] and checked, so
//! any input gives a value or a [`PdfError`], never a panic.
//!
//! ```
//! use samad::pdf::reader::{Document, ObjRef};
//!
//! let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n\
//! 0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n\
//! startxref\n45\n%%EOF\n";
//! let doc = Document::parse(pdf)?;
//! assert_eq!(doc.revisions().len(), 1);
//! let catalog = doc.catalog()?;
//! assert_eq!(catalog.get_name(b"Type"), Some(&b"Catalog"[..]));
//! assert_eq!(doc.trailer().get_reference(b"Root"), Some(ObjRef::new(1, 0)));
//! # Ok::<(), samad::pdf::PdfError>(())
//! ```

mod document;
mod filters;
mod lexer;
mod object;
pub(crate) mod parser;
mod revision;
mod signature;
mod xref;

#[cfg(test)]
pub(crate) mod tests;

pub use document::Document;
pub use object::{Dict, ObjRef, Object, Stream};
pub use revision::Revision;
pub use signature::{
    DocMdp, Dss, SignatureDictionary, SignatureField, SignatureType, decode_text_string,
};
pub use xref::{XrefEntry, XrefKind};

pub(crate) use lexer::{is_delimiter, is_whitespace};

/// Bounds on the work a parse may do (STYLE habit 4). The defaults suit any diploma or
/// ordinary signed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes (default 256 MiB).
    pub max_file_size: usize,
    /// The most cross-reference entries over all revisions (default 1,000,000).
    pub max_objects: usize,
    /// The deepest nesting of arrays and dictionaries (default 64).
    pub max_depth: usize,
    /// The most cross-reference sections in the `/Prev` chain (default 1,000).
    pub max_revisions: usize,
    /// The largest decoded stream, in bytes (default 64 MiB).
    pub max_stream_size: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: 256 << 20,
            max_objects: 1_000_000,
            max_depth: 64,
            max_revisions: 1_000,
            max_stream_size: 64 << 20,
        }
    }
}
