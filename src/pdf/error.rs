//! The PDF domain's error: reading (ISO 32000-1 §7 syntax, cross-reference sections,
//! revisions), writing incremental updates, and the PAdES work built on them.

use super::reader::ObjRef;

/// Why a PDF could not be read, updated or signed. Reading errors carry the byte offset
/// in the file where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The file is larger than the configured [`Limits`](super::reader::Limits) allow.
    #[error("PDF is {size} bytes; at most {max} bytes are read (raise Limits::max_file_size)")]
    TooLarge {
        /// The size found.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// A configured limit (objects, nesting depth, revisions, decoded stream size) was
    /// exceeded.
    #[error(
        "PDF at byte {offset}: more than {limit} {what}; the file is refused (raise Limits if it is genuine)"
    )]
    Limit {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// Where the limit was reached.
        offset: usize,
    },
    /// The bytes do not follow PDF syntax (ISO 32000-1 §7.2–7.3).
    #[error("PDF syntax error at byte {offset}: {message}")]
    Syntax {
        /// Where the problem was found.
        offset: usize,
        /// What was expected or found.
        message: String,
    },
    /// The file ends in the middle of something.
    #[error("PDF is truncated at byte {offset}: {what} is incomplete; the file was cut short")]
    Truncated {
        /// Where the data ran out.
        offset: usize,
        /// What was being read.
        what: &'static str,
    },
    /// A cross-reference section (table, stream, `startxref`, trailer) is broken
    /// (ISO 32000-1 §7.5.4–7.5.8).
    #[error("PDF cross-reference at byte {offset}: {message}")]
    Xref {
        /// Where the section (or the problem inside it) is.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// The `/Prev` chain of cross-reference sections loops back on itself.
    #[error("PDF cross-reference chain loops: /Prev points back to the section at byte {offset}")]
    PrevLoop {
        /// The offset visited twice.
        offset: usize,
    },
    /// Resolving references went round in a cycle.
    #[error("PDF object {object} refers to itself through a chain of references")]
    ReferenceCycle {
        /// An object on the cycle.
        object: ObjRef,
    },
    /// An object the document needs is not in any cross-reference section or is free.
    #[error("PDF object {object} is missing: {context}")]
    MissingObject {
        /// The object asked for.
        object: ObjRef,
        /// Who needed it.
        context: String,
    },
    /// An indirect object at the offset the cross-reference gives is not the object asked for.
    #[error(
        "PDF object {object}: the cross-reference points to byte {offset}, which holds {found}"
    )]
    WrongObject {
        /// The object asked for.
        object: ObjRef,
        /// The offset from the cross-reference.
        offset: usize,
        /// What is there instead.
        found: String,
    },
    /// A stream's data could not be found or decoded.
    #[error("PDF stream at byte {offset}: {message}")]
    Stream {
        /// The offset of the stream's dictionary or data.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// A stream uses a filter this reader does not decode.
    #[error("PDF stream at byte {offset} uses the filter /{filter}; only FlateDecode is supported")]
    UnsupportedFilter {
        /// The filter's name.
        filter: String,
        /// The offset of the stream's data.
        offset: usize,
    },
    /// The document's structure (catalog, AcroForm, signature dictionary, DSS…) is not what
    /// ISO 32000-1 or ETSI EN 319 142 requires.
    #[error("PDF structure: {context}: {message}")]
    Structure {
        /// Where in the document (`/Root /AcroForm /Fields`, `signature field official-1`…).
        context: String,
        /// What is wrong.
        message: String,
    },
    /// An incremental update or a signature placeholder could not be written or patched.
    #[error("PDF update: {message}")]
    Write {
        /// What went wrong and what to do.
        message: String,
    },
    /// Signing a PDF failed (PAdES, ETSI EN 319 142): the field, signer, CMS engine or
    /// time-stamp authority reported a problem.
    #[error("PDF signature {field}: {message}")]
    Signature {
        /// The signature field (or `document time-stamp`, `DSS`).
        field: String,
        /// What went wrong and what to do.
        message: String,
    },
}

impl PdfError {
    /// A syntax error at `offset`.
    pub(crate) fn syntax(offset: usize, message: impl Into<String>) -> PdfError {
        PdfError::Syntax {
            offset,
            message: message.into(),
        }
    }

    /// A cross-reference error at `offset`.
    pub(crate) fn xref(offset: usize, message: impl Into<String>) -> PdfError {
        PdfError::Xref {
            offset,
            message: message.into(),
        }
    }

    /// A structure error.
    pub(crate) fn structure(context: impl Into<String>, message: impl Into<String>) -> PdfError {
        PdfError::Structure {
            context: context.into(),
            message: message.into(),
        }
    }

    /// A stream error at `offset`.
    pub(crate) fn stream(offset: usize, message: impl Into<String>) -> PdfError {
        PdfError::Stream {
            offset,
            message: message.into(),
        }
    }
}
