//! `samad meta capture FILE` and `samad meta validate RECORD.json` (BRIEF §4), and
//! `samad meta export RECORD.json --as xmp|dublin-core`.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use samad::clock::SystemClock;
use samad::records::validate::validate_json;
use samad::records::{
    Agent, CaptureFacts, Record, RecordId, RecordsError, SecurityClass, Violation, capture,
};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Subcommand)]
pub enum MetaCommand {
    /// Capture a file as a record: fixity, format, policy verdict, capture event.
    Capture(Box<CaptureArgs>),
    /// Check a record's metadata against the profile; list every violation.
    Validate(ValidateArgs),
    /// Export a record as an XMP packet or as Dublin Core JSON.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// The file to capture.
    file: PathBuf,
    /// The classification scheme code (کد طبقه) the record is filed under.
    #[arg(long = "class", value_name = "CODE", default_value = "unfiled")]
    class_code: String,
    /// The title; the file name when absent.
    #[arg(long)]
    title: Option<String>,
    /// The producing agency's legal-entity national ID (شناسه ملی); defaults to $SAMAD_AGENCY.
    #[arg(long, env = "SAMAD_AGENCY", value_name = "LEGAL_ID")]
    agency: Option<String>,
    /// The agency's name.
    #[arg(long, value_name = "NAME")]
    agency_name: Option<String>,
    /// Security class: unclassified, confidential, highly-confidential, secret, top-secret
    /// (or the Persian name).
    #[arg(long, default_value = "unclassified")]
    security: String,
    /// The record ID; a random UUID when absent.
    #[arg(long)]
    id: Option<String>,
    /// When the producer created it (RFC 3339, or a Jalali/Gregorian date); the file's
    /// modification time when absent.
    #[arg(long)]
    created: Option<String>,
    /// The disposition schedule row.
    #[arg(long)]
    schedule_row: Option<String>,
    /// The letter's SHAMS (text form).
    #[arg(long)]
    shams: Option<String>,
    /// Content language (BCP 47); repeat for several.
    #[arg(long = "language", default_value = "fa")]
    language: Vec<String>,
    /// Write the record JSON to this file instead of stdout (written whole or not at all).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The record's JSON metadata.
    record: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportAs {
    Xmp,
    DublinCore,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The record's JSON metadata.
    record: PathBuf,
    /// What to write on stdout.
    #[arg(long = "as", value_enum)]
    export_as: ExportAs,
}

pub fn run(cmd: &MetaCommand, json: bool) -> Outcome {
    match cmd {
        MetaCommand::Capture(args) => run_capture(args, json),
        MetaCommand::Validate(args) => run_validate(args, json),
        MetaCommand::Export(args) => run_export(args, json),
    }
}

fn parse_created(value: &str) -> Result<OffsetDateTime, String> {
    if let Ok(at) = OffsetDateTime::parse(value, &Rfc3339) {
        return Ok(at);
    }
    let date = samad::calendar::parse_date(value)
        .map_err(|e| format!("--created {value:?}: not RFC 3339 date-time nor a date ({e})"))?;
    let (y, m, d) = date.to_gregorian();
    let month = time::Month::try_from(m).map_err(|e| e.to_string())?;
    let day = time::Date::from_calendar_date(y, month, d).map_err(|e| e.to_string())?;
    Ok(day.midnight().assume_utc())
}

fn facts(args: &CaptureArgs, modified: Option<OffsetDateTime>) -> Result<CaptureFacts, String> {
    let agency = args.agency.as_deref().ok_or(
        "say which agency produced the record: --agency LEGAL_ID (11 digits) or set SAMAD_AGENCY",
    )?;
    let agency = samad::LegalEntityId::parse(agency).map_err(|e| format!("--agency: {e}"))?;
    let security = SecurityClass::from_name(&args.security).ok_or_else(|| {
        format!(
            "--security {:?}: expected one of unclassified, confidential, highly-confidential, \
             secret, top-secret",
            args.security
        )
    })?;
    let id = match &args.id {
        Some(id) => RecordId::parse(id).map_err(|e| format!("--id: {e}"))?,
        None => RecordId::random(),
    };
    let created = match (&args.created, modified) {
        (Some(c), _) => parse_created(c)?,
        (None, Some(m)) => m,
        (None, None) => return Err("--created is needed: the file has no modification time".into()),
    };
    let title = match &args.title {
        Some(t) => t.clone(),
        None => args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let agency_agent = Agent::new(
        samad::records::AgentKind::Organization,
        agency.to_string(),
        args.agency_name.clone(),
    );
    let mut facts = CaptureFacts::new(id, title, created, agency_agent, security, &args.class_code);
    facts.schedule_row = args.schedule_row.clone();
    facts.shams = args.shams.clone();
    facts.language = args.language.clone();
    Ok(facts)
}

fn run_capture(args: &CaptureArgs, json: bool) -> Outcome {
    let file = match File::open(&args.file) {
        Ok(f) => f,
        Err(e) => {
            let msg = format!("cannot open {}: {e}", args.file.display());
            return input_error(json, "io", &msg);
        }
    };
    let modified = file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .map(OffsetDateTime::from);
    let facts = match facts(args, modified) {
        Ok(f) => f,
        Err(msg) => return input_error(json, "usage", &msg),
    };
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let reader = Progress::new(BufReader::new(file), total);
    let record = match capture(reader, facts, &SystemClock) {
        Ok(r) => r,
        Err(e) => return records_error(json, &e),
    };
    let text = match serde_json::to_string_pretty(&record) {
        Ok(t) => t,
        Err(e) => return input_error(json, "internal", &e.to_string()),
    };
    if let Some(out) = &args.out {
        // Written to a temporary file and renamed: a reader never sees half a record.
        let tmp = out.with_extension("json.partial");
        if let Err(e) =
            std::fs::write(&tmp, format!("{text}\n")).and_then(|()| std::fs::rename(&tmp, out))
        {
            let _ = std::fs::remove_file(&tmp);
            return input_error(json, "io", &format!("cannot write {}: {e}", out.display()));
        }
    }
    if json {
        outln!("{text}");
    } else {
        let (format, fixity) = (record.format(), record.fixity());
        outln!(
            "captured   {} ({} bytes)",
            record.id(),
            record.size().unwrap_or(0)
        );
        if let Some(f) = format {
            let version = f.version.as_deref().unwrap_or("-");
            outln!(
                "format     {} {} {} (version {version}): {}",
                f.puid,
                f.mime,
                f.name,
                f.tier
            );
        }
        if let Some(f) = fixity {
            outln!("fixity     {} {}", f.algorithm, f.digest);
        }
        if let Some(out) = &args.out {
            outln!("written    {}", out.display());
        }
    }
    Outcome::Success
}

/// Shows how far a long capture has read, on stderr when it is a terminal (BRIEF §4).
struct Progress<R> {
    inner: R,
    read: u64,
    total: u64,
    shown: u64,
    on_terminal: bool,
}

impl<R> Progress<R> {
    /// Files under this size are read too fast for a progress line to help.
    const FROM: u64 = 256 << 20;
    const STEP: u64 = 64 << 20;

    fn new(inner: R, total: u64) -> Progress<R> {
        let on_terminal = total >= Self::FROM && std::io::stderr().is_terminal();
        Progress {
            inner,
            read: 0,
            total,
            shown: 0,
            on_terminal,
        }
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.on_terminal && (self.read - self.shown >= Self::STEP || n == 0) {
            self.shown = self.read;
            let percent = self.read.saturating_mul(100) / self.total.max(1);
            eprint!(
                "\rcapturing: {} of {} MiB ({percent}%)",
                self.read >> 20,
                self.total >> 20
            );
            if n == 0 {
                eprintln!();
            }
        }
        Ok(n)
    }
}

/// The JSON document of `samad meta validate --json`.
#[derive(Debug, Serialize)]
struct ValidateReport {
    valid: bool,
    violations: Vec<Violation>,
}

fn run_validate(args: &ValidateArgs, json: bool) -> Outcome {
    let text = match std::fs::read_to_string(&args.record) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("cannot read {}: {e}", args.record.display());
            return input_error(json, "io", &msg);
        }
    };
    let violations = match validate_json(&text) {
        Ok(v) => v,
        Err(e) => return records_error(json, &e),
    };
    let report = ValidateReport {
        valid: violations.is_empty(),
        violations,
    };
    if json {
        print_json(&report);
    } else if report.valid {
        outln!("valid: {}", args.record.display());
    } else {
        outln!(
            "invalid: {} ({} violations)",
            args.record.display(),
            report.violations.len()
        );
        for v in &report.violations {
            let path = if v.path.is_empty() { "/" } else { &v.path };
            outln!("  {path}  [{}]  {}", v.code, v.message);
        }
    }
    if report.valid {
        Outcome::Success
    } else {
        Outcome::Invalid
    }
}

fn run_export(args: &ExportArgs, json: bool) -> Outcome {
    let text = match std::fs::read_to_string(&args.record) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("cannot read {}: {e}", args.record.display());
            return input_error(json, "io", &msg);
        }
    };
    let record = match Record::from_json(&text) {
        Ok(r) => r,
        Err(e) => return records_error(json, &e),
    };
    let out = match args.export_as {
        ExportAs::Xmp => record.to_xmp(),
        ExportAs::DublinCore => record.to_dublin_core_json(),
    };
    match out {
        Ok(text) => {
            outln!("{text}");
            Outcome::Success
        }
        Err(e) => records_error(json, &e),
    }
}

/// A records error is an input error: the file or the facts are wrong, nothing was written.
fn records_error(json: bool, e: &RecordsError) -> Outcome {
    eprintln!("samad: {e}");
    if json {
        let violations = match e {
            RecordsError::Invalid { violations } => Some(violations),
            _ => None,
        };
        print_json(&serde_json::json!({
            "error": { "code": e.code(), "message": e.to_string(), "violations": violations }
        }));
    }
    Outcome::InputError
}
