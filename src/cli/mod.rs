//! The command line: parses, calls the library, presents. No domain logic.

mod args;
mod demo;
mod flows;
mod generate;
mod keys;
mod options;
mod report;
mod serve;
mod tree;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use understudy_store::Store;

use crate::api::AppState;
use crate::jwt::JwtVerifier;
use crate::request::Limits;
use crate::writers::Writers;

use args::LlmArgs;
pub use args::{Cli, Command};

/// Runs one command to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let limits = Limits {
        max_packages: cli.max_packages,
        max_async_packages: cli.max_async_packages,
        max_criteria: cli.max_criteria,
        max_body_bytes: cli.max_body_bytes,
    };

    let store = StoreLocation {
        data_dir: cli.data_dir,
        database_url: cli.database_url,
    };

    match cli.command {
        Command::Generate(args) => generate::run(args, limits).await,
        Command::Options(args) => options::run(args),
        Command::Report(args) => report::run(args, limits).await,
        Command::Serve(args) => {
            let mut state = state(&store, limits, &args.llm).await?;
            state.jwt = JwtVerifier::load(args.jwt.into())?.map(Arc::new);
            state.timeout = Duration::from_secs(args.request_timeout_secs);
            state.jobs = args.jobs.into();
            serve::run(state, args.bind).await
        }
        Command::Worker(args) => {
            let mut state = state(&store, limits, &args.llm).await?;
            state.jobs = args.jobs.into();
            worker::run(state).await
        }
        Command::Demo(args) => {
            let state = state(&store, limits, &LlmArgs::default()).await?;
            demo::run(state, args).await
        }
        Command::Flows(command) => flows::run(&open(&store).await?, command).await,
        Command::Keys(command) => keys::run(&open(&store).await?, command).await,
    }
}

/// Where the store lives: a PostgreSQL URL when given, else the data directory.
struct StoreLocation {
    data_dir: PathBuf,
    database_url: Option<String>,
}

async fn open(location: &StoreLocation) -> anyhow::Result<Store> {
    let url = location.database_url.as_deref();
    Store::open_configured(&location.data_dir, url)
        .await
        .with_context(|| match url.filter(|u| !u.trim().is_empty()) {
            // The URL may hold a password: name only its scheme.
            Some(url) => format!(
                "cannot open the store at `{}:`",
                url.split(':').next().unwrap_or("")
            ),
            None => format!("cannot open the store in `{}`", location.data_dir.display()),
        })
}

/// The shared state of a server or worker: the store, the limits, and the
/// writers the LLM settings configure.
async fn state(
    location: &StoreLocation,
    limits: Limits,
    llm: &LlmArgs,
) -> anyhow::Result<AppState> {
    let writers = Writers::from_lookup(|name| llm.lookup(name))
        .context("the LLM provider settings are incomplete")?;
    let mut state = AppState::with_writers(open(location).await?, writers);
    state.limits = limits;
    Ok(state)
}
