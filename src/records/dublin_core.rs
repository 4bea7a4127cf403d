//! Dublin Core (ISO 15836-1) view of a record: the fifteen-element vocabulary, as JSON
//! and as the `dc:` half of the XMP packet (`spec/metadata.md` §9).

use serde::Serialize;

use super::Record;
use super::stamp::format_iso;

/// A record's Dublin Core elements. Empty elements are left out of the JSON.
///
/// ```
/// # let record = samad::records::Record::from_json(include_str!("../../tests/data/records/letter.json"))?;
/// let dc = record.dublin_core();
/// assert_eq!(dc.identifier[0], "REC-1403-000017");
/// assert_eq!(dc.format.as_deref(), Some("application/pdf"));
/// assert_eq!(serde_json::to_value(&dc).unwrap()["date"], "2025-03-18T09:15:00+03:30");
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DublinCore {
    /// `dc:title`.
    pub title: String,
    /// `dc:creator`: the producing agency, post and person, by name (or ID).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub creator: Vec<String>,
    /// `dc:subject`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
    /// `dc:date`: creation, ISO 8601.
    pub date: String,
    /// `dc:type`: always `Text` unless the format is an image (`StillImage`) — DCMI Type
    /// Vocabulary.
    #[serde(rename = "type")]
    pub dc_type: &'static str,
    /// `dc:format`: the MIME type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `dc:identifier`: the internal ID, then the SHAMS if there is one.
    pub identifier: Vec<String>,
    /// `dc:language`.
    pub language: Vec<String>,
    /// `dc:rights`: access rights and security class.
    pub rights: String,
    /// `dc:relation`: `type target` for each relation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relation: Vec<String>,
}

fn agent_label(agent: &super::Agent) -> String {
    agent.name.clone().unwrap_or_else(|| agent.id.clone())
}

impl Record {
    /// The record's Dublin Core elements.
    pub fn dublin_core(&self) -> DublinCore {
        let producer = &self.description.producer;
        let mut creator = vec![agent_label(&producer.agency)];
        creator.extend(producer.post.iter().map(agent_label));
        creator.extend(producer.person.iter().map(agent_label));
        let mut identifier = vec![self.identity.id.to_string()];
        identifier.extend(self.identity.shams.iter().cloned());
        let dc_type = match &self.format {
            Some(f) if f.mime.starts_with("image/") => "StillImage",
            _ => "Text",
        };
        let rights = serde_json::to_value(self.use_.access.rights)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        DublinCore {
            title: self.description.title.clone(),
            creator,
            subject: self.description.subject.clone(),
            date: format_iso(self.description.created),
            dc_type,
            format: self.format.as_ref().map(|f| f.mime.clone()),
            identifier,
            language: self.description.language.clone(),
            rights: format!(
                "access: {rights}; security class: {} ({})",
                self.use_.security.class.code(),
                self.use_.security.class.name_fa()
            ),
            relation: self
                .relations
                .iter()
                .map(|r| {
                    let kind = serde_json::to_value(r.relation_type)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    format!("{kind} {}", r.target)
                })
                .collect(),
        }
    }
}
