//! Schemas and arguments in words: the facts a persona knows, and one line
//! per parameter for people reading a flow's tools.

mod facts;
mod summary;

pub use facts::{Fact, facts};
pub use summary::summarize;
