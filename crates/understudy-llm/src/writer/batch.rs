//! One batch of packages, asked for until every package has come back
//! whole or the repair attempts run out.
//!
//! Each reply is read package by package: complete packages are kept and
//! only the rest are asked for again, with what was wrong. A reply cut
//! short by the token limit splits the batch in halves (down to single
//! packages), which are asked for side by side. A refusal is asked once
//! more; a second one ends the write.

use std::collections::BTreeMap;

use futures::future::{BoxFuture, try_join};
use serde_json::Value;
use tracing::{debug, warn};

use understudy_persona::writer::WriteContext;
use understudy_persona::{PersonaPackage, WriteError};

use super::fault::{Fault, classify};
use super::prompt::{self, Item};
use super::{LlmWriter, assemble, reply, schema};
use crate::completion::{Completion, Finish, Reply};

/// What every batch of one write shares.
pub(crate) struct Run<'a> {
    pub context: WriteContext<'a>,
    pub system: String,
    pub schema: Value,
    pub deadline: Option<tokio::time::Instant>,
}

/// What a batch may still spend on asking again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub repairs: u32,
    pub refused: bool,
}

/// Packages by their position in the write.
pub(crate) type Settled = Vec<(usize, PersonaPackage)>;

/// How one reply leaves the batch.
enum Turn {
    /// Ask again for what is still pending, telling the model this.
    Again(Vec<String>),
    /// The reply was cut short: ask for each half on its own.
    Split,
    Refused(String),
}

impl LlmWriter {
    /// Asks for `items` until all are written; `asked_before` when even
    /// the first call asks again (a rewrite, or a half of a split batch).
    pub(crate) fn settle<'a>(
        &'a self,
        run: &'a Run<'a>,
        items: Vec<Item<'a>>,
        mut budget: Budget,
        asked_before: bool,
    ) -> BoxFuture<'a, Result<Settled, WriteError>> {
        Box::pin(async move {
            let mut pending = items;
            let mut done = Settled::new();
            let mut general = Vec::new();
            let mut repair = asked_before;

            loop {
                let outcome = self.ask(run, &pending, &general, repair).await;
                repair = true;

                let turn = match outcome {
                    Ok(reply) => absorb(reply, &mut pending, &mut done),
                    Err(error) => match classify(error) {
                        Fault::Again(reason) => Turn::Again(vec![reason]),
                        Fault::Fail(error) => return Err(error),
                    },
                };
                if pending.is_empty() {
                    return Ok(done);
                }

                general = match turn {
                    Turn::Split if pending.len() > 1 => {
                        let right = pending.split_off(pending.len() / 2);
                        debug!(
                            left = pending.len(),
                            right = right.len(),
                            "reply cut short; splitting the batch"
                        );
                        let halves = try_join(
                            self.settle(run, pending, budget, true),
                            self.settle(run, right, budget, true),
                        );
                        let (left, right) = halves.await?;
                        done.extend(left.into_iter().chain(right));
                        return Ok(done);
                    }
                    Turn::Split => vec![
                        "the reply was cut short by the token limit; write shorter texts"
                            .to_owned(),
                    ],
                    Turn::Refused(text) if budget.refused => {
                        return Err(WriteError::Unusable(format!(
                            "the model declined to write the packages twice: {text}"
                        )));
                    }
                    Turn::Refused(_) => {
                        budget.refused = true;
                        general = vec![refusal_note()];
                        continue;
                    }
                    Turn::Again(reasons) => reasons,
                };

                if budget.repairs == 0 {
                    warn!(
                        pending = pending.len(),
                        "packages still unusable after every repair attempt"
                    );
                    return Err(WriteError::Unusable(summary(&general, &pending)));
                }
                budget.repairs -= 1;
            }
        })
    }

    /// One call for `items`, counted in the write's usage.
    async fn ask(
        &self,
        run: &Run<'_>,
        items: &[Item<'_>],
        general: &[String],
        repair: bool,
    ) -> Result<Reply, crate::ProviderError> {
        let completion = Completion {
            system: run.system.clone(),
            user: prompt::user(items, general),
            json_schema: Some((schema::NAME.to_owned(), run.schema.clone())),
            max_tokens: self.settings.max_tokens,
            temperature: self.settings.temperature,
            deadline: run.deadline,
        };
        let result = self.provider.complete(&completion).await;

        let usage = result.as_ref().map(|r| r.usage).unwrap_or_default();
        let (prompt_tokens, completion_tokens) = (usage.prompt_tokens, usage.completion_tokens);
        run.context
            .usage
            .record(prompt_tokens.into(), completion_tokens.into(), repair);
        debug!(
            packages = items.len(),
            repair, prompt_tokens, completion_tokens, "asked for packages"
        );
        result
    }
}

/// Takes the complete packages of `reply` out of `pending` into `done`,
/// and says what to do about the rest.
fn absorb(reply: Reply, pending: &mut Vec<Item<'_>>, done: &mut Settled) -> Turn {
    match reply.finish {
        Finish::Length => return Turn::Split,
        Finish::Refusal | Finish::ContentFilter => return Turn::Refused(reply.text),
        Finish::Stop | Finish::Other(_) => {}
    }

    let value = match reply.json() {
        Ok(value) => value,
        Err(error) => {
            return Turn::Again(vec![format!("the reply was not one JSON object: {error}")]);
        }
    };
    let wanted: BTreeMap<usize, usize> = pending
        .iter()
        .map(|item| (item.number(), item.plan.criteria.len()))
        .collect();
    let mut reading = reply::read(&value, &wanted);
    if reading.dropped > 0 {
        debug!(dropped = reading.dropped, "dropped packages not asked for");
    }

    let mut still = Vec::new();
    for mut item in pending.drain(..) {
        let number = item.number();
        if let Some(draft) = reading.drafts.remove(&number) {
            done.push((item.position, assemble::package(item.plan, draft)));
            continue;
        }
        item.faults = reading
            .problems
            .remove(&number)
            .unwrap_or_else(|| vec!["missing from the reply".to_owned()]);
        still.push(item);
    }
    *pending = still;
    Turn::Again(reading.general)
}

fn refusal_note() -> String {
    "the last reply declined the task; these are fictional test users for a simulation that \
     checks a support agent, with no real people or data"
        .to_owned()
}

/// Every reason the last reply could not be used, for the error.
fn summary(general: &[String], pending: &[Item<'_>]) -> String {
    let mut reasons: Vec<String> = general.to_vec();
    for item in pending {
        for fault in item.reasons.iter().chain(&item.faults) {
            reasons.push(format!("package {}: {fault}", item.number()));
        }
    }
    reasons.join("; ")
}
