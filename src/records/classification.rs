//! Security classification (طبقه‌بندی امنیتی) under the law of 1353/11/29 and its regulation
//! of 1354/10/01: four classes above unclassified; a file takes the highest class of
//! anything in it; only the originating agency may reclassify; every page is marked top
//! and bottom with the class and "page N of M" (`spec/metadata.md` §5).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::RecordsError;

/// A security class, ordered from [`SecurityClass::Unclassified`] up to
/// [`SecurityClass::TopSecret`].
///
/// ```
/// use samad::records::SecurityClass;
///
/// assert!(SecurityClass::Secret > SecurityClass::HighlyConfidential);
/// assert_eq!(SecurityClass::TopSecret.name_fa(), "به‌کلی سری");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum SecurityClass {
    /// عادی: not classified.
    #[default]
    Unclassified,
    /// محرمانه: confidential.
    Confidential,
    /// خیلی محرمانه: highly confidential.
    HighlyConfidential,
    /// سری: secret.
    Secret,
    /// به‌کلی سری: top secret.
    TopSecret,
}

impl SecurityClass {
    /// Every class, lowest first.
    pub const ALL: [SecurityClass; 5] = [
        SecurityClass::Unclassified,
        SecurityClass::Confidential,
        SecurityClass::HighlyConfidential,
        SecurityClass::Secret,
        SecurityClass::TopSecret,
    ];

    /// The code used in JSON and on the command line (`--class`).
    pub fn code(self) -> &'static str {
        match self {
            SecurityClass::Unclassified => "unclassified",
            SecurityClass::Confidential => "confidential",
            SecurityClass::HighlyConfidential => "highly-confidential",
            SecurityClass::Secret => "secret",
            SecurityClass::TopSecret => "top-secret",
        }
    }

    /// The class's name in Persian, as it is marked on pages (with ZWNJ where the word has one).
    pub fn name_fa(self) -> &'static str {
        match self {
            SecurityClass::Unclassified => "عادی",
            SecurityClass::Confidential => "محرمانه",
            SecurityClass::HighlyConfidential => "خیلی محرمانه",
            SecurityClass::Secret => "سری",
            SecurityClass::TopSecret => "به\u{200c}کلی سری",
        }
    }

    /// The class whose code or Persian name is `name` (Persian names are compared after
    /// samad's text normalization, so Arabic ي/ك and a missing ZWNJ are accepted).
    pub fn from_name(name: &str) -> Option<SecurityClass> {
        let wanted = crate::text::search_key(name.trim()).replace(['\u{200c}', ' '], "");
        SecurityClass::ALL.into_iter().find(|c| {
            c.code() == name.trim()
                || crate::text::search_key(c.name_fa()).replace(['\u{200c}', ' '], "") == wanted
        })
    }

    /// The class an aggregation (a file, a case, a dossier) takes: the highest class among
    /// its members, [`SecurityClass::Unclassified`] when it has none.
    ///
    /// ```
    /// use samad::records::SecurityClass::*;
    /// use samad::records::SecurityClass;
    ///
    /// assert_eq!(SecurityClass::aggregate([Confidential, Secret, Unclassified]), Secret);
    /// assert_eq!(SecurityClass::aggregate([]), Unclassified);
    /// ```
    pub fn aggregate(members: impl IntoIterator<Item = SecurityClass>) -> SecurityClass {
        members.into_iter().max().unwrap_or_default()
    }

    /// Whether pages of this class carry a marking (every class but unclassified).
    pub fn is_classified(self) -> bool {
        self != SecurityClass::Unclassified
    }
}

impl fmt::Display for SecurityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The security block of a record (ISO 23081 "use" group): the current class and the
/// agency that originated it, the only one allowed to change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// The current class (the captured one, changed only by `reclassify` events).
    pub class: SecurityClass,
    /// The originating agency's legal-entity national ID (شناسه ملی).
    pub originator: String,
}

/// The marking printed at the top and bottom of page `page` of `pages` of a document of
/// `class`, in Persian with Persian digits: `سری — صفحه ۳ از ۱۰`. Unclassified documents
/// get the page count only.
///
/// ```
/// use samad::records::{page_marking, SecurityClass};
///
/// assert_eq!(page_marking(SecurityClass::Secret, 3, 10)?, "سری — صفحه ۳ از ۱۰");
/// assert_eq!(page_marking(SecurityClass::Unclassified, 1, 1)?, "صفحه ۱ از ۱");
/// assert!(page_marking(SecurityClass::Secret, 11, 10).is_err());
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
pub fn page_marking(class: SecurityClass, page: u32, pages: u32) -> Result<String, RecordsError> {
    if page == 0 || page > pages {
        return Err(RecordsError::PageOutOfRange { page, pages });
    }
    let count = format!(
        "صفحه {} از {}",
        crate::text::to_persian_digits(&page.to_string()),
        crate::text::to_persian_digits(&pages.to_string())
    );
    Ok(if class.is_classified() {
        format!("{} — {count}", class.name_fa())
    } else {
        count
    })
}
