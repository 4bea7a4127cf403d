//! `samad id check VALUE [--kind ..]`.

use clap::{Args, Subcommand, ValueEnum};
use samad::ids::{CheckReport, IdKind};

use crate::output::{Outcome, print_json};

#[derive(Debug, Subcommand)]
pub enum IdCommand {
    /// Validate and parse an identifier; exit 0 if valid, 1 if not.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The identifier; Persian, Arabic-Indic or ASCII digits.
    value: String,
    /// Which identifier it is; guessed from its shape when absent.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Shams,
    NationalCode,
    LegalId,
    DiplomaNo,
}

impl From<KindArg> for IdKind {
    fn from(k: KindArg) -> IdKind {
        match k {
            KindArg::Shams => IdKind::Shams,
            KindArg::NationalCode => IdKind::NationalCode,
            KindArg::LegalId => IdKind::LegalEntityId,
            KindArg::DiplomaNo => IdKind::DiplomaNumber,
        }
    }
}

pub fn run(cmd: &IdCommand, json: bool) -> Outcome {
    match cmd {
        IdCommand::Check(args) => check(args, json),
    }
}

fn check(args: &CheckArgs, json: bool) -> Outcome {
    let report = CheckReport::new(&args.value, args.kind.map(IdKind::from));
    if json {
        print_json(&report);
    } else {
        print_human(&report);
    }
    if report.valid {
        Outcome::Success
    } else {
        Outcome::Invalid
    }
}

fn print_human(report: &CheckReport) {
    match (&report.canonical, &report.error) {
        (Some(canonical), _) => {
            outln!("valid {}: {canonical}", report.kind);
            if let Some(serde_json::Value::Object(parts)) = &report.parts {
                for (name, value) in parts {
                    match value {
                        serde_json::Value::String(s) => outln!("  {name}: {s}"),
                        other => outln!("  {name}: {other}"),
                    }
                }
            }
        }
        (None, Some(error)) => outln!("invalid: {} [{}]", error.message, error.code),
        (None, None) => outln!("invalid {}", report.kind),
    }
}
