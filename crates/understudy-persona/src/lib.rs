//! Persona packages: plan them, write them, check them.
//!
//! The pipeline is `plan -> write -> check`. The [`plan`] is deterministic
//! for a seed and decides everything that must be grounded (which job and
//! tools a package exercises, the facts its arguments need, the persona's
//! traits, the scenario category, the criteria). A [`writer::Writer`] turns
//! plans into prose. [`check`] holds every package against the request and
//! the flow's real tools before anything leaves.

pub mod check;
pub mod continuation;
pub mod options;
pub mod package;
pub mod pipeline;
pub mod plan;
pub mod quality;
pub mod similarity;
pub mod spec;
pub mod writer;

pub use package::{Criterion, CriterionParams, ExpectedToolCall, Focus, PersonaPackage};
pub use pipeline::{GenerateError, Generation, generate};
pub use plan::{Category, PackagePlan, Traits};
pub use spec::{GenerationSpec, Language, MissionType, PersonaType, SuggestedCriterion};
pub use writer::{OfflineWriter, WriteError, Writer};
