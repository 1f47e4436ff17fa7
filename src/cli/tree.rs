//! Discovered capabilities drawn as a tree for a terminal.

use std::fmt::Write;

use understudy_flow::{Capabilities, Job, Tool};

/// The flow, its jobs with their agents and tools, then the warnings.
pub fn render(capabilities: &Capabilities) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        capabilities.flow_name, capabilities.flow_reference_id
    );

    let sections = capabilities.jobs.len() + usize::from(!capabilities.warnings.is_empty());
    for (index, job) in capabilities.jobs.iter().enumerate() {
        let last = index + 1 == sections;
        render_job(&mut out, job, last);
    }

    if !capabilities.warnings.is_empty() {
        let _ = writeln!(out, "└── warnings");
        let count = capabilities.warnings.len();
        for (index, warning) in capabilities.warnings.iter().enumerate() {
            let branch = if index + 1 == count {
                "└──"
            } else {
                "├──"
            };
            let _ = writeln!(out, "    {branch} {}", warning.message);
        }
    }
    out
}

fn render_job(out: &mut String, job: &Job, last: bool) {
    let (branch, indent) = if last {
        ("└──", "    ")
    } else {
        ("├──", "│   ")
    };
    let _ = writeln!(out, "{branch} job {} ({})", job.name, job.node_id);

    match &job.agent {
        Some(agent) => {
            let _ = writeln!(
                out,
                "{indent}│   agent {}: {}",
                agent.name,
                one_line(&agent.description)
            );
        }
        None => {
            let _ = writeln!(out, "{indent}│   agent: not in the flow");
        }
    }

    let count = job.tools.len();
    for (index, tool) in job.tools.iter().enumerate() {
        render_tool(out, tool, indent, index + 1 == count);
    }
}

fn render_tool(out: &mut String, tool: &Tool, indent: &str, last: bool) {
    let (branch, inner) = if last {
        ("└──", "    ")
    } else {
        ("├──", "│   ")
    };
    let kind = tool.kind.as_str();
    let _ = writeln!(
        out,
        "{indent}{branch} {} [{kind}] {}",
        tool.tool_id,
        one_line(&tool.description)
    );

    let Some(parameters) = &tool.parameters else {
        return;
    };
    for line in understudy_schema::summarize(parameters) {
        let _ = writeln!(out, "{indent}{inner}    {line}");
    }
}

/// The first line of a text, shortened for one terminal row.
fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= 80 {
        return line.to_owned();
    }
    let short: String = line.chars().take(77).collect();
    format!("{short}...")
}
