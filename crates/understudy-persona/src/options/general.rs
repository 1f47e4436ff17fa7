//! Mission types any agent can be tested with: an information question,
//! reaching a person or a specialist when the flow can hand over, a
//! request outside the agent's remit, a complaint.

use understudy_flow::{Scope, ToolKind};

use super::phrases::Phrases;
use crate::spec::MissionType;

/// The general mission types that fit the tools in scope.
pub fn mission_types(scope: &Scope<'_>, phrases: &Phrases) -> Vec<MissionType> {
    let has = |kind: ToolKind| scope.tools().any(|(_, tool)| tool.kind == kind);
    let general = &phrases.general;

    let mut missions = Vec::new();
    missions.push(if has(ToolKind::Knowledge) {
        general.information_from_knowledge.clone()
    } else {
        general.information.clone()
    });
    if has(ToolKind::HandoverToHuman) {
        missions.push(general.human_handover.clone());
    }
    if has(ToolKind::HandoverToAgent) {
        missions.push(general.specialist_handover.clone());
    }
    missions.push(general.out_of_scope.clone());
    missions.push(general.complaint.clone());
    missions
}
