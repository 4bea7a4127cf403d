//! The PDF lexer (ISO 32000-1 §7.2): white space, comments, delimiters, numbers, names with
//! `#xx` escapes, literal strings with escapes and nesting, hexadecimal strings, keywords.
//! Every read is bounds-checked; nothing here panics on any input.

use crate::pdf::PdfError;

/// A token and the byte range it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    Integer(i64),
    Real(f64),
    Name(Vec<u8>),
    /// A literal or hexadecimal string, decoded.
    String(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// A regular-character run that is not a number: `true`, `obj`, `R`, `stream`…
    Keyword(&'a [u8]),
}

/// ISO 32000-1 Table 1.
pub(crate) fn is_whitespace(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// ISO 32000-1 Table 2.
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

/// Hex digit values; 0xff marks a non-digit. A table: `/Contents` holds tens of
/// kilobytes of hex digits per signature.
const HEX_VALUES: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

fn hex_value(b: u8) -> Option<u8> {
    let v = HEX_VALUES[usize::from(b)];
    (v != 0xff).then_some(v)
}

/// A cursor over the file's bytes.
#[derive(Debug, Clone)]
pub(crate) struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { bytes, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips white space and comments.
    pub(crate) fn skip_whitespace(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token and its start offset, or `None` at the end of the input.
    pub(crate) fn next_token(&mut self) -> Result<Option<(Token<'a>, usize)>, PdfError> {
        self.skip_whitespace();
        let start = self.pos;
        let Some(b) = self.peek() else {
            return Ok(None);
        };
        let token = match b {
            b'[' => {
                self.pos += 1;
                Token::ArrayStart
            }
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'<' if self.bytes.get(start + 1) == Some(&b'<') => {
                self.pos += 2;
                Token::DictStart
            }
            b'>' if self.bytes.get(start + 1) == Some(&b'>') => {
                self.pos += 2;
                Token::DictEnd
            }
            b'<' => Token::String(self.hex_string()?),
            b'(' => Token::String(self.literal_string()?),
            b'/' => Token::Name(self.name()?),
            b')' | b'>' | b'{' | b'}' => {
                return Err(PdfError::syntax(
                    start,
                    format!("unexpected {:?}", char::from(b)),
                ));
            }
            _ => {
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let word = self.bytes.get(start..self.pos).unwrap_or_default();
                number(word, start)?.unwrap_or(Token::Keyword(word))
            }
        };
        Ok(Some((token, start)))
    }

    /// `<…>`: hex digits with white space ignored; an odd final digit is followed by 0
    /// (ISO 32000-1 §7.3.4.3).
    fn hex_string(&mut self) -> Result<Vec<u8>, PdfError> {
        let start = self.pos;
        let body = self.bytes.get(start + 1..).unwrap_or_default();
        let Some(close) = body.iter().position(|b| *b == b'>') else {
            return Err(PdfError::Truncated {
                offset: start,
                what: "hexadecimal string",
            });
        };
        let digits = body.get(..close).unwrap_or_default();
        self.pos = start + 1 + close + 1;
        // Fast path: pairs of digits without white space (every /Contents we write).
        let pairs: Option<Vec<u8>> = digits
            .chunks_exact(2)
            .map(|pair| {
                let high = HEX_VALUES[usize::from(pair[0])];
                let low = HEX_VALUES[usize::from(pair[1])];
                ((high | low) & 0xf0 == 0).then_some(high << 4 | low)
            })
            .collect();
        if let Some(out) = pairs
            && digits.len().is_multiple_of(2)
        {
            return Ok(out);
        }
        let mut out = Vec::with_capacity(digits.len() / 2 + 1);
        let mut high: Option<u8> = None;
        for (i, &b) in digits.iter().enumerate() {
            let Some(v) = hex_value(b) else {
                if is_whitespace(b) {
                    continue;
                }
                return Err(PdfError::syntax(
                    start + 1 + i,
                    format!(
                        "{:?} in a hexadecimal string; only 0-9, A-F and white space are allowed",
                        char::from(b)
                    ),
                ));
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Ok(out)
    }

    /// `(…)`: balanced parentheses, backslash escapes, EOL normalized to LF
    /// (ISO 32000-1 §7.3.4.2).
    fn literal_string(&mut self) -> Result<Vec<u8>, PdfError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        let truncated = PdfError::Truncated {
            offset: start,
            what: "literal string",
        };
        loop {
            let Some(b) = self.peek() else {
                return Err(truncated);
            };
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(truncated);
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            // High-order overflow is ignored (§7.3.4.2).
                            out.push((value & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        Ok(out)
    }

    /// `/Name` with `#xx` escapes decoded (ISO 32000-1 §7.3.5).
    fn name(&mut self) -> Result<Vec<u8>, PdfError> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            if b == b'#' {
                let escape = self.pos;
                let high = self.bytes.get(escape + 1).copied().and_then(hex_value);
                let low = self.bytes.get(escape + 2).copied().and_then(hex_value);
                let (Some(h), Some(l)) = (high, low) else {
                    return Err(PdfError::syntax(
                        escape,
                        "'#' in a name must be followed by two hexadecimal digits",
                    ));
                };
                out.push(h << 4 | l);
                self.pos += 3;
            } else {
                out.push(b);
                self.pos += 1;
            }
        }
        Ok(out)
    }
}

/// An integer or real token, or `None` when the word is not a number.
fn number(word: &[u8], offset: usize) -> Result<Option<Token<'static>>, PdfError> {
    let body = match word.first() {
        Some(b'+' | b'-') => word.get(1..).unwrap_or_default(),
        _ => word,
    };
    if body.is_empty() || !body.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        return Ok(None);
    }
    let dots = body.iter().filter(|b| **b == b'.').count();
    if dots > 1 || body == b"." {
        return Err(PdfError::syntax(
            offset,
            format!("{:?} is not a number", String::from_utf8_lossy(word)),
        ));
    }
    // The word holds only ASCII digits, '.', '+' and '-', so it is valid UTF-8.
    let text = std::str::from_utf8(word).unwrap_or_default();
    if dots == 0 {
        text.parse::<i64>()
            .map(Token::Integer)
            .map(Some)
            .map_err(|_| PdfError::syntax(offset, format!("integer {text} is out of range")))
    } else {
        text.parse::<f64>()
            .map(Token::Real)
            .map(Some)
            .map_err(|_| PdfError::syntax(offset, format!("{text:?} is not a number")))
    }
}
