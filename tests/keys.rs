//! Key management over HTTP: admins create, list and revoke keys, and a
//! revoked key is refused by every server on the database at once.

mod common;

use serde_json::{Value, json};

use understudy_store::Store;

use common::PROJECT;
use common::instances::{seed, serve, state};
use common::openapi::assert_valid;

#[tokio::test]
async fn creates_lists_and_revokes_keys_across_two_servers_on_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let one = serve(state(seeded.store.clone())).await;
    let two = serve(state(Store::open(dir.path()).await.unwrap())).await;
    let client = reqwest::Client::new();
    let keys = |base: &str| format!("{base}/projects/{PROJECT}/keys");

    let created = client
        .post(keys(&one))
        .header("X-API-Key", &seeded.admin)
        .json(&json!({ "role": "editor" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_valid("NewApiKey", &created);
    let secret = created["secret"].as_str().unwrap();
    let flows = format!("{two}/projects/{PROJECT}/flows");
    let works = client
        .get(&flows)
        .header("X-API-Key", secret)
        .send()
        .await
        .unwrap();
    assert_eq!(works.status(), 200);

    let listed: Value = client
        .get(keys(&two))
        .header("X-API-Key", &seeded.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = listed["keys"].as_array().unwrap();
    assert_eq!(listed.len(), 4);
    for key in listed {
        assert_valid("ApiKey", key);
        assert!(key.get("secret").is_none());
    }

    let revoke = format!("{}/{}", keys(&one), created["id"].as_str().unwrap());
    let revoked = client
        .delete(&revoke)
        .header("X-API-Key", &seeded.admin)
        .send()
        .await;
    assert_eq!(revoked.unwrap().status(), 204);
    let refused = client
        .get(&flows)
        .header("X-API-Key", secret)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let again = client
        .delete(&revoke)
        .header("X-API-Key", &seeded.admin)
        .send()
        .await;
    assert_eq!(again.unwrap().status(), 404);
}

#[tokio::test]
async fn lets_only_admins_manage_keys_and_checks_the_role() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    let base = serve(state(seeded.store.clone())).await;
    let client = reqwest::Client::new();
    let keys = format!("{base}/projects/{PROJECT}/keys");

    let by_editor = client
        .get(&keys)
        .header("X-API-Key", &seeded.editor)
        .send()
        .await;
    assert_eq!(by_editor.unwrap().status(), 403);
    let create = |body: Value| {
        client
            .post(&keys)
            .header("X-API-Key", &seeded.admin)
            .json(&body)
            .send()
    };

    let unknown: Value = create(json!({ "role": "owner" }))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (unknown["status"].as_u64(), unknown["field"].as_str()),
        (Some(400), Some("role"))
    );
    let missing: Value = create(json!({})).await.unwrap().json().await.unwrap();
    assert_eq!(missing["code"], "REQUIRED");
    let other = client
        .get(format!("{base}/projects/globex/keys"))
        .header("X-API-Key", &seeded.admin)
        .send()
        .await;
    assert_eq!(other.unwrap().status(), 403);
}
