//! The offline writer: deterministic prose from phrase banks, no network.
//!
//! Phrase banks and name lists live in `offline/lang/<code>.json`, one per
//! language, with several alternative templates for every slot. Each
//! package draws its choices from its own seeded stream; descriptions and
//! missions are picked among a few candidates so that no two read alike
//! (see [`variety`]).

pub(crate) mod bank;
mod criteria;
mod described;
mod draft;
mod facts;
pub(crate) mod goal;
mod mission;
mod persona;
pub(crate) mod template;
mod title;
mod variety;

use async_trait::async_trait;

use super::{WriteContext, WriteError, Writer};
use crate::continuation::Written;
use crate::package::{Focus, PersonaPackage};
use crate::plan::{PackagePlan, stream};

/// Writes packages from built-in phrase banks; the embedded default.
#[derive(Debug, Clone, Default)]
pub struct OfflineWriter;

impl OfflineWriter {
    /// The model name reported for offline generations.
    pub const MODEL: &'static str = "understudy-offline";

    /// Writes one package per plan, in plan order. Never fails.
    pub fn write_packages(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Vec<PersonaPackage> {
        self.write_after(context, &Written::default(), plans)
    }

    /// Writes the packages of `plans` as if the packages `written`
    /// remembers had been written by the same call just before: titles
    /// and texts stay apart from theirs too (persona names are the plan's,
    /// unique across the whole generation). Writing a generation in chunks
    /// this way gives exactly the packages of one call.
    pub fn write_after(
        &self,
        context: WriteContext<'_>,
        written: &Written,
        plans: &[PackagePlan],
    ) -> Vec<PersonaPackage> {
        let bank = bank::for_language(context.spec.language);
        let mut titles = title::TitlePicker::after(written);
        let mut descriptions = variety::Variety::after(&written.descriptions);
        let mut missions = variety::Variety::after(&written.missions);

        plans
            .iter()
            .map(|plan| {
                let mut rng = stream(context.spec.seed, "writer", plan.index as u64);
                let draft = draft::Draft::new(bank, context, plan, plan.person.clone(), &mut rng);

                PersonaPackage {
                    simulation_name: titles.pick(&draft, &mut rng),
                    persona_name: draft.person.full(),
                    persona_description: descriptions.pick(|| persona::describe(&draft, &mut rng)),
                    mission: missions.pick(|| mission::write(&draft, &mut rng)),
                    success_criteria: criteria::write(&draft, &mut rng),
                    category: plan.category,
                    traits: plan.traits.clone(),
                    focus: Focus {
                        job_node_id: plan.job.as_ref().map(|j| j.node_id.clone()),
                        job: plan.job.as_ref().map(|j| j.name.clone()),
                        tools: plan.tools.iter().map(|t| t.tool_id.clone()).collect(),
                    },
                }
            })
            .collect()
    }
}

#[async_trait]
impl Writer for OfflineWriter {
    fn model(&self) -> String {
        Self::MODEL.to_owned()
    }

    async fn write(
        &self,
        context: WriteContext<'_>,
        plans: &[PackagePlan],
    ) -> Result<Vec<PersonaPackage>, WriteError> {
        Ok(self.write_packages(context, plans))
    }
}
