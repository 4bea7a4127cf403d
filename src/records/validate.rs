//! Validation of record metadata against the profile (`spec/metadata.md` §8), reporting
//! every violation at once, each with its JSON pointer, a stable code and a message.
//!
//! The checks work on the JSON value, not on the Rust model, so that a document with
//! many faults is described whole instead of failing at its first one.
//!
//! ```
//! use samad::records::validate::validate_json;
//!
//! let violations = validate_json(r#"{"profile":"samad-metadata/1","identity":{"id":"-"}}"#)?;
//! assert!(violations.iter().any(|v| v.path == "/identity/id" && v.code == "record-id"));
//! assert!(violations.iter().any(|v| v.path == "/description" && v.code == "required"));
//! # Ok::<(), samad::records::RecordsError>(())
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::{PROFILE, id_problem};
use super::stamp::Stamp;
use super::{EventType, Record, RecordsError, SecurityClass};
use crate::ids::{LegalEntityId, NationalCode, Shams};

/// The largest metadata document read, in bytes (a record's metadata is kilobytes).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// One way a record's metadata breaks the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// JSON pointer (RFC 6901) to the offending value, e.g. `/description/title`.
    pub path: String,
    /// Stable code (`spec/metadata.md` §8 lists them).
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// Parses `text` as JSON and checks it against the profile. `Ok` with an empty list means
/// valid; `Err` only when the text is not JSON at all (or is too large).
pub fn validate_json(text: &str) -> Result<Vec<Violation>, RecordsError> {
    Ok(validate_value(&parse_json(text)?))
}

pub(crate) fn parse_json(text: &str) -> Result<Value, RecordsError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(RecordsError::Json {
            line: 1,
            column: 1,
            message: format!("the document is larger than {MAX_DOCUMENT_BYTES} bytes"),
        });
    }
    serde_json::from_str(text).map_err(|e| RecordsError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Checks a JSON value against the profile; the list is empty when it is valid.
pub fn validate_value(value: &Value) -> Vec<Violation> {
    let mut c = Checker::default();
    c.record(value);
    c.violations
}

impl Record {
    /// Reads a record from its JSON form, checking it against the profile first; every
    /// violation is reported at once in [`RecordsError::Invalid`].
    pub fn from_json(text: &str) -> Result<Record, RecordsError> {
        let value = parse_json(text)?;
        let violations = validate_value(&value);
        if !violations.is_empty() {
            return Err(RecordsError::Invalid { violations });
        }
        // The checks above cover everything serde requires; this is a second line of defence.
        serde_json::from_value(value).map_err(|e| RecordsError::Invalid {
            violations: vec![Violation {
                path: String::new(),
                code: "structure",
                message: e.to_string(),
            }],
        })
    }

    /// Checks this record against the profile (a record built through the API is valid
    /// unless its facts were; this is what `samad meta validate` runs).
    pub fn validate(&self) -> Vec<Violation> {
        match serde_json::to_value(self) {
            Ok(v) => validate_value(&v),
            Err(e) => vec![Violation {
                path: String::new(),
                code: "structure",
                message: e.to_string(),
            }],
        }
    }
}

#[derive(Default)]
struct Checker {
    violations: Vec<Violation>,
}

/// The class whose code (not Persian name) is `code`: the JSON form uses codes only.
fn class_of_code(code: &str) -> Option<SecurityClass> {
    SecurityClass::ALL.into_iter().find(|c| c.code() == code)
}

fn pointer(base: &str, member: &str) -> String {
    format!("{base}/{}", member.replace('~', "~0").replace('/', "~1"))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Checker {
    fn report(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.violations.push(Violation {
            path: path.to_owned(),
            code,
            message: message.into(),
        });
    }

    /// The object at `path` with its members checked against `required` and `optional`.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.report(
                path,
                "type",
                format!("expected an object, found {}", type_name(v)),
            );
            return None;
        };
        for name in required {
            if !map.contains_key(*name) {
                self.report(
                    &pointer(path, name),
                    "required",
                    format!("the member {name:?} is required here"),
                );
            }
        }
        for name in map.keys() {
            if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                self.report(
                    &pointer(path, name),
                    "unknown-member",
                    format!("{name:?} is not a member of this object in the profile; remove it"),
                );
            }
        }
        Some(map)
    }

    fn string<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) if s.trim().is_empty() => {
                self.report(path, "empty", "must not be empty");
                None
            }
            Value::String(s) => Some(s),
            other => {
                self.report(
                    path,
                    "type",
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn one_of(&mut self, v: &Value, path: &str, allowed: &[&str]) -> Option<String> {
        let s = self.string(v, path)?;
        if allowed.contains(&s) {
            Some(s.to_owned())
        } else {
            self.report(
                path,
                "enum",
                format!(
                    "{s:?} is not allowed; expected one of {}",
                    allowed.join(", ")
                ),
            );
            None
        }
    }

    fn stamp(&mut self, v: &Value, path: &str) -> Option<Stamp> {
        let map = self.object(v, path, &["iso", "jalali"], &[])?;
        let iso = self.string(map.get("iso")?, &pointer(path, "iso"))?;
        let stamp = match Stamp::parse_iso(iso) {
            Ok(s) => s,
            Err(e) => {
                self.report(
                    &pointer(path, "iso"),
                    "time",
                    format!("{e}; write RFC 3339, e.g. 2025-03-20T10:30:00+03:30"),
                );
                return None;
            }
        };
        let jalali = self.string(map.get("jalali")?, &pointer(path, "jalali"))?;
        if jalali != stamp.jalali().to_string() {
            self.report(
                &pointer(path, "jalali"),
                "jalali-mismatch",
                format!(
                    "{jalali:?} is not the Jalali date of {iso}; it should be {}",
                    stamp.jalali()
                ),
            );
        }
        Some(stamp)
    }

    fn agent(&mut self, v: &Value, path: &str, expect_kind: Option<&str>) {
        let Some(map) = self.object(v, path, &["kind", "id"], &["name"]) else {
            return;
        };
        let kind_path = pointer(path, "kind");
        let kind = map.get("kind").and_then(|k| {
            self.one_of(k, &kind_path, &["organization", "post", "person", "system"])
        });
        if let (Some(want), Some(kind)) = (expect_kind, kind.as_deref())
            && want != kind
        {
            self.report(
                &kind_path,
                "agent-kind",
                format!("expected a {want} agent here, found {kind}"),
            );
        }
        let id_path = pointer(path, "id");
        let Some(id) = map.get("id").and_then(|id| self.string(id, &id_path)) else {
            return;
        };
        match kind.as_deref() {
            Some("organization") => {
                if let Err(e) = LegalEntityId::parse(id) {
                    self.report(
                        &id_path,
                        "legal-id",
                        format!("{e}; an organization is identified by its 11-digit national ID"),
                    );
                }
            }
            Some("person") => {
                if let Err(e) = NationalCode::parse(id) {
                    self.report(
                        &id_path,
                        "national-code",
                        format!("{e}; a person is identified by their national code"),
                    );
                }
            }
            _ => {}
        }
        if let Some(name) = map.get("name") {
            self.string(name, &pointer(path, "name"));
        }
    }

    fn record(&mut self, v: &Value) {
        let Some(map) = self.object(
            v,
            "",
            &[
                "profile",
                "identity",
                "description",
                "use",
                "event_plan",
                "event_history",
            ],
            &["format", "fixity", "size", "relations"],
        ) else {
            return;
        };
        if let Some(p) = map.get("profile")
            && let Some(p) = self.string(p, "/profile")
            && p != PROFILE
        {
            self.report(
                "/profile",
                "profile",
                format!("{p:?} is not a profile samad reads; expected {PROFILE:?}"),
            );
        }
        if let Some(v) = map.get("identity") {
            self.identity(v);
        }
        let created = map.get("description").and_then(|v| self.description(v));
        let class = map.get("use").and_then(|v| self.use_group(v));
        if let Some(v) = map.get("format") {
            self.format(v);
        }
        if let Some(v) = map.get("fixity") {
            self.fixity(v);
        }
        if let Some(v) = map.get("size")
            && v.as_u64().is_none()
        {
            self.report(
                "/size",
                "type",
                "expected the content's size in bytes, a non-negative integer",
            );
        }
        let has_content = ["format", "fixity", "size"].map(|m| map.contains_key(m));
        if has_content.iter().any(|b| *b) && !has_content.iter().all(|b| *b) {
            self.report("", "content", "format, fixity and size come together: a record with content has all three, an aggregation none");
        }
        if let Some(v) = map.get("event_plan") {
            self.event_plan(v);
        }
        if let Some(v) = map.get("event_history") {
            self.event_history(v, created, class);
        }
        if let Some(v) = map.get("relations") {
            self.relations(v);
        }
    }

    fn identity(&mut self, v: &Value) {
        let Some(map) = self.object(v, "/identity", &["id"], &["shams"]) else {
            return;
        };
        if let Some(id) = map.get("id").and_then(|id| self.string(id, "/identity/id"))
            && let Some(problem) = id_problem(id)
        {
            self.report(
                "/identity/id",
                "record-id",
                format!("the record ID {problem}"),
            );
        }
        if let Some(s) = map
            .get("shams")
            .and_then(|s| self.string(s, "/identity/shams"))
            && let Err(e) = Shams::parse(s)
        {
            self.report("/identity/shams", "shams", e.to_string());
        }
    }

    fn description(&mut self, v: &Value) -> Option<Stamp> {
        let map = self.object(
            v,
            "/description",
            &["title", "language", "created", "producer"],
            &["subject"],
        )?;
        if let Some(t) = map.get("title") {
            self.string(t, "/description/title");
        }
        if let Some(s) = map.get("subject") {
            self.strings(s, "/description/subject", false);
        }
        if let Some(l) = map.get("language") {
            for (i, tag) in self.strings(l, "/description/language", true) {
                let ok = tag.split('-').enumerate().all(|(n, part)| {
                    (1..=8).contains(&part.len())
                        && part.chars().all(|c| c.is_ascii_alphanumeric())
                        && (n > 0 || part.chars().all(|c| c.is_ascii_lowercase()))
                });
                if !ok {
                    self.report(
                        &format!("/description/language/{i}"),
                        "language",
                        format!("{tag:?} is not a BCP 47 language tag such as fa or en-GB"),
                    );
                }
            }
        }
        if let Some(p) = map.get("producer")
            && let Some(pm) =
                self.object(p, "/description/producer", &["agency"], &["post", "person"])
        {
            if let Some(a) = pm.get("agency") {
                self.agent(a, "/description/producer/agency", Some("organization"));
            }
            if let Some(a) = pm.get("post") {
                self.agent(a, "/description/producer/post", Some("post"));
            }
            if let Some(a) = pm.get("person") {
                self.agent(a, "/description/producer/person", Some("person"));
            }
        }
        map.get("created")
            .and_then(|c| self.stamp(c, "/description/created"))
    }

    /// The strings of an array, with their indexes; reports non-strings and, if
    /// `non_empty`, an empty array.
    fn strings<'v>(&mut self, v: &'v Value, path: &str, non_empty: bool) -> Vec<(usize, &'v str)> {
        let Value::Array(items) = v else {
            self.report(
                path,
                "type",
                format!("expected an array of strings, found {}", type_name(v)),
            );
            return Vec::new();
        };
        if non_empty && items.is_empty() {
            self.report(path, "empty", "must list at least one value");
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = self.string(item, &format!("{path}/{i}")) {
                out.push((i, s));
            }
        }
        out
    }

    fn use_group(&mut self, v: &Value) -> Option<SecurityClass> {
        let map = self.object(v, "/use", &["security", "access"], &[])?;
        if let Some(a) = map.get("access")
            && let Some(am) = self.object(a, "/use/access", &["rights"], &["note"])
        {
            if let Some(r) = am.get("rights") {
                self.one_of(
                    r,
                    "/use/access/rights",
                    &["public", "internal", "restricted"],
                );
            }
            if let Some(n) = am.get("note") {
                self.string(n, "/use/access/note");
            }
        }
        let sm = self.object(
            map.get("security")?,
            "/use/security",
            &["class", "originator"],
            &[],
        )?;
        if let Some(o) = sm
            .get("originator")
            .and_then(|o| self.string(o, "/use/security/originator"))
            && let Err(e) = LegalEntityId::parse(o)
        {
            self.report(
                "/use/security/originator",
                "legal-id",
                format!("{e}; the originator is an agency's national ID"),
            );
        }
        let codes = SecurityClass::ALL.map(SecurityClass::code);
        let class = self.one_of(sm.get("class")?, "/use/security/class", &codes)?;
        class_of_code(&class)
    }

    fn format(&mut self, v: &Value) {
        let Some(map) = self.object(
            v,
            "/format",
            &["puid", "mime", "name", "tier"],
            &["version"],
        ) else {
            return;
        };
        if let Some(p) = map.get("puid").and_then(|p| self.string(p, "/format/puid")) {
            let ok = p == "UNKNOWN"
                || p.split_once('/').is_some_and(|(ns, n)| {
                    matches!(ns, "fmt" | "x-fmt")
                        && !n.is_empty()
                        && n.bytes().all(|b| b.is_ascii_digit())
                });
            if !ok {
                self.report(
                    "/format/puid",
                    "puid",
                    format!("{p:?} is not a PRONOM PUID (fmt/N or x-fmt/N) nor UNKNOWN"),
                );
            }
        }
        if let Some(m) = map.get("mime").and_then(|m| self.string(m, "/format/mime"))
            && !m
                .split_once('/')
                .is_some_and(|(t, s)| !t.is_empty() && !s.is_empty() && !m.contains(' '))
        {
            self.report(
                "/format/mime",
                "mime",
                format!("{m:?} is not a MIME type such as application/pdf"),
            );
        }
        if let Some(n) = map.get("name") {
            self.string(n, "/format/name");
        }
        if let Some(n) = map.get("version") {
            self.string(n, "/format/version");
        }
        if let Some(t) = map.get("tier") {
            self.one_of(
                t,
                "/format/tier",
                &["preferred", "acceptable", "not-accepted"],
            );
        }
    }

    fn fixity(&mut self, v: &Value) {
        let Some(map) = self.object(v, "/fixity", &["algorithm", "digest"], &[]) else {
            return;
        };
        if let Some(a) = map.get("algorithm") {
            self.one_of(a, "/fixity/algorithm", &["SHA-256"]);
        }
        if let Some(d) = map
            .get("digest")
            .and_then(|d| self.string(d, "/fixity/digest"))
            && !(d.len() == 64 && d.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        {
            self.report(
                "/fixity/digest",
                "digest",
                "a SHA-256 digest is 64 lower-case hexadecimal digits",
            );
        }
    }

    fn event_plan(&mut self, v: &Value) {
        let Some(map) = self.object(v, "/event_plan", &["class_code"], &["schedule_row"]) else {
            return;
        };
        if let Some(c) = map
            .get("class_code")
            .and_then(|c| self.string(c, "/event_plan/class_code"))
            && !c
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_'))
        {
            self.report(
                "/event_plan/class_code",
                "class-code",
                format!("{c:?}: a class code holds only A-Z a-z 0-9 . - _ (e.g. 12.3.4)"),
            );
        }
        if let Some(r) = map.get("schedule_row") {
            self.string(r, "/event_plan/schedule_row");
        }
    }

    fn event_history(&mut self, v: &Value, created: Option<Stamp>, class: Option<SecurityClass>) {
        let Value::Array(events) = v else {
            self.report(
                "/event_history",
                "type",
                format!("expected an array of events, found {}", type_name(v)),
            );
            return;
        };
        if events.is_empty() {
            self.report(
                "/event_history",
                "first-event",
                "the history starts with the capture event; it is empty",
            );
        }
        let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        let mut last: Option<Stamp> = None;
        let mut current_class: Option<SecurityClass> = None;
        for (i, e) in events.iter().enumerate() {
            let path = format!("/event_history/{i}");
            let Some(map) = self.object(
                e,
                &path,
                &["type", "time", "agent", "outcome"],
                &["detail", "parameters"],
            ) else {
                continue;
            };
            let event_type = map
                .get("type")
                .and_then(|t| self.one_of(t, &pointer(&path, "type"), &names))
                .and_then(|t| EventType::from_name(&t));
            if let Some(a) = map.get("agent") {
                self.agent(a, &pointer(&path, "agent"), None);
            }
            let outcome = map.get("outcome").and_then(|o| {
                self.one_of(
                    o,
                    &pointer(&path, "outcome"),
                    &["success", "warning", "failure"],
                )
            });
            if let Some(d) = map.get("detail") {
                self.string(d, &pointer(&path, "detail"));
            }
            let params = map
                .get("parameters")
                .and_then(|p| self.parameters(p, &pointer(&path, "parameters")));
            let param = |name: &str| {
                params
                    .as_ref()
                    .and_then(|m| m.get(name))
                    .and_then(Value::as_str)
            };
            if let Some(time) = map
                .get("time")
                .and_then(|t| self.stamp(t, &pointer(&path, "time")))
            {
                if let Some(prev) = last
                    && time < prev
                {
                    self.report(&pointer(&path, "time"), "event-order", format!("this event is earlier than the one before it ({}); events are kept in time order", prev.iso()));
                }
                if let Some(c) = created
                    && i == 0
                    && time < c
                {
                    self.report(
                        &pointer(&path, "time"),
                        "event-order",
                        format!(
                            "the record was captured before it was created ({})",
                            c.iso()
                        ),
                    );
                }
                last = Some(time);
            }
            let success = outcome.as_deref() == Some("success");
            match event_type {
                Some(EventType::Capture) if i != 0 => {
                    self.report(
                        &pointer(&path, "type"),
                        "capture-count",
                        "a record is captured once, as its first event",
                    );
                }
                Some(EventType::Capture) => match param("class").and_then(class_of_code) {
                    Some(c) => current_class = Some(c),
                    None => self.report(
                        &pointer(&path, "parameters"),
                        "event-parameters",
                        "the capture event needs the parameter class (the class at capture)",
                    ),
                },
                Some(t) if i == 0 => {
                    self.report(
                        &pointer(&path, "type"),
                        "first-event",
                        format!("the first event must be capture, not {t}"),
                    );
                }
                Some(EventType::Reclassify) => {
                    let from = param("from").and_then(class_of_code);
                    let to = param("to").and_then(class_of_code);
                    match (from, to) {
                        (Some(from), Some(to)) => {
                            if current_class.is_some_and(|c| c != from) && success {
                                self.report(&pointer(&path, "parameters"), "reclassify-chain", format!("reclassified from {from}, but the class was {} then", current_class.map(SecurityClass::code).unwrap_or("")));
                            }
                            if success {
                                current_class = Some(to);
                            }
                        }
                        _ => self.report(&pointer(&path, "parameters"), "event-parameters", "a reclassify event needs the parameters from and to (security class codes)"),
                    }
                }
                Some(EventType::Hold | EventType::Release) if param("hold_id").is_none() => {
                    self.report(
                        &pointer(&path, "parameters"),
                        "event-parameters",
                        "hold and release events need the parameter hold_id",
                    );
                }
                _ => {}
            }
        }
        if let (Some(history), Some(class)) = (current_class, class)
            && history != class
        {
            self.report("/use/security/class", "class-history", format!("the class is {class} but the event history leaves it at {history}; change it only with a reclassify event"));
        }
    }

    fn parameters<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.report(
                path,
                "type",
                format!("expected an object of strings, found {}", type_name(v)),
            );
            return None;
        };
        for (k, val) in map {
            if !val.is_string() {
                self.report(
                    &pointer(path, k),
                    "type",
                    format!("parameter values are strings, found {}", type_name(val)),
                );
            }
        }
        Some(map)
    }

    fn relations(&mut self, v: &Value) {
        let Value::Array(items) = v else {
            self.report(
                "/relations",
                "type",
                format!("expected an array of relations, found {}", type_name(v)),
            );
            return;
        };
        for (i, r) in items.iter().enumerate() {
            let path = format!("/relations/{i}");
            let Some(map) = self.object(r, &path, &["type", "target"], &[]) else {
                continue;
            };
            if let Some(t) = map.get("type") {
                self.one_of(
                    t,
                    &pointer(&path, "type"),
                    &[
                        "part-of",
                        "attachment-of",
                        "reply-to",
                        "supersedes",
                        "signed-by",
                    ],
                );
            }
            if let Some(t) = map.get("target") {
                self.string(t, &pointer(&path, "target"));
            }
        }
    }
}
