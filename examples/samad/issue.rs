//! `samad issue` (BRIEF §4, spec/issue.md): batch issuance of signed diplomas, from a
//! graduates CSV or, with `--demo`, from generated graduates and a fresh demo PKI.

use std::fs::File;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use samad::clock::{Clock, SystemClock};
use samad::diploma::Issuer;
use samad::diploma::issue::{
    Batch, BatchSettings, BatchSummary, DEMO_UNIVERSITY_LEGAL_ID, IssueError, ManifestEntry,
    PadesSealer, Progress, RowError, demo_issuer, demo_rows,
};
use samad::pdf::pades::{DiplomaSigners, Level, PadesOptions};
use samad::pki::cert::{Certificate, parse_pem_or_der};
use samad::pki::demo::DemoPki;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::{KeySelector, Pkcs11Signer, Signer, SoftwareSigner};
use samad::pki::trust::TrustStore;
use samad::pki::tsp::{DemoTsa, TimestampSource};
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The embedded default: a demo PKI under OUT/pki and generated Persian graduates.
    #[arg(long, conflicts_with_all = ["csv", "pki", "issuer", "pkcs11_module", "token"])]
    demo: bool,
    /// With --demo: how many graduates (deterministic: the same count, the same people).
    #[arg(long, default_value_t = 10, requires = "demo")]
    count: u32,
    /// The graduates CSV (BRIEF §4; header row, extra columns ignored).
    #[arg(long, required_unless_present = "demo", requires = "pki")]
    csv: Option<PathBuf>,
    /// The PKI directory (the layout of `samad pki demo`): `<role>.chain.pem` and, without
    /// --pkcs11-module, `<role>.key.pem` for official-1, official-2, ministry-seal (and tsa).
    #[arg(long)]
    pki: Option<PathBuf>,
    /// The output directory: one PDF per diploma, manifest.json, the batch state.
    #[arg(long)]
    out: PathBuf,
    /// The PAdES baseline level of every signature.
    #[arg(long, default_value = "B-LTA")]
    level: Level,
    /// An RFC 3161 time-stamp authority (B-T and up); without it, the PKI's own `tsa` key
    /// stamps in-process (the demo TSA).
    #[arg(long)]
    tsa: Option<String>,
    /// With --csv: the issuer (university, ministry, signer titles) as JSON
    /// (spec/diploma.md §2); default: the demo issuer, refused when the CSV names another
    /// university.
    #[arg(long)]
    issuer: Option<PathBuf>,
    /// The university's email in every diploma's SHAMS.
    #[arg(long, default_value = "registrar@samad-demo.ac.ir")]
    org_email: String,
    /// A PKCS#11 module (.so): sign with keys on a token, labelled by role (official-1,
    /// official-2, ministry-seal); PIN from SAMAD_PKCS11_PIN.
    #[arg(long, requires = "token")]
    pkcs11_module: Option<PathBuf>,
    /// The PKCS#11 token label.
    #[arg(long, requires = "pkcs11_module")]
    token: Option<String>,
    /// Worker threads; 0 = every core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

/// The JSON document of `samad issue --json`.
#[derive(Debug, Serialize)]
struct Report<'a> {
    out: String,
    level: &'static str,
    issued: usize,
    already_issued: u64,
    repaired: u64,
    failed_rows: usize,
    manifest: String,
    manifest_len: usize,
    row_errors: Vec<RowErrorJson<'a>>,
    diplomas: &'a [ManifestEntry],
}

#[derive(Debug, Serialize)]
struct RowErrorJson<'a> {
    line: u64,
    column: usize,
    name: &'a str,
    message: &'a str,
}

/// Everything the signing step holds: keys, the TSA and the long-term sources.
struct Keys {
    official_1: Box<dyn Signer>,
    official_2: Box<dyn Signer>,
    ministry_seal: Box<dyn Signer>,
    tsa: Option<Box<dyn TimestampSource>>,
    trust: TrustStore,
    intermediates: Vec<Certificate>,
    revocation: OfflineRevocation,
}

pub fn run(args: &IssueArgs, json: bool) -> Outcome {
    match run_inner(args, json) {
        Ok(outcome) => outcome,
        Err(Failure::Input(code, message)) => input_error(json, code, &message),
        Err(Failure::Batch(e)) => {
            eprintln!("samad: {e}");
            eprintln!(
                "samad: the diplomas issued so far are in place and journaled; run the same \
                 command again to resume"
            );
            if json {
                print_json(&serde_json::json!({
                    "error": { "code": "batch", "message": e.to_string() }
                }));
            }
            Outcome::Invalid
        }
    }
}

enum Failure {
    /// Nothing was issued: exit 2.
    Input(&'static str, String),
    /// The batch stopped part-way (resumable): exit 1.
    Batch(IssueError),
}

fn input(code: &'static str) -> impl FnOnce(String) -> Failure {
    move |message| Failure::Input(code, message)
}

fn run_inner(args: &IssueArgs, json: bool) -> Result<Outcome, Failure> {
    let clock = SystemClock;
    let pki_dir = if args.demo {
        let dir = args.out.join("pki");
        if !dir.join("trust.pem").is_file() {
            std::fs::create_dir_all(&args.out)
                .map_err(|e| format!("cannot create {}: {e}", args.out.display()))
                .map_err(input("io"))?;
            DemoPki::generate(&clock)
                .and_then(|pki| pki.write_new_dir(&dir))
                .map_err(|e| e.to_string())
                .map_err(input("pki"))?;
        }
        dir
    } else {
        args.pki
            .clone()
            .ok_or_else(|| "--csv needs --pki DIR".to_owned())
            .map_err(input("usage"))?
    };
    let keys = load_keys(args, &pki_dir)?;
    let issuer = match (&args.issuer, &args.csv) {
        (Some(path), _) => read_issuer(path)?,
        (None, Some(csv)) => issuer_from_first_row(csv)?,
        (None, None) => demo_issuer(),
    };
    let signer_national_code =
        official_national_code(keys.official_1.certificate_chain()).map_err(input("pki"))?;
    let settings = BatchSettings {
        issuer,
        org_email: args.org_email.clone(),
        signer_national_code,
        signer_post_id: "OFFICIAL-1".to_owned(),
        threads: args.threads,
    };
    if args.level != Level::BB && keys.tsa.is_none() {
        return Err(input("usage")(format!(
            "level {} needs a time-stamp authority: give --tsa URL or put tsa.key.pem in {}",
            args.level.as_str(),
            pki_dir.display()
        )));
    }
    let now = clock.now();
    let signers = DiplomaSigners {
        official_1: keys.official_1.as_ref(),
        official_2: keys.official_2.as_ref(),
        ministry_seal: keys.ministry_seal.as_ref(),
    };
    let mut options = PadesOptions::new(args.level, now);
    if let Some(tsa) = &keys.tsa {
        options = options.timestamp(tsa.as_ref());
    }
    if matches!(args.level, Level::BLt | Level::BLta) {
        options = options.lt(samad::cms::LtSources {
            trust: &keys.trust,
            intermediates: &keys.intermediates,
            revocation: &keys.revocation,
            at: now,
        });
    }
    let sealer = PadesSealer::new(signers, options);
    let batch = Batch::new(&args.out, settings, &sealer, &clock)
        .map_err(|e| e.to_string())
        .map_err(input("settings"))?;

    let total = match &args.csv {
        Some(path) => count_rows(path),
        None => u64::from(args.count),
    };
    let bar = progress_bar(total);
    let mut on_progress = |p: &Progress| {
        if let Some(bar) = &bar {
            bar.set_position(p.rows);
            bar.set_message(format!(
                "{} issued, {} already, {} bad",
                p.issued, p.already_issued, p.failed
            ));
        }
    };
    let summary = match &args.csv {
        Some(path) => {
            let file = File::open(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
                .map_err(input("io"))?;
            batch.issue_csv(std::io::BufReader::new(file), &mut on_progress)
        }
        None => {
            let positions = std::array::from_fn(|i| i);
            batch.issue_rows(demo_rows(args.count), &positions, &mut on_progress)
        }
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = summary.map_err(|e| match e {
        IssueError::Header { .. } => Failure::Input("csv", e.to_string()),
        other => Failure::Batch(other),
    })?;
    report(args, &summary, json);
    Ok(if summary.row_errors.is_empty() {
        Outcome::Success
    } else {
        Outcome::Invalid
    })
}

fn report(args: &IssueArgs, summary: &BatchSummary, json: bool) {
    let manifest = args.out.join(samad::diploma::issue::MANIFEST_FILE);
    for e in &summary.row_errors {
        eprintln!("samad: {e}");
    }
    if json {
        print_json(&Report {
            out: args.out.display().to_string(),
            level: args.level.as_str(),
            issued: summary.issued.len(),
            already_issued: summary.already_issued,
            repaired: summary.repaired,
            failed_rows: summary.row_errors.len(),
            manifest: manifest.display().to_string(),
            manifest_len: summary.manifest_len,
            row_errors: summary.row_errors.iter().map(row_error_json).collect(),
            diplomas: &summary.issued,
        });
    } else {
        outln!(
            "issued {} diploma(s) at {} into {}; {} already issued, {} bad row(s); manifest \
             {} lists {}",
            summary.issued.len(),
            args.level.as_str(),
            args.out.display(),
            summary.already_issued,
            summary.row_errors.len(),
            manifest.display(),
            summary.manifest_len
        );
        if summary.repaired > 0 {
            outln!(
                "{} diploma(s) found missing or altered were issued again under their numbers",
                summary.repaired
            );
        }
    }
}

fn row_error_json(e: &RowError) -> RowErrorJson<'_> {
    RowErrorJson {
        line: e.line,
        column: e.column,
        name: &e.name,
        message: &e.message,
    }
}

/// A bar on stderr when it is a terminal; `None` otherwise (logs and pipes stay clean).
fn progress_bar(total: u64) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows {msg} [{elapsed}<{eta}]")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// The rows of the CSV, for the progress bar's length (0 if it cannot be read: the batch
/// reports why).
fn count_rows(path: &Path) -> u64 {
    File::open(path).map_or(0, |f| {
        csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(std::io::BufReader::new(f))
            .records()
            .count() as u64
    })
}

fn load_keys(args: &IssueArgs, dir: &Path) -> Result<Keys, Failure> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
            .map_err(input("pki"))
    };
    let chain = |role: &str| -> Result<Vec<Vec<u8>>, Failure> {
        let bytes = read(&format!("{role}.chain.pem"))?;
        parse_pem_or_der(&bytes)
            .map(|certs| certs.iter().map(|c| c.der().to_vec()).collect())
            .map_err(|e| format!("{role}.chain.pem: {e}"))
            .map_err(input("pki"))
    };
    let pin = std::env::var("SAMAD_PKCS11_PIN").ok();
    let signer = |role: &str| -> Result<Box<dyn Signer>, Failure> {
        let chain = chain(role)?;
        match (&args.pkcs11_module, &args.token) {
            (Some(module), Some(token)) => {
                let pin = pin
                    .as_deref()
                    .ok_or_else(|| "set SAMAD_PKCS11_PIN to the token's user PIN".to_owned())
                    .map_err(input("pkcs11"))?;
                Pkcs11Signer::open(
                    module,
                    token,
                    &KeySelector::Label(role.to_owned()),
                    pin,
                    chain,
                )
                .map(|s| Box::new(s) as Box<dyn Signer>)
                .map_err(|e| format!("{role}: {e}"))
                .map_err(input("pkcs11"))
            }
            _ => {
                let key = read(&format!("{role}.key.pem"))?;
                SoftwareSigner::from_pkcs8_pem(&String::from_utf8_lossy(&key), chain)
                    .map(|s| Box::new(s) as Box<dyn Signer>)
                    .map_err(|e| format!("{role}.key.pem: {e}"))
                    .map_err(input("pki"))
            }
        }
    };
    let tsa: Option<Box<dyn TimestampSource>> = match &args.tsa {
        Some(url) => Some(http_tsa(url)?),
        None if dir.join("tsa.key.pem").is_file() => {
            let key = read("tsa.key.pem")?;
            let signer =
                SoftwareSigner::from_pkcs8_pem(&String::from_utf8_lossy(&key), chain("tsa")?)
                    .map_err(|e| format!("tsa.key.pem: {e}"))
                    .map_err(input("pki"))?;
            let tsa = DemoTsa::new(signer, SystemClock)
                .map_err(|e| e.to_string())
                .map_err(input("pki"))?;
            Some(Box::new(tsa))
        }
        None => None,
    };
    let trust = TrustStore::from_pem(&read("trust.pem")?)
        .map_err(|e| format!("trust.pem: {e}"))
        .map_err(input("pki"))?;
    let intermediates = match read("intermediates.pem") {
        Ok(bytes) => parse_pem_or_der(&bytes)
            .map_err(|e| format!("intermediates.pem: {e}"))
            .map_err(input("pki"))?,
        Err(_) => Vec::new(),
    };
    let crl_dir = dir.join("crl");
    let revocation = if crl_dir.is_dir() {
        OfflineRevocation::new()
            .with_crl_dir(&crl_dir)
            .map_err(|e| e.to_string())
            .map_err(input("pki"))?
    } else {
        OfflineRevocation::new()
    };
    Ok(Keys {
        official_1: signer("official-1")?,
        official_2: signer("official-2")?,
        ministry_seal: signer("ministry-seal")?,
        tsa,
        trust,
        intermediates,
        revocation,
    })
}

#[cfg(feature = "http")]
fn http_tsa(url: &str) -> Result<Box<dyn TimestampSource>, Failure> {
    samad::pki::tsp::HttpTsa::new(url, std::time::Duration::from_secs(30))
        .map(|t| Box::new(t) as Box<dyn TimestampSource>)
        .map_err(|e| format!("--tsa {url}: {e}"))
        .map_err(input("tsa"))
}

#[cfg(not(feature = "http"))]
fn http_tsa(url: &str) -> Result<Box<dyn TimestampSource>, Failure> {
    Err(input("tsa")(format!(
        "--tsa {url}: this build has no HTTP client; build with --features http"
    )))
}

/// Official 1's national code, from the `serialNumber` (`PNOIR-<code>`, ETSI EN 319 412-1
/// §5.1.3) of its certificate: the SHAMS signer.
fn official_national_code(chain: &[Vec<u8>]) -> Result<samad::NationalCode, String> {
    let first = chain
        .first()
        .ok_or_else(|| "official-1.chain.pem holds no certificate".to_owned())?;
    samad::diploma::issue::national_code_of_certificate(first).map_err(|e| e.to_string())
}

fn read_issuer(path: &Path) -> Result<Issuer, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
        .map_err(input("io"))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: {e}", path.display()))
        .map_err(input("issuer"))
}

/// The demo issuer with the university (legal ID and Persian name) of the CSV's first row.
fn issuer_from_first_row(csv: &Path) -> Result<Issuer, Failure> {
    let file = File::open(csv)
        .map_err(|e| format!("cannot read {}: {e}", csv.display()))
        .map_err(input("io"))?;
    let mut rows = samad::diploma::issue::GraduatesReader::new(std::io::BufReader::new(file))
        .map_err(|e| e.to_string())
        .map_err(input("csv"))?;
    let issuer = demo_issuer();
    match rows.next() {
        Some(Ok(row))
            if samad::text::to_ascii_digits(row.graduate.university_legal_id.trim())
                != DEMO_UNIVERSITY_LEGAL_ID =>
        {
            Err(input("usage")(format!(
                "the CSV's university {} is not the demo university: give --issuer FILE \
                 (the issuer JSON of spec/diploma.md §2), since the CSV does not carry the \
                 university's English name nor the signers' titles",
                row.graduate.university_legal_id
            )))
        }
        _ => Ok(issuer),
    }
}
