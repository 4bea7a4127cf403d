//! How every subcommand ends: its exit code and, on error, the message in text or JSON.

use std::process::ExitCode;

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

/// Prints `value` as one JSON document on stdout.
pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
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
