//! The generation pipeline: plan, write, check.

use understudy_flow::Scope;

use crate::check::Problem;
use crate::package::PersonaPackage;
use crate::spec::GenerationSpec;
use crate::writer::{WriteError, Writer};

/// The packages of one generation and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Generation {
    pub packages: Vec<PersonaPackage>,
    /// The writer's model name.
    pub model: String,
    pub warnings: Vec<GenerationWarning>,
}

/// Something the caller should know about an otherwise good generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationWarning {
    pub code: &'static str,
    pub message: String,
}

/// Why a generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("the packages failed their checks: {}", summary(.0))]
    Check(Vec<Problem>),
}

fn summary(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Plans, writes and checks the packages a spec asks for.
pub async fn generate(
    scope: &Scope<'_>,
    spec: &GenerationSpec,
    writer: &dyn Writer,
) -> Result<Generation, GenerateError> {
    let _ = (scope, spec, writer);
    Ok(Generation {
        packages: Vec::new(),
        model: writer.model(),
        warnings: Vec::new(),
    })
}
