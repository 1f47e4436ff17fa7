//! Lookups over a flow's nodes and relations, and the relations that name
//! nodes the flow does not hold.

use std::collections::HashMap;

use super::Warning;
use super::warnings;
use crate::document::{FlowDocument, Node, Relation};

/// A flow's nodes by id and each node's relation.
pub(super) struct Chart<'a> {
    document: &'a FlowDocument,
    nodes: HashMap<&'a str, &'a Node>,
    relations: HashMap<&'a str, &'a Relation>,
}

impl<'a> Chart<'a> {
    pub(super) fn new(document: &'a FlowDocument) -> Self {
        let mut nodes = HashMap::new();
        for node in &document.nodes {
            nodes.entry(node.id.as_str()).or_insert(node);
        }

        // A node should have one relation; should it have more, the first wins.
        let mut relations = HashMap::new();
        for relation in &document.relations {
            relations.entry(relation.node.as_str()).or_insert(relation);
        }

        Self {
            document,
            nodes,
            relations,
        }
    }

    pub(super) fn node(&self, id: &str) -> Option<&'a Node> {
        self.nodes.get(id).copied()
    }

    /// The nodes a node lists as `children`, in their listed order; ids that
    /// name no node are left out (they are reported as dangling).
    pub(super) fn children(&self, id: &str) -> impl Iterator<Item = &'a Node> + '_ {
        self.relations
            .get(id)
            .into_iter()
            .flat_map(|relation| relation.children.iter())
            .filter_map(|child| self.node(child))
    }

    /// One warning per relation that names a node the flow does not hold,
    /// in the order of the relations.
    pub(super) fn dangling_relations(&self) -> Vec<Warning> {
        let mut found = Vec::new();

        for relation in &self.document.relations {
            let Some(owner) = self.node(&relation.node) else {
                found.push(warnings::dangling_owner(&relation.node));
                continue;
            };
            for child in &relation.children {
                if self.node(child).is_none() {
                    found.push(warnings::dangling_child(owner, child));
                }
            }
            if let Some(next) = &relation.next
                && self.node(next).is_none()
            {
                found.push(warnings::dangling_next(owner, next));
            }
        }

        found
    }
}
