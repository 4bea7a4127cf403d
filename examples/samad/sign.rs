//! `samad sign FILE --key KEY --cert CERT [--chain PEM] [--level ..] [--tsa URL] --out SIG`:
//! a detached CAdES signature of any record (BRIEF §4), with a key file or on a PKCS#11
//! token, at B-B, B-T, B-LT or B-LTA. The signature is written atomically: nothing is left
//! at `--out` when anything fails.

use std::path::{Path, PathBuf};

use clap::Args;
use samad::clock::{Clock, SystemClock};
use samad::cms::{Content, Level, LtSources, SignOptions, sign};
use samad::pki::cert::{Certificate, parse_pem_or_der};
use samad::pki::revocation::RevocationSource;
use samad::pki::signer::{KeySelector, Pkcs11Signer, Signer, SoftwareSigner};
use samad::pki::trust::TrustStore;
use samad::pki::tsp::TimestampSource;
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The file to sign (any record; the signature is detached).
    file: PathBuf,
    /// The signer's private key, PKCS#8 PEM (`PRIVATE KEY`). Not with --pkcs11-module.
    #[arg(
        long,
        required_unless_present = "pkcs11_module",
        conflicts_with = "pkcs11_module"
    )]
    key: Option<PathBuf>,
    /// The signer's certificate (PEM or DER).
    #[arg(long)]
    cert: PathBuf,
    /// The issuers of the signer's certificate (PEM bundle), embedded in the signature.
    #[arg(long)]
    chain: Option<PathBuf>,
    /// The baseline level: B-B, B-T (signature time-stamp), B-LT (+ validation data),
    /// B-LTA (+ archive time-stamp).
    #[arg(long, default_value = "B-B")]
    level: Level,
    /// The time-stamping authority for B-T and up: an http(s) URL (RFC 3161 over HTTP), or
    /// `demo:DIR` for the demo TSA of a `samad pki demo` directory (offline).
    #[arg(long)]
    tsa: Option<String>,
    /// B-LT and up: the trust anchors (PEM) the embedded paths must end at.
    #[arg(long)]
    trust: Option<PathBuf>,
    /// B-LT and up: a directory of CRLs (DER or PEM) to embed; e.g. `DIR/crl` of a demo PKI.
    #[arg(long)]
    crls: Option<PathBuf>,
    /// B-LT and up: a directory of DER OCSP responses to embed.
    #[arg(long)]
    ocsp: Option<PathBuf>,
    /// A claimed role, signed into the signature (signer-attributes-v2).
    #[arg(long)]
    role: Option<String>,
    /// Where to write the signature (DER).
    #[arg(long)]
    out: PathBuf,
    /// Sign on a PKCS#11 token: the module (e.g. /usr/lib/softhsm/libsofthsm2.so). The PIN
    /// comes from the environment variable SAMAD_PKCS11_PIN.
    #[arg(long, requires_all = ["token", "key_label"])]
    pkcs11_module: Option<PathBuf>,
    /// The token's label (with --pkcs11-module).
    #[arg(long, requires = "pkcs11_module")]
    token: Option<String>,
    /// The private key's CKA_LABEL on the token (with --pkcs11-module).
    #[arg(long, requires = "pkcs11_module")]
    key_label: Option<String>,
}

/// The JSON document of `samad sign --json`.
#[derive(Debug, Serialize)]
struct SignReport {
    file: String,
    out: String,
    level: Level,
    signer: String,
    bytes: usize,
    #[serde(with = "time::serde::rfc3339")]
    signing_time: time::OffsetDateTime,
}

/// An input problem: its code for `--json` and the message.
struct Problem(&'static str, String);

pub fn run(args: &SignArgs, json: bool) -> Outcome {
    match sign_file(args) {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                outln!(
                    "signed {} → {} ({}, {} bytes) by {}",
                    report.file,
                    report.out,
                    report.level.as_str(),
                    report.bytes,
                    report.signer
                );
            }
            Outcome::Success
        }
        Err(Problem(code, message)) => input_error(json, code, &message),
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

fn certificates(path: &Path, what: &str) -> Result<Vec<Certificate>, Problem> {
    let bytes = read(path, what)?;
    parse_pem_or_der(&bytes)
        .map_err(|e| Problem("certificate", format!("{what} {}: {e}", path.display())))
}

fn sign_file(args: &SignArgs) -> Result<SignReport, Problem> {
    let content = read(&args.file, "the file to sign")?;
    let mut chain: Vec<Vec<u8>> = certificates(&args.cert, "the certificate")?
        .into_iter()
        .take(1)
        .map(|c| c.der().to_vec())
        .collect();
    if let Some(path) = &args.chain {
        // A `<name>.chain.pem` starts with the signer's own certificate: embed it once.
        for cert in certificates(path, "the chain")? {
            if !chain.iter().any(|der| der.as_slice() == cert.der()) {
                chain.push(cert.der().to_vec());
            }
        }
    }
    let signer_name = chain
        .first()
        .and_then(|der| Certificate::from_der(der).ok())
        .map(|c| c.subject.to_string())
        .unwrap_or_default();
    let signer: Box<dyn Signer> = match (&args.key, &args.pkcs11_module) {
        (Some(key), None) => {
            let pem = read(key, "the key")?;
            let pem = String::from_utf8(pem)
                .map_err(|_| Problem("key", format!("{} is not a PEM file", key.display())))?;
            Box::new(
                SoftwareSigner::from_pkcs8_pem(&pem, chain)
                    .map_err(|e| Problem("key", format!("{}: {e}", key.display())))?,
            )
        }
        (None, Some(module)) => {
            let pin = std::env::var("SAMAD_PKCS11_PIN").map_err(|_| {
                Problem(
                    "pkcs11-pin",
                    "set the token's user PIN in the environment variable SAMAD_PKCS11_PIN".into(),
                )
            })?;
            let token = args.token.as_deref().unwrap_or_default();
            let label = args.key_label.clone().unwrap_or_default();
            Box::new(
                Pkcs11Signer::open(module, token, &KeySelector::Label(label), &pin, chain)
                    .map_err(|e| Problem("pkcs11", e.to_string()))?,
            )
        }
        _ => {
            return Err(Problem(
                "usage",
                "give either --key or --pkcs11-module with --token and --key-label".into(),
            ));
        }
    };

    let now = SystemClock.now();
    let tsa = match &args.tsa {
        Some(spec) => Some(timestamp_source(spec)?),
        None if args.level >= Level::BT => {
            return Err(Problem(
                "usage",
                format!(
                    "{} needs a time-stamping authority: add --tsa URL or --tsa demo:DIR",
                    args.level.as_str()
                ),
            ));
        }
        None => None,
    };
    let trust = match &args.trust {
        Some(path) => Some(
            TrustStore::from_pem(&read(path, "the trust anchors")?)
                .map_err(|e| Problem("trust", format!("{}: {e}", path.display())))?,
        ),
        None if args.level >= Level::BLt => {
            return Err(Problem(
                "usage",
                format!(
                    "{} embeds validation data: add --trust PEM and --crls DIR or --ocsp DIR",
                    args.level.as_str()
                ),
            ));
        }
        None => None,
    };
    let offline = crate::files::offline_revocation(args.crls.as_deref(), args.ocsp.as_deref())
        .map_err(|(field, message)| Problem(field, message))?;
    let revocation: &dyn RevocationSource = &offline;

    let mut options = SignOptions::new(args.level).signing_time(now);
    if let Some(role) = &args.role {
        options = options.claimed_role(role.clone());
    }
    if let Some(tsa) = &tsa {
        options = options.timestamp(tsa.as_ref());
    }
    if let Some(trust) = &trust {
        options = options.lt(LtSources {
            trust,
            intermediates: &[],
            revocation,
            at: now,
        });
    }
    let signature = sign(Content::Data(&content), signer.as_ref(), &options)
        .map_err(|e| Problem("sign", e.to_string()))?;
    crate::files::write_atomically(&args.out, &signature)
        .map_err(|e| Problem("write", format!("cannot write {}: {e}", args.out.display())))?;
    Ok(SignReport {
        file: args.file.display().to_string(),
        out: args.out.display().to_string(),
        level: args.level,
        signer: signer_name,
        bytes: signature.len(),
        signing_time: now,
    })
}

/// `demo:DIR` (the TSA key and chain of a demo PKI directory) or an http(s) URL.
fn timestamp_source(spec: &str) -> Result<Box<dyn TimestampSource>, Problem> {
    if let Some(dir) = spec.strip_prefix("demo:") {
        let tsa = crate::files::demo_tsa(Path::new(dir)).map_err(|e| Problem("tsa", e))?;
        return Ok(Box::new(tsa));
    }
    http_tsa(spec)
}

#[cfg(feature = "http")]
fn http_tsa(url: &str) -> Result<Box<dyn TimestampSource>, Problem> {
    samad::pki::tsp::HttpTsa::new(url, std::time::Duration::from_secs(30))
        .map(|t| Box::new(t) as Box<dyn TimestampSource>)
        .map_err(|e| Problem("tsa", e.to_string()))
}

#[cfg(not(feature = "http"))]
fn http_tsa(url: &str) -> Result<Box<dyn TimestampSource>, Problem> {
    Err(Problem(
        "tsa",
        format!(
            "--tsa {url}: this samad was built without the `http` feature; use --tsa demo:DIR or rebuild with --features http"
        ),
    ))
}
