//! Tool parameter schemas, as the tools of a flow declare them.
//!
//! Three jobs, one per module: [`validate`] checks arguments against a
//! schema, [`synthesize`] writes arguments that a schema accepts (seeded, so
//! a seed reproduces them), and [`describe`] says a schema or a set of
//! arguments in words for people and for missions.

mod data;
pub mod describe;
mod resolve;
pub mod synthesize;
pub mod validate;
mod words;

pub use describe::{Fact, facts, summarize};
pub use synthesize::{Known, synthesize, synthesize_valid, synthesize_with};
pub use validate::{ArgumentError, CompiledSchema, SchemaError, check_schema, validate};
