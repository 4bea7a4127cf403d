//! The diploma's fonts: Vazirmatn (OFL, `assets/fonts/`), shaped with `rustybuzz`, subset
//! once per batch with `subsetter`, embedded as a CID-keyed TrueType font (`Type0` /
//! `CIDFontType2`, `Identity-H`) with a ToUnicode CMap (ISO 32000-1 §9.7, §9.10.3).
//!
//! Copy and search must give the logical text. A glyph maps back to text in two ways
//! (`spec/diploma.md` §5): the ToUnicode entry of a glyph is the text of the first
//! single-glyph cluster it was seen in while preparing the batch; a cluster whose glyphs do
//! not spell its text that way (a ZWNJ drawn with the space glyph, a glyph shared by two
//! texts, a mark stacked on its base) is wrapped in an `/ActualText` span instead.

mod cid;
mod shape;

use std::collections::{BTreeMap, HashMap, HashSet};

use pdf_writer::Chunk;
use rustybuzz::Face;
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use super::layout::TextLine;
use super::{DiplomaError, parallel};
pub(crate) use cid::{FontRefs, deflate};

/// Vazirmatn 33.0.3 Regular, from the npm package `vazirmatn` (SIL OFL 1.1).
static VAZIRMATN_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Vazirmatn-Regular.ttf");
/// Vazirmatn 33.0.3 Bold.
static VAZIRMATN_BOLD: &[u8] = include_bytes!("../../../assets/fonts/Vazirmatn-Bold.ttf");

/// The weight a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    /// Vazirmatn Regular.
    Regular,
    /// Vazirmatn Bold.
    Bold,
}

/// One face, before and after the batch's glyphs are known.
struct FaceBuilder {
    name: &'static str,
    face: Face<'static>,
    data: &'static [u8],
    remapper: GlyphRemapper,
    /// Old glyph ID → text, from single-glyph clusters first, then cluster heads.
    to_unicode: BTreeMap<u16, String>,
    heads: BTreeMap<u16, String>,
    plans: shape::PlanCache,
    /// Each distinct line shaped once, by direction and text.
    shaped: HashMap<(bool, String), shape::ShapedLine>,
}

impl FaceBuilder {
    fn new(name: &'static str, data: &'static [u8]) -> Result<FaceBuilder, DiplomaError> {
        let face = Face::from_slice(data, 0).ok_or_else(|| DiplomaError::Font {
            font: name.to_owned(),
            message: "the shipped font file cannot be parsed".into(),
        })?;
        let mut remapper = GlyphRemapper::new();
        remapper.remap(0); // .notdef stays glyph 0 (ISO 32000-1 §9.7.4.2: CID 0 is .notdef)
        Ok(FaceBuilder {
            name,
            face,
            data,
            remapper,
            to_unicode: BTreeMap::new(),
            heads: BTreeMap::new(),
            plans: shape::PlanCache::default(),
            shaped: HashMap::new(),
        })
    }

    /// Shapes one line with this face (read-only: lines are shaped on several threads).
    fn shape(&self, text: &str, rtl: bool) -> Result<shape::ShapedLine, DiplomaError> {
        shape::shape_line(&self.face, &self.plans, self.name, text, rtl)
    }

    /// Takes a shaped line's glyphs into the subset and its clusters into the ToUnicode
    /// map. Lines are registered in the batch's order, so the subset's glyph numbering and
    /// the ToUnicode map do not depend on how shaping was spread over threads.
    fn register(&mut self, text: &str, rtl: bool, line: shape::ShapedLine) {
        for cluster in &line.clusters {
            for glyph in &cluster.glyphs {
                self.remapper.remap(glyph.gid);
            }
            match cluster.glyphs.as_slice() {
                [only] => {
                    self.to_unicode
                        .entry(only.gid)
                        .or_insert_with(|| cluster.text.clone());
                }
                [head, ..] => {
                    self.heads
                        .entry(head.gid)
                        .or_insert_with(|| cluster.text.clone());
                }
                [] => {}
            }
        }
        self.shaped.insert((rtl, text.to_owned()), line);
    }

    fn finish(mut self) -> Result<PreparedFace, DiplomaError> {
        for (gid, text) in std::mem::take(&mut self.heads) {
            self.to_unicode.entry(gid).or_insert(text);
        }
        let subset =
            subsetter::subset(self.data, 0, &self.remapper).map_err(|e| DiplomaError::Font {
                font: self.name.to_owned(),
                message: format!("cannot subset: {e}"),
            })?;
        cid::PreparedFace::new(
            self.name,
            self.face,
            self.plans,
            self.shaped,
            self.remapper,
            self.to_unicode,
            &subset,
        )
    }
}

pub(crate) use cid::PreparedFace;

/// The fonts of one batch of diplomas: the subset of each face holding every glyph the
/// batch's pages use, with its widths and ToUnicode map, prepared once and shared by every
/// diploma of the batch.
///
/// ```
/// # let record = samad::diploma::DiplomaRecord::from_json(include_str!("../../../tests/data/diploma/record.json"))?;
/// use samad::diploma::DiplomaFonts;
///
/// let fonts = DiplomaFonts::prepare([&record])?;
/// assert!(fonts.glyph_count() > 50);
/// # Ok::<(), samad::diploma::DiplomaError>(())
/// ```
pub struct DiplomaFonts {
    regular: PreparedFace,
    bold: PreparedFace,
    /// The ten font objects of both faces at their fixed object numbers, written once.
    objects: Chunk,
    /// Every distinct line of the batch drawn once, as content-stream operators, by text.
    lines: HashMap<String, Vec<(TextLine, Vec<u8>)>>,
}

impl std::fmt::Debug for DiplomaFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiplomaFonts")
            .field("glyphs", &self.glyph_count())
            .finish()
    }
}

impl DiplomaFonts {
    /// Shapes every line of every diploma of the batch and subsets the faces to the glyphs
    /// they use. Fails if a text needs a character the font does not have.
    ///
    /// Everything a page needs that does not change from one diploma to the next is done
    /// here once: each distinct line is shaped and drawn once (a line every diploma
    /// shares, such as the ministry's name, once per batch), and the font objects —
    /// compressed subsets, widths, ToUnicode CMaps — are written once.
    pub fn prepare<'a>(
        records: impl IntoIterator<Item = &'a super::DiplomaRecord>,
    ) -> Result<DiplomaFonts, DiplomaError> {
        DiplomaFonts::prepare_on(records, 1)
    }

    /// [`DiplomaFonts::prepare`] with the shaping and drawing of lines spread over
    /// `threads` threads (0 = every core). The result is the same, byte for byte, whatever
    /// the count: lines are taken into the subsets in the batch's order.
    pub fn prepare_on<'a>(
        records: impl IntoIterator<Item = &'a super::DiplomaRecord>,
        threads: usize,
    ) -> Result<DiplomaFonts, DiplomaError> {
        let mut regular = FaceBuilder::new("Vazirmatn-Regular", VAZIRMATN_REGULAR)?;
        let mut bold = FaceBuilder::new("Vazirmatn-Bold", VAZIRMATN_BOLD)?;
        // Every distinct line (text and placement), and every distinct text to shape per
        // face and direction, in the order the batch first shows them.
        let mut distinct: Vec<TextLine> = Vec::new();
        let mut seen: HashMap<String, Vec<TextLine>> = HashMap::new();
        let mut to_shape: Vec<(FontStyle, bool, String)> = Vec::new();
        let mut shaping: HashSet<(FontStyle, bool, String)> = HashSet::new();
        for record in records {
            for text in super::layout::texts(record) {
                let same_text = seen.entry(text.text.clone()).or_default();
                if same_text.contains(&text) {
                    continue;
                }
                same_text.push(text.clone());
                let key = (text.style, text.rtl, text.text.clone());
                if shaping.insert(key.clone()) {
                    to_shape.push(key);
                }
                distinct.push(text);
            }
        }
        drop((seen, shaping));
        let shaped = parallel::map_ordered(&to_shape, threads, |(style, rtl, text)| {
            match style {
                FontStyle::Regular => &regular,
                FontStyle::Bold => &bold,
            }
            .shape(text, *rtl)
        });
        for ((style, rtl, text), line) in to_shape.iter().zip(shaped) {
            let builder = match style {
                FontStyle::Regular => &mut regular,
                FontStyle::Bold => &mut bold,
            };
            builder.register(text, *rtl, line?);
        }
        let mut fonts = DiplomaFonts {
            regular: regular.finish()?,
            bold: bold.finish()?,
            objects: Chunk::new(),
            lines: HashMap::new(),
        };
        let [regular_refs, bold_refs] = super::render::font_refs();
        fonts.regular.write(&mut fonts.objects, regular_refs);
        fonts.bold.write(&mut fonts.objects, bold_refs);
        let drawn = parallel::map_ordered(&distinct, threads, |line| {
            super::render::draw_line(fonts.face(line.style), line)
        });
        for (line, drawn) in distinct.into_iter().zip(drawn) {
            let drawn = drawn?;
            fonts
                .lines
                .entry(line.text.clone())
                .or_default()
                .push((line, drawn));
        }
        fonts.regular.forget_shaped();
        fonts.bold.forget_shaped();
        Ok(fonts)
    }

    /// The content-stream operators of a line drawn while preparing, if it was.
    pub(crate) fn drawn(&self, line: &TextLine) -> Option<&[u8]> {
        self.lines
            .get(&line.text)?
            .iter()
            .find(|(prepared, _)| prepared == line)
            .map(|(_, drawn)| drawn.as_slice())
    }

    /// The font objects of both faces, numbered as [`super::render::font_refs`] says.
    pub(crate) fn objects(&self) -> &Chunk {
        &self.objects
    }

    /// How many glyphs the two subsets hold together.
    pub fn glyph_count(&self) -> usize {
        self.regular.glyph_count() + self.bold.glyph_count()
    }

    pub(crate) fn face(&self, style: FontStyle) -> &PreparedFace {
        match style {
            FontStyle::Regular => &self.regular,
            FontStyle::Bold => &self.bold,
        }
    }
}

/// A six-letter subset tag (ISO 32000-1 §9.6.4) derived from the glyph set, so equal
/// subsets get equal names.
pub(crate) fn subset_tag(glyphs: &[u16]) -> String {
    let mut hasher = Sha256::new();
    for g in glyphs {
        hasher.update(g.to_be_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}
