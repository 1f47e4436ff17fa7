//! Understudy: persona packages for testing conversational AI agents.
//!
//! The work is in the library so that the CLI, the server and the tests
//! share it: [`request`] validates what callers send, [`flows`] moves flows
//! in and out of the store, [`generation`] runs the pipeline of
//! `understudy-persona` for one request, [`options`] lists what a flow
//! offers to choose from first, and [`api`] and [`cli`] present it.

pub mod api;
pub mod chunked;
pub mod cli;
pub mod flows;
pub mod generation;
pub mod jobs;
pub mod jwt;
pub mod options;
pub mod request;
pub mod telemetry;
pub mod writers;
