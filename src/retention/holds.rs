//! Holds (توقیف / نگهداشت قانونی): a legal, audit or FOI mandate that suspends disposition
//! (MoReq2010 §9.3; `spec/retention.md` §5).
//!
//! A hold is placed on one record or on an aggregation (a class, and so every record filed
//! in it or below it). It is active from the day it is placed until the day it is lifted
//! (that day excluded). Any active hold blocks destruction and transfer.

use std::collections::HashMap;

use super::record::RetentionRecord;
use super::schedule::is_name;
use super::scheme::validate_class_code;
use super::{RetentionError, csv};
use crate::calendar::{JalaliDate, parse_date};

/// What a hold is placed on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HoldTarget {
    /// One record, by ID.
    Record(String),
    /// An aggregation: the class and every class below it, with all their records.
    Class(String),
}

/// One hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hold {
    /// The hold's ID.
    pub id: String,
    /// The mandate: the court order, audit or request it serves.
    pub mandate: String,
    /// What it is placed on.
    pub target: HoldTarget,
    /// The day it takes effect.
    pub placed: JalaliDate,
    /// The day it stops applying, once lifted.
    pub lifted: Option<JalaliDate>,
}

impl Hold {
    /// A hold placed on `placed`, not lifted.
    pub fn new(
        id: impl Into<String>,
        mandate: impl Into<String>,
        target: HoldTarget,
        placed: JalaliDate,
    ) -> Hold {
        Hold {
            id: id.into(),
            mandate: mandate.into(),
            target,
            placed,
            lifted: None,
        }
    }

    /// True when the hold applies on `day`: placed on or before it, not lifted on or before it.
    pub fn is_active_on(&self, day: JalaliDate) -> bool {
        self.placed <= day && self.lifted.is_none_or(|lifted| day < lifted)
    }

    /// True when the hold's target covers `record` (the record itself, or its class or an
    /// ancestor class of it).
    pub fn covers(&self, record: &RetentionRecord) -> bool {
        match &self.target {
            HoldTarget::Record(id) => *id == record.record_id || record.holds.contains(&self.id),
            HoldTarget::Class(code) => {
                record.holds.contains(&self.id)
                    || record.class_code == *code
                    || record
                        .class_code
                        .strip_prefix(code.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            }
        }
    }
}

/// What the engine learned about one hold for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldFinding {
    /// The hold's ID.
    pub id: String,
    /// True when it applies on the date asked about.
    pub active: bool,
    /// One line saying why.
    pub reason: String,
}

/// Every hold known, by ID.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HoldRegister {
    holds: Vec<Hold>,
    by_id: HashMap<String, usize>,
    /// Positions of the holds placed on each record, by record ID.
    by_record: HashMap<String, Vec<usize>>,
    /// Positions of the holds placed on each aggregation, by class code.
    by_class: HashMap<String, Vec<usize>>,
}

const COLUMNS: &[&str] = &["id", "mandate", "target", "placed", "lifted"];
const EXPECTED: &str = "id, mandate, target, placed, lifted";

impl HoldRegister {
    /// An empty register.
    pub fn new() -> HoldRegister {
        HoldRegister::default()
    }

    /// Adds a hold, replacing any earlier hold with the same ID (a lifted copy, say).
    pub fn insert(&mut self, hold: Hold) {
        let index = match self.by_id.get(&hold.id) {
            Some(&i) => {
                let old = self.holds.get(i).map(|h| h.target.clone());
                if let Some(list) = old.and_then(|target| self.targets(&target)) {
                    list.retain(|&j| j != i);
                }
                i
            }
            None => {
                self.by_id.insert(hold.id.clone(), self.holds.len());
                self.holds.len()
            }
        };
        let target = hold.target.clone();
        match self.holds.get_mut(index) {
            Some(slot) => *slot = hold,
            None => self.holds.push(hold),
        }
        let list = match target {
            HoldTarget::Record(id) => self.by_record.entry(id).or_default(),
            HoldTarget::Class(code) => self.by_class.entry(code).or_default(),
        };
        list.push(index);
    }

    fn targets(&mut self, target: &HoldTarget) -> Option<&mut Vec<usize>> {
        match target {
            HoldTarget::Record(id) => self.by_record.get_mut(id),
            HoldTarget::Class(code) => self.by_class.get_mut(code),
        }
    }

    /// Positions of the holds that may bear on `record`, in register order: those on the
    /// record, on its class or an ancestor class, and those the record lists by ID.
    fn candidates(&self, record: &RetentionRecord) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        if self.holds.is_empty() {
            return found;
        }
        let mut add = |list: Option<&Vec<usize>>| found.extend(list.into_iter().flatten());
        add(self.by_record.get(&record.record_id));
        let mut code = Some(record.class_code.as_str());
        while let Some(current) = code {
            add(self.by_class.get(current));
            code = super::scheme::parent_code(current);
        }
        found.extend(record.holds.iter().filter_map(|id| self.by_id.get(id)));
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Lifts hold `id` as of `on`; false when there is no such hold.
    pub fn lift(&mut self, id: &str, on: JalaliDate) -> bool {
        let hold = self.by_id.get(id).and_then(|&i| self.holds.get_mut(i));
        hold.map(|h| h.lifted = Some(on)).is_some()
    }

    /// The hold with ID `id`.
    pub fn get(&self, id: &str) -> Option<&Hold> {
        self.by_id.get(id).and_then(|&i| self.holds.get(i))
    }

    /// Reads a holds CSV: `id, mandate, target, placed, lifted` with `target` as
    /// `record:<id>` or `class:<code>` and `lifted` empty while the hold stands.
    pub fn from_csv(input: &[u8]) -> Result<HoldRegister, RetentionError> {
        let mut register = HoldRegister::new();
        let mut lines: HashMap<String, u64> = HashMap::new();
        csv::read("holds", input, COLUMNS, EXPECTED, |line| {
            let id = line.get("id");
            if !is_name(id) {
                return Err(line.error(
                    "id",
                    "a hold id must be 1 to 64 letters, digits, '_', '-' or '.'",
                ));
            }
            if let Some(&first_line) = lines.get(id) {
                return Err(RetentionError::Duplicate {
                    file: "holds",
                    what: "hold id",
                    value: id.to_owned(),
                    line: line.number(),
                    first_line,
                });
            }
            let mandate = line.get("mandate");
            if mandate.is_empty() {
                return Err(line.error(
                    "mandate",
                    "a hold needs its mandate (court order, audit, request)",
                ));
            }
            let target_text = line.get("target");
            let target = if let Some(code) = target_text.strip_prefix("class:") {
                validate_class_code(code).map_err(|m| line.error("target", m))?;
                HoldTarget::Class(code.to_owned())
            } else if let Some(record) = target_text
                .strip_prefix("record:")
                .filter(|r| !r.is_empty())
            {
                HoldTarget::Record(record.to_owned())
            } else {
                return Err(line.error(
                    "target",
                    format!("target {target_text:?} must be record:<id> or class:<code>"),
                ));
            };
            let placed =
                parse_date(line.get("placed")).map_err(|e| line.error("placed", e.to_string()))?;
            let lifted = match line.get("lifted") {
                "" => None,
                text => {
                    let lifted =
                        parse_date(text).map_err(|e| line.error("lifted", e.to_string()))?;
                    if lifted < placed {
                        return Err(line.error(
                            "lifted",
                            format!("lifted {lifted} is before placed {placed}"),
                        ));
                    }
                    Some(lifted)
                }
            };
            lines.insert(id.to_owned(), line.number());
            register.insert(Hold {
                id: id.to_owned(),
                mandate: mandate.to_owned(),
                target,
                placed,
                lifted,
            });
            Ok(())
        })?;
        Ok(register)
    }

    /// Every hold that bears on `record` as of `day`, with whether it is active: the
    /// register's holds covering it, and the IDs the record lists that the register does
    /// not know (each taken as an active hold, BRIEF §4).
    pub fn findings(&self, record: &RetentionRecord, day: JalaliDate) -> Vec<HoldFinding> {
        let mut found: Vec<HoldFinding> = self
            .candidates(record)
            .into_iter()
            .filter_map(|i| self.holds.get(i))
            .filter(|h| h.covers(record))
            .map(|h| {
                let active = h.is_active_on(day);
                let scope = match &h.target {
                    HoldTarget::Class(code) if *code != record.class_code => {
                        format!(" on aggregation {code}")
                    }
                    _ => String::new(),
                };
                let reason = match (active, h.lifted) {
                    (true, _) => format!(
                        "hold {}{scope} ({}) placed {}: active, blocks destruction and transfer",
                        h.id, h.mandate, h.placed
                    ),
                    (false, Some(lifted)) if lifted <= day => format!(
                        "hold {}{scope} ({}) placed {} was lifted {}: no longer applies",
                        h.id, h.mandate, h.placed, lifted
                    ),
                    (false, _) => format!(
                        "hold {}{scope} ({}) takes effect {}: not yet active",
                        h.id, h.mandate, h.placed
                    ),
                };
                HoldFinding {
                    id: h.id.clone(),
                    active,
                    reason,
                }
            })
            .collect();
        for id in &record.holds {
            if self.get(id).is_none() {
                found.push(HoldFinding {
                    id: id.clone(),
                    active: true,
                    reason: format!(
                        "hold {id} listed on the record (no placed or lifted dates known): active"
                    ),
                });
            }
        }
        found
    }

    /// The IDs of the holds active on `record` on `day`.
    pub fn active_on(&self, record: &RetentionRecord, day: JalaliDate) -> Vec<String> {
        self.findings(record, day)
            .into_iter()
            .filter(|f| f.active)
            .map(|f| f.id)
            .collect()
    }
}
