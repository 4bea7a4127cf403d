//! `samad`, the command-line face of the samad library (BRIEF §4).
//!
//! It parses arguments, calls the library and renders the result: human text by default,
//! one JSON document on stdout with `--json`. Exit codes: 0 success or valid, 1 invalid or
//! a failed check (reason printed), 2 usage or input error (nothing written).

// First: its `outln!` macro is used by every subcommand module below.
#[macro_use]
mod output;

mod date;
mod diploma;
mod files;
mod id;
mod issue;
mod meta;
mod pki;
mod retention;
mod sign;
mod status;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// samad: Iranian e-records, identifiers, Jalali dates and signatures.
#[derive(Debug, Parser)]
#[command(name = "samad", version, about, propagate_version = true)]
struct Cli {
    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Identifiers: SHAMS, national codes, legal-entity IDs, diploma numbers.
    #[command(subcommand)]
    Id(id::IdCommand),
    /// Convert a date between the Jalali and Gregorian calendars.
    Date(date::DateArgs),
    /// PKI: make a demo PKI (root, ministry and university CAs, officials, seal, TSA, OCSP).
    #[command(subcommand)]
    Pki(pki::PkiCommand),
    /// Retention and disposition: which records are due, and why.
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// Records metadata: capture a file as a record, validate or export a record.
    #[command(subcommand)]
    Meta(meta::MetaCommand),
    /// Diplomas: render a diploma record as PDF/A-3b, or check a record.
    #[command(subcommand)]
    Diploma(diploma::DiplomaCommand),
    /// Diploma status lists: make, revoke, suspend, reinstate, show and publish.
    #[command(subcommand)]
    Status(status::StatusCommand),
    /// Issue signed diplomas in a batch: from a graduates CSV, or --demo (demo PKI and graduates).
    Issue(issue::IssueArgs),
    /// Sign any file: a detached CAdES signature (B-B, B-T, B-LT, B-LTA), key file or PKCS#11.
    Sign(sign::SignArgs),
    /// Verify a signed PDF or a detached signature (ETSI EN 319 102-1 report).
    Verify(verify::VerifyArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and --version exit 0, usage errors 2, as clap decides.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let outcome = match &cli.command {
        Command::Id(cmd) => id::run(cmd, cli.json),
        Command::Date(args) => date::run(args, cli.json),
        Command::Pki(cmd) => pki::run(cmd, cli.json),
        Command::Retention(cmd) => retention::run(cmd, cli.json),
        Command::Meta(cmd) => meta::run(cmd, cli.json),
        Command::Diploma(cmd) => diploma::run(cmd, cli.json),
        Command::Status(cmd) => status::run(cmd, cli.json),
        Command::Issue(args) => issue::run(args, cli.json),
        Command::Sign(args) => sign::run(args, cli.json),
        Command::Verify(args) => verify::run(args, cli.json),
    };
    outcome.exit_code()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
