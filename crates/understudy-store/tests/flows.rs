//! Flows: stored per project, replaced by `_id` or `referenceId`, found
//! by either.

mod common;

use serde_json::json;
use understudy_store::PutOutcome;

use common::{TestDb, flow, on_both_backends};

on_both_backends!(creates_a_flow_and_its_project_on_first_put);
async fn creates_a_flow_and_its_project_on_first_put(db: TestDb) {
    let store = db.open().await;

    let outcome = store
        .put_flow("acme", flow("f1", "r1", "Billing"))
        .await
        .unwrap();

    assert_eq!(outcome, PutOutcome::Created);
    assert!(store.project_exists("acme").await.unwrap());
}

on_both_backends!(replaces_a_flow_with_the_same_id_and_lists_it_once);
async fn replaces_a_flow_with_the_same_id_and_lists_it_once(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(replaces_a_flow_with_the_same_reference_id_and_lists_it_once);
async fn replaces_a_flow_with_the_same_reference_id_and_lists_it_once(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(replaces_two_flows_that_each_share_one_identity);
/// A flow whose `_id` matches one stored flow and whose `referenceId`
/// matches another replaces both.
async fn replaces_two_flows_that_each_share_one_identity(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(lists_flows_by_name_with_their_counts);
async fn lists_flows_by_name_with_their_counts(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(lists_flows_in_the_byte_order_of_their_names);

/// Names sort byte by byte on both backends, whatever the database's
/// locale: capitals, then `_`, then small letters.
async fn lists_flows_in_the_byte_order_of_their_names(db: TestDb) {
    let store = db.open().await;
    for (n, name) in ["alpha", "_gamma", "Beta", "beta"].into_iter().enumerate() {
        let id = format!("f{n}");
        store
            .put_flow("acme", flow(&id, &format!("r{n}"), name))
            .await
            .unwrap();
    }

    let flows = store.list_flows("acme").await.unwrap();

    let names: Vec<_> = flows.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Beta", "_gamma", "alpha", "beta"]);
}

on_both_backends!(keeps_projects_apart);
async fn keeps_projects_apart(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(gets_a_flow_by_reference_id_or_by_id_with_its_document);
async fn gets_a_flow_by_reference_id_or_by_id_with_its_document(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(keeps_the_key_order_of_a_document);
/// The document comes back with its keys in the order they were stored.
async fn keeps_the_key_order_of_a_document(db: TestDb) {
    let store = db.open().await;
    let mut new = flow("f1", "r1", "Billing");
    new.document = json!({ "zeta": 1, "alpha": 2, "mid": { "b": 1, "a": 2 } });

    store.put_flow("acme", new).await.unwrap();

    let stored = store.get_flow("acme", "r1").await.unwrap().unwrap();
    assert_eq!(
        stored.document.to_string(),
        r#"{"zeta":1,"alpha":2,"mid":{"b":1,"a":2}}"#
    );
}

on_both_backends!(deletes_a_flow_by_either_id_once);
async fn deletes_a_flow_by_either_id_once(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(prefers_a_reference_id_match_when_a_reference_names_two_flows);
/// Should one flow's `_id` equal another's `referenceId`, the reference
/// names the latter, for reading and deleting alike.
async fn prefers_a_reference_id_match_when_a_reference_names_two_flows(db: TestDb) {
    let store = db.open().await;
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

on_both_backends!(marks_a_replaced_flow_as_updated_later);
async fn marks_a_replaced_flow_as_updated_later(db: TestDb) {
    let store = db.open().await;
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
