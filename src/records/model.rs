//! The record (ISO 23081-2 record entity) and its element groups: identity, description,
//! use, event plan, event history, relation (`spec/metadata.md` §2–§7).
//!
//! Point-of-capture metadata (identity, description, format, fixity, size, relations) is
//! fixed: [`Record`] has no setter for it and [`Record::amend`] refuses. Process metadata
//! (the current security class, the event history) changes only by appending events.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::RecordsError;
use super::classification::{Security, SecurityClass};
use super::event::{Agent, Event, EventType};
use super::formats::FormatTier;
use super::stamp::{as_stamp, format_iso};

/// The profile name and version every record carries in `profile`.
pub const PROFILE: &str = "samad-metadata/1";

/// samad's internal record identifier: 1–64 characters of `A–Z a–z 0–9 . _ : -`, starting
/// with a letter or digit (a UUID by default; agencies may use their own registry numbers).
///
/// ```
/// use samad::records::RecordId;
///
/// let id: RecordId = "REC-1403-000017".parse()?;
/// assert_eq!(id.as_str(), "REC-1403-000017");
/// assert!("bad id".parse::<RecordId>().is_err());
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecordId(String);

impl RecordId {
    /// A fresh random UUID (v4) identifier. Tests and reproducible pipelines pass their own.
    pub fn random() -> RecordId {
        RecordId(uuid::Uuid::new_v4().to_string())
    }

    /// Checks `value` against the identifier's grammar.
    pub fn parse(value: &str) -> Result<RecordId, RecordsError> {
        match id_problem(value) {
            None => Ok(RecordId(value.to_owned())),
            Some(message) => Err(RecordsError::BadFact {
                field: "id",
                message: message.to_owned(),
            }),
        }
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why `value` is not a [`RecordId`], if it is not.
pub(crate) fn id_problem(value: &str) -> Option<&'static str> {
    let first_ok = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if value.is_empty() || value.len() > 64 {
        Some("must be 1 to 64 characters long")
    } else if !first_ok {
        Some("must start with an ASCII letter or digit")
    } else if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
    {
        Some("may hold only A-Z a-z 0-9 . _ : -")
    } else {
        None
    }
}

impl std::str::FromStr for RecordId {
    type Err = RecordsError;
    fn from_str(s: &str) -> Result<RecordId, RecordsError> {
        RecordId::parse(s)
    }
}

impl TryFrom<String> for RecordId {
    type Error = RecordsError;
    fn try_from(s: String) -> Result<RecordId, RecordsError> {
        RecordId::parse(&s)
    }
}

impl From<RecordId> for String {
    fn from(id: RecordId) -> String {
        id.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identity group: the record's identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// samad's internal identifier.
    pub id: RecordId,
    /// The national document identifier (SHAMS, `spec/shams.md`) in its text form, when the
    /// record is a letter that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shams: Option<String>,
}

/// Who produced the record: the agency, and where known the post and the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Producer {
    /// The producing agency (an organization, by legal-entity national ID).
    pub agency: Agent,
    /// The organizational post (پست سازمانی) that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Agent>,
    /// The person who produced it (by national code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Agent>,
}

/// Description group: title, subject, language, creation date, producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// The title, normalized Persian text (`samad::text::normalize`).
    pub title: String,
    /// Subject terms (موضوع), possibly none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
    /// The languages of the content, BCP 47 tags (`fa`, `en`).
    pub language: Vec<String>,
    /// When the record was created by its producer (before capture).
    #[serde(with = "as_stamp")]
    pub created: OffsetDateTime,
    /// Who produced it.
    pub producer: Producer,
}

/// Access rights (ISO 23081 use group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// Who may see the record: `public`, `internal` (the agency) or `restricted`.
    pub rights: AccessRights,
    /// The legal basis or note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Who may see a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessRights {
    /// Anyone.
    Public,
    /// The producing agency's staff.
    Internal,
    /// Named people only (see the note); implied by any security class above unclassified.
    Restricted,
}

/// Use group: security classification and access rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Use {
    /// The security classification.
    pub security: Security,
    /// Access rights.
    pub access: Access,
}

/// The content's format as identified at capture (PRONOM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// The PRONOM unique identifier (`fmt/354`), or `UNKNOWN`.
    pub puid: String,
    /// The MIME type.
    pub mime: String,
    /// The format's name (`PDF/A-1b`, `Portable Network Graphics`).
    pub name: String,
    /// The version (`1.7`, `1.2`), when the format has versions and it was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The format policy's verdict for this PUID.
    pub tier: FormatTier,
}

/// PREMIS fixity: message digest algorithm and digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixity {
    /// Always `SHA-256` in this profile version.
    pub algorithm: String,
    /// The digest, 64 lower-case hex digits.
    pub digest: String,
}

/// Event plan group: how the record will be disposed of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventPlan {
    /// The classification scheme code (کد طبقه) the record is filed under; the class
    /// determines its disposition.
    pub class_code: String,
    /// The disposition schedule row (ردیف تعیین تکلیف) that applies, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_row: Option<String>,
}

/// How one record relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationType {
    /// This record is part of the target (a file, a case).
    PartOf,
    /// This record is an attachment of the target letter.
    AttachmentOf,
    /// This record replies to the target.
    ReplyTo,
    /// This record replaces the target.
    Supersedes,
    /// This record was signed by the target (a signature record or a signer's certificate).
    SignedBy,
}

/// Relation group: one link to another record or entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The kind of link.
    #[serde(rename = "type")]
    pub relation_type: RelationType,
    /// The target's identifier (a [`RecordId`], a SHAMS or a certificate fingerprint).
    pub target: String,
}

/// A record's metadata: the SAMAD essential metadata profile (`spec/metadata.md`).
///
/// Made by `capture()` or read with [`Record::from_json`]; written with serde. Reading
/// through serde checks the whole profile too (every violation, as
/// [`RecordsError::Invalid`]), so no invalid record can be made from outside data. Fields
/// are read through getters; the only changes are [`Record::append_event`] and
/// [`Record::reclassify`], both of which add to the event history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RecordWire")]
pub struct Record {
    pub(crate) profile: String,
    pub(crate) identity: Identity,
    pub(crate) description: Description,
    #[serde(rename = "use")]
    pub(crate) use_: Use,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) fixity: Option<Fixity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) size: Option<u64>,
    pub(crate) event_plan: EventPlan,
    pub(crate) event_history: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) relations: Vec<Relation>,
}

/// What serde reads before the profile is checked: [`Record`]'s fields, unvalidated.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordWire {
    profile: String,
    identity: Identity,
    description: Description,
    #[serde(rename = "use")]
    use_: Use,
    #[serde(default)]
    format: Option<Format>,
    #[serde(default)]
    fixity: Option<Fixity>,
    #[serde(default)]
    size: Option<u64>,
    event_plan: EventPlan,
    event_history: Vec<Event>,
    #[serde(default)]
    relations: Vec<Relation>,
}

impl TryFrom<RecordWire> for Record {
    type Error = RecordsError;

    fn try_from(w: RecordWire) -> Result<Record, RecordsError> {
        let record = Record {
            profile: w.profile,
            identity: w.identity,
            description: w.description,
            use_: w.use_,
            format: w.format,
            fixity: w.fixity,
            size: w.size,
            event_plan: w.event_plan,
            event_history: w.event_history,
            relations: w.relations,
        };
        let violations = record.validate();
        if violations.is_empty() {
            Ok(record)
        } else {
            Err(RecordsError::Invalid { violations })
        }
    }
}

/// JSON pointers of the point-of-capture metadata, by top-level member.
const FIXED_AT_CAPTURE: [&str; 8] = [
    "/profile",
    "/identity",
    "/description",
    "/format",
    "/fixity",
    "/size",
    "/event_plan",
    "/relations",
];

impl Record {
    /// The profile version, [`PROFILE`].
    pub fn profile(&self) -> &str {
        &self.profile
    }
    /// The internal identifier.
    pub fn id(&self) -> &RecordId {
        &self.identity.id
    }
    /// The identity group.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }
    /// The description group.
    pub fn description(&self) -> &Description {
        &self.description
    }
    /// The title.
    pub fn title(&self) -> &str {
        &self.description.title
    }
    /// When the producer created the record.
    pub fn created(&self) -> OffsetDateTime {
        self.description.created
    }
    /// The classification scheme code.
    pub fn class_code(&self) -> &str {
        &self.event_plan.class_code
    }
    /// The event plan group.
    pub fn event_plan(&self) -> &EventPlan {
        &self.event_plan
    }
    /// The use group (security, access).
    pub fn use_group(&self) -> &Use {
        &self.use_
    }
    /// The current security class.
    pub fn security_class(&self) -> SecurityClass {
        self.use_.security.class
    }
    /// The content's format, if the record has content.
    pub fn format(&self) -> Option<&Format> {
        self.format.as_ref()
    }
    /// The content's fixity, if the record has content.
    pub fn fixity(&self) -> Option<&Fixity> {
        self.fixity.as_ref()
    }
    /// The content's size in bytes, if the record has content.
    pub fn size(&self) -> Option<u64> {
        self.size
    }
    /// The relations.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
    /// The event history, oldest first; the first is always the capture.
    pub fn events(&self) -> &[Event] {
        &self.event_history
    }
    /// When the record was captured (the time of its capture event).
    pub fn captured(&self) -> Option<OffsetDateTime> {
        self.events_of(EventType::Capture).next().map(|e| e.time)
    }
    /// When the record was closed: the last successful `close` event, if any.
    pub fn closed(&self) -> Option<OffsetDateTime> {
        self.events_of(EventType::Close).last().map(|e| e.time)
    }
    /// The successful events of one type, oldest first.
    pub fn events_of(&self, event_type: EventType) -> impl Iterator<Item = &Event> {
        self.event_history.iter().filter(move |e| {
            e.event_type == event_type && e.outcome == super::EventOutcome::Success
        })
    }
    /// The holds in force: ids of successful `hold` events (parameter `hold_id`) not
    /// followed by a successful `release` of the same id.
    pub fn active_holds(&self) -> Vec<&str> {
        let mut held: Vec<&str> = Vec::new();
        for e in &self.event_history {
            if e.outcome != super::EventOutcome::Success {
                continue;
            }
            if let Some(id) = e.parameter("hold_id") {
                match e.event_type {
                    EventType::Hold if !held.contains(&id) => held.push(id),
                    EventType::Release => held.retain(|h| *h != id),
                    _ => {}
                }
            }
        }
        held
    }

    /// Appends `event` to the history. Refused (and nothing changes) when it is dated
    /// before the last event, when it is a `capture` (there is only one) or a `reclassify`
    /// (use [`Record::reclassify`], which checks the agency), and when the content was
    /// destroyed and the event would touch the content.
    pub fn append_event(&mut self, event: Event) -> Result<(), RecordsError> {
        match event.event_type {
            EventType::Capture => {
                return Err(RecordsError::EventNotAllowed {
                    event_type: event.event_type.to_string(),
                    reason: "a record is captured once; its capture event is made by capture()",
                });
            }
            EventType::Reclassify => {
                return Err(RecordsError::EventNotAllowed {
                    event_type: event.event_type.to_string(),
                    reason: "use Record::reclassify, which checks the originating agency",
                });
            }
            EventType::Migrate | EventType::FixityCheck | EventType::Sign | EventType::Deliver
                if self.events_of(EventType::Destroy).next().is_some() =>
            {
                return Err(RecordsError::EventNotAllowed {
                    event_type: event.event_type.to_string(),
                    reason: "the content was destroyed; only its metadata remains",
                });
            }
            EventType::Hold | EventType::Release if event.parameter("hold_id").is_none() => {
                return Err(RecordsError::EventNotAllowed {
                    event_type: event.event_type.to_string(),
                    reason: "hold and release events need a hold_id parameter",
                });
            }
            _ => {}
        }
        self.push_in_order(event)
    }

    /// Changes the security class. Only the originating agency (`agency.id` equal to the
    /// record's originator) may; the change is recorded as a `reclassify` event with
    /// parameters `from` and `to`.
    pub fn reclassify(
        &mut self,
        to: SecurityClass,
        agency: &Agent,
        at: OffsetDateTime,
        reason: &str,
    ) -> Result<(), RecordsError> {
        let originator = &self.use_.security.originator;
        if agency.kind != super::AgentKind::Organization || &agency.id != originator {
            return Err(RecordsError::NotOriginator {
                agency: agency.id.clone(),
                originator: originator.clone(),
            });
        }
        let from = self.use_.security.class;
        let event = Event::new(EventType::Reclassify, at, agency.clone())
            .with_parameter("from", from.code())
            .with_parameter("to", to.code())
            .with_detail(reason);
        self.push_in_order(event)?;
        self.use_.security.class = to;
        Ok(())
    }

    /// Always refuses, naming why: point-of-capture metadata is fixed
    /// ([`RecordsError::FixedAtCapture`]), process metadata changes by events
    /// ([`RecordsError::ChangeByEvent`]). For callers that edit records as JSON (a form,
    /// a PATCH request) and need the profile's answer for a JSON pointer.
    pub fn amend(&self, path: &str) -> RecordsError {
        let top = path
            .get(1..)
            .and_then(|rest| rest.split('/').next())
            .map(|member| format!("/{member}"))
            .unwrap_or_default();
        if FIXED_AT_CAPTURE.contains(&top.as_str()) {
            RecordsError::FixedAtCapture {
                path: path.to_owned(),
            }
        } else if path.starts_with("/use/security") {
            RecordsError::ChangeByEvent {
                path: path.to_owned(),
                method: "Record::reclassify",
            }
        } else if top == "/event_history" || top == "/use" {
            RecordsError::ChangeByEvent {
                path: path.to_owned(),
                method: "Record::append_event",
            }
        } else {
            RecordsError::UnknownField {
                path: path.to_owned(),
            }
        }
    }

    fn push_in_order(&mut self, event: Event) -> Result<(), RecordsError> {
        if let Some(last) = self.event_history.last()
            && event.time < last.time
        {
            return Err(RecordsError::EventOutOfOrder {
                event_type: event.event_type.to_string(),
                time: format_iso(event.time),
                last: format_iso(last.time),
            });
        }
        super::stamp::jalali_of(event.time)?;
        self.event_history.push(event);
        Ok(())
    }
}
