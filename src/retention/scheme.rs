//! The classification scheme (طرح طبقه‌بندی): hierarchical class codes with Persian and
//! English titles (MoReq2010 §8; `spec/retention.md` §1).
//!
//! A class code is a path of segments separated by `.`: `UNI.EDU.EXAM` is a child of
//! `UNI.EDU`, which is a child of `UNI`. The parent of a class is its code without the last
//! segment; a class without a schedule row of its own follows its parent's row.

use std::collections::BTreeMap;

use super::{RetentionError, Schedule, ScheduleRow, csv};

/// The longest class code, in bytes.
const MAX_CODE_LEN: usize = 128;
/// The deepest class hierarchy.
const MAX_DEPTH: usize = 16;

/// One class of the scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Class {
    /// The class code, e.g. `UNI.EDU.EXAM`.
    pub code: String,
    /// The title in Persian.
    pub title_fa: String,
    /// The title in English.
    pub title_en: String,
}

/// A classification scheme: every class with its parent present.
///
/// ```
/// use samad::retention::ClassificationScheme;
///
/// let csv = "class_code,title_fa,title_en\n\
///            UNI,دانشگاه,University\n\
///            UNI.EDU,آموزش,Education\n";
/// let scheme = ClassificationScheme::from_csv(csv.as_bytes())?;
/// assert_eq!(scheme.parent("UNI.EDU").map(|c| c.title_en.as_str()), Some("University"));
/// # Ok::<(), samad::retention::RetentionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassificationScheme {
    classes: BTreeMap<String, Class>,
}

const COLUMNS: &[&str] = &["class_code", "title_fa", "title_en"];
const EXPECTED: &str = "class_code, title_fa, title_en";

impl ClassificationScheme {
    /// Reads a scheme CSV with the columns `class_code, title_fa, title_en`. Every class's
    /// parent must be in the file (in any order); codes must not repeat.
    pub fn from_csv(input: &[u8]) -> Result<ClassificationScheme, RetentionError> {
        let mut classes = BTreeMap::new();
        let mut lines: BTreeMap<String, u64> = BTreeMap::new();
        csv::read("scheme", input, COLUMNS, EXPECTED, |line| {
            let code = line.get("class_code");
            validate_class_code(code).map_err(|m| line.error("class_code", m))?;
            let title_fa = line.get("title_fa");
            if title_fa.is_empty() {
                return Err(line.error("title_fa", "every class needs a Persian title"));
            }
            if let Some(&first_line) = lines.get(code) {
                return Err(RetentionError::Duplicate {
                    file: "scheme",
                    what: "class_code",
                    value: code.to_owned(),
                    line: line.number(),
                    first_line,
                });
            }
            lines.insert(code.to_owned(), line.number());
            classes.insert(
                code.to_owned(),
                Class {
                    code: code.to_owned(),
                    title_fa: title_fa.to_owned(),
                    title_en: line.get("title_en").to_owned(),
                },
            );
            Ok(())
        })?;
        for (code, line) in &lines {
            if let Some(parent) = parent_code(code).filter(|p| !classes.contains_key(*p)) {
                return Err(RetentionError::MissingParent {
                    class_code: code.clone(),
                    parent: parent.to_owned(),
                    line: *line,
                });
            }
        }
        Ok(ClassificationScheme { classes })
    }

    /// The class with code `code`.
    pub fn class(&self, code: &str) -> Option<&Class> {
        self.classes.get(code)
    }

    /// The parent class of `code`, if `code` has one.
    pub fn parent(&self, code: &str) -> Option<&Class> {
        parent_code(code).and_then(|p| self.classes.get(p))
    }

    /// Every class, ordered by code (so each parent comes before its children).
    pub fn classes(&self) -> impl Iterator<Item = &Class> {
        self.classes.values()
    }

    /// The schedule row governing class `code`: `None` when the class is not in the scheme
    /// or neither it nor an ancestor has a row.
    pub fn row_for<'s>(&self, schedule: &'s Schedule, code: &str) -> Option<&'s ScheduleRow> {
        self.classes
            .contains_key(code)
            .then(|| schedule.row_for_class(code))
            .flatten()
    }

    /// The classes that neither have a row nor inherit one: records filed there cannot be
    /// disposed of. A scheme and schedule should leave this empty.
    pub fn unscheduled<'a>(&'a self, schedule: &'a Schedule) -> impl Iterator<Item = &'a Class> {
        self.classes
            .values()
            .filter(move |c| schedule.row_for_class(&c.code).is_none())
    }
}

/// The parent code of `code`: everything before the last `.`; `None` for a top class.
pub fn parent_code(code: &str) -> Option<&str> {
    code.rfind('.').map(|dot| &code[..dot])
}

/// Checks a class code: 1–16 non-empty segments of ASCII letters, digits, `_` or `-`,
/// separated by `.`, at most 128 bytes.
pub(crate) fn validate_class_code(code: &str) -> Result<(), String> {
    let segments_ok = code.split('.').all(|segment| {
        !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    });
    if code.is_empty() || code.len() > MAX_CODE_LEN || !segments_ok {
        return Err(format!(
            "class code {:?} must be segments of ASCII letters, digits, '_' or '-' separated \
             by '.', such as UNI.EDU.EXAM (at most {MAX_CODE_LEN} characters)",
            code.chars().take(40).collect::<String>()
        ));
    }
    if code.split('.').count() > MAX_DEPTH {
        return Err(format!(
            "class code {code:?} is deeper than {MAX_DEPTH} levels"
        ));
    }
    Ok(())
}
