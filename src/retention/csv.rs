//! The CSV reading every retention file shares: UTF-8, a header row naming the columns (any
//! order, extra columns ignored), fields trimmed, errors with line and column.
//!
//! The CSV grammar itself is the `csv` crate's (RFC 4180 with quoting); this module only
//! maps columns by name and turns the crate's errors into [`RetentionError`]s.

use csv::{ReaderBuilder, StringRecord, Trim};

use super::{Location, RetentionError};

/// The most data lines one file may hold (a bound on work and memory, STYLE habit 4).
pub(crate) const MAX_LINES: usize = 2_000_000;

/// One data line, with its columns looked up by name.
pub(crate) struct Line<'r> {
    file: &'static str,
    record: &'r StringRecord,
    line: u64,
    columns: &'static [&'static str],
    positions: &'r [usize],
}

impl Line<'_> {
    /// The 1-based line number in the file.
    pub(crate) fn number(&self) -> u64 {
        self.line
    }

    /// The trimmed value of column `name` (empty when the line is short, which the reader
    /// already rejects).
    pub(crate) fn get(&self, name: &'static str) -> &str {
        self.index_of(name)
            .and_then(|column| self.record.get(column))
            .unwrap_or("")
    }

    /// An error about the value of column `name` on this line.
    pub(crate) fn error(&self, name: &'static str, message: impl Into<String>) -> RetentionError {
        RetentionError::Field {
            file: self.file,
            location: Location::Csv {
                line: self.line,
                column: self.index_of(name).map_or(0, |c| c + 1),
                name,
            },
            message: message.into(),
        }
    }

    fn index_of(&self, name: &'static str) -> Option<usize> {
        let wanted = self.columns.iter().position(|c| *c == name)?;
        self.positions.get(wanted).copied()
    }
}

/// Reads `input` as a CSV file of kind `file` whose header must hold every name in
/// `columns`; calls `each` for every data line, stopping at the first error.
pub(crate) fn read(
    file: &'static str,
    input: &[u8],
    columns: &'static [&'static str],
    expected: &'static str,
    mut each: impl FnMut(&Line<'_>) -> Result<(), RetentionError>,
) -> Result<(), RetentionError> {
    let mut reader = ReaderBuilder::new()
        .trim(Trim::All)
        .flexible(false)
        .from_reader(input);
    let header = reader.headers().map_err(|e| malformed(file, &e))?.clone();
    let mut positions = Vec::with_capacity(columns.len());
    for column in columns {
        let mut found = header.iter().enumerate().filter(|(_, h)| h == column);
        let Some((position, _)) = found.next() else {
            return Err(RetentionError::MissingColumn {
                file,
                column,
                expected,
            });
        };
        if found.next().is_some() {
            return Err(RetentionError::Malformed {
                file,
                line: 1,
                message: format!("the header names column {column:?} twice"),
            });
        }
        positions.push(position);
    }
    let mut record = StringRecord::new();
    let mut count = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => return Err(malformed(file, &e)),
        }
        count += 1;
        if count > MAX_LINES {
            return Err(RetentionError::TooLarge {
                file,
                what: "data lines",
                limit: MAX_LINES,
            });
        }
        // Blank lines are skipped by the reader; an all-empty line of commas is not data.
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        each(&Line {
            file,
            record: &record,
            line,
            columns,
            positions: &positions,
        })?;
    }
}

fn malformed(file: &'static str, error: &csv::Error) -> RetentionError {
    let line = error.position().map_or(0, |p| p.line());
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            format!(
                "field {} is not valid UTF-8; save the file as UTF-8",
                err.field() + 1
            )
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{len} fields where the header has {expected_len}; check for a stray or missing comma"
        ),
        _ => format!("not readable as CSV: {error}"),
    };
    RetentionError::Malformed {
        file,
        line,
        message,
    }
}
