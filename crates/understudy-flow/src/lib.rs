//! Reads agent flows and discovers what their AI agents can do.
//!
//! A flow arrives in one of the shapes the platforms store it in (see
//! [`import`]); it is normalised into a [`FlowDocument`], which is what the
//! store keeps. [`discover`] then turns a document into [`Capabilities`]:
//! the AI Agent jobs, the agents behind them, the tools each job may call,
//! and the warnings found on the way. Discovery is pure and never fails:
//! real flows hold placeholders and mistakes, and those become warnings.
//!
//! Known gaps: an MCP tool node stands for tools that only its server can
//! list, and discovery does not ask the server, so such a node becomes one
//! opaque tool of kind [`ToolKind::Mcp`] and a warning. In a package with
//! several charts, a node resource that names no chart is left out, since
//! nothing says which flow it belongs to.

pub mod discovery;
pub mod document;
pub mod import;

pub use discovery::{
    Agent, Capabilities, Job, Scope, SpeakingStyle, Tool, ToolKind, UnknownJob, Warning,
    WarningCode, discover,
};
pub use document::{AgentResource, FlowDocument, FlowMeta, Node, Relation};
pub use import::{
    ImportError, ImportLimits, import_bytes, import_bytes_with, import_path, import_path_with,
};
