//! The `understudy` binary: parse the command line, run it.

use clap::Parser;

use understudy::cli::{self, Cli, Command};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    let serving = matches!(
        args.command,
        Command::Serve(_) | Command::Demo(_) | Command::Worker(_)
    );
    understudy::telemetry::init(args.log_json, if serving { "info" } else { "warn" });

    match cli::run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
