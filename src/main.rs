//! The `roadmap` binary: parse the command line, run it, exit with the documented status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = roadmap::cli::Cli::from_env();
    ExitCode::from(roadmap::commands::run_with_std_streams(cli))
}
