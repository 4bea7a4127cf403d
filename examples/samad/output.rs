//! How every subcommand ends: its exit code and, on error, the message in text or JSON.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

/// What a subcommand amounted to (BRIEF §4 exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success, or the input is valid: exit 0.
    Success,
    /// The input is invalid or a check failed; the reason was printed: exit 1.
    Invalid,
    /// Usage or input error; nothing was written: exit 2.
    InputError,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
            Outcome::InputError => ExitCode::from(2),
        }
    }
}

/// Set once stdout's reader has gone away (`samad … | head`): later output is dropped.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout like `print!`, but a closed pipe ends output quietly instead of
/// panicking, so the command still finishes and exits with its own code.
pub fn write_stdout(args: fmt::Arguments<'_>) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("samad: cannot write to stdout: {e}");
        }
    }
}

/// `println!` for the CLI's stdout, through [`write_stdout`].
macro_rules! outln {
    () => {
        $crate::output::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for the CLI's stdout, through [`write_stdout`].
#[allow(unused_macros)]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!($($arg)*))
    };
}

/// Prints `value` as one JSON document on stdout.
pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => outln!("{text}"),
        Err(e) => eprintln!("samad: cannot render JSON: {e}"),
    }
}

/// Reports an input error: on stderr, and with `--json` also as
/// `{"error":{"code","message"}}` on stdout.
pub fn input_error(json: bool, code: &str, message: &str) -> Outcome {
    eprintln!("samad: {message}");
    if json {
        print_json(&serde_json::json!({ "error": { "code": code, "message": message } }));
    }
    Outcome::InputError
}
