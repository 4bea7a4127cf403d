//! `samad verify FILE [--sig SIG] --trust PEM [--at RFC3339] [--certs PEM] [--crls DIR]
//! [--ocsp DIR] [--status FILE]`: validate a detached CAdES signature or a signed PDF (a
//! diploma when it carries a diploma record) per ETSI EN 319 102-1 and print the report
//! (`spec/report.md`). Exit 0 only for TOTAL-PASSED, 1 for TOTAL-FAILED or INDETERMINATE,
//! 2 when an input cannot be read.

use std::path::{Path, PathBuf};

use clap::Args;
use samad::clock::{Clock, SystemClock};
use samad::diploma::status::VerifiedStatusList;
use samad::pki::cert::parse_pem_or_der;
use samad::pki::trust::TrustStore;
use samad::validation::report::{Indication, ValidationReport};
use samad::validation::{ValidationContext, render_text, validate_detached};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The signed PDF, or the signed file of a detached signature (with --sig).
    file: PathBuf,
    /// The detached CAdES signature (DER) of FILE.
    #[arg(long)]
    sig: Option<PathBuf>,
    /// The trust anchors (PEM bundle), e.g. `trust.pem` of a demo PKI.
    #[arg(long)]
    trust: PathBuf,
    /// Validate as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now.
    #[arg(long, value_parser = parse_time)]
    at: Option<OffsetDateTime>,
    /// Extra intermediate certificates (PEM or DER).
    #[arg(long)]
    certs: Option<PathBuf>,
    /// A directory of CRLs (DER or PEM), e.g. `crl/` of a demo PKI.
    #[arg(long)]
    crls: Option<PathBuf>,
    /// A directory of DER OCSP responses.
    #[arg(long)]
    ocsp: Option<PathBuf>,
    /// A published diploma status list (diploma PDFs only).
    #[arg(long)]
    status: Option<PathBuf>,
}

fn parse_time(s: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map_err(|e| format!("{s:?} is not an RFC 3339 time such as 2027-01-01T00:00:00Z: {e}"))
}

/// An input problem: its code for `--json` and the message.
struct Problem(&'static str, String);

pub fn run(args: &VerifyArgs, json: bool) -> Outcome {
    let report = match verify(args) {
        Ok(report) => report,
        Err(Problem(code, message)) => return input_error(json, code, &message),
    };
    if json {
        print_json(&report);
    } else {
        outln!("{}", render_text(&report).trim_end());
    }
    if report.indication == Indication::TotalPassed {
        Outcome::Success
    } else {
        Outcome::Invalid
    }
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Problem> {
    std::fs::read(path).map_err(|e| {
        Problem(
            "read",
            format!("cannot read {what} {}: {e}", path.display()),
        )
    })
}

fn verify(args: &VerifyArgs) -> Result<ValidationReport, Problem> {
    let content = read(&args.file, "the file")?;
    let trust = TrustStore::from_pem(&read(&args.trust, "the trust anchors")?)
        .map_err(|e| Problem("trust", format!("{}: {e}", args.trust.display())))?;
    let intermediates = match &args.certs {
        Some(path) => parse_pem_or_der(&read(path, "the certificates")?)
            .map_err(|e| Problem("certificate", format!("{}: {e}", path.display())))?,
        None => Vec::new(),
    };
    let offline = crate::files::offline_revocation(args.crls.as_deref(), args.ocsp.as_deref())
        .map_err(|(field, message)| Problem(field, message))?;
    let at = args.at.unwrap_or_else(|| SystemClock.now());
    let ctx = ValidationContext::new(&trust, at)
        .intermediates(intermediates)
        .revocation(&offline, "offline");
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());

    let mut report = match &args.sig {
        Some(sig_path) => {
            if args.status.is_some() {
                return Err(Problem(
                    "usage",
                    "--status speaks for diploma PDFs; it does not apply to a detached signature (--sig)".into(),
                ));
            }
            let signature = read(sig_path, "the signature")?;
            validate_detached(&content, &signature, &ctx)
        }
        None if is_pdf(&content) => {
            let status = match &args.status {
                Some(path) => Some(
                    VerifiedStatusList::verify(&read(path, "the status list")?, &ctx).map_err(
                        |e| {
                            Problem(
                                "status",
                                format!("the status list {} cannot be used: {e}", path.display()),
                            )
                        },
                    )?,
                ),
                None => None,
            };
            samad::diploma::verify::verify_pdf_document(&content, &ctx, status.as_ref())
                .map_err(|e| Problem("pdf", format!("{}: {e}", args.file.display())))?
        }
        None => {
            return Err(Problem(
                "usage",
                format!(
                    "{} is not a PDF: give its detached signature with --sig SIG",
                    args.file.display()
                ),
            ));
        }
    };
    report.document.name = name;
    Ok(report)
}

/// A PDF starts with `%PDF-` within its first 1024 bytes (ISO 32000-2 §7.5.2, as readers
/// accept it).
fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(1024))
        .is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-"))
}
