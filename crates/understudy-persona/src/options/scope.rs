//! Narrowing a flow to the jobs a client asks options for: every job, the
//! jobs of one agent, or one job of that agent.

use understudy_flow::{Capabilities, Job};

/// Why a narrowing names nothing in the flow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NarrowError {
    #[error("no AI Agent job of this flow runs the agent `{0}`")]
    UnknownAgent(String),
    /// A job is chosen within an agent, so it needs the agent named too.
    #[error("a job can only be chosen together with the agent that runs it")]
    JobWithoutAgent,
    #[error("`{job}` is not an AI Agent job of the agent `{agent}`")]
    UnknownJob { agent: String, job: String },
}

/// The jobs in scope, in flow order.
///
/// `agent` is an agent resource's `referenceId`; `job` a job node's `_id`
/// or `referenceId`, and only valid with the agent that runs it. The jobs
/// of one agent need not sit side by side in the flow, so they are
/// collected rather than sliced.
pub fn narrow(
    capabilities: &Capabilities,
    agent: Option<&str>,
    job: Option<&str>,
) -> Result<Vec<Job>, NarrowError> {
    let Some(agent) = agent else {
        return match job {
            Some(_) => Err(NarrowError::JobWithoutAgent),
            None => Ok(capabilities.jobs.clone()),
        };
    };

    let jobs: Vec<&Job> = capabilities
        .jobs
        .iter()
        .filter(|j| j.agent.as_ref().is_some_and(|a| a.reference_id == agent))
        .collect();
    if jobs.is_empty() {
        return Err(NarrowError::UnknownAgent(agent.to_owned()));
    }

    let Some(wanted) = job else {
        return Ok(jobs.into_iter().cloned().collect());
    };
    jobs.into_iter()
        .find(|j| j.node_id == wanted || j.reference_id == wanted)
        .map(|j| vec![j.clone()])
        .ok_or_else(|| NarrowError::UnknownJob {
            agent: agent.to_owned(),
            job: wanted.to_owned(),
        })
}
