//! PDF for signature work (ISO 32000-1/2): a bounded, fuzzed reader and an incremental
//! writer, and PAdES (ETSI EN 319 142) built on them. The reader's rules are specified in
//! `spec/pdf-reader.md`.
//!
//! | module | what it holds | standard |
//! |---|---|---|
//! | [`reader`] | lexer, objects, xref tables and streams, object streams, the chain of revisions with byte spans, objects as of any revision, AcroForm signature fields, signature dictionaries (`/Contents` span, DocMDP), `/Perms /DocMDP`, DSS | ISO 32000-1 §7, §12.7, §12.8; EN 319 142-1 §5.4 |
//! | [`pades`] | PAdES baseline signatures B-B to B-LTA, the diploma's signing order, and the hardened verifier (ByteRange, DocMDP, what changed after each signature) | ETSI EN 319 142-1, `spec/pades.md` |
//! | [`writer`] | one incremental update appended after the original bytes: new and replaced objects, xref table or stream like the previous revision, signature placeholders patched in place | ISO 32000-1 §7.5.6, §12.8.1 |
//!
//! Nothing here reads the clock, the network or keys; nothing panics on any input.

mod error;
pub mod pades;
pub mod reader;
pub mod writer;

pub use error::PdfError;
pub use reader::{Document, Limits, ObjRef, Object};
pub use writer::IncrementalUpdate;
