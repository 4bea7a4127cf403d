//! The format policy: PRONOM PUID → preferred / acceptable / not accepted, with the
//! reason (`spec/formats.md`, data in `data/format-policy.json`).

use std::fmt;

use serde::{Deserialize, Serialize};

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
