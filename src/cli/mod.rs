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
            state.timeout = request_timeout(args.request_timeout_secs, &state.writers);
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

/// The request timeout a server runs with: as configured, else long enough
/// for a model call to finish (its deadline, plus room to check and record),
/// since a model that writes for a minute must not meet a 30-second cut.
fn request_timeout(configured: Option<u64>, writers: &Writers) -> Duration {
    const OFFLINE: Duration = Duration::from_secs(30);

    match (configured, writers.llm_deadline()) {
        (Some(seconds), _) => Duration::from_secs(seconds),
        (None, Some(deadline)) => deadline + OFFLINE,
        (None, None) => OFFLINE,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with_model(deadline: &'static str) -> Writers {
        Writers::from_lookup(|name| match name {
            "UNDERSTUDY_LLM_PROVIDER" => Some("openai".to_owned()),
            "UNDERSTUDY_LLM_BASE_URL" => Some("http://127.0.0.1:9/v1".to_owned()),
            "UNDERSTUDY_LLM_MODEL" => Some("local-model".to_owned()),
            "UNDERSTUDY_LLM_DEADLINE_SECS" => Some(deadline.to_owned()),
            _ => None,
        })
        .unwrap()
    }

    /// A served LLM request was cut at 30 s, before its own 180 s deadline.
    #[test]
    fn a_configured_model_gets_its_deadline_before_the_request_times_out() {
        assert_eq!(
            request_timeout(None, &with_model("90")),
            Duration::from_secs(120)
        );
        assert_eq!(
            request_timeout(None, &Writers::offline()),
            Duration::from_secs(30)
        );
        assert_eq!(
            request_timeout(Some(5), &with_model("90")),
            Duration::from_secs(5)
        );
    }
}
