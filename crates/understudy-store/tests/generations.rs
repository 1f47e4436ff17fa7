//! Generation records: kept whole, found by request id, listed newest
//! first a page at a time.

mod common;

use serde_json::json;
use understudy_store::{GenerationCursor, StoreError};

use common::{TestDb, at, generation, on_both_backends};

on_both_backends!(reads_back_a_recorded_generation_whole);
async fn reads_back_a_recorded_generation_whole(db: TestDb) {
    let store = db.open().await;
    let mut record = generation("req-1", "acme", "r1", 0);
    record.status = 422;
    record.response = json!({ "error": "bad", "code": "INVALID" });
    record.created_at += chrono::Duration::nanoseconds(123_456_789);

    store.record_generation(&record).await.unwrap();

    let stored = store.get_generation("acme", "req-1").await.unwrap();
    assert_eq!(stored, Some(record));
}

on_both_backends!(finds_a_generation_only_in_its_own_project);
async fn finds_a_generation_only_in_its_own_project(db: TestDb) {
    let store = db.open().await;
    store
        .record_generation(&generation("req-1", "acme", "r1", 0))
        .await
        .unwrap();

    assert!(
        store
            .get_generation("globex", "req-1")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .get_generation("acme", "req-2")
            .await
            .unwrap()
            .is_none()
    );
}

on_both_backends!(records_a_generation_for_a_project_that_does_not_exist);
/// Recording does not need the project to exist: a request for a missing
/// project is recorded too, and does not create it.
async fn records_a_generation_for_a_project_that_does_not_exist(db: TestDb) {
    let store = db.open().await;

    store
        .record_generation(&generation("req-1", "ghost", "r1", 0))
        .await
        .unwrap();

    assert!(!store.project_exists("ghost").await.unwrap());
    assert!(
        store
            .get_generation("ghost", "req-1")
            .await
            .unwrap()
            .is_some()
    );
}

on_both_backends!(refuses_a_second_record_with_the_same_request_id);
async fn refuses_a_second_record_with_the_same_request_id(db: TestDb) {
    let store = db.open().await;
    store
        .record_generation(&generation("req-1", "acme", "r1", 0))
        .await
        .unwrap();

    let err = store
        .record_generation(&generation("req-1", "acme", "r2", 5))
        .await
        .unwrap_err();

    assert!(matches!(err, StoreError::Conflict { what: "generation", ref id } if id == "req-1"));
}

on_both_backends!(lists_generations_newest_first_a_page_at_a_time);
async fn lists_generations_newest_first_a_page_at_a_time(db: TestDb) {
    let store = db.open().await;
    for (i, second) in [3, 1, 4, 5, 9].into_iter().enumerate() {
        let record = generation(&format!("req-{i}"), "acme", "r1", second);
        store.record_generation(&record).await.unwrap();
    }

    let first = store.list_generations("acme", None, 2, None).await.unwrap();
    let second = store
        .list_generations("acme", None, 2, first.next.as_ref())
        .await
        .unwrap();
    let third = store
        .list_generations("acme", None, 2, second.next.as_ref())
        .await
        .unwrap();

    let ids = |page: &understudy_store::GenerationPage| {
        page.generations
            .iter()
            .map(|g| g.request_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&first), ["req-4", "req-3"]);
    assert_eq!(ids(&second), ["req-2", "req-0"]);
    assert_eq!(ids(&third), ["req-1"]);
    assert_eq!(third.next, None);
}

on_both_backends!(pages_through_records_made_at_the_same_instant);
/// Records made in the same instant are all listed, each exactly once.
async fn pages_through_records_made_at_the_same_instant(db: TestDb) {
    let store = db.open().await;
    for name in ["a", "b", "c", "d", "e"] {
        store
            .record_generation(&generation(name, "acme", "r1", 7))
            .await
            .unwrap();
    }

    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = store
            .list_generations("acme", None, 2, before.as_ref())
            .await
            .unwrap();
        seen.extend(page.generations.into_iter().map(|g| g.request_id));
        match page.next {
            Some(next) => before = Some(next),
            None => break,
        }
    }

    assert_eq!(seen, ["e", "d", "c", "b", "a"]);
}

on_both_backends!(filters_generations_by_flow_and_project);
async fn filters_generations_by_flow_and_project(db: TestDb) {
    let store = db.open().await;
    store
        .record_generation(&generation("req-1", "acme", "r1", 1))
        .await
        .unwrap();
    store
        .record_generation(&generation("req-2", "acme", "r2", 2))
        .await
        .unwrap();
    store
        .record_generation(&generation("req-3", "acme", "r1", 3))
        .await
        .unwrap();
    store
        .record_generation(&generation("req-4", "globex", "r1", 4))
        .await
        .unwrap();

    let page = store
        .list_generations("acme", Some("r1"), 10, None)
        .await
        .unwrap();

    let ids: Vec<_> = page
        .generations
        .iter()
        .map(|g| g.request_id.as_str())
        .collect();
    assert_eq!(ids, ["req-3", "req-1"]);
    assert_eq!(page.next, None);
}

on_both_backends!(lists_one_generation_when_asked_for_zero);
async fn lists_one_generation_when_asked_for_zero(db: TestDb) {
    let store = db.open().await;
    store
        .record_generation(&generation("req-1", "acme", "r1", 1))
        .await
        .unwrap();
    store
        .record_generation(&generation("req-2", "acme", "r1", 2))
        .await
        .unwrap();

    let page = store.list_generations("acme", None, 0, None).await.unwrap();

    assert_eq!(page.generations.len(), 1);
    assert_eq!(page.next, Some(page.generations[0].cursor()));
}

#[test]
fn writes_a_cursor_as_a_token_that_reads_back() {
    let cursor = GenerationCursor {
        created_at: at(30),
        request_id: "req_with_underscores".to_owned(),
    };

    let token = cursor.to_string();

    assert_eq!(token, "2025-06-01T12:00:30.000000000Z_req_with_underscores");
    assert_eq!(token.parse::<GenerationCursor>(), Ok(cursor));
    assert!("not-a-cursor".parse::<GenerationCursor>().is_err());
    assert!("yesterday_req-1".parse::<GenerationCursor>().is_err());
}
