//! One line of text to positioned glyphs: the Unicode bidi algorithm (UAX #9, via
//! `unicode-bidi`) splits the line into directional runs in visual order, and `rustybuzz`
//! (HarfBuzz's shaping in Rust) shapes each run — Persian joining forms, ligatures, marks,
//! kerning, mirrored brackets.
//!
//! Each glyph keeps the source text of its cluster (HarfBuzz's cluster values are byte
//! offsets into the run), so the PDF can map glyphs back to logical text for copy and search.

use std::sync::{Arc, Mutex, PoisonError};

use rustybuzz::{Direction, Face, Language, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use crate::diploma::DiplomaError;

/// A glyph as the shaper placed it, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShapedGlyph {
    /// The glyph ID in the full (not subset) font.
    pub gid: u16,
    /// How far the pen moves after the glyph.
    pub x_advance: i32,
    /// Horizontal displacement of this glyph from the pen.
    pub x_offset: i32,
    /// Vertical displacement of this glyph from the baseline.
    pub y_offset: i32,
}

/// The glyphs of one cluster, in visual order, and the logical text they stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShapedCluster {
    /// The source characters of the cluster, in logical order.
    pub text: String,
    /// Its glyphs, left to right.
    pub glyphs: Vec<ShapedGlyph>,
}

/// A shaped line: clusters left to right, and its width in font units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShapedLine {
    /// Clusters in visual order (left to right).
    pub clusters: Vec<ShapedCluster>,
    /// The sum of the advances.
    pub width: i32,
}

/// Shape plans by segment properties. Compiling a plan (the font's lookups for a
/// direction, script and language) costs more than shaping a line, so each face keeps the
/// few it needs (Persian right-to-left, Latin, digits) for the whole batch.
#[derive(Default)]
pub(crate) struct PlanCache {
    plans: Mutex<Vec<PlanEntry>>,
}

type PlanEntry = (Direction, Option<Script>, Option<Language>, Arc<ShapePlan>);

impl PlanCache {
    fn plan(
        &self,
        face: &Face<'_>,
        direction: Direction,
        script: Option<Script>,
        language: Option<Language>,
    ) -> Arc<ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((.., plan)) = plans
            .iter()
            .find(|(d, s, l, _)| *d == direction && *s == script && *l == language)
        {
            return Arc::clone(plan);
        }
        let plan = Arc::new(ShapePlan::new(
            face,
            direction,
            script,
            language.as_ref(),
            &[],
        ));
        plans.push((direction, script, language, Arc::clone(&plan)));
        plan
    }
}

/// Shapes `text` as one line whose paragraph direction is right-to-left when `rtl`.
pub(crate) fn shape_line(
    face: &Face<'_>,
    plans: &PlanCache,
    font_name: &str,
    text: &str,
    rtl: bool,
) -> Result<ShapedLine, DiplomaError> {
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = BidiInfo::new(text, Some(base));
    let mut clusters = Vec::new();
    let mut width = 0;
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let Some(run_text) = text.get(run.clone()) else {
                continue;
            };
            width += shape_run(face, plans, font_name, run_text, run_rtl, &mut clusters)?;
        }
    }
    Ok(ShapedLine { clusters, width })
}

/// Shapes one directional run, appending its clusters in visual order; returns its width.
fn shape_run(
    face: &Face<'_>,
    plans: &PlanCache,
    font_name: &str,
    run: &str,
    rtl: bool,
    clusters: &mut Vec<ShapedCluster>,
) -> Result<i32, DiplomaError> {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(run);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    if rtl && let Ok(fa) = "fa".parse::<Language>() {
        buffer.set_language(fa);
    }
    buffer.guess_segment_properties();
    let direction = buffer.direction();
    if direction == Direction::Invalid {
        return Ok(0);
    }
    let plan = plans.plan(face, direction, Some(buffer.script()), buffer.language());
    let shaped = rustybuzz::shape_with_plan(face, &plan, buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    // A cluster's text runs from its start to the next larger cluster start.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| {
        starts
            .iter()
            .find(|s| **s > start)
            .copied()
            .unwrap_or(run.len())
    };

    let mut width = 0;
    let mut current: Option<(u32, ShapedCluster)> = None;
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let cluster_text = run.get(start..end_of(start)).unwrap_or_default();
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        if gid == 0 {
            let character = cluster_text.chars().next().unwrap_or('\u{FFFD}');
            return Err(DiplomaError::MissingGlyph {
                font: font_name.to_owned(),
                character,
                code: character as u32,
                text: run.to_owned(),
            });
        }
        let glyph = ShapedGlyph {
            gid,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
        };
        width += pos.x_advance;
        match &mut current {
            Some((c, cluster)) if *c == info.cluster => cluster.glyphs.push(glyph),
            _ => {
                if let Some((_, done)) = current.take() {
                    clusters.push(done);
                }
                current = Some((
                    info.cluster,
                    ShapedCluster {
                        text: cluster_text.to_owned(),
                        glyphs: vec![glyph],
                    },
                ));
            }
        }
    }
    if let Some((_, done)) = current {
        clusters.push(done);
    }
    Ok(width)
}
