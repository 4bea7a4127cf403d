//! The chain of incremental updates (ISO 32000-1 §7.5.6): each cross-reference section
//! reached through `startxref` and `/Prev` is one revision, with the byte span it appended.

use std::collections::{HashMap, HashSet};

use super::Limits;
use super::object::{Dict, ObjRef};
use super::parser::find;
use super::xref::{self, Section, XrefEntry, XrefKind};
use crate::pdf::PdfError;

/// One revision of the document: the original file (number 1) or an incremental update.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// 1 for the original document, then 2, 3… in file order.
    pub number: usize,
    /// The offset of this revision's cross-reference section (what its `startxref` says).
    pub xref_offset: usize,
    /// The first byte of the revision: 0, or the byte after the previous revision's
    /// `%%EOF` line.
    pub start: usize,
    /// The byte after this revision's `%%EOF` and its end-of-line marker.
    pub end: usize,
    /// The trailer dictionary (for a cross-reference stream: its dictionary without the
    /// stream keys `/Length`, `/Filter`, `/DecodeParms`, `/W`, `/Index`, `/Type`).
    pub trailer: Dict,
    /// The objects this revision's cross-reference defines or changes, with their entries
    /// (free entries included), in the order listed.
    pub objects: Vec<(ObjRef, XrefEntry)>,
    /// Whether the revision's cross-reference is a table or a stream.
    pub kind: XrefKind,
}

/// Walks `startxref` and the `/Prev` chain; returns the revisions oldest first.
pub(crate) fn read_chain(bytes: &[u8], limits: &Limits) -> Result<Vec<Revision>, PdfError> {
    let mut offset = xref::startxref(bytes)?;
    let mut seen = HashSet::new();
    // Newest first, as the chain is walked.
    let mut groups: Vec<Vec<Section>> = Vec::new();
    let mut total_entries = 0usize;
    loop {
        if !seen.insert(offset) {
            return Err(PdfError::PrevLoop { offset });
        }
        if seen.len() > limits.max_revisions {
            return Err(PdfError::Limit {
                what: "cross-reference sections in the /Prev chain",
                limit: limits.max_revisions,
                offset,
            });
        }
        let mut section = xref::read_section(bytes, offset, limits)?;
        // Hybrid file (§7.5.8.4): the /XRefStm stream's entries belong to this section;
        // in-use table entries win, the stream fills in the rest.
        if section.kind == XrefKind::Table
            && let Some(stm) = section.xref_stm()?
        {
            if !seen.insert(stm) {
                return Err(PdfError::PrevLoop { offset: stm });
            }
            let hidden = xref::read_section(bytes, stm, limits)?;
            if hidden.kind != XrefKind::Stream {
                return Err(PdfError::xref(
                    stm,
                    "/XRefStm does not point to a cross-reference stream",
                ));
            }
            let in_use: HashSet<u32> = section
                .entries
                .iter()
                .filter(|(_, e)| !matches!(e, XrefEntry::Free { .. }))
                .map(|(n, _)| *n)
                .collect();
            let hidden_nums: HashSet<u32> = hidden.entries.iter().map(|(n, _)| *n).collect();
            section
                .entries
                .retain(|(n, e)| !matches!(e, XrefEntry::Free { .. }) || !hidden_nums.contains(n));
            section.entries.extend(
                hidden
                    .entries
                    .into_iter()
                    .filter(|(n, _)| !in_use.contains(n)),
            );
            section.end = section.end.max(hidden.end);
        }
        total_entries += section.entries.len();
        if total_entries > limits.max_objects {
            return Err(PdfError::Limit {
                what: "cross-reference entries",
                limit: limits.max_objects,
                offset,
            });
        }
        let prev = section.prev()?;
        // A /Prev that points forward is only the first-page section of a linearized file
        // (ISO 32000-1 Annex F) pointing to the main one, which ends the chain: both are
        // one revision. Anywhere else it could hide a revision boundary: refused.
        let newer_offset = groups.last().and_then(|g| g.last()).map(|s| s.offset);
        let merge = newer_offset.is_some_and(|newer| newer < section.offset);
        if merge {
            let newer = newer_offset.unwrap_or_default();
            if !is_linearized(bytes, limits) || prev.is_some() {
                return Err(PdfError::xref(
                    newer,
                    format!(
                        "/Prev points forward to the section at byte {}; only the first-page \
                         section of a linearized file may do that",
                        section.offset
                    ),
                ));
            }
        }
        if merge && let Some(group) = groups.last_mut() {
            group.push(section);
        } else {
            groups.push(vec![section]);
        }
        match prev {
            Some(p) => offset = p,
            None => break,
        }
    }
    groups.reverse();
    let mut revisions = Vec::with_capacity(groups.len());
    let mut start = 0usize;
    for (i, group) in groups.into_iter().enumerate() {
        let Some(newest) = group.first() else {
            continue;
        };
        let xref_offset = newest.offset;
        let kind = newest.kind;
        let trailer = newest.trailer.clone();
        let section_end = group.iter().map(|s| s.end).max().unwrap_or(newest.end);
        let end = eof_end(bytes, section_end)?;
        // An update appends: its cross-reference lies after the previous revision's end.
        // A section inside earlier bytes would make revision spans overlap.
        if xref_offset < start {
            return Err(PdfError::xref(
                xref_offset,
                format!(
                    "the cross-reference section of revision {} lies inside revision {} \
                     (which ends at byte {start}); an incremental update must append",
                    i + 1,
                    i
                ),
            ));
        }
        // Older sections of a merged (linearized) revision first, newer entries last.
        let mut objects: Vec<(ObjRef, XrefEntry)> = Vec::new();
        let mut position: HashMap<u32, usize> = HashMap::new();
        for section in group.into_iter().rev() {
            for (num, entry) in section.entries {
                let generation = match entry {
                    XrefEntry::Free { generation, .. } | XrefEntry::InFile { generation, .. } => {
                        generation
                    }
                    XrefEntry::InStream { .. } => 0,
                };
                let item = (ObjRef { num, generation }, entry);
                match position.get(&num).and_then(|&i| objects.get_mut(i)) {
                    Some(slot) => *slot = item,
                    None => {
                        position.insert(num, objects.len());
                        objects.push(item);
                    }
                }
            }
        }
        revisions.push(Revision {
            number: i + 1,
            xref_offset,
            start,
            end,
            trailer,
            objects,
            kind,
        });
        start = end;
    }
    Ok(revisions)
}

/// The byte after the first `%%EOF` at or after `from` and its end-of-line marker.
fn eof_end(bytes: &[u8], from: usize) -> Result<usize, PdfError> {
    let Some(at) = find(bytes, b"%%EOF", from) else {
        return Err(PdfError::Truncated {
            offset: from,
            what: "revision (no '%%EOF' after its cross-reference)",
        });
    };
    let mut end = at + 5;
    match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => end += 2,
        (Some(b'\r' | b'\n'), _) => end += 1,
        _ => {}
    }
    Ok(end)
}

/// True when the file's first object is a linearization parameter dictionary (Annex F.2.2).
fn is_linearized(bytes: &[u8], limits: &Limits) -> bool {
    let Some(header) = find(bytes, b"%PDF-", 0) else {
        return false;
    };
    // The first object follows the header line and an optional binary comment line.
    let Some(obj) = find(
        bytes
            .get(..bytes.len().min(header + 1024))
            .unwrap_or_default(),
        b" obj",
        header,
    ) else {
        return false;
    };
    let line_start = bytes
        .get(..obj)
        .and_then(|head| head.iter().rposition(|b| *b == b'\n' || *b == b'\r'))
        .map_or(0, |p| p + 1);
    super::parser::parse_indirect(bytes, line_start, limits.max_depth, &mut |_| None).is_ok_and(
        |o| {
            o.object
                .as_dict()
                .is_some_and(|d| d.get(b"Linearized").is_some())
        },
    )
}
