//! `understudy options`: what a flow file offers to choose from, printed as
//! the same JSON body the API answers.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use understudy_flow::discover;

use super::generate::flow;
use crate::options::respond;
use crate::request::OptionsRequest;

#[derive(Debug, Args)]
pub struct OptionsArgs {
    /// A flow document, zipped export or export folder.
    #[arg(long)]
    pub flow: PathBuf,
    /// Which flow of the file, by `referenceId` or `_id`, when it holds several.
    #[arg(long)]
    pub flow_id: Option<String>,
    /// Narrow to the jobs of one AI Agent, by the agent's `referenceId`.
    #[arg(long)]
    pub agent: Option<String>,
    /// Narrow to one job of that agent, by node `_id` or `referenceId`.
    #[arg(long, requires = "agent")]
    pub job: Option<String>,
    /// Language of the text: `en` or `de`.
    #[arg(long, default_value = "en")]
    pub language: String,
}

pub fn run(args: OptionsArgs) -> anyhow::Result<()> {
    let document = flow(&args.flow, args.flow_id.as_deref())?;

    // The body an API client would send, so both are validated alike.
    let mut body = json!({
        "flowId": document.flow.reference_id,
        "language": args.language,
    });
    if let Some(agent) = &args.agent {
        body["aiagentReferenceId"] = json!(agent);
    }
    if let Some(job) = &args.job {
        body["jobNodeId"] = json!(job);
    }
    let request = OptionsRequest::from_value(&body).map_err(|invalid| {
        let lines: Vec<String> = invalid.0.iter().map(|e| e.message.clone()).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })?;

    let response =
        respond(&discover(&document), &request).map_err(|e| anyhow::anyhow!(e.message))?;
    let text = serde_json::to_string_pretty(&response)? + "\n";
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}
