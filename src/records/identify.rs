//! Format identification by signature, DROID-style: magic numbers and container structure,
//! mapped to PRONOM PUIDs (`spec/formats.md` §2 lists every signature and its PUID).
//!
//! Identification sees the content as [`Sniffer`] keeps it while capture streams it: the
//! first [`HEAD_BYTES`] and the last [`TAIL_BYTES`], so memory stays bounded whatever the
//! size. A PDF's XMP (for PDF/A part and conformance) and a ZIP's entries are looked for
//! there.

use std::io::Read;

use serde::Serialize;

/// How many bytes from the start of the content identification keeps.
pub const HEAD_BYTES: usize = 1 << 20;
/// How many bytes from the end of the content identification keeps.
pub const TAIL_BYTES: usize = 1 << 20;
/// Largest ZIP entry inflated to read a container's version (ODF `manifest.xml`).
const MAX_INFLATED: u64 = 256 * 1024;

/// What a byte stream was identified as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identification {
    /// PRONOM PUID, or `UNKNOWN`.
    pub puid: &'static str,
    /// MIME type.
    pub mime: &'static str,
    /// Human name of the format.
    pub name: String,
    /// Version, where the format has one and it was found.
    pub version: Option<String>,
}

impl Identification {
    fn new(puid: &'static str, mime: &'static str, name: &str, version: Option<String>) -> Self {
        Identification {
            puid,
            mime,
            name: name.to_owned(),
            version,
        }
    }

    fn unknown() -> Self {
        Identification::new("UNKNOWN", "application/octet-stream", "unknown", None)
    }
}

/// Identifies a whole in-memory content (the start and end are taken as [`Sniffer`] would).
///
/// ```
/// use samad::records::identify;
///
/// let id = identify(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
/// assert_eq!((id.puid, id.mime, id.version.as_deref()), ("fmt/276", "application/pdf", Some("1.7")));
/// assert_eq!(identify(b"{\"a\": [1, 2]}").puid, "fmt/817");
/// assert_eq!(identify(&[0u8, 159, 146, 150]).puid, "UNKNOWN");
/// ```
pub fn identify(content: &[u8]) -> Identification {
    let mut sniffer = Sniffer::default();
    sniffer.update(content);
    sniffer.finish()
}

/// Keeps the start and the end of a stream for [`Sniffer::finish`] to identify.
#[derive(Debug, Default)]
pub struct Sniffer {
    head: Vec<u8>,
    /// The bytes after the head, as a ring of at most [`TAIL_BYTES`]: once full, the
    /// oldest byte is at `tail_start`.
    tail: Vec<u8>,
    tail_start: usize,
    total: u64,
}

impl Sniffer {
    /// Feeds the next bytes of the stream.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.head.len() < HEAD_BYTES {
            let take = bytes.len().min(HEAD_BYTES - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        // Only the last TAIL_BYTES of this piece can end up in the window.
        if bytes.len() > TAIL_BYTES {
            bytes = &bytes[bytes.len() - TAIL_BYTES..];
        }
        // Fill the ring until it is full, then overwrite its oldest bytes in place: one
        // copy per byte, no shifting.
        let room = TAIL_BYTES - self.tail.len();
        let fill = bytes.len().min(room);
        self.tail.extend_from_slice(&bytes[..fill]);
        let mut rest = &bytes[fill..];
        while !rest.is_empty() {
            let run = rest.len().min(TAIL_BYTES - self.tail_start);
            self.tail[self.tail_start..self.tail_start + run].copy_from_slice(&rest[..run]);
            self.tail_start = (self.tail_start + run) % TAIL_BYTES;
            rest = &rest[run..];
        }
    }

    /// How many bytes were fed.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The identification of everything fed so far.
    pub fn finish(&self) -> Identification {
        let whole = self.tail.is_empty();
        let tail = if self.tail_start == 0 {
            std::borrow::Cow::Borrowed(&self.tail[..])
        } else {
            let mut ordered = Vec::with_capacity(self.tail.len());
            ordered.extend_from_slice(&self.tail[self.tail_start..]);
            ordered.extend_from_slice(&self.tail[..self.tail_start]);
            std::borrow::Cow::Owned(ordered)
        };
        identify_parts(&self.head, &tail, whole)
    }
}

/// `whole` is true when `head` holds the entire content.
fn identify_parts(head: &[u8], tail: &[u8], whole: bool) -> Identification {
    if head.starts_with(b"%PDF-") {
        return pdf(head, tail);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Identification::new(
            "fmt/13",
            "image/png",
            "Portable Network Graphics",
            Some("1.2".into()),
        );
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return jpeg(head);
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Identification::new(
            "fmt/353",
            "image/tiff",
            "Tagged Image File Format",
            None, // the header carries no version; baseline TIFF 6.0 is what fmt/353 names
        );
    }
    if head.starts_with(b"PK\x03\x04") {
        return zip(head, tail);
    }
    text(head, whole)
}

/// `%PDF-x.y`; PDF/A from the XMP `pdfaid:part` and `pdfaid:conformance`.
fn pdf(head: &[u8], tail: &[u8]) -> Identification {
    let version = head
        .get(5..8)
        .filter(|v| v[0].is_ascii_digit() && v[1] == b'.' && v[2].is_ascii_digit())
        .map(|v| String::from_utf8_lossy(v).into_owned());
    let pdfa = pdfa_id(head).or_else(|| pdfa_id(tail));
    if let Some((part, conformance)) = pdfa {
        let puid = match (part, conformance) {
            (1, 'A') => Some("fmt/95"),
            (1, 'B') => Some("fmt/354"),
            (2, 'A') => Some("fmt/476"),
            (2, 'B') => Some("fmt/477"),
            (2, 'U') => Some("fmt/478"),
            (3, 'A') => Some("fmt/479"),
            (3, 'B') => Some("fmt/480"),
            (3, 'U') => Some("fmt/481"),
            _ => None,
        };
        if let Some(puid) = puid {
            let name = format!("PDF/A-{part}{}", conformance.to_ascii_lowercase());
            return Identification::new(puid, "application/pdf", &name, version);
        }
    }
    let puid = match version.as_deref() {
        Some("1.0") => "fmt/14",
        Some("1.1") => "fmt/15",
        Some("1.2") => "fmt/16",
        Some("1.3") => "fmt/17",
        Some("1.4") => "fmt/18",
        Some("1.5") => "fmt/19",
        Some("1.6") => "fmt/20",
        Some("1.7") => "fmt/276",
        Some("2.0") => "fmt/1129",
        _ => {
            return Identification::new(
                "UNKNOWN",
                "application/pdf",
                "PDF of an unknown version",
                version,
            );
        }
    };
    Identification::new(puid, "application/pdf", "Portable Document Format", version)
}

/// The PDF/A part and conformance letter declared in XMP, in element or attribute form:
/// `<pdfaid:part>2</pdfaid:part>` or `pdfaid:part="2"`.
fn pdfa_id(bytes: &[u8]) -> Option<(u8, char)> {
    let part = xmp_property(bytes, b"pdfaid:part")?;
    let part = match part.as_slice() {
        [d @ b'1'..=b'4'] => d - b'0',
        _ => return None,
    };
    let conformance = xmp_property(bytes, b"pdfaid:conformance")
        .and_then(|c| c.first().copied())
        .map(|c| char::from(c.to_ascii_uppercase()))
        .unwrap_or('?');
    Some((part, conformance))
}

/// The value of an XMP simple property, after its last occurrence as element or attribute.
fn xmp_property(bytes: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let mut found = None;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], name) {
        let start = from + at + name.len();
        let rest = &bytes[start..];
        // An element `<name>` or an attribute ` name=`; not a closing tag nor a longer name.
        let before = (from + at)
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .copied();
        let value = if before != Some(b'<') && !before.is_some_and(|b| b.is_ascii_whitespace()) {
            None
        } else if let Some(r) = rest.strip_prefix(b">") {
            r.split(|&b| b == b'<').next()
        } else {
            let r = trim_ascii_start(rest);
            r.strip_prefix(b"=")
                .map(trim_ascii_start)
                .and_then(|r| match r.first() {
                    Some(&q @ (b'"' | b'\'')) => {
                        r.get(1..).and_then(|r| r.split(|&b| b == q).next())
                    }
                    _ => None,
                })
        };
        if let Some(v) = value.map(<[u8]>::trim_ascii).filter(|v| !v.is_empty()) {
            found = Some(v.to_vec());
        }
        from = start;
    }
    found
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    b.trim_ascii_start()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// JPEG: JFIF version from the APP0 segment; anything else is a raw JPEG stream.
fn jpeg(head: &[u8]) -> Identification {
    const NAME: &str = "JPEG File Interchange Format";
    if head.get(6..11) == Some(b"JFIF\0")
        && let Some(&[major, minor]) = head.get(11..13)
    {
        let version = format!("{major}.{minor:02}");
        let puid = match (major, minor) {
            (1, 0) => "fmt/42",
            (1, 1) => "fmt/43",
            (1, 2) => "fmt/44",
            _ => "fmt/41",
        };
        return Identification::new(puid, "image/jpeg", NAME, Some(version));
    }
    Identification::new("fmt/41", "image/jpeg", "Raw JPEG Stream", None)
}

/// A ZIP local file header at `at`: (name, method, compressed size, data offset).
fn local_entry(bytes: &[u8], at: usize) -> Option<(&[u8], u16, u64, usize)> {
    let h = bytes.get(at..at.checked_add(30)?)?;
    if &h[..4] != b"PK\x03\x04" {
        return None;
    }
    let method = u16::from_le_bytes([h[8], h[9]]);
    let size = u64::from(u32::from_le_bytes([h[18], h[19], h[20], h[21]]));
    let name_len = usize::from(u16::from_le_bytes([h[26], h[27]]));
    let extra_len = usize::from(u16::from_le_bytes([h[28], h[29]]));
    let name_start = at + 30;
    let name = bytes.get(name_start..name_start.checked_add(name_len)?)?;
    Some((name, method, size, name_start + name_len + extra_len))
}

/// The names of a ZIP's entries: from the central directory in `tail` when it is there,
/// else from the local headers in `head`.
fn zip_names(head: &[u8], tail: &[u8]) -> Vec<Vec<u8>> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(pos) = find(&tail[at..], b"PK\x01\x02") {
        let h = at + pos;
        let Some(fixed) = tail.get(h..h + 46) else {
            break;
        };
        let name_len = usize::from(u16::from_le_bytes([fixed[28], fixed[29]]));
        if let Some(name) = tail.get(h + 46..h + 46 + name_len) {
            names.push(name.to_vec());
        }
        at = h + 4;
    }
    if names.is_empty() {
        let mut at = 0;
        while let Some((name, _, size, data)) = local_entry(head, at) {
            names.push(name.to_vec());
            match usize::try_from(size).ok().and_then(|s| data.checked_add(s)) {
                Some(next) if size > 0 => at = next,
                _ => break,
            }
        }
    }
    names
}

/// The bytes of entry `wanted` from the local headers in `head`, inflated if deflated.
fn zip_entry(head: &[u8], wanted: &[u8]) -> Option<Vec<u8>> {
    let mut at = 0;
    while let Some((name, method, size, data)) = local_entry(head, at) {
        let end = data.checked_add(usize::try_from(size).ok()?)?;
        if name == wanted {
            let raw = head.get(data..end)?;
            return match method {
                0 => Some(raw.to_vec()),
                8 => {
                    let mut out = Vec::new();
                    flate2::read::DeflateDecoder::new(raw)
                        .take(MAX_INFLATED)
                        .read_to_end(&mut out)
                        .ok()?;
                    Some(out)
                }
                _ => None,
            };
        }
        if size == 0 {
            return None;
        }
        at = end;
    }
    None
}

/// ZIP and the containers built on it: ODF (a stored `mimetype` first entry), OOXML
/// (`[Content_Types].xml` and `word/`, `xl/` or `ppt/` parts).
fn zip(head: &[u8], tail: &[u8]) -> Identification {
    if let Some((b"mimetype", 0, size, data)) = local_entry(head, 0)
        && let Some(mime) = usize::try_from(size)
            .ok()
            .and_then(|s| head.get(data..data + s))
    {
        // ODF 1.2+ manifests carry manifest:version; every ODF document's content.xml
        // (and meta.xml) carries office:version on its root (ODF 1.2 §3.1.2, 19.386).
        let version = [
            (&b"META-INF/manifest.xml"[..], &b"manifest:version"[..]),
            (b"content.xml", b"office:version"),
            (b"meta.xml", b"office:version"),
        ]
        .into_iter()
        .find_map(|(entry, attribute)| {
            zip_entry(head, entry).and_then(|xml| xmp_property(&xml, attribute))
        })
        .map(|v| String::from_utf8_lossy(&v).into_owned());
        let v = version.as_deref();
        let (puid, mime, name): (&str, &str, &str) = match mime {
            b"application/vnd.oasis.opendocument.text" => (
                match v {
                    Some("1.0") => "fmt/136",
                    Some("1.1") => "fmt/290",
                    Some("1.2") => "fmt/291",
                    Some("1.3") => "fmt/1756",
                    _ => "UNKNOWN",
                },
                "application/vnd.oasis.opendocument.text",
                "OpenDocument Text",
            ),
            b"application/vnd.oasis.opendocument.spreadsheet" => (
                match v {
                    Some("1.0") => "fmt/137",
                    Some("1.1") => "fmt/294",
                    Some("1.2") => "fmt/295",
                    _ => "UNKNOWN",
                },
                "application/vnd.oasis.opendocument.spreadsheet",
                "OpenDocument Spreadsheet",
            ),
            b"application/vnd.oasis.opendocument.presentation" => (
                match v {
                    Some("1.0") => "fmt/138",
                    Some("1.1") => "fmt/292",
                    Some("1.2") => "fmt/293",
                    _ => "UNKNOWN",
                },
                "application/vnd.oasis.opendocument.presentation",
                "OpenDocument Presentation",
            ),
            _ => (
                "UNKNOWN",
                "application/zip",
                "OpenDocument of an unknown kind",
            ),
        };
        return Identification::new(puid, mime, name, version);
    }
    let names = zip_names(head, tail);
    let has = |prefix: &[u8]| names.iter().any(|n| n.starts_with(prefix));
    if has(b"[Content_Types].xml") {
        if has(b"word/") {
            return Identification::new(
                "fmt/412",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "Microsoft Word for Windows (OOXML)",
                Some("2007 onwards".into()),
            );
        }
        if has(b"xl/") {
            return Identification::new(
                "fmt/214",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Microsoft Excel (OOXML)",
                Some("2007 onwards".into()),
            );
        }
        if has(b"ppt/") {
            return Identification::new(
                "fmt/215",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "Microsoft PowerPoint (OOXML)",
                Some("2007 onwards".into()),
            );
        }
    }
    Identification::new("x-fmt/263", "application/zip", "ZIP Format", None)
}

/// UTF-8 text, and within it JSON and XML; anything else is unknown.
fn text(head: &[u8], whole: bool) -> Identification {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if body.is_empty() {
        return Identification::unknown();
    }
    // A cut at HEAD_BYTES may split a character: only the valid prefix must be complete.
    let valid = match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) if !whole && e.error_len().is_none() => {
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Identification::unknown(),
    };
    if valid
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        return Identification::unknown();
    }
    let trimmed = valid.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let is_json = if whole {
            serde_json::from_str::<serde::de::IgnoredAny>(valid).is_ok()
        } else {
            // Too large to parse here: the start must still be JSON's.
            let mut de = serde_json::Deserializer::from_str(valid);
            let r = serde::de::Deserialize::deserialize(&mut de).map(|_: serde::de::IgnoredAny| ());
            r.is_err_and(|e| e.is_eof())
        };
        if is_json {
            return Identification::new(
                "fmt/817",
                "application/json",
                "JSON Data Interchange Format",
                None,
            );
        }
    }
    if trimmed.starts_with("<?xml") || (trimmed.starts_with('<') && xml_parses(valid, whole)) {
        let version = trimmed
            .strip_prefix("<?xml")
            .and_then(|r| r.split("?>").next())
            .and_then(|decl| xmp_property(decl.as_bytes(), b"version"))
            .map(|v| String::from_utf8_lossy(&v).into_owned());
        return Identification::new(
            "fmt/101",
            "application/xml",
            "Extensible Markup Language",
            version.or(Some("1.0".into())),
        );
    }
    Identification::new("x-fmt/111", "text/plain", "Plain Text File", None)
}

/// True when `text` (all of it, or its start) reads as well-formed XML.
fn xml_parses(text: &str, whole: bool) -> bool {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut elements = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                elements += 1;
            }
            Ok(quick_xml::events::Event::Empty(_)) => elements += 1,
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Eof) => return elements > 0 && (depth == 0 || !whole),
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests;
