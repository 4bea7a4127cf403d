//! `samad pki demo --out DIR`: a demo PKI for trying everything offline (BRIEF §4).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use samad::clock::SystemClock;
use samad::pki::demo::{DemoPki, DemoPkiError};
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Subcommand)]
pub enum PkiCommand {
    /// Write a demo PKI (root, ministry and university CAs, three officials — the third
    /// revoked —, the ministry's seal, a TSA and an OCSP responder, CRLs) into a new
    /// directory. Keys are fresh on every run.
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The directory to create (it must not exist, or be empty).
    #[arg(long)]
    out: PathBuf,
}

/// The JSON document of `samad pki demo --json`.
#[derive(Debug, Serialize)]
struct DemoReport {
    out: String,
    trust: &'static str,
    files: Vec<String>,
}

pub fn run(command: &PkiCommand, json: bool) -> Outcome {
    match command {
        PkiCommand::Demo(args) => demo(args, json),
    }
}

fn demo(args: &DemoArgs, json: bool) -> Outcome {
    let pki = match DemoPki::generate(&SystemClock) {
        Ok(pki) => pki,
        Err(e) => return input_error(json, "generate", &e.to_string()),
    };
    if let Err(e) = pki.write_new_dir(&args.out) {
        let code = match e {
            DemoPkiError::OutputNotEmpty { .. } => "output-not-empty",
            _ => "write",
        };
        return input_error(json, code, &e.to_string());
    }
    let mut files: Vec<String> = pki
        .files()
        .into_iter()
        .map(|(path, _)| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let report = DemoReport {
        out: args.out.display().to_string(),
        trust: "trust.pem",
        files,
    };
    if json {
        print_json(&report);
    } else {
        outln!(
            "demo PKI written to {} ({} files)",
            report.out,
            report.files.len()
        );
        outln!("  trust anchor   trust.pem (Samad Demo Root CA)");
        outln!("  officials      official-1, official-2 (official-3 is revoked)");
        outln!("  seal           ministry-seal   TSA  tsa   OCSP responder  ocsp");
        outln!("  CRLs           crl/root-ca.crl, crl/ministry-ca.crl, crl/university-ca.crl");
    }
    Outcome::Success
}
