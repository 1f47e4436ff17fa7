//! The LLM writer: packages written by a model behind a [`Provider`],
//! grounded by their plans.
//!
//! The plans of a write are split into batches, asked for all at once
//! (the provider's own limit decides how many run side by side), and put
//! back in plan order. The model writes only prose and, where the plan
//! allows, argument values; everything else comes from the plan (see
//! [`assemble`]). A batch whose reply cannot be used is asked again with
//! the reasons (see [`batch`]); nothing is ever filled in by another
//! writer, and a failed batch fails the write.

mod assemble;
mod batch;
mod fault;
mod prompt;
mod reply;
mod schema;

use std::sync::Arc;

use async_trait::async_trait;
use futures::{StreamExt, TryStreamExt, stream};

use understudy_persona::plan::PackagePlan;
use understudy_persona::writer::{Rewrite, WriteContext};
use understudy_persona::{PersonaPackage, WriteError, Writer};

use crate::completion::Provider;
use batch::{Budget, Run, Settled};
use prompt::Item;

/// How the LLM writer asks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriterSettings {
    /// Packages asked for in one call.
    pub batch_size: usize,
    /// Times a batch is asked again after a reply it could not use.
    pub repair_attempts: u32,
    /// The token limit of one call; a batch whose reply hits it is split.
    pub max_tokens: u32,
    pub temperature: f32,
}

impl Default for WriterSettings {
    fn default() -> Self {
        WriterSettings {
            batch_size: 5,
            repair_attempts: 2,
            max_tokens: 4096,
            temperature: 0.7,
        }
    }
}

impl WriterSettings {
    /// The defaults, with the token limit and temperature a provider is
    /// configured with.
    pub fn from_config(config: &crate::ProviderConfig) -> Self {
        WriterSettings {
            max_tokens: config.max_tokens,
            temperature: config.temperature,
            ..WriterSettings::default()
        }
    }
}

/// Writes packages with a model. The language comes from each request's
/// spec; the prompts themselves are in English, which models follow best.
pub struct LlmWriter {
    provider: Arc<dyn Provider>,
    settings: WriterSettings,
}

impl LlmWriter {
    /// A writer over `provider`; a batch size of 0 is taken as 1.
    pub fn new(provider: Arc<dyn Provider>, settings: WriterSettings) -> Self {
        let settings = WriterSettings {
            batch_size: settings.batch_size.max(1),
            ..settings
        };
        LlmWriter { provider, settings }
    }

    pub fn settings(&self) -> WriterSettings {
        self.settings
    }

    /// Writes `items` in batches, all asked for at once, in item order.
    async fn run(
        &self,
        context: WriteContext<'_>,
        items: Vec<Item<'_>>,
        rewriting: bool,
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let wanted = items.len();
        let run = Run {
            context,
            system: prompt::system(context),
            schema: schema::reply(context.scope),
            deadline: context.deadline.map(tokio::time::Instant::from_std),
        };
        let budget = Budget {
            repairs: self.settings.repair_attempts,
            refused: false,
        };

        // Boxed futures built in a loop rather than a closure over the
        // stream, whose lifetimes the compiler cannot prove `Send`.
        let mut batches = Vec::new();
        for batch in items.chunks(self.settings.batch_size) {
            batches.push(self.settle(&run, batch.to_vec(), budget, rewriting));
        }
        let count = batches.len().max(1);
        let work = stream::iter(batches)
            .buffered(count)
            .try_collect::<Vec<Settled>>();

        let settled = match run.deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, work)
                .await
                .map_err(|_| {
                    WriteError::Deadline(format!("{wanted} package(s) not written in time"))
                })??,
            None => work.await?,
        };
        in_order(settled, wanted)
    }
}

/// The packages of every batch by position; a count that does not match
/// is never passed on as complete.
fn in_order(settled: Vec<Settled>, wanted: usize) -> Result<Vec<PersonaPackage>, WriteError> {
    let mut packages: Settled = settled.into_iter().flatten().collect();
    packages.sort_by_key(|(position, _)| *position);

    if packages.len() != wanted {
        return Err(WriteError::Unusable(format!(
            "{wanted} packages asked for, {} written",
            packages.len()
        )));
    }
    Ok(packages.into_iter().map(|(_, package)| package).collect())
}

#[async_trait]
impl Writer for LlmWriter {
    fn model(&self) -> String {
        self.provider.model().to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let items = plans
            .iter()
            .enumerate()
            .map(|(position, plan)| Item {
                position,
                plan,
                previous: None,
                reasons: &[],
                faults: Vec::new(),
            })
            .collect();
        self.run(context, items, false).await
    }

    fn repairs(&self) -> bool {
        true
    }

    async fn rewrite(
        &self,
        context: WriteContext<'_>,
        rewrites: &[Rewrite<'_>],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let items = rewrites
            .iter()
            .enumerate()
            .map(|(position, rewrite)| Item {
                position,
                plan: rewrite.plan,
                previous: Some(rewrite.previous),
                reasons: rewrite.problems,
                faults: Vec::new(),
            })
            .collect();
        self.run(context, items, true).await
    }
}
