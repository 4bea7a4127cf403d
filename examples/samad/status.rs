//! `samad status new|revoke|suspend|reinstate|show|publish`: a university's diploma status
//! list (`spec/status-list.md` §7). Every write is atomic; nothing is written on error.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use samad::DiplomaNumber;
use samad::clock::{Clock, SystemClock};
use samad::cms::LtSources;
use samad::diploma::status::{DiplomaStatus, PublishOptions, StatusList};
use samad::pki::cert::parse_pem_or_der;
use samad::pki::signer::SoftwareSigner;
use samad::pki::trust::TrustStore;
use samad::pki::tsp::{DemoTsa, TimestampSource};
use samad::validation::report::Level;
use serde::Serialize;
use time::Duration;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Make an empty working list (every diploma active).
    New(NewArgs),
    /// Revoke a diploma, for good.
    Revoke(ChangeArgs),
    /// Suspend a diploma until it is reinstated.
    Suspend(ChangeArgs),
    /// Lift a diploma's suspension.
    Reinstate(ChangeArgs),
    /// Show a list, or one diploma's status in it.
    Show(ShowArgs),
    /// Sign a list with the university's key and publish it with a validity window.
    Publish(PublishArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The university's legal-entity ID (11 digits).
    #[arg(long)]
    university: String,
    /// The Jalali graduation year of the diplomas the list covers.
    #[arg(long)]
    year: u16,
    /// The degree level: associate, bachelor, master or doctorate.
    #[arg(long)]
    level: String,
    /// Another id than the derived `urn:samad:status:<university>:<year>:<level>`.
    #[arg(long)]
    id: Option<String>,
    /// Number of entries (a multiple of 8 from 131072 to 16777216).
    #[arg(long, default_value_t = samad::diploma::status::DEFAULT_ENTRIES)]
    size: u32,
    /// Where to write the list; must not exist yet.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct Target {
    /// The diploma number (its serial is the index).
    #[arg(long, conflicts_with = "index", required_unless_present = "index")]
    number: Option<String>,
    /// The index in the list.
    #[arg(long)]
    index: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The list file, changed in place (a published list becomes a working copy again).
    file: PathBuf,
    #[command(flatten)]
    target: Target,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The list file.
    file: PathBuf,
    /// The diploma number to show the status of.
    #[arg(long, conflicts_with = "index")]
    number: Option<String>,
    /// The index to show the status of.
    #[arg(long)]
    index: Option<u32>,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The working list to publish.
    file: PathBuf,
    /// The signer's private key (PKCS#8 PEM).
    #[arg(long)]
    key: PathBuf,
    /// The signer's certificate (PEM or DER).
    #[arg(long)]
    cert: PathBuf,
    /// The signer's issuing CAs (PEM), embedded in the signature.
    #[arg(long)]
    chain: Option<PathBuf>,
    /// Days the list is valid from now.
    #[arg(long, default_value_t = 7)]
    valid_for: u16,
    /// The CAdES level: B-B, B-T (signature time-stamp) or B-LT (with the certificates and
    /// CRLs a verifier needs offline, e.g. through the C API).
    #[arg(long, default_value = "B-B", value_parser = parse_level)]
    level: Level,
    /// The time-stamping authority for B-T and B-LT: `demo:DIR`, the TSA of a `samad pki
    /// demo` directory.
    #[arg(long)]
    tsa: Option<String>,
    /// B-LT: the trust anchors (PEM) the embedded paths end at.
    #[arg(long)]
    trust: Option<PathBuf>,
    /// B-LT: a directory of CRLs (DER or PEM) to embed, e.g. `DIR/crl` of a demo PKI.
    #[arg(long)]
    crls: Option<PathBuf>,
    /// Where to write the published list.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Serialize)]
struct ListReport {
    file: String,
    id: String,
    issuer: String,
    size: u32,
    revoked: usize,
    suspended: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<DiplomaStatus>,
}

pub fn run(command: &StatusCommand, json: bool) -> Outcome {
    let result = match command {
        StatusCommand::New(args) => new(args),
        StatusCommand::Revoke(args) => change(args, StatusList::revoke),
        StatusCommand::Suspend(args) => change(args, StatusList::suspend),
        StatusCommand::Reinstate(args) => change(args, StatusList::reinstate),
        StatusCommand::Show(args) => show(args),
        StatusCommand::Publish(args) => publish(args),
    };
    match result {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                print_text(&report);
            }
            Outcome::Success
        }
        Err((code, message)) => input_error(json, code, &message),
    }
}

type Failure = (&'static str, String);

fn status_error(e: samad::diploma::status::StatusError) -> Failure {
    (e.code(), e.to_string())
}

fn new(args: &NewArgs) -> Result<ListReport, Failure> {
    let university = args
        .university
        .parse()
        .map_err(|e: samad::IdError| ("university", format!("--university: {e}")))?;
    let level = args
        .level
        .parse()
        .map_err(|e: samad::IdError| ("level", format!("--level: {e}")))?;
    let derived = StatusList::for_diplomas(university, args.year, level);
    let id = args.id.as_deref().unwrap_or(derived.id());
    let list = StatusList::new(id, university, args.size).map_err(status_error)?;
    if args.out.exists() {
        return Err((
            "exists",
            format!(
                "{} exists; a new list never replaces one (use revoke/suspend on it)",
                args.out.display()
            ),
        ));
    }
    write_atomically(&args.out, list.to_json().as_bytes())?;
    Ok(report(&args.out, &list, None))
}

fn change(
    args: &ChangeArgs,
    apply: fn(&mut StatusList, u32) -> Result<(), samad::diploma::status::StatusError>,
) -> Result<ListReport, Failure> {
    let mut list = read_list(&args.file)?;
    let index = index_of(&list, args.target.number.as_deref(), args.target.index)?
        .ok_or_else(|| ("target", "give --number or --index".to_owned()))?;
    apply(&mut list, index).map_err(status_error)?;
    write_atomically(&args.file, list.to_json().as_bytes())?;
    Ok(report(&args.file, &list, Some(index)))
}

fn show(args: &ShowArgs) -> Result<ListReport, Failure> {
    let list = read_list(&args.file)?;
    let index = index_of(&list, args.number.as_deref(), args.index)?;
    if let Some(index) = index {
        list.status(index).map_err(status_error)?;
    }
    Ok(report(&args.file, &list, index))
}

fn publish(args: &PublishArgs) -> Result<ListReport, Failure> {
    let list = read_list(&args.file)?;
    let key = String::from_utf8(read(&args.key)?)
        .map_err(|_| ("key", format!("{} is not a PEM file", args.key.display())))?;
    let mut chain: Vec<Vec<u8>> = read_certificates(&args.cert)?.into_iter().take(1).collect();
    if let Some(path) = &args.chain {
        // A `<name>.chain.pem` starts with the signer's own certificate: embed it once.
        for cert in read_certificates(path)? {
            if !chain.contains(&cert) {
                chain.push(cert);
            }
        }
    }
    let signer = SoftwareSigner::from_pkcs8_pem(&key, chain)
        .map_err(|e| ("key", format!("{}: {e}", args.key.display())))?;
    let now = SystemClock.now();
    let mut options = PublishOptions::new(now, now + Duration::days(i64::from(args.valid_for)));
    options.level = args.level;
    let tsa = match (&args.tsa, args.level) {
        (Some(spec), _) => Some(demo_tsa(spec)?),
        (None, Level::BB) => None,
        (None, level) => {
            return Err(("usage", format!("{} needs --tsa demo:DIR", level.as_str())));
        }
    };
    options.timestamp = tsa.as_ref().map(|t| t as &dyn TimestampSource);
    let trust = match &args.trust {
        Some(path) => Some(
            TrustStore::from_pem(&read(path)?)
                .map_err(|e| ("trust", format!("{}: {e}", path.display())))?,
        ),
        None if args.level >= Level::BLt => {
            return Err(("usage", "B-LT needs --trust PEM and --crls DIR".to_owned()));
        }
        None => None,
    };
    let crls = crate::files::offline_revocation(args.crls.as_deref(), None)?;
    if let Some(trust) = &trust {
        options.lt = Some(LtSources {
            trust,
            intermediates: &[],
            revocation: &crls,
            at: now,
        });
    }
    let published = list.publish(&signer, &options).map_err(status_error)?;
    write_atomically(&args.out, published.as_bytes())?;
    Ok(report(&args.out, &list, None))
}

fn parse_level(s: &str) -> Result<Level, String> {
    match s.parse()? {
        Level::BLta => {
            Err("a status list is republished, not archived: use B-B, B-T or B-LT".into())
        }
        level => Ok(level),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| ("io", format!("cannot read {}: {e}", path.display())))
}

/// `demo:DIR`: the TSA key and chain of a `samad pki demo` directory, answering offline.
fn demo_tsa(spec: &str) -> Result<DemoTsa, Failure> {
    let dir = spec.strip_prefix("demo:").ok_or_else(|| {
        (
            "tsa",
            format!("--tsa {spec}: status lists are time-stamped by a demo TSA: demo:DIR"),
        )
    })?;
    crate::files::demo_tsa(Path::new(dir)).map_err(|e| ("tsa", e))
}

fn read_list(path: &Path) -> Result<StatusList, Failure> {
    let bytes =
        std::fs::read(path).map_err(|e| ("io", format!("cannot read {}: {e}", path.display())))?;
    StatusList::from_json(&bytes).map_err(|e| (e.code(), format!("{}: {e}", path.display())))
}

fn read_certificates(path: &Path) -> Result<Vec<Vec<u8>>, Failure> {
    let bytes = read(path)?;
    let certs = parse_pem_or_der(&bytes)
        .map_err(|e| ("certificate", format!("{}: {e}", path.display())))?;
    Ok(certs.iter().map(|c| c.der().to_vec()).collect())
}

/// The index of `--number` (its serial, after checking it is in this list) or `--index`.
fn index_of(
    list: &StatusList,
    number: Option<&str>,
    index: Option<u32>,
) -> Result<Option<u32>, Failure> {
    let Some(number) = number else {
        return Ok(index);
    };
    let number = DiplomaNumber::parse(number).map_err(|e| ("number", format!("--number: {e}")))?;
    let entry = StatusList::entry_for(&number);
    if entry.list != list.id() {
        return Err((
            "status-wrong-list",
            format!(
                "diploma {number} belongs in list {}, not {}",
                entry.list,
                list.id()
            ),
        ));
    }
    Ok(Some(entry.index))
}

fn report(file: &Path, list: &StatusList, index: Option<u32>) -> ListReport {
    ListReport {
        file: file.display().to_string(),
        id: list.id().to_owned(),
        issuer: list.issuer().to_string(),
        size: list.size(),
        revoked: list.revoked().count(),
        suspended: list.suspended().count(),
        index,
        status: index.and_then(|i| list.status(i).ok()),
    }
}

fn print_text(report: &ListReport) {
    outln!("{}: list {} of {}", report.file, report.id, report.issuer);
    outln!(
        "  {} entries, {} revoked, {} suspended",
        report.size,
        report.revoked,
        report.suspended
    );
    if let (Some(index), Some(status)) = (report.index, report.status) {
        outln!("  entry {index}: {status}");
    }
}

/// [`crate::files::write_atomically`], with the error as this command reports it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::files::write_atomically(path, bytes)
        .map_err(|e| ("io", format!("cannot write {}: {e}", path.display())))
}
