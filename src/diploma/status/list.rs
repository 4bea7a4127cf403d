//! The status list itself: its identity, its two bitstrings, the changes a registrar makes,
//! and its JSON document (`spec/status-list.md` §2–§4).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::bitstring::{self, Bitstring};
use super::{DiplomaStatus, StatusEntry, StatusError};
use crate::ids::{DegreeLevel, DiplomaNumber, LegalEntityId};

/// The `type` of every list this version writes and reads.
pub const STATUS_LIST_TYPE: &str = "samad-status-list/1";

/// The largest status list document read, in bytes (two lists of [`bitstring::MAX_ENTRIES`]
/// random bits, base64url, fit with room to spare).
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// The longest list id, in bytes.
const MAX_ID_BYTES: usize = 512;

/// A diploma status list: which diplomas of one university are revoked or suspended.
///
/// ```
/// use samad::diploma::status::{DiplomaStatus, StatusList};
/// use samad::DiplomaNumber;
///
/// let number = DiplomaNumber::new("10380284790".parse()?, 1403, samad::DegreeLevel::Bachelor, 17)?;
/// let mut list = StatusList::for_diplomas(number.university(), number.year(), number.level());
/// let entry = StatusList::entry_for(&number);
/// assert_eq!(entry.index, 17);
/// list.suspend(entry.index)?;
/// assert_eq!(list.status(entry.index)?, DiplomaStatus::Suspended);
/// list.revoke(entry.index)?;
/// assert_eq!(list.status(entry.index)?, DiplomaStatus::Revoked);
/// assert!(list.reinstate(entry.index).is_err(), "revocation is final");
///
/// let json = list.to_json();
/// assert_eq!(StatusList::from_json(json.as_bytes())?, list);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    id: String,
    issuer: LegalEntityId,
    revocation: Bitstring,
    suspension: Bitstring,
}

/// The `status_list` member of the document (`spec/status-list.md` §3).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListJson {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    pub issuer: String,
    pub size: u64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub valid_from: Option<OffsetDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub valid_until: Option<OffsetDateTime>,
    pub revocation: String,
    pub suspension: String,
}

/// The whole document: the list and, once published, its CAdES signature.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentJson {
    pub status_list: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl StatusList {
    /// An empty list (every diploma active) of `size` entries named `id` (a URL or URN).
    pub fn new(id: &str, issuer: LegalEntityId, size: u32) -> Result<StatusList, StatusError> {
        check_id(id)?;
        Ok(StatusList {
            id: id.to_owned(),
            issuer,
            revocation: Bitstring::zeros(size)?,
            suspension: Bitstring::zeros(size)?,
        })
    }

    /// The list of one university's diplomas of one level and graduation year, with the id
    /// [`StatusList::id_for`] derives and [`DEFAULT_ENTRIES`](super::DEFAULT_ENTRIES) entries.
    pub fn for_diplomas(university: LegalEntityId, year: u16, level: DegreeLevel) -> StatusList {
        StatusList {
            id: list_id(university, year, level),
            issuer: university,
            revocation: Bitstring::default_zeros(),
            suspension: Bitstring::default_zeros(),
        }
    }

    /// The id of the list a diploma's status is in:
    /// `urn:samad:status:<university legal ID>:<year>:<level>` (`spec/status-list.md` §2).
    pub fn id_for(number: &DiplomaNumber) -> String {
        list_id(number.university(), number.year(), number.level())
    }

    /// A diploma's entry: the list of [`StatusList::id_for`] at index = the number's serial.
    /// Serials are never reused (`spec/identifiers.md` §4), so neither are indexes.
    pub fn entry_for(number: &DiplomaNumber) -> StatusEntry {
        StatusEntry {
            list: StatusList::id_for(number),
            index: number.serial(),
        }
    }

    /// The list's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The issuing university.
    pub fn issuer(&self) -> LegalEntityId {
        self.issuer
    }

    /// The number of entries.
    pub fn size(&self) -> u32 {
        self.revocation.len()
    }

    /// The status at `index`: revoked wins over suspended.
    pub fn status(&self, index: u32) -> Result<DiplomaStatus, StatusError> {
        let revoked = self
            .revocation
            .get(index)
            .ok_or_else(|| self.out_of_range(index))?;
        let suspended = self
            .suspension
            .get(index)
            .ok_or_else(|| self.out_of_range(index))?;
        Ok(if revoked {
            DiplomaStatus::Revoked
        } else if suspended {
            DiplomaStatus::Suspended
        } else {
            DiplomaStatus::Active
        })
    }

    /// Revokes the diploma at `index`, for good (a suspension there is cleared).
    pub fn revoke(&mut self, index: u32) -> Result<(), StatusError> {
        self.status(index)?;
        self.revocation.set(index, true);
        self.suspension.set(index, false);
        Ok(())
    }

    /// Suspends the diploma at `index` until it is reinstated.
    pub fn suspend(&mut self, index: u32) -> Result<(), StatusError> {
        self.refuse_revoked(index, "suspended")?;
        self.suspension.set(index, true);
        Ok(())
    }

    /// Lifts a suspension at `index`. A revoked diploma cannot be reinstated.
    pub fn reinstate(&mut self, index: u32) -> Result<(), StatusError> {
        self.refuse_revoked(index, "reinstated")?;
        self.suspension.set(index, false);
        Ok(())
    }

    /// The indexes of revoked diplomas, in order.
    pub fn revoked(&self) -> impl Iterator<Item = u32> + '_ {
        self.revocation.ones()
    }

    /// The indexes of suspended (and not revoked) diplomas, in order.
    pub fn suspended(&self) -> impl Iterator<Item = u32> + '_ {
        self.suspension
            .ones()
            .filter(|i| self.revocation.get(*i) == Some(false))
    }

    /// The working document (unsigned, no validity window): what `samad status new`,
    /// `revoke`, `suspend` and `reinstate` write.
    pub fn to_json(&self) -> String {
        let doc = DocumentJson {
            status_list: serde_json::to_value(self.to_list_json(None)).unwrap_or_default(),
            signature: None,
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    /// Reads the list from a working or a published document. A published document's
    /// signature and window are not checked here (that is
    /// [`VerifiedStatusList::verify`](super::VerifiedStatusList::verify)) and are dropped:
    /// a changed list must be published again.
    pub fn from_json(input: &[u8]) -> Result<StatusList, StatusError> {
        let (doc, list) = parse_document(input)?;
        drop(doc);
        StatusList::from_list_json(&list)
    }

    pub(super) fn to_list_json(
        &self,
        window: Option<(OffsetDateTime, OffsetDateTime)>,
    ) -> ListJson {
        ListJson {
            kind: STATUS_LIST_TYPE.to_owned(),
            id: self.id.clone(),
            issuer: self.issuer.to_string(),
            size: u64::from(self.size()),
            valid_from: window.map(|(from, _)| from),
            valid_until: window.map(|(_, until)| until),
            revocation: self.revocation.encode(),
            suspension: self.suspension.encode(),
        }
    }

    pub(super) fn from_list_json(json: &ListJson) -> Result<StatusList, StatusError> {
        if json.kind != STATUS_LIST_TYPE {
            return Err(field(
                "status_list.type",
                format!(
                    "{:?} is not {STATUS_LIST_TYPE:?}, the only type this version reads",
                    json.kind
                ),
            ));
        }
        check_id(&json.id)?;
        let issuer: LegalEntityId = json
            .issuer
            .parse()
            .map_err(|e: crate::IdError| field("status_list.issuer", e.to_string()))?;
        if issuer.as_str() != json.issuer {
            return Err(field(
                "status_list.issuer",
                "write the 11 ASCII digits".into(),
            ));
        }
        let size = bitstring::check_size(json.size)?;
        Ok(StatusList {
            id: json.id.clone(),
            issuer,
            revocation: Bitstring::decode("status_list.revocation", &json.revocation, size)?,
            suspension: Bitstring::decode("status_list.suspension", &json.suspension, size)?,
        })
    }

    fn refuse_revoked(&self, index: u32, action: &'static str) -> Result<(), StatusError> {
        if self.status(index)? == DiplomaStatus::Revoked {
            return Err(StatusError::AlreadyRevoked {
                list: self.id.clone(),
                index,
                action,
            });
        }
        Ok(())
    }

    fn out_of_range(&self, index: u32) -> StatusError {
        StatusError::IndexOutOfRange {
            list: self.id.clone(),
            index: u64::from(index),
            size: self.size(),
        }
    }
}

/// Reads a document: its envelope and its `status_list` member, bounded in size.
pub(super) fn parse_document(input: &[u8]) -> Result<(DocumentJson, ListJson), StatusError> {
    if input.len() > MAX_DOCUMENT_BYTES {
        return Err(StatusError::TooLarge {
            size: input.len(),
            max: MAX_DOCUMENT_BYTES,
        });
    }
    let json_error = |e: serde_json::Error| StatusError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let doc: DocumentJson = serde_json::from_slice(input).map_err(json_error)?;
    let list: ListJson = serde_json::from_value(doc.status_list.clone())
        .map_err(|e| field("status_list", e.to_string()))?;
    Ok((doc, list))
}

fn list_id(university: LegalEntityId, year: u16, level: DegreeLevel) -> String {
    format!("urn:samad:status:{university}:{year}:{}", level.as_str())
}

/// A list id is a URL or URN: 1 to 512 printable ASCII characters without spaces.
fn check_id(id: &str) -> Result<(), StatusError> {
    if id.is_empty() || id.len() > MAX_ID_BYTES || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(field(
            "status_list.id",
            format!(
                "{id:?} is not a list id; use a URL or URN of 1 to {MAX_ID_BYTES} printable \
                 ASCII characters without spaces"
            ),
        ));
    }
    Ok(())
}

pub(super) fn field(name: &str, message: String) -> StatusError {
    StatusError::Field {
        field: name.to_owned(),
        message,
    }
}
