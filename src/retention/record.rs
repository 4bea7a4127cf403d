//! [`RetentionRecord`]: the facts about a record that its disposition depends on, and the
//! records CSV of `samad retention due` (BRIEF §4).

use std::collections::{BTreeMap, HashMap};

use super::actions::{Disposed, DispositionEvent, ScheduleOverride};
use super::schedule::is_name;
use super::scheme::validate_class_code;
use super::{RetentionError, csv};
use crate::calendar::{JalaliDate, parse_date};

/// The most events (and, separately, holds) one record line may list.
const MAX_LIST: usize = 64;

/// A record as the disposition engine sees it: its identity, class, dates, named events,
/// metadata dates and holds, plus what disposition actions have done to it.
///
/// ```
/// use samad::retention::RetentionRecord;
/// use samad::JalaliDate;
///
/// let mut exam = RetentionRecord::new("EX-1", "UNI.EDU.EXAM", JalaliDate::parse("1403/10/01")?);
/// exam.closed = Some(JalaliDate::parse("1403/11/15")?);
/// exam.events.insert("graduation".into(), JalaliDate::parse("1404/04/31")?);
/// # Ok::<(), samad::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetentionRecord {
    /// The record's identifier.
    pub record_id: String,
    /// Its class in the classification scheme.
    pub class_code: String,
    /// When it was created (captured).
    pub created: JalaliDate,
    /// When it (or its file) was closed; `None` while open.
    pub closed: Option<JalaliDate>,
    /// Named business events and their dates (`event:<name>` triggers).
    pub events: BTreeMap<String, JalaliDate>,
    /// Dates held in the record's metadata (`metadata:<field>` triggers).
    pub metadata_dates: BTreeMap<String, JalaliDate>,
    /// IDs of holds placed on this record itself.
    pub holds: Vec<String>,
    /// A schedule row chosen by an authorized review instead of the class's row.
    pub schedule_override: Option<ScheduleOverride>,
    /// Set once the record was destroyed or transferred.
    pub disposed: Option<Disposed>,
    /// The disposition events (review, destruction, transfer) applied to it, oldest first.
    pub history: Vec<DispositionEvent>,
}

impl RetentionRecord {
    /// A record with no closing date, events, metadata dates or holds.
    pub fn new(
        record_id: impl Into<String>,
        class_code: impl Into<String>,
        created: JalaliDate,
    ) -> RetentionRecord {
        RetentionRecord {
            record_id: record_id.into(),
            class_code: class_code.into(),
            created,
            closed: None,
            events: BTreeMap::new(),
            metadata_dates: BTreeMap::new(),
            holds: Vec::new(),
            schedule_override: None,
            disposed: None,
            history: Vec::new(),
        }
    }

    /// Reads the records CSV: `record_id, class_code, created, closed, events, holds`; dates
    /// Jalali `YYYY/MM/DD` or ISO `YYYY-MM-DD`; `events` as `name=date;name=date` (a name
    /// `metadata:<field>` records a metadata date instead); `holds` as `id;id`.
    pub fn from_csv(input: &[u8]) -> Result<Vec<RetentionRecord>, RetentionError> {
        let mut records = Vec::new();
        let mut seen: HashMap<String, u64> = HashMap::new();
        csv::read("records", input, COLUMNS, EXPECTED, |line| {
            let record = parse_line(line)?;
            if let Some(&first_line) = seen.get(&record.record_id) {
                return Err(RetentionError::Duplicate {
                    file: "records",
                    what: "record_id",
                    value: record.record_id,
                    line: line.number(),
                    first_line,
                });
            }
            seen.insert(record.record_id.clone(), line.number());
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// The records CSV line for this record (the inverse of [`RetentionRecord::from_csv`],
    /// without the header; dates in Jalali form, fields never need quoting).
    pub fn to_csv_line(&self) -> String {
        let events: Vec<String> = self
            .events
            .iter()
            .map(|(name, date)| format!("{name}={date}"))
            .chain(
                self.metadata_dates
                    .iter()
                    .map(|(field, date)| format!("metadata:{field}={date}")),
            )
            .collect();
        format!(
            "{},{},{},{},{},{}",
            self.record_id,
            self.class_code,
            self.created,
            self.closed.map(|d| d.to_string()).unwrap_or_default(),
            events.join(";"),
            self.holds.join(";")
        )
    }
}

/// The header line [`RetentionRecord::to_csv_line`] lines go under.
pub const RECORDS_CSV_HEADER: &str = "record_id,class_code,created,closed,events,holds";

const COLUMNS: &[&str] = &[
    "record_id",
    "class_code",
    "created",
    "closed",
    "events",
    "holds",
];
const EXPECTED: &str = "record_id, class_code, created, closed, events, holds";

fn parse_line(line: &csv::Line<'_>) -> Result<RetentionRecord, RetentionError> {
    let record_id = line.get("record_id");
    let id_ok = !record_id.is_empty()
        && record_id.chars().count() <= 128
        && !record_id
            .chars()
            .any(|c| c.is_control() || c == ',' || c == '"');
    if !id_ok {
        return Err(line.error(
            "record_id",
            "record_id must be 1 to 128 characters, without control characters, commas or double quotes",
        ));
    }
    let class_code = line.get("class_code");
    validate_class_code(class_code).map_err(|m| line.error("class_code", m))?;
    let date = |name: &'static str, text: &str| {
        parse_date(text).map_err(|e| line.error(name, e.to_string()))
    };
    let mut record =
        RetentionRecord::new(record_id, class_code, date("created", line.get("created"))?);
    let closed = line.get("closed");
    if !closed.is_empty() {
        let closed = date("closed", closed)?;
        if closed < record.created {
            return Err(line.error(
                "closed",
                format!("closed {closed} is before created {}", record.created),
            ));
        }
        record.closed = Some(closed);
    }
    for item in list(line, "events")? {
        let Some((name, value)) = item.split_once('=') else {
            return Err(line.error(
                "events",
                format!("{item:?} is not name=date; write events as graduation=1404/04/31;appeal=1404/05/02"),
            ));
        };
        let (name, value) = (name.trim(), value.trim());
        let when = date("events", value)?;
        let (map, key) = match name.strip_prefix("metadata:") {
            Some(field) => (&mut record.metadata_dates, field),
            None => (&mut record.events, name),
        };
        if !is_name(key) {
            return Err(line.error(
                "events",
                format!("event name {name:?} must be 1 to 64 letters, digits, '_', '-' or '.'"),
            ));
        }
        if map.insert(key.to_owned(), when).is_some() {
            return Err(line.error("events", format!("event {name:?} is listed twice")));
        }
    }
    for id in list(line, "holds")? {
        if !is_name(id) {
            return Err(line.error(
                "holds",
                format!("hold id {id:?} must be 1 to 64 letters, digits, '_', '-' or '.'"),
            ));
        }
        if !record.holds.iter().any(|h| h == id) {
            record.holds.push(id.to_owned());
        }
    }
    Ok(record)
}

/// The `;`-separated, non-empty items of column `name`.
fn list<'l>(line: &'l csv::Line<'_>, name: &'static str) -> Result<Vec<&'l str>, RetentionError> {
    let items: Vec<&str> = line
        .get(name)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > MAX_LIST {
        return Err(line.error(name, format!("more than {MAX_LIST} items")));
    }
    Ok(items)
}
