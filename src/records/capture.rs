//! Capture (دریافت): a content stream and the facts its producer supplies become a
//! [`Record`] — fixity by streaming SHA-256, format by signature, the policy's verdict, and
//! a `capture` event (`spec/metadata.md` §3).

use std::io::{ErrorKind, Read};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::RecordsError;
use super::canonical::hex;
use super::classification::{Security, SecurityClass};
use super::event::{Agent, Event, EventType};
use super::formats::FormatPolicy;
use super::identify::Sniffer;
use super::model::{
    Access, Description, EventPlan, Fixity, Format, Identity, PROFILE, Producer, Record, RecordId,
    Relation, Use,
};
use crate::clock::Clock;

/// The read size: large enough for SHA-256 to run at full speed, small enough to stay
/// out of the way (capture's memory is this plus the sniffer's bounded windows).
const CHUNK: usize = 256 * 1024;

/// What the producer knows about a record at capture; the content supplies the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureFacts {
    /// The record's internal identifier.
    pub id: RecordId,
    /// The SHAMS of the letter, if it has one (text form).
    pub shams: Option<String>,
    /// The title; stored in samad's normalized form (NFKC, ISIRI 6219 letters).
    pub title: String,
    /// Subject terms.
    pub subject: Vec<String>,
    /// Content languages (BCP 47); `["fa"]` by default.
    pub language: Vec<String>,
    /// When the producer created it.
    pub created: OffsetDateTime,
    /// Who produced it.
    pub producer: Producer,
    /// The security class at capture.
    pub class: SecurityClass,
    /// Access rights.
    pub access: Access,
    /// The classification scheme code (کد طبقه).
    pub class_code: String,
    /// The disposition schedule row, if known.
    pub schedule_row: Option<String>,
    /// Relations known at capture.
    pub relations: Vec<Relation>,
    /// Who captures it (the capturing system or registrar).
    pub captured_by: Agent,
}

impl CaptureFacts {
    /// Facts with the required values and defaults for the rest: Persian, no subject, no
    /// SHAMS, no relations, access `internal` (or `restricted` for a classified record),
    /// captured by `samad <version>`.
    pub fn new(
        id: RecordId,
        title: impl Into<String>,
        created: OffsetDateTime,
        agency: Agent,
        class: SecurityClass,
        class_code: impl Into<String>,
    ) -> CaptureFacts {
        let rights = if class.is_classified() {
            super::AccessRights::Restricted
        } else {
            super::AccessRights::Internal
        };
        CaptureFacts {
            id,
            shams: None,
            title: title.into(),
            subject: Vec::new(),
            language: vec!["fa".into()],
            created,
            producer: Producer {
                agency,
                post: None,
                person: None,
            },
            class,
            access: Access { rights, note: None },
            class_code: class_code.into(),
            schedule_row: None,
            relations: Vec::new(),
            captured_by: Agent::system(concat!("samad ", env!("CARGO_PKG_VERSION"))),
        }
    }
}

/// Captures `content` as a record with the embedded [`FormatPolicy`]; see [`capture_with`].
///
/// ```
/// use samad::clock::FixedClock;
/// use samad::records::{capture, Agent, CaptureFacts, RecordId, SecurityClass};
/// use time::macros::datetime;
///
/// let facts = CaptureFacts::new(
///     RecordId::parse("REC-1")?,
///     "گزارش سالانه",
///     datetime!(2025-03-18 9:00 +03:30),
///     Agent::organization("10380284790", "دانشگاه نمونه"),
///     SecurityClass::Unclassified,
///     "12.3.4",
/// );
/// let clock = FixedClock::new(datetime!(2025-03-20 7:00 UTC));
/// let record = capture(&b"{\"report\": 1403}"[..], facts, &clock)?;
/// assert_eq!(record.format().unwrap().puid, "fmt/817");
/// assert_eq!(record.fixity().unwrap().digest.len(), 64);
/// assert_eq!(record.events()[0].event_type.as_str(), "capture");
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
pub fn capture(
    content: impl Read,
    facts: CaptureFacts,
    clock: &dyn Clock,
) -> Result<Record, RecordsError> {
    capture_with(content, facts, clock, &FormatPolicy::embedded())
}

/// Captures `content`: reads it once in chunks (memory stays bounded whatever its size),
/// hashing it with SHA-256 and keeping its start and end for format identification; looks
/// the format up in `policy`; builds the record with a `capture` event dated by `clock`
/// (parameters `class`, `format_policy`; detail: the policy's reason) and validates it.
///
/// Errors: [`RecordsError::Read`] with the offset where reading failed, or
/// [`RecordsError::Invalid`] listing every problem with the facts. A format the policy
/// does not accept is not an error: the record says so in `format.tier`, and the caller
/// decides.
pub fn capture_with(
    mut content: impl Read,
    facts: CaptureFacts,
    clock: &dyn Clock,
    policy: &FormatPolicy,
) -> Result<Record, RecordsError> {
    let mut hasher = Sha256::new();
    let mut sniffer = Sniffer::default();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match content.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(RecordsError::Read {
                    offset: sniffer.total(),
                    source,
                });
            }
        };
        let chunk = &buf[..n];
        hasher.update(chunk);
        sniffer.update(chunk);
    }
    let identification = sniffer.finish();
    let verdict = policy.verdict(identification.puid);
    let captured_at = clock.now();
    let capture_event = Event::new(EventType::Capture, captured_at, facts.captured_by.clone())
        .with_parameter("class", facts.class.code())
        .with_parameter("format_policy", policy.version())
        .with_detail(format!("format {}: {}", verdict.tier, verdict.reason));
    let record = Record {
        profile: PROFILE.to_owned(),
        identity: Identity {
            id: facts.id,
            shams: facts.shams,
        },
        description: Description {
            title: crate::text::normalize(facts.title.trim()),
            subject: facts
                .subject
                .iter()
                .map(|s| crate::text::normalize(s.trim()))
                .collect(),
            language: facts.language,
            created: facts.created.replace_nanosecond(0).unwrap_or(facts.created),
            producer: facts.producer.clone(),
        },
        use_: Use {
            security: Security {
                class: facts.class,
                originator: facts.producer.agency.id.clone(),
            },
            access: facts.access,
        },
        format: Some(Format {
            puid: identification.puid.to_owned(),
            mime: identification.mime.to_owned(),
            name: identification.name,
            version: identification.version,
            tier: verdict.tier,
        }),
        fixity: Some(Fixity {
            algorithm: "SHA-256".to_owned(),
            digest: hex(&hasher.finalize()),
        }),
        size: Some(sniffer.total()),
        event_plan: EventPlan {
            class_code: facts.class_code,
            schedule_row: facts.schedule_row,
        },
        event_history: vec![capture_event],
        relations: facts.relations,
    };
    let violations = record.validate();
    if violations.is_empty() {
        Ok(record)
    } else {
        Err(RecordsError::Invalid { violations })
    }
}
