//! `samad diploma render RECORD.json --out FILE.pdf` and `samad diploma check RECORD.json`
//! (spec/diploma.md): render one diploma record as PDF/A-3b, or check a record.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use samad::clock::{Clock, SystemClock};
use samad::diploma::{DiplomaError, DiplomaFonts, DiplomaRecord, qr_payload, render};
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Subcommand)]
pub enum DiplomaCommand {
    /// Render a diploma record (JSON) as a PDF/A-3b diploma with the record embedded.
    Render(RenderArgs),
    /// Check a diploma record: every field, normalization and cross-field rule.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The diploma record (spec/diploma.md §2).
    record: PathBuf,
    /// Where to write the PDF (written whole or not at all).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The diploma record (spec/diploma.md §2).
    record: PathBuf,
}

/// The JSON document of `samad diploma render --json` and `check --json`.
#[derive(Debug, Serialize)]
struct Report {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qr_payload: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorReport>,
}

#[derive(Debug, Serialize)]
struct ErrorReport {
    code: &'static str,
    message: String,
}

fn code(e: &DiplomaError) -> &'static str {
    match e {
        DiplomaError::Field { .. } => "field",
        DiplomaError::Json { .. } => "json",
        DiplomaError::TooLarge { .. } => "too-large",
        _ => "render",
    }
}

fn read_record(path: &Path, json: bool) -> Result<DiplomaRecord, (Outcome, DiplomaError)> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let message = format!("cannot read {}: {e}", path.display());
        (
            input_error(json, "io", &message),
            DiplomaError::Canonical { message },
        )
    })?;
    DiplomaRecord::from_json(&text).map_err(|e| (Outcome::Invalid, e))
}

fn summary(record: &DiplomaRecord) -> Result<Report, DiplomaError> {
    Ok(Report {
        valid: true,
        number: Some(record.number().to_string()),
        record_sha256: Some(record.sha256_hex()?),
        qr_payload: Some(qr_payload(record)?),
        file: None,
        bytes: None,
        error: None,
    })
}

fn invalid(json: bool, e: &DiplomaError, outcome: Outcome) -> Outcome {
    if json {
        print_json(&Report {
            valid: false,
            number: None,
            record_sha256: None,
            qr_payload: None,
            file: None,
            bytes: None,
            error: Some(ErrorReport {
                code: code(e),
                message: e.to_string(),
            }),
        });
    }
    eprintln!("samad: {e}");
    outcome
}

pub fn run(cmd: &DiplomaCommand, json: bool) -> Outcome {
    match cmd {
        DiplomaCommand::Check(args) => {
            let record = match read_record(&args.record, json) {
                Ok(r) => r,
                Err((Outcome::Invalid, e)) => return invalid(json, &e, Outcome::Invalid),
                Err((outcome, _)) => return outcome,
            };
            match summary(&record) {
                Ok(report) if json => print_json(&report),
                Ok(report) => outln!(
                    "valid diploma record {}\nrecord SHA-256 {}",
                    report.number.unwrap_or_default(),
                    report.record_sha256.unwrap_or_default()
                ),
                Err(e) => return invalid(json, &e, Outcome::Invalid),
            }
            Outcome::Success
        }
        DiplomaCommand::Render(args) => {
            // A record that cannot be read is an input error here: nothing is rendered.
            let record = match read_record(&args.record, json) {
                Ok(r) => r,
                Err((Outcome::Invalid, e)) => return invalid(json, &e, Outcome::InputError),
                Err((outcome, _)) => return outcome,
            };
            let rendered = DiplomaFonts::prepare([&record])
                .and_then(|fonts| render(&record, &fonts, SystemClock.now()))
                .and_then(|pdf| summary(&record).map(|report| (pdf, report)));
            let (pdf, mut report) = match rendered {
                Ok(done) => done,
                Err(e) => return invalid(json, &e, Outcome::InputError),
            };
            if let Err(e) = write_whole(&args.out, &pdf) {
                return input_error(
                    json,
                    "io",
                    &format!("cannot write {}: {e}", args.out.display()),
                );
            }
            report.file = Some(args.out.display().to_string());
            report.bytes = Some(pdf.len());
            if json {
                print_json(&report);
            } else {
                outln!(
                    "wrote {} ({} bytes), diploma {}",
                    args.out.display(),
                    pdf.len(),
                    report.number.unwrap_or_default()
                );
            }
            Outcome::Success
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it into place.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
