//! Event history (ISO 23081 "event history", PREMIS 3 events): every action on a record is
//! an [`Event`] with its [`EventType`], the [`Agent`] who did it, when, and its
//! [`EventOutcome`]. Process metadata only grows by events (`spec/metadata.md` §6).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::stamp::as_stamp;

/// What happened to a record: the PREMIS event types the profile uses (`spec/metadata.md`
/// §6 lists each with its required `parameters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EventType {
    /// The record entered the records system (دریافت); always the first event.
    Capture,
    /// The record was closed: no more parts are added (a retention trigger).
    Close,
    /// The stored content's digest was recomputed and compared with the captured fixity.
    FixityCheck,
    /// An electronic signature or seal was applied.
    Sign,
    /// A signature or the record's metadata was validated.
    Validate,
    /// Custody passed to another repository, usually NLAI (انتقال).
    Transfer,
    /// The content was converted to another format (a new format, same record).
    Migrate,
    /// The security classification was changed by the originating agency.
    Reclassify,
    /// A legal or administrative hold was placed; disposition is suspended.
    Hold,
    /// A hold was released.
    Release,
    /// A disposition review decided the record's fate.
    Review,
    /// The content was destroyed under an authorization; the metadata remains.
    Destroy,
    /// The record was disseminated or delivered to someone (اشاعه، تحویل).
    Deliver,
}

impl EventType {
    /// Every event type, in declaration order.
    pub const ALL: [EventType; 13] = [
        EventType::Capture,
        EventType::Close,
        EventType::FixityCheck,
        EventType::Sign,
        EventType::Validate,
        EventType::Transfer,
        EventType::Migrate,
        EventType::Reclassify,
        EventType::Hold,
        EventType::Release,
        EventType::Review,
        EventType::Destroy,
        EventType::Deliver,
    ];

    /// The name used in JSON and in the retention CSV's `event:<name>` triggers.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Capture => "capture",
            EventType::Close => "close",
            EventType::FixityCheck => "fixity-check",
            EventType::Sign => "sign",
            EventType::Validate => "validate",
            EventType::Transfer => "transfer",
            EventType::Migrate => "migrate",
            EventType::Reclassify => "reclassify",
            EventType::Hold => "hold",
            EventType::Release => "release",
            EventType::Review => "review",
            EventType::Destroy => "destroy",
            EventType::Deliver => "deliver",
        }
    }

    /// The event type named `name` (as [`EventType::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an event ended (PREMIS `eventOutcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EventOutcome {
    /// The action did what it was asked to.
    Success,
    /// The action was done with reservations (see the event's `detail`).
    Warning,
    /// The action failed; the record is unchanged by it.
    Failure,
}

/// What kind of agent acted (ISO 23081 agent entity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AgentKind {
    /// An organization; `id` is its legal-entity national ID (شناسه ملی, 11 digits).
    Organization,
    /// An organizational post (پست سازمانی); `id` is the post's unique ID.
    Post,
    /// A natural person; `id` is their national code (کد ملی, 10 digits).
    Person,
    /// A software system or service; `id` is its name and version.
    System,
}

/// Who did something, or who produced a record (ISO 23081 agent, PREMIS agent).
///
/// ```
/// use samad::records::{Agent, AgentKind};
///
/// let registrar = Agent::person("0076229645", "زهرا احمدی");
/// assert_eq!(registrar.kind, AgentKind::Person);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// What kind of agent.
    pub kind: AgentKind,
    /// Its identifier, as [`AgentKind`] says for each kind.
    pub id: String,
    /// Its name for people, in Persian where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Agent {
    /// An agent of `kind`.
    pub fn new(kind: AgentKind, id: impl Into<String>, name: Option<String>) -> Agent {
        Agent {
            kind,
            id: id.into(),
            name,
        }
    }

    /// An organization by its legal-entity national ID.
    pub fn organization(legal_id: impl Into<String>, name: impl Into<String>) -> Agent {
        Agent::new(AgentKind::Organization, legal_id, Some(name.into()))
    }

    /// A natural person by national code.
    pub fn person(national_code: impl Into<String>, name: impl Into<String>) -> Agent {
        Agent::new(AgentKind::Person, national_code, Some(name.into()))
    }

    /// A software system, e.g. `samad 0.1.0`.
    pub fn system(name_and_version: impl Into<String>) -> Agent {
        Agent::new(AgentKind::System, name_and_version, None)
    }
}

/// One entry of a record's event history (PREMIS event): what, when, who, how it ended.
///
/// `time` is written as ISO 8601 with its Jalali rendering (`{"iso","jalali"}`, see
/// [`super::Stamp`]). `parameters` carries the machine-readable facts an event type needs
/// (a reclassification's `from` and `to`, a hold's `hold_id`, a migration's `to_puid`…),
/// `detail` the human explanation.
///
/// ```
/// use samad::records::{Agent, Event, EventOutcome, EventType};
/// use time::macros::datetime;
///
/// let hold = Event::new(EventType::Hold, datetime!(2025-03-20 10:30 UTC), Agent::system("samad"))
///     .with_parameter("hold_id", "H-1403-17")
///     .with_detail("litigation hold ordered by the legal office");
/// assert_eq!(hold.outcome, EventOutcome::Success);
/// let json = serde_json::to_value(&hold)?;
/// assert_eq!(json["time"]["jalali"], "1403/12/30");
/// assert_eq!(json["type"], "hold");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happened.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When it happened (whole seconds).
    #[serde(with = "as_stamp")]
    pub time: OffsetDateTime,
    /// Who did it.
    pub agent: Agent,
    /// How it ended.
    pub outcome: EventOutcome,
    /// A human explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Machine-readable facts of the event, by name (sorted, so the canonical form is stable).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
}

impl Event {
    /// A successful event of `event_type` at `time` (cut to whole seconds) by `agent`.
    pub fn new(event_type: EventType, time: OffsetDateTime, agent: Agent) -> Event {
        Event {
            event_type,
            time: time.replace_nanosecond(0).unwrap_or(time),
            agent,
            outcome: EventOutcome::Success,
            detail: None,
            parameters: BTreeMap::new(),
        }
    }

    /// Sets the outcome.
    pub fn with_outcome(mut self, outcome: EventOutcome) -> Event {
        self.outcome = outcome;
        self
    }

    /// Sets the human explanation.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Event {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a machine-readable fact.
    pub fn with_parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Event {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// The parameter `name`, if the event has it.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters.get(name).map(String::as_str)
    }
}
