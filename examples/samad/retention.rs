//! `samad retention due` and `samad retention what-if` (BRIEF §4, `spec/retention.md` §7).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use samad::calendar::{self, JalaliDate};
use samad::retention::{
    ClassificationScheme, DueReport, HoldRegister, RetentionError, RetentionRecord, Schedule,
    disposition_list, what_if,
};
use serde::Serialize;

use crate::output::{Outcome, input_error, print_json};

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// The disposition of every record as of a day: state, action, due date and why.
    /// Exit 0 when every record was computed, 1 when some could not be (reason printed).
    Due(DueArgs),
    /// Dry run: which records' state, action or due date would change under a new schedule.
    WhatIf(WhatIfArgs),
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// The schedule rows: CSV (BRIEF §4), or JSON when the name ends in `.json`.
    #[arg(long)]
    schedule: PathBuf,
    /// The records CSV: record_id, class_code, created, closed, events, holds.
    #[arg(long)]
    records: PathBuf,
    /// The day to compute for: Jalali YYYY/MM/DD or ISO YYYY-MM-DD.
    #[arg(long)]
    as_of: String,
    /// Holds with their mandate, target and placed/lifted dates (CSV).
    #[arg(long)]
    holds: Option<PathBuf>,
    /// The classification scheme (CSV); every row's and record's class must be in it.
    #[arg(long)]
    scheme: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct WhatIfArgs {
    #[command(flatten)]
    due: DueArgs,
    /// The proposed schedule to compare with `--schedule`.
    #[arg(long)]
    proposed: PathBuf,
}

pub fn run(cmd: &RetentionCommand, json: bool) -> Outcome {
    let result = match cmd {
        RetentionCommand::Due(args) => due(args, json),
        RetentionCommand::WhatIf(args) => compare(args, json),
    };
    result.unwrap_or_else(|(code, message)| input_error(json, code, &message))
}

type Failure = (&'static str, String);

/// Everything `due` needs, read and checked before anything is printed.
struct Inputs {
    schedule: Schedule,
    records: Vec<RetentionRecord>,
    holds: HoldRegister,
    as_of: JalaliDate,
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| ("io", format!("cannot read {}: {e}", path.display())))
}

fn in_file(path: &Path, e: RetentionError) -> Failure {
    (e.code(), format!("{}: {e}", path.display()))
}

fn read_schedule(path: &Path) -> Result<Schedule, Failure> {
    let bytes = read(path)?;
    let parsed = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        Schedule::from_json(&bytes)
    } else {
        Schedule::from_csv(&bytes)
    };
    parsed.map_err(|e| in_file(path, e))
}

fn inputs(args: &DueArgs) -> Result<Inputs, Failure> {
    let as_of =
        calendar::parse_date(&args.as_of).map_err(|e| (e.code(), format!("--as-of: {e}")))?;
    let schedule = read_schedule(&args.schedule)?;
    let records =
        RetentionRecord::from_csv(&read(&args.records)?).map_err(|e| in_file(&args.records, e))?;
    let holds = match &args.holds {
        Some(path) => HoldRegister::from_csv(&read(path)?).map_err(|e| in_file(path, e))?,
        None => HoldRegister::new(),
    };
    if let Some(path) = &args.scheme {
        let scheme = ClassificationScheme::from_csv(&read(path)?).map_err(|e| in_file(path, e))?;
        let classes = schedule
            .rows()
            .iter()
            .map(|r| ("schedule row", r.row.as_str(), r.class_code.as_str()))
            .chain(
                records
                    .iter()
                    .map(|r| ("record", r.record_id.as_str(), r.class_code.as_str())),
            );
        for (what, id, class) in classes {
            if scheme.class(class).is_none() {
                return Err((
                    "unknown-class",
                    format!(
                        "{what} {id}: class {class} is not in the scheme {}",
                        path.display()
                    ),
                ));
            }
        }
    }
    Ok(Inputs {
        schedule,
        records,
        holds,
        as_of,
    })
}

fn due(args: &DueArgs, json: bool) -> Result<Outcome, Failure> {
    let input = inputs(args)?;
    let list = disposition_list(&input.records, &input.schedule, &input.holds, input.as_of);
    let reports: Vec<DueReport> = input
        .records
        .iter()
        .zip(&list)
        .map(|(record, entry)| DueReport::new(record, entry))
        .collect();
    if json {
        print_json(&reports);
    } else {
        outln!(
            "as of {} ({})",
            input.as_of,
            input.as_of.to_gregorian_string()
        );
        for r in &reports {
            let due = match (&r.due_jalali, &r.due) {
                (Some(j), Some(g)) => format!("{j} ({g})"),
                _ => "-".to_owned(),
            };
            outln!(
                "{}  {}  {}  due {}  row {}{}",
                r.record_id,
                r.state.unwrap_or("cannot compute"),
                r.action.unwrap_or("-"),
                due,
                r.row.as_deref().unwrap_or("-"),
                if r.holds.is_empty() {
                    String::new()
                } else {
                    format!("  holds {}", r.holds.join(","))
                }
            );
            for line in &r.explanation {
                outln!("    {line}");
            }
        }
    }
    let failed: Vec<&DueReport> = reports.iter().filter(|r| r.error.is_some()).collect();
    for r in &failed {
        if let Some(e) = &r.error {
            eprintln!("samad: {}", e.message);
        }
    }
    Ok(if failed.is_empty() {
        Outcome::Success
    } else {
        Outcome::Invalid
    })
}

/// One line of `what-if --json`.
#[derive(Debug, Serialize)]
struct ChangeReport {
    record_id: String,
    before: Side,
    after: Side,
}

#[derive(Debug, Serialize)]
struct Side {
    row: Option<String>,
    state: Option<&'static str>,
    action: Option<&'static str>,
    due_jalali: Option<String>,
    error: Option<String>,
}

impl Side {
    fn new(outcome: &Result<samad::retention::Outcome, String>) -> Side {
        match outcome {
            Ok(o) => Side {
                row: Some(o.row.clone()),
                state: Some(o.state.as_str()),
                action: Some(o.action.as_str()),
                due_jalali: o.due.map(|d| d.to_string()),
                error: None,
            },
            Err(e) => Side {
                row: None,
                state: None,
                action: None,
                due_jalali: None,
                error: Some(e.clone()),
            },
        }
    }

    fn human(&self) -> String {
        match &self.error {
            Some(e) => e.clone(),
            None => format!(
                "row {} {} {} due {}",
                self.row.as_deref().unwrap_or("-"),
                self.state.unwrap_or("-"),
                self.action.unwrap_or("-"),
                self.due_jalali.as_deref().unwrap_or("-")
            ),
        }
    }
}

fn compare(args: &WhatIfArgs, json: bool) -> Result<Outcome, Failure> {
    let input = inputs(&args.due)?;
    let proposed = read_schedule(&args.proposed)?;
    let changes = what_if(
        &input.records,
        &input.schedule,
        &proposed,
        &input.holds,
        input.as_of,
    );
    let reports: Vec<ChangeReport> = changes
        .iter()
        .map(|c| ChangeReport {
            record_id: c.record_id.clone(),
            before: Side::new(&c.before),
            after: Side::new(&c.after),
        })
        .collect();
    if json {
        print_json(&reports);
    } else {
        outln!(
            "{} of {} records change as of {}",
            reports.len(),
            input.records.len(),
            input.as_of
        );
        for r in &reports {
            outln!(
                "{}: {} -> {}",
                r.record_id,
                r.before.human(),
                r.after.human()
            );
        }
    }
    Ok(Outcome::Success)
}
