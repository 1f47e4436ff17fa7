//! The command line: parses, calls the library, presents. No domain logic.

mod args;
mod demo;
mod flows;
mod generate;
mod keys;
mod serve;
mod tree;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use understudy_persona::OfflineWriter;
use understudy_store::Store;

use crate::api::AppState;
use crate::jwt::JwtVerifier;
use crate::request::Limits;

pub use args::{Cli, Command};

/// Runs one command to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let limits = Limits {
        max_packages: cli.max_packages,
        max_criteria: cli.max_criteria,
        max_body_bytes: cli.max_body_bytes,
    };

    match cli.command {
        Command::Generate(args) => generate::run(args, limits).await,
        Command::Serve(args) => {
            let mut state = state(&cli.data_dir, limits).await?;
            state.jwt = JwtVerifier::load(args.jwt.into())?.map(Arc::new);
            state.timeout = Duration::from_secs(args.request_timeout_secs);
            serve::run(state, args.bind).await
        }
        Command::Demo(args) => demo::run(state(&cli.data_dir, limits).await?, args).await,
        Command::Flows(command) => flows::run(&open(&cli.data_dir).await?, command).await,
        Command::Keys(command) => keys::run(&open(&cli.data_dir).await?, command).await,
    }
}

async fn open(data_dir: &std::path::Path) -> anyhow::Result<Store> {
    Store::open(data_dir)
        .await
        .with_context(|| format!("cannot open the store in `{}`", data_dir.display()))
}

async fn state(data_dir: &std::path::Path, limits: Limits) -> anyhow::Result<AppState> {
    let mut state = AppState::new(open(data_dir).await?, Arc::new(OfflineWriter));
    state.limits = limits;
    Ok(state)
}
