//! A prepared face and its PDF objects: `Type0` font (`Identity-H`), `CIDFontType2`
//! descendant with `/W` widths and `/CIDToGIDMap /Identity`, font descriptor, the subset
//! TrueType program as `/FontFile2`, and the ToUnicode CMap (ISO 32000-1 §9.7.4, §9.8,
//! §9.10.3). The subset's glyph IDs are the CIDs (`subsetter` keeps an identity GID→CID
//! map), so the content stream writes each new glyph ID as two bytes.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use rustybuzz::Face;
use subsetter::GlyphRemapper;

use super::shape::{self, ShapedCluster, ShapedLine};
use crate::diploma::DiplomaError;

/// The object numbers of one embedded face.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontRefs {
    pub type0: Ref,
    pub cid: Ref,
    pub descriptor: Ref,
    pub file: Ref,
    pub to_unicode: Ref,
}

/// A face subset for a batch, with everything its PDF objects need, compressed once.
pub(crate) struct PreparedFace {
    name: &'static str,
    face: Face<'static>,
    plans: shape::PlanCache,
    /// The lines shaped while preparing the batch, by direction and text; emptied once the
    /// batch's lines are drawn ([`PreparedFace::forget_shaped`]).
    shaped: HashMap<(bool, String), ShapedLine>,
    remapper: GlyphRemapper,
    /// Old glyph ID → the text its ToUnicode entry gives.
    to_unicode: BTreeMap<u16, String>,
    base_font: String,
    font_file: Vec<u8>,
    cmap: Vec<u8>,
    /// Advance widths in 1/1000 em, by new glyph ID.
    widths: Vec<f32>,
    scale: f32,
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    weight: u16,
}

/// Zlib-compresses a stream (`/FlateDecode`): at the default level for what a batch
/// compresses once (font programs, CMaps), at the fast level for each page's content.
pub(crate) fn deflate(data: &[u8], once_per_batch: bool) -> Result<Vec<u8>, DiplomaError> {
    if !once_per_batch {
        return deflate_page(data);
    }
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map_err(|e| compress_error(e.to_string()))
}

fn compress_error(message: String) -> DiplomaError {
    DiplomaError::Font {
        font: String::new(),
        message: format!("cannot compress: {message}"),
    }
}

thread_local! {
    /// One fast-level compressor per thread, reset for each page: its tables (a few hundred
    /// KB, zeroed) are allocated once per thread rather than once per diploma.
    static PAGE_COMPRESSOR: RefCell<Compress> =
        RefCell::new(Compress::new(Compression::fast(), true));
}

/// A page's content stream, zlib-compressed at the fast level with the thread's compressor.
fn deflate_page(data: &[u8]) -> Result<Vec<u8>, DiplomaError> {
    PAGE_COMPRESSOR.with(|compressor| {
        let mut compressor = compressor
            .try_borrow_mut()
            .map_err(|e| compress_error(e.to_string()))?;
        compressor.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(compressor.total_in()).unwrap_or(usize::MAX);
            let rest = data.get(consumed..).unwrap_or_default();
            match compressor.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(out),
                Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
                Err(e) => return Err(compress_error(e.to_string())),
            }
        }
    })
}

impl PreparedFace {
    pub(super) fn new(
        name: &'static str,
        face: Face<'static>,
        plans: shape::PlanCache,
        shaped: HashMap<(bool, String), ShapedLine>,
        remapper: GlyphRemapper,
        to_unicode: BTreeMap<u16, String>,
        subset: &[u8],
    ) -> Result<PreparedFace, DiplomaError> {
        let scale = 1000.0 / face.units_per_em() as f32;
        let old_gids: Vec<u16> = remapper.remapped_gids().collect();
        let widths = old_gids
            .iter()
            .map(|g| {
                f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(*g)).unwrap_or(0)) * scale
            })
            .collect();
        let mut cmap = UnicodeCmap::new(
            Name(b"Custom"),
            SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"UCS"),
                supplement: 0,
            },
        );
        for (old, text) in &to_unicode {
            if let Some(new) = remapper.get(*old) {
                cmap.pair_with_multiple(new, text.chars());
            }
        }
        let cmap = deflate(cmap.finish().as_slice(), true)?;
        let b = face.global_bounding_box();
        let bbox = Rect::new(
            f32::from(b.x_min) * scale,
            f32::from(b.y_min) * scale,
            f32::from(b.x_max) * scale,
            f32::from(b.y_max) * scale,
        );
        Ok(PreparedFace {
            name,
            base_font: format!("{}+{name}", super::subset_tag(&old_gids)),
            font_file: deflate(subset, true)?,
            cmap,
            widths,
            scale,
            bbox,
            ascent: f32::from(face.ascender()) * scale,
            descent: f32::from(face.descender()) * scale,
            cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())) * scale,
            weight: face.weight().to_number(),
            face,
            plans,
            shaped,
            remapper,
            to_unicode,
        })
    }

    /// The glyphs in the subset, `.notdef` included.
    pub fn glyph_count(&self) -> usize {
        self.widths.len()
    }

    /// Font units → 1/1000 em.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Shapes a line (or takes it as shaped while preparing), failing if it needs a glyph
    /// outside the batch's subset.
    pub fn shape(&self, text: &str, rtl: bool) -> Result<Cow<'_, ShapedLine>, DiplomaError> {
        if let Some(line) = self.shaped.get(&(rtl, text.to_owned())) {
            return Ok(Cow::Borrowed(line));
        }
        let line = shape::shape_line(&self.face, &self.plans, self.name, text, rtl)?;
        let prepared = line
            .clusters
            .iter()
            .flat_map(|c| &c.glyphs)
            .all(|g| self.remapper.get(g.gid).is_some());
        if !prepared {
            return Err(DiplomaError::GlyphNotPrepared {
                font: self.name.to_owned(),
                text: text.to_owned(),
            });
        }
        Ok(Cow::Owned(line))
    }

    /// Drops the lines shaped while preparing, once they are drawn.
    pub fn forget_shaped(&mut self) {
        self.shaped = HashMap::new();
    }

    /// The CID (new glyph ID) of a glyph of the full font.
    pub fn cid(&self, gid: u16) -> u16 {
        self.remapper.get(gid).unwrap_or(0)
    }

    /// The advance the PDF viewer will apply for a glyph, in 1/1000 em.
    pub fn width(&self, gid: u16) -> f32 {
        self.widths
            .get(usize::from(self.cid(gid)))
            .copied()
            .unwrap_or(0.0)
    }

    /// Whether the ToUnicode map alone gives back this cluster's text.
    pub fn maps_back(&self, cluster: &ShapedCluster) -> bool {
        match cluster.glyphs.as_slice() {
            [only] => self.to_unicode.get(&only.gid) == Some(&cluster.text),
            _ => false,
        }
    }

    /// Writes the five objects of the face into `chunk`.
    pub fn write(&self, chunk: &mut Chunk, refs: FontRefs) {
        let base_font = Name(self.base_font.as_bytes());
        chunk
            .type0_font(refs.type0)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid)
            .to_unicode(refs.to_unicode);
        let mut cid = chunk.cid_font(refs.cid);
        cid.subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(refs.descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, self.widths.iter().copied());
        cid.finish();
        let mut flags = FontFlags::NON_SYMBOLIC;
        if self.weight >= 600 {
            flags |= FontFlags::FORCE_BOLD;
        }
        chunk
            .font_descriptor(refs.descriptor)
            .name(base_font)
            .flags(flags)
            .bbox(self.bbox)
            .italic_angle(0.0)
            .ascent(self.ascent)
            .descent(self.descent)
            .cap_height(self.cap_height)
            .weight(self.weight)
            .stem_v(if self.weight >= 600 { 140.0 } else { 80.0 })
            .font_file2(refs.file);
        chunk
            .stream(refs.file, &self.font_file)
            .filter(Filter::FlateDecode);
        chunk
            .stream(refs.to_unicode, &self.cmap)
            .filter(Filter::FlateDecode);
    }
}
