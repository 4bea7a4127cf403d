//! `/ByteRange` sanity (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): the signed bytes are
//! the whole of one revision except exactly the `/Contents` hex string. Every universal
//! signature forgery and signature wrapping variant breaks one of these rules.

use crate::validation::report::Coverage;

/// Where one revision of the file ends, as the reader found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RevisionEnd {
    /// The revision number (1 = the original file).
    pub number: usize,
    /// The byte after its `%%EOF` and end-of-line.
    pub end: usize,
}

/// The two signed ranges, as file offsets (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SignedRanges {
    /// `[0, hole start)`.
    pub first: (usize, usize),
    /// `[hole end, revision end)`.
    pub second: (usize, usize),
}

/// Checks a signature dictionary's `/ByteRange` against its `/Contents` string and the
/// revisions of the file. On success, the revision it covers; otherwise the problem, in one
/// sentence naming what is wrong.
pub(crate) fn check_byte_range(
    byte_range: Option<&[i64]>,
    contents_span: Option<(usize, usize)>,
    revisions: &[RevisionEnd],
    file_len: usize,
) -> Result<(Coverage, SignedRanges), String> {
    let Some(range) = byte_range else {
        return Err("the signature dictionary has no /ByteRange: nothing is signed".into());
    };
    let [a, b, c, d] = range else {
        return Err(format!(
            "/ByteRange has {} entries; exactly 4 (one hole) are required",
            range.len()
        ));
    };
    let values: Vec<usize> = [*a, *b, *c, *d]
        .iter()
        .map(|v| usize::try_from(*v))
        .collect::<Result<_, _>>()
        .map_err(|_| format!("/ByteRange {range:?} has a negative or oversized entry"))?;
    let &[start, first_len, hole_end, second_len] = values.as_slice() else {
        return Err(format!("/ByteRange {range:?} is malformed"));
    };
    if start != 0 {
        return Err(format!(
            "/ByteRange starts at byte {start}, not 0: the file's beginning is not signed"
        ));
    }
    let hole_start = first_len;
    let end = hole_end
        .checked_add(second_len)
        .ok_or_else(|| format!("/ByteRange {range:?} overflows"))?;
    if hole_end <= hole_start {
        return Err(format!(
            "/ByteRange {range:?}: the second range starts at byte {hole_end}, not after the first one ends at {hole_start}"
        ));
    }
    if end > file_len {
        return Err(format!(
            "/ByteRange {range:?} reaches byte {end}, past the end of the file ({file_len} bytes)"
        ));
    }
    let Some((contents_start, contents_end)) = contents_span else {
        return Err("the signature dictionary has no /Contents hex string".into());
    };
    if (hole_start, hole_end) != (contents_start, contents_end) {
        return Err(format!(
            "the /ByteRange hole is bytes {hole_start}..{hole_end}, but this dictionary's /Contents string is at {contents_start}..{contents_end}: the signed bytes are not this signature's"
        ));
    }
    let Some(revision) = revisions.iter().find(|r| r.end == end) else {
        let ends: Vec<String> = revisions.iter().map(|r| r.end.to_string()).collect();
        return Err(format!(
            "/ByteRange ends at byte {end}, which is not the end of a revision (revisions end at {})",
            ends.join(", ")
        ));
    };
    let byte_range = values.iter().map(|v| *v as u64).collect();
    Ok((
        Coverage {
            revision: revision.number,
            byte_range,
            whole_revision: true,
        },
        SignedRanges {
            first: (0, hole_start),
            second: (hole_end, end),
        },
    ))
}
