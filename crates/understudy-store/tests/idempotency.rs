//! Idempotency keys: one request takes a key, retries find what took it.

mod common;

use understudy_store::{IdempotencyClaim, Store};

use common::{TestDb, on_both_backends};

on_both_backends!(gives_a_key_to_the_first_request_and_tells_the_second_who_holds_it);
async fn gives_a_key_to_the_first_request_and_tells_the_second_who_holds_it(db: TestDb) {
    let store = db.open().await;

    let first = store
        .claim_idempotency_key("acme", "k-1", "hash-a", "req-1")
        .await
        .unwrap();
    let second = store
        .claim_idempotency_key("acme", "k-1", "hash-b", "req-2")
        .await
        .unwrap();

    assert_eq!(first, IdempotencyClaim::Taken);
    let IdempotencyClaim::Held(held) = second else {
        panic!("the key was taken twice");
    };
    assert_eq!(held.request_hash, "hash-a");
    assert_eq!(held.request_id, "req-1");
}

on_both_backends!(scopes_keys_to_their_project);
async fn scopes_keys_to_their_project(db: TestDb) {
    let store = db.open().await;

    let acme = store
        .claim_idempotency_key("acme", "k-1", "h", "req-1")
        .await
        .unwrap();
    let globex = store
        .claim_idempotency_key("globex", "k-1", "h", "req-2")
        .await
        .unwrap();

    assert_eq!(acme, IdempotencyClaim::Taken);
    assert_eq!(globex, IdempotencyClaim::Taken);
}

on_both_backends!(releases_a_key_only_for_the_request_holding_it);
async fn releases_a_key_only_for_the_request_holding_it(db: TestDb) {
    let store = db.open().await;
    store
        .claim_idempotency_key("acme", "k-1", "h", "req-1")
        .await
        .unwrap();

    assert!(
        !store
            .release_idempotency_key("acme", "k-1", "req-2")
            .await
            .unwrap()
    );
    assert!(
        store
            .release_idempotency_key("acme", "k-1", "req-1")
            .await
            .unwrap()
    );

    let again = store
        .claim_idempotency_key("acme", "k-1", "h", "req-3")
        .await
        .unwrap();
    assert_eq!(again, IdempotencyClaim::Taken);
}

on_both_backends!(multi_thread: lets_exactly_one_of_many_concurrent_requests_take_a_key);
/// Sixteen requests on two handles race for one key; one takes it and
/// the other fifteen are told it is held by that one.
async fn lets_exactly_one_of_many_concurrent_requests_take_a_key(db: TestDb) {
    let handles: [Store; 2] = [db.open().await, db.open().await];

    let mut tasks = Vec::new();
    for n in 0..16 {
        let store = handles[n % 2].clone();
        tasks.push(tokio::spawn(async move {
            let request = format!("req-{n}");
            let claim = store
                .claim_idempotency_key("acme", "k-1", "h", &request)
                .await
                .unwrap();
            (request, claim)
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    let winners: Vec<&String> = outcomes
        .iter()
        .filter(|(_, claim)| *claim == IdempotencyClaim::Taken)
        .map(|(request, _)| request)
        .collect();
    assert_eq!(winners.len(), 1);
    for (_, claim) in &outcomes {
        if let IdempotencyClaim::Held(held) = claim {
            assert_eq!(&held.request_id, winners[0]);
        }
    }
}
