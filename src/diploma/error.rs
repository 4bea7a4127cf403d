//! The diploma domain's error.

/// Why a diploma record could not be built or read, or a diploma could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiplomaError {
    /// A field of a graduate row or of a diploma record is missing, malformed or
    /// inconsistent with another field.
    #[error("diploma record: field {field}: {message}")]
    Field {
        /// The field, as a path in the record JSON (`graduate.first_name_fa`).
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The diploma record JSON could not be read.
    #[error("diploma record JSON, line {line} column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// The record is larger than a diploma record can be.
    #[error("diploma record JSON is {size} bytes; a record is at most {max} bytes")]
    TooLarge {
        /// The size found.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The canonical (RFC 8785) form of the record could not be made.
    #[error("diploma record: cannot canonicalize: {message}")]
    Canonical {
        /// The canonicalizer's reason.
        message: String,
    },
    /// The shipped font could not be read, shaped or subset.
    #[error("font {font}: {message}")]
    Font {
        /// The font's PostScript name.
        font: String,
        /// What went wrong.
        message: String,
    },
    /// A text needs a glyph the batch's font subset does not hold: the fonts were prepared
    /// for a different batch of diplomas.
    #[error(
        "font {font}: the glyphs of {text:?} are not in the batch's font subset; prepare \
         DiplomaFonts from every diploma of the batch"
    )]
    GlyphNotPrepared {
        /// The font's PostScript name.
        font: String,
        /// The line that needs the glyph.
        text: String,
    },
    /// A character has no glyph in the shipped font.
    #[error("font {font} has no glyph for {character:?} (U+{code:04X}) in {text:?}")]
    MissingGlyph {
        /// The font's PostScript name.
        font: String,
        /// The character.
        character: char,
        /// Its code point.
        code: u32,
        /// The text it appears in.
        text: String,
    },
    /// The QR code payload does not fit a QR symbol.
    #[error("QR code: {message}")]
    Qr {
        /// The encoder's reason.
        message: String,
    },
}
