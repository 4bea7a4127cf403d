//! Objects from tokens (ISO 32000-1 §7.3): direct objects with bounded nesting, indirect
//! objects `num generation obj … endobj`, and streams with a direct or indirect `/Length`.

use std::ops::Range;

use super::lexer::{Lexer, Token, is_whitespace};
use super::object::{Dict, ObjRef, Object, Stream};
use crate::pdf::PdfError;

/// An indirect object as read from the file.
#[derive(Debug, Clone)]
pub(crate) struct Indirect {
    /// The `num generation` of its header.
    pub(crate) id: ObjRef,
    /// The object.
    pub(crate) object: Object,
    /// For a dictionary or stream: each top-level key and the byte range of its value.
    pub(crate) spans: Vec<(Vec<u8>, Range<usize>)>,
    /// The offset just after `endobj`.
    pub(crate) end: usize,
}

/// The first index of `needle` in `haystack` at or after `from` (SIMD search: streams
/// and `%%EOF` markers are looked for in files of up to 256 MiB).
pub(crate) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let rest = haystack.get(from..)?;
    memchr::memmem::find(rest, needle).map(|p| p + from)
}

/// The last index of `needle` in `haystack` that ends at or before `end`.
pub(crate) fn rfind(haystack: &[u8], needle: &[u8], end: usize) -> Option<usize> {
    let head = haystack.get(..end.min(haystack.len()))?;
    memchr::memmem::rfind(head, needle)
}

/// Reads direct objects from a lexer with a nesting bound.
pub(crate) struct Parser<'a> {
    pub(crate) lexer: Lexer<'a>,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize, max_depth: usize) -> Parser<'a> {
        Parser {
            lexer: Lexer::new(bytes, pos),
            max_depth,
        }
    }

    fn next(&mut self, what: &'static str) -> Result<(Token<'a>, usize), PdfError> {
        let pos = self.lexer.pos();
        self.lexer
            .next_token()?
            .ok_or(PdfError::Truncated { offset: pos, what })
    }

    /// One direct object (a reference `n g R` counts as one).
    pub(crate) fn object(&mut self) -> Result<Object, PdfError> {
        self.object_at_depth(0, None)
    }

    /// One direct object; when it is a dictionary and `spans` is given, records each
    /// top-level key's value range.
    pub(crate) fn object_with_spans(
        &mut self,
        spans: &mut Vec<(Vec<u8>, Range<usize>)>,
    ) -> Result<Object, PdfError> {
        self.object_at_depth(0, Some(spans))
    }

    fn object_at_depth(
        &mut self,
        depth: usize,
        spans: Option<&mut Vec<(Vec<u8>, Range<usize>)>>,
    ) -> Result<Object, PdfError> {
        let (token, start) = self.next("object")?;
        self.object_from(token, start, depth, spans)
    }

    fn object_from(
        &mut self,
        token: Token<'a>,
        start: usize,
        depth: usize,
        mut spans: Option<&mut Vec<(Vec<u8>, Range<usize>)>>,
    ) -> Result<Object, PdfError> {
        match token {
            Token::Integer(i) => Ok(self.maybe_reference(i)),
            Token::Real(r) => Ok(Object::Real(r)),
            Token::Name(n) => Ok(Object::Name(n)),
            Token::String(s) => Ok(Object::String(s)),
            Token::Keyword(b"true") => Ok(Object::Bool(true)),
            Token::Keyword(b"false") => Ok(Object::Bool(false)),
            Token::Keyword(b"null") => Ok(Object::Null),
            Token::ArrayStart => {
                self.check_depth(depth, start)?;
                let mut items = Vec::new();
                loop {
                    let (token, at) = self.next("array")?;
                    if token == Token::ArrayEnd {
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object_from(token, at, depth + 1, None)?);
                }
            }
            Token::DictStart => {
                self.check_depth(depth, start)?;
                let mut dict = Dict::new();
                loop {
                    let (token, at) = self.next("dictionary")?;
                    let key = match token {
                        Token::DictEnd => return Ok(Object::Dict(dict)),
                        Token::Name(key) => key,
                        other => {
                            return Err(PdfError::syntax(
                                at,
                                format!(
                                    "a dictionary key must be a name, found {}",
                                    describe(&other)
                                ),
                            ));
                        }
                    };
                    let (token, value_start) = self.next("dictionary value")?;
                    if token == Token::DictEnd {
                        return Err(PdfError::syntax(
                            value_start,
                            format!(
                                "dictionary key /{} has no value",
                                String::from_utf8_lossy(&key)
                            ),
                        ));
                    }
                    let value = self.object_from(token, value_start, depth + 1, None)?;
                    if let Some(spans) = spans.as_deref_mut() {
                        spans.push((key.clone(), value_start..self.lexer.pos()));
                    }
                    dict.push(key, value);
                }
            }
            other => Err(PdfError::syntax(
                start,
                format!("expected an object, found {}", describe(&other)),
            )),
        }
    }

    fn check_depth(&self, depth: usize, offset: usize) -> Result<(), PdfError> {
        if depth >= self.max_depth {
            return Err(PdfError::Limit {
                what: "levels of nested arrays and dictionaries",
                limit: self.max_depth,
                offset,
            });
        }
        Ok(())
    }

    /// After an integer: `i g R` becomes a reference, anything else leaves the integer.
    fn maybe_reference(&mut self, num: i64) -> Object {
        let mut look = self.lexer.clone();
        // The second token is read only after an integer: a long string must not be
        // lexed twice.
        if let Ok(Some((Token::Integer(generation), _))) = look.next_token()
            && let Ok(Some((Token::Keyword(b"R"), _))) = look.next_token()
            && let (Ok(num), Ok(generation)) = (u32::try_from(num), u16::try_from(generation))
        {
            self.lexer.set_pos(look.pos());
            return Object::Reference(ObjRef { num, generation });
        }
        Object::Integer(num)
    }

    /// Expects the keyword `word` next.
    pub(crate) fn keyword(
        &mut self,
        word: &'static [u8],
        what: &'static str,
    ) -> Result<usize, PdfError> {
        let (token, at) = self.next(what)?;
        match token {
            Token::Keyword(w) if w == word => Ok(at),
            other => Err(PdfError::syntax(
                at,
                format!(
                    "expected '{}' ({what}), found {}",
                    String::from_utf8_lossy(word),
                    describe(&other)
                ),
            )),
        }
    }

    /// A non-negative integer token (object numbers, offsets, counts).
    pub(crate) fn unsigned(&mut self, what: &'static str) -> Result<(u64, usize), PdfError> {
        let (token, at) = self.next(what)?;
        match token {
            Token::Integer(i) if i >= 0 => Ok((i as u64, at)),
            other => Err(PdfError::syntax(
                at,
                format!(
                    "expected {what} (a non-negative integer), found {}",
                    describe(&other)
                ),
            )),
        }
    }
}

/// A token as an error message shows it.
pub(crate) fn describe(token: &Token<'_>) -> String {
    match token {
        Token::Integer(i) => format!("the integer {i}"),
        Token::Real(r) => format!("the number {r}"),
        Token::Name(n) => format!("the name /{}", String::from_utf8_lossy(n)),
        Token::String(_) => "a string".into(),
        Token::ArrayStart => "'['".into(),
        Token::ArrayEnd => "']'".into(),
        Token::DictStart => "'<<'".into(),
        Token::DictEnd => "'>>'".into(),
        Token::Keyword(k) => format!("'{}'", String::from_utf8_lossy(k)),
    }
}

/// Reads the indirect object `num generation obj … endobj` at `offset`. A stream's `/Length`,
/// when it is a reference, is resolved by `resolve_length`.
pub(crate) fn parse_indirect(
    bytes: &[u8],
    offset: usize,
    max_depth: usize,
    resolve_length: &mut dyn FnMut(ObjRef) -> Option<i64>,
) -> Result<Indirect, PdfError> {
    let mut parser = Parser::new(bytes, offset, max_depth);
    let (num, num_at) = parser.unsigned("object number")?;
    let (generation, _) = parser.unsigned("generation number")?;
    let (Ok(num), Ok(generation)) = (u32::try_from(num), u16::try_from(generation)) else {
        return Err(PdfError::syntax(
            num_at,
            "object or generation number out of range",
        ));
    };
    let id = ObjRef { num, generation };
    parser.keyword(b"obj", "indirect object header")?;
    let mut spans = Vec::new();
    let object = parser.object_with_spans(&mut spans)?;
    let (token, at) = parser.next("endobj")?;
    let object = match (token, object) {
        (Token::Keyword(b"endobj"), object) => {
            let end = parser.lexer.pos();
            return Ok(Indirect {
                id,
                object,
                spans,
                end,
            });
        }
        (Token::Keyword(b"stream"), Object::Dict(dict)) => {
            let stream = read_stream(bytes, parser.lexer.pos(), at, dict, resolve_length)?;
            parser.lexer.set_pos(stream.1);
            Object::Stream(stream.0)
        }
        (other, _) => {
            return Err(PdfError::syntax(
                at,
                format!(
                    "expected 'endobj' after object {id}, found {}",
                    describe(&other)
                ),
            ));
        }
    };
    parser.keyword(b"endobj", "end of a stream object")?;
    let end = parser.lexer.pos();
    Ok(Indirect {
        id,
        object,
        spans,
        end,
    })
}

/// The stream data after the `stream` keyword (whose end is `pos`); returns the stream and
/// the offset just after `endstream`.
fn read_stream(
    bytes: &[u8],
    pos: usize,
    keyword_at: usize,
    dict: Dict,
    resolve_length: &mut dyn FnMut(ObjRef) -> Option<i64>,
) -> Result<(Stream, usize), PdfError> {
    // §7.3.8.1: `stream` is followed by CRLF or LF (a lone CR is tolerated).
    let data_start = match (bytes.get(pos), bytes.get(pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => pos + 2,
        (Some(b'\n' | b'\r'), _) => pos + 1,
        _ => {
            return Err(PdfError::stream(
                pos,
                "'stream' must be followed by an end of line",
            ));
        }
    };
    let length = match dict.get(b"Length") {
        Some(Object::Integer(n)) => Some(*n),
        Some(Object::Reference(r)) => resolve_length(*r),
        _ => None,
    };
    if let Some(end) = length
        .and_then(|n| usize::try_from(n).ok())
        .and_then(|n| data_start.checked_add(n))
        && end <= bytes.len()
    {
        let mut after = end;
        while bytes.get(after).copied().is_some_and(is_whitespace) {
            after += 1;
        }
        if bytes.get(after..after + 9) == Some(b"endstream") {
            let stream = Stream {
                dict,
                data_range: data_start..end,
                length_recovered: false,
            };
            return Ok((stream, after + 9));
        }
    }
    // /Length is missing, wrong or unresolvable: find `endstream` and say so.
    let Some(at) = find(bytes, b"endstream", data_start) else {
        return Err(PdfError::Truncated {
            offset: keyword_at,
            what: "stream (no 'endstream')",
        });
    };
    let mut end = at;
    if end > data_start && bytes.get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    if end > data_start && bytes.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    let stream = Stream {
        dict,
        data_range: data_start..end,
        length_recovered: true,
    };
    Ok((stream, at + 9))
}
