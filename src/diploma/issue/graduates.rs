//! The graduates CSV of BRIEF §4 (`spec/issue.md` §3), read as a stream: a header row naming
//! the columns (any order, extra columns ignored), then one graduate per row. Each row is
//! checked on its own; a bad row becomes a [`RowError`] with its line and column and the
//! rows after it are still read.
//!
//! The CSV grammar is the `csv` crate's (RFC 4180 with quoting); the field rules are the
//! diploma record's ([`DiplomaRecord::issue`]), so a row is accepted exactly when a record
//! can be made from it.

use std::io::Read;

use csv::{ReaderBuilder, StringRecord, Trim};

use super::{IssueError, RowError};
use crate::calendar::parse_date;
use crate::diploma::{DiplomaError, DiplomaRecord, Graduate, Issuer};
use crate::ids::{DegreeLevel, DiplomaNumber, LegalEntityId, NationalCode, Shams};

/// The columns of the graduates CSV, in the order of BRIEF §4.
pub const COLUMNS: [&str; 15] = [
    "national_code",
    "first_name_fa",
    "last_name_fa",
    "first_name_en",
    "last_name_en",
    "father_name_fa",
    "birth_date",
    "degree_level",
    "field_fa",
    "field_en",
    "university_legal_id",
    "university_name_fa",
    "graduation_date",
    "gpa",
    "student_id",
];

/// The most data rows one file may hold: a bound on work (STYLE habit 4), above the
/// 999,999 serials of one diploma-number key.
pub const MAX_ROWS: u64 = 2_000_000;

/// One data row of the graduates CSV, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraduateRow {
    /// The 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// The row's fields.
    pub graduate: Graduate,
}

/// Streams the rows of a graduates CSV.
///
/// ```
/// use samad::diploma::issue::GraduatesReader;
///
/// let csv = "national_code,first_name_fa,last_name_fa,first_name_en,last_name_en,father_name_fa,\
/// birth_date,degree_level,field_fa,field_en,university_legal_id,university_name_fa,graduation_date,gpa,student_id\n\
/// 0076229645,علی,رضایی,Ali,Rezaei,حسن,1380/05/12,bachelor,فیزیک,Physics,10380284790,دانشگاه نمونه,1403/06/31,17.5,981\n";
/// let mut rows = GraduatesReader::new(csv.as_bytes())?;
/// let row = rows.next().unwrap().unwrap();
/// assert_eq!((row.line, row.graduate.last_name_en.as_str()), (2, "Rezaei"));
/// assert!(rows.next().is_none());
/// # Ok::<(), samad::diploma::issue::IssueError>(())
/// ```
pub struct GraduatesReader<R: Read> {
    reader: csv::Reader<R>,
    /// The 0-based position of each of [`COLUMNS`] in the file's rows.
    positions: [usize; COLUMNS.len()],
    record: StringRecord,
    rows: u64,
    done: bool,
}

impl<R: Read> std::fmt::Debug for GraduatesReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraduatesReader")
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl<R: Read> GraduatesReader<R> {
    /// Reads the header row of `input` and maps the columns; fails when a column of
    /// [`COLUMNS`] is missing or named twice.
    pub fn new(input: R) -> Result<GraduatesReader<R>, IssueError> {
        let mut reader = ReaderBuilder::new()
            .trim(Trim::All)
            // Rows may be longer than the header (extra columns); short rows are caught below.
            .flexible(true)
            .from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| IssueError::Header {
                message: e.to_string(),
            })?
            .clone();
        let mut positions = [0; COLUMNS.len()];
        let mut missing = Vec::new();
        for (slot, column) in positions.iter_mut().zip(COLUMNS) {
            let mut found = header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.trim().trim_start_matches('\u{feff}') == column);
            match (found.next(), found.next()) {
                (Some((position, _)), None) => *slot = position,
                (Some(_), Some(_)) => {
                    return Err(IssueError::Header {
                        message: format!("column {column:?} appears twice"),
                    });
                }
                (None, _) => missing.push(column),
            }
        }
        if !missing.is_empty() {
            return Err(IssueError::Header {
                message: format!("missing column(s) {missing:?}"),
            });
        }
        Ok(GraduatesReader {
            reader,
            positions,
            record: StringRecord::new(),
            rows: 0,
            done: false,
        })
    }

    /// The 1-based column number of `name` (one of [`COLUMNS`]) in this file; 0 if it is
    /// not a graduates column.
    pub fn column_of(&self, name: &str) -> usize {
        column_number(&self.positions, name)
    }

    /// The 0-based positions of [`COLUMNS`] in this file.
    pub fn positions(&self) -> [usize; COLUMNS.len()] {
        self.positions
    }

    fn row(&self, line: u64) -> Result<GraduateRow, RowError> {
        let widest = self.positions.iter().copied().max().unwrap_or(0);
        if self.record.len() <= widest {
            return Err(RowError {
                line,
                column: self.record.len() + 1,
                name: "row".to_owned(),
                message: format!(
                    "{} field(s) where the header has at least {}; quote fields that hold commas",
                    self.record.len(),
                    widest + 1
                ),
            });
        }
        let get = |i: usize| {
            let position = self.positions.get(i).copied().unwrap_or(usize::MAX);
            self.record.get(position).unwrap_or("").to_owned()
        };
        Ok(GraduateRow {
            line,
            graduate: Graduate {
                national_code: get(0),
                first_name_fa: get(1),
                last_name_fa: get(2),
                first_name_en: get(3),
                last_name_en: get(4),
                father_name_fa: get(5),
                birth_date: get(6),
                degree_level: get(7),
                field_fa: get(8),
                field_en: get(9),
                university_legal_id: get(10),
                university_name_fa: get(11),
                graduation_date: get(12),
                gpa: get(13),
                student_id: get(14),
            },
        })
    }
}

impl<R: Read> Iterator for GraduatesReader<R> {
    type Item = Result<GraduateRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut record = std::mem::take(&mut self.record);
        let read = self.reader.read_record(&mut record);
        self.record = record;
        let line = self.record.position().map_or(0, |p| p.line());
        match read {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.rows += 1;
                if self.rows > MAX_ROWS {
                    self.done = true;
                    return Some(Err(RowError {
                        line,
                        column: 0,
                        name: "row".to_owned(),
                        message: format!(
                            "more than {MAX_ROWS} rows; split the batch into several files"
                        ),
                    }));
                }
                Some(self.row(line))
            }
            Err(e) => {
                // A malformed line is reported and skipped; a read error ends the stream
                // (reading on would fail the same way).
                let line = e.position().map_or(line, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Err(RowError {
                    line,
                    column: 0,
                    name: "row".to_owned(),
                    message: format!("not a CSV row: {e}"),
                }))
            }
        }
    }
}

fn column_number(positions: &[usize; COLUMNS.len()], name: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| *c == name)
        .and_then(|i| positions.get(i))
        .map_or(0, |p| p + 1)
}

/// A row checked against the batch's issuer: everything a diploma number and the resume key
/// need, and proof that a record can be made from it.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// The row as read.
    pub row: GraduateRow,
    /// The graduate's national code.
    pub national_code: NationalCode,
    /// The degree level.
    pub level: DegreeLevel,
    /// The Jalali year of graduation (the diploma number's year).
    pub year: u16,
    /// The resume key: `national code/level/field_fa` with the field in normalized form
    /// (`spec/issue.md` §5.1).
    pub key: String,
}

/// Checks one row against `issuer` (the batch's university): every field rule of the
/// diploma record, with errors located at the row's line and the offending column.
/// `positions` are the file's column positions ([`GraduatesReader::positions`]).
pub fn check_row(
    row: GraduateRow,
    issuer: &Issuer,
    positions: &[usize; COLUMNS.len()],
) -> Result<CheckedRow, RowError> {
    let at = |name: &str, message: String| RowError {
        line: row.line,
        column: column_number(positions, name),
        name: name.to_owned(),
        message,
    };
    let g = &row.graduate;
    let national_code: NationalCode = g
        .national_code
        .parse()
        .map_err(|e: crate::IdError| at("national_code", e.to_string()))?;
    let level: DegreeLevel = g
        .degree_level
        .parse()
        .map_err(|e: crate::IdError| at("degree_level", e.to_string()))?;
    let graduation =
        parse_date(&g.graduation_date).map_err(|e| at("graduation_date", e.to_string()))?;
    let year = u16::try_from(graduation.year()).map_err(|_| {
        at(
            "graduation_date",
            format!("year {} cannot key a diploma number", graduation.year()),
        )
    })?;
    let university: LegalEntityId = issuer.university_legal_id.parse().map_err(|e| {
        at(
            "university_legal_id",
            format!("the batch's issuer is unusable: {e}"),
        )
    })?;
    // A provisional number and SHAMS: the record's rules are checked before a real number
    // is spent on the row.
    let number = DiplomaNumber::new(university, year, level, 1)
        .map_err(|e| at("graduation_date", e.to_string()))?;
    let shams = provisional_shams(national_code, university)
        .map_err(|e| at("national_code", e.to_string()))?;
    let record = DiplomaRecord::issue(g, issuer, number, &shams).map_err(|e| match e {
        DiplomaError::Field { field, message } => {
            let name = column_of_field(&field);
            at(name, message)
        }
        other => at("row", other.to_string()),
    })?;
    let key = format!(
        "{}/{}/{}",
        national_code.as_str(),
        level.as_str(),
        record.degree().field_fa
    );
    Ok(CheckedRow {
        row,
        national_code,
        level,
        year,
        key,
    })
}

/// The SHAMS used only to check a row: the record's rules look at its organization.
fn provisional_shams(
    signer: NationalCode,
    university: LegalEntityId,
) -> Result<Shams, crate::IdError> {
    Shams::builder()
        .letter_number("0")
        .issued_at(crate::ids::shams::ShamsDateTime::new(2000, 1, 1, 0, 0, 0)?)
        .guid(crate::ids::shams::Uuid::from_u128(1))
        .signer(signer, "P")
        .org_email("check@example.ir")
        .org_legal_id(university)
        .build()
}

/// The CSV column a record field comes from (`graduate.first_name_fa` → `first_name_fa`,
/// `degree.level` → `degree_level`); `row` for fields no column holds.
fn column_of_field(field: &str) -> &'static str {
    let short = field
        .strip_prefix("graduate.")
        .or_else(|| field.strip_prefix("degree."))
        .unwrap_or(field);
    let short = if short == "level" {
        "degree_level"
    } else {
        short
    };
    match short {
        // The number's year is the graduation year; its level the degree's.
        "number" => "graduation_date",
        _ => COLUMNS
            .iter()
            .find(|c| **c == short)
            .copied()
            .unwrap_or("row"),
    }
}
