//! The `roadmap` binary: parse the command line, run it, exit with the documented status.

use std::process::ExitCode;

fn main() -> ExitCode {
    match roadmap::cli::Cli::from_env() {
        Ok(cli) => ExitCode::from(roadmap::commands::run_with_std_streams(cli)),
        Err(e) => ExitCode::from(roadmap::commands::print_usage(&e)),
    }
}
