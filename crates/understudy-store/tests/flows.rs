//! Flows: stored per project, replaced by `_id` or `referenceId`, found
//! by either.

mod common;

use serde_json::json;
use understudy_store::PutOutcome;

use common::{flow, fresh_store};

#[tokio::test]
async fn creates_a_flow_and_its_project_on_first_put() {
    let (_dir, store) = fresh_store().await;

    let outcome = store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Created);
    assert!(store.project_exists("acme").await.unwrap());
}

#[tokio::test]
async fn replaces_a_flow_with_the_same_id_and_lists_it_once() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let outcome = store
        .put_flow("acme", flow("f1", "r1-new", "Billing v2"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Replaced);
    let flows = store.list_flows("acme").await.unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].reference_id, "r1-new");
    assert_eq!(flows[0].name, "Billing v2");
}

#[tokio::test]
async fn replaces_a_flow_with_the_same_reference_id_and_lists_it_once() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let outcome = store
        .put_flow("acme", flow("f1-new", "r1", "Billing v2"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Replaced);
    let flows = store.list_flows("acme").await.unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0].id, "f1-new");
}

/// A flow whose `_id` matches one stored flow and whose `referenceId`
/// matches another replaces both.
#[tokio::test]
async fn replaces_two_flows_that_each_share_one_identity() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("f2", "r2", "Support"))
        .await
        .unwrap();

    let outcome = store
        .put_flow("acme", flow("f1", "r2", "Merged"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Replaced);
    let flows = store.list_flows("acme").await.unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(
        (flows[0].id.as_str(), flows[0].reference_id.as_str()),
        ("f1", "r2")
    );
}

#[tokio::test]
async fn lists_flows_by_name_with_their_counts() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Support"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("f2", "r2", "Billing"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("f3", "r3", "Onboarding"))
        .await
        .unwrap();

    let flows = store.list_flows("acme").await.unwrap();

    let names: Vec<_> = flows.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Billing", "Onboarding", "Support"]);
    assert_eq!((flows[0].jobs, flows[0].tools), (1, 3));
}

#[tokio::test]
async fn keeps_projects_apart() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let outcome = store
        .put_flow("globex", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Created);
    assert_eq!(store.list_flows("acme").await.unwrap().len(), 1);
    assert_eq!(store.list_flows("globex").await.unwrap().len(), 1);
    assert!(store.get_flow("initech", "r1").await.unwrap().is_none());
}

#[tokio::test]
async fn gets_a_flow_by_reference_id_or_by_id_with_its_document() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let by_reference = store.get_flow("acme", "r1").await.unwrap().unwrap();
    let by_id = store.get_flow("acme", "f1").await.unwrap().unwrap();

    assert_eq!(by_reference, by_id);
    assert_eq!(by_reference.name, "Billing");
    assert_eq!(
        by_reference.document,
        json!({ "flow": { "_id": "f1", "referenceId": "r1", "name": "Billing" } })
    );
    assert!(store.get_flow("acme", "nope").await.unwrap().is_none());
}

/// The document comes back with its keys in the order they were stored.
#[tokio::test]
async fn keeps_the_key_order_of_a_document() {
    let (_dir, store) = fresh_store().await;
    let mut new = flow("f1", "r1", "Billing");
    new.document = json!({ "zeta": 1, "alpha": 2, "mid": { "b": 1, "a": 2 } });

    store.put_flow("acme", new).await.unwrap();

    let stored = store.get_flow("acme", "r1").await.unwrap().unwrap();
    assert_eq!(
        stored.document.to_string(),
        r#"{"zeta":1,"alpha":2,"mid":{"b":1,"a":2}}"#
    );
}

#[tokio::test]
async fn deletes_a_flow_by_either_id_once() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("f2", "r2", "Support"))
        .await
        .unwrap();

    assert!(store.delete_flow("acme", "r1").await.unwrap());
    assert!(store.delete_flow("acme", "f2").await.unwrap());
    assert!(!store.delete_flow("acme", "r1").await.unwrap());

    assert!(store.list_flows("acme").await.unwrap().is_empty());
}

/// Should one flow's `_id` equal another's `referenceId`, the reference
/// names the latter, for reading and deleting alike.
#[tokio::test]
async fn prefers_a_reference_id_match_when_a_reference_names_two_flows() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("fa", "x", "By reference"))
        .await
        .unwrap();
    store
        .put_flow("acme", flow("x", "rb", "By id"))
        .await
        .unwrap();

    let found = store.get_flow("acme", "x").await.unwrap().unwrap();
    assert_eq!(found.name, "By reference");

    assert!(store.delete_flow("acme", "x").await.unwrap());
    let left = store.list_flows("acme").await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, "By id");
}

#[tokio::test]
async fn marks_a_replaced_flow_as_updated_later() {
    let (_dir, store) = fresh_store().await;
    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();
    let first = store.list_flows("acme").await.unwrap()[0].updated_at;

    store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    let second = store.list_flows("acme").await.unwrap()[0].updated_at;
    assert!(second > first);
}
