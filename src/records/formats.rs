//! The format policy: PRONOM PUID → preferred / acceptable / not accepted, with the
//! reason (`spec/formats.md`, data in `data/format-policy.json`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::RecordsError;

/// The policy's verdict on a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormatTier {
    /// Preferred for long-term preservation.
    Preferred,
    /// Accepted; migration may be planned.
    Acceptable,
    /// Not accepted for capture as a record's preservation copy.
    NotAccepted,
}

impl FormatTier {
    /// The name used in JSON and the policy file.
    pub fn as_str(self) -> &'static str {
        match self {
            FormatTier::Preferred => "preferred",
            FormatTier::Acceptable => "acceptable",
            FormatTier::NotAccepted => "not-accepted",
        }
    }
}

impl fmt::Display for FormatTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The policy file samad ships, `data/format-policy.json`.
const EMBEDDED_POLICY: &str = include_str!("../../data/format-policy.json");

/// The policy's verdict on one format, with the reason a records officer can quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyEntry {
    /// The PRONOM PUID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub puid: String,
    /// The format's name, for people reading the policy.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The verdict.
    pub tier: FormatTier,
    /// Why.
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    policy: String,
    version: String,
    date: String,
    #[serde(default)]
    #[allow(dead_code)] // documentation for people; read so unknown members are still refused
    note: String,
    default: PolicyEntry,
    formats: Vec<PolicyEntry>,
}

/// A versioned format policy: PUID → preferred / acceptable / not accepted, with the reason
/// (`spec/formats.md` §3). Formats the policy does not list get its `default` verdict.
///
/// ```
/// use samad::records::{FormatPolicy, FormatTier};
///
/// let policy = FormatPolicy::embedded();
/// assert_eq!(policy.verdict("fmt/477").tier, FormatTier::Preferred);
/// assert_eq!(policy.verdict("x-fmt/263").tier, FormatTier::NotAccepted);
/// assert_eq!(policy.verdict("fmt/999999").tier, FormatTier::NotAccepted);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatPolicy {
    version: String,
    date: String,
    default: PolicyEntry,
    entries: std::collections::BTreeMap<String, PolicyEntry>,
}

impl FormatPolicy {
    /// The policy shipped with samad (`data/format-policy.json`).
    pub fn embedded() -> FormatPolicy {
        // The embedded file is checked by a unit test; an empty policy (everything
        // not accepted) is the safe answer should it ever fail to parse.
        FormatPolicy::parse(EMBEDDED_POLICY).unwrap_or_else(|_| FormatPolicy {
            version: "invalid".into(),
            date: String::new(),
            default: PolicyEntry {
                puid: String::new(),
                name: String::new(),
                tier: FormatTier::NotAccepted,
                reason: "the embedded format policy is invalid".into(),
            },
            entries: Default::default(),
        })
    }

    /// Reads a policy file (the JSON shape of `data/format-policy.json`). Errors name the
    /// line: a JSON error, a repeated PUID, a PUID that is not `fmt/N` or `x-fmt/N`.
    pub fn parse(text: &str) -> Result<FormatPolicy, RecordsError> {
        let file: PolicyFile = serde_json::from_str(text).map_err(|e| RecordsError::Policy {
            line: e.line(),
            message: e.to_string(),
        })?;
        let line_of = |puid: &str| {
            let needle = format!("\"{puid}\"");
            text.lines()
                .position(|l| l.contains(&needle))
                .map_or(0, |i| i + 1)
        };
        if file.policy != "samad-format-policy" {
            return Err(RecordsError::Policy {
                line: line_of(&file.policy),
                message: format!("{:?} is not a samad format policy", file.policy),
            });
        }
        let mut entries = std::collections::BTreeMap::new();
        for entry in file.formats {
            let valid = entry.puid.split_once('/').is_some_and(|(ns, n)| {
                matches!(ns, "fmt" | "x-fmt")
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
            });
            if !valid {
                return Err(RecordsError::Policy {
                    line: line_of(&entry.puid),
                    message: format!("{:?} is not a PRONOM PUID (fmt/N or x-fmt/N)", entry.puid),
                });
            }
            if entry.reason.trim().is_empty() {
                return Err(RecordsError::Policy {
                    line: line_of(&entry.puid),
                    message: format!("{} has no reason; every verdict gives one", entry.puid),
                });
            }
            let line = line_of(&entry.puid);
            if let Some(dup) = entries.insert(entry.puid.clone(), entry) {
                return Err(RecordsError::Policy {
                    line,
                    message: format!("{} is listed twice", dup.puid),
                });
            }
        }
        Ok(FormatPolicy {
            version: file.version,
            date: file.date,
            default: file.default,
            entries,
        })
    }

    /// The policy's version (`2026.1`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The date the version was adopted.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The verdict on `puid`: its entry, or the default.
    pub fn verdict(&self, puid: &str) -> &PolicyEntry {
        self.entries.get(puid).unwrap_or(&self.default)
    }

    /// Every listed format, by PUID.
    pub fn entries(&self) -> impl Iterator<Item = &PolicyEntry> {
        self.entries.values()
    }
}

#[cfg(test)]
mod tests;
