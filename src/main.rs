//! The `roadmap` binary: parse the command line, run it, exit with the documented status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = roadmap::cli::Cli::parse();
    ExitCode::from(roadmap::commands::run_with_std_streams(cli))
}
