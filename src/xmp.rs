//! Writing XMP packets (ISO 16684-1) with quick-xml: the `<?xpacket?>` wrapper,
//! `x:xmpmeta` and `rdf:RDF`, simple properties and arrays. Shared by the records export
//! (`records::xmp`) and the diploma's PDF/A metadata (`diploma::pdfa`), each of which
//! decides its own properties.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesPI, BytesStart, BytesText, Event};

/// The RDF namespace.
pub(crate) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The Dublin Core elements namespace.
pub(crate) const DC: &str = "http://purl.org/dc/elements/1.1/";

/// An XMP array's RDF container.
#[derive(Debug, Clone, Copy)]
pub(crate) enum XmpArray {
    /// `rdf:Seq`, an ordered array.
    Seq,
    /// `rdf:Bag`, an unordered array.
    Bag,
    /// `rdf:Alt` with one `x-default` language alternative.
    Alt,
}

/// One XMP packet being written; its errors are turned into the caller's error type.
pub(crate) struct XmpWriter<E> {
    w: Writer<Vec<u8>>,
    err: fn(String) -> E,
}

impl<E> XmpWriter<E> {
    /// Starts a packet: the `<?xpacket begin?>` instruction, `x:xmpmeta` and `rdf:RDF`.
    /// `err` turns a writing failure's message into the caller's error.
    pub(crate) fn begin(err: fn(String) -> E) -> Result<Self, E> {
        let mut x = XmpWriter {
            w: Writer::new_with_indent(Vec::new(), b' ', 1),
            err,
        };
        x.event(Event::PI(BytesPI::new(
            "xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"",
        )))?;
        x.start("x:xmpmeta", &[("xmlns:x", "adobe:ns:meta/")])?;
        x.start("rdf:RDF", &[("xmlns:rdf", RDF)])?;
        Ok(x)
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), E> {
        self.w
            .write_event(event)
            .map_err(|e| (self.err)(format!("cannot write XMP: {e}")))
    }

    /// Opens element `name` with `attrs`.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), E> {
        let mut el = BytesStart::new(name);
        for &(k, v) in attrs {
            el.push_attribute((k, v));
        }
        self.event(Event::Start(el))
    }

    /// Closes element `name`.
    pub(crate) fn end(&mut self, name: &str) -> Result<(), E> {
        self.event(Event::End(BytesEnd::new(name)))
    }

    /// A simple property: `<name attrs>text</name>`, the text escaped.
    pub(crate) fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<(), E> {
        self.start(name, attrs)?;
        self.event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }

    /// An array property of `items`; nothing is written for no items.
    pub(crate) fn array<S: AsRef<str>>(
        &mut self,
        name: &str,
        kind: XmpArray,
        items: &[S],
    ) -> Result<(), E> {
        if items.is_empty() {
            return Ok(());
        }
        let (container, attrs): (&str, &[(&str, &str)]) = match kind {
            XmpArray::Seq => ("rdf:Seq", &[]),
            XmpArray::Bag => ("rdf:Bag", &[]),
            XmpArray::Alt => ("rdf:Alt", &[("xml:lang", "x-default")]),
        };
        self.start(name, &[])?;
        self.start(container, &[])?;
        for item in items {
            self.text("rdf:li", attrs, item.as_ref())?;
        }
        self.end(container)?;
        self.end(name)
    }

    /// Closes `rdf:RDF` and `x:xmpmeta`, writes `<?xpacket end="w"?>` and returns the packet.
    pub(crate) fn finish(mut self) -> Result<String, E> {
        self.end("rdf:RDF")?;
        self.end("x:xmpmeta")?;
        self.event(Event::PI(BytesPI::new("xpacket end=\"w\"")))?;
        String::from_utf8(self.w.into_inner())
            .map_err(|e| (self.err)(format!("XMP packet is not UTF-8: {e}")))
    }
}
