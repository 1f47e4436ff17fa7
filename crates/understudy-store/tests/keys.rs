//! API keys: created with a secret shown once, authenticated by hash,
//! listed without secrets, revoked.

mod common;

use understudy_store::{KeyPrincipal, Role, UnknownRole};

use common::{TestDb, on_both_backends};

on_both_backends!(authenticates_a_created_key_as_its_project_and_role);
async fn authenticates_a_created_key_as_its_project_and_role(db: TestDb) {
    let store = db.open().await;

    let key = store.create_key("acme", Role::Admin).await.unwrap();

    let principal = store.authenticate_key(&key.secret).await.unwrap();
    let expected = KeyPrincipal {
        key_id: key.id.clone(),
        project: "acme".to_owned(),
        role: Role::Admin,
    };
    assert_eq!(principal, Some(expected));
    assert!(key.secret.starts_with(&format!("us_{}_", key.id)));
}

on_both_backends!(creates_the_project_of_a_new_key);
async fn creates_the_project_of_a_new_key(db: TestDb) {
    let store = db.open().await;

    store.create_key("acme", Role::Viewer).await.unwrap();

    assert!(store.project_exists("acme").await.unwrap());
}

on_both_backends!(refuses_a_wrong_secret_with_the_right_key_id);
/// The id finds the row, but the rest of the secret must match too.
async fn refuses_a_wrong_secret_with_the_right_key_id(db: TestDb) {
    let store = db.open().await;
    let key = store.create_key("acme", Role::Editor).await.unwrap();

    let forged = format!("us_{}_{}", key.id, "0".repeat(64));

    assert_ne!(forged, key.secret);
    assert_eq!(store.authenticate_key(&forged).await.unwrap(), None);
}

on_both_backends!(refuses_malformed_and_unknown_secrets);
async fn refuses_malformed_and_unknown_secrets(db: TestDb) {
    let store = db.open().await;
    let key = store.create_key("acme", Role::Editor).await.unwrap();

    let truncated = &key.secret[..key.secret.len() - 1];
    let unknown = format!("us_ffffffffffff_{}", "a".repeat(64));

    for secret in ["", "us_", "Bearer token", truncated, &unknown] {
        assert_eq!(
            store.authenticate_key(secret).await.unwrap(),
            None,
            "{secret:?}"
        );
    }
}

on_both_backends!(refuses_a_revoked_key_and_revokes_only_once);
async fn refuses_a_revoked_key_and_revokes_only_once(db: TestDb) {
    let store = db.open().await;
    let key = store.create_key("acme", Role::Editor).await.unwrap();

    assert!(store.revoke_key("acme", &key.id).await.unwrap());
    assert!(!store.revoke_key("acme", &key.id).await.unwrap());

    assert_eq!(store.authenticate_key(&key.secret).await.unwrap(), None);
}

on_both_backends!(does_not_revoke_a_key_of_another_project);
/// A key can only be revoked through its own project.
async fn does_not_revoke_a_key_of_another_project(db: TestDb) {
    let store = db.open().await;
    let key = store.create_key("acme", Role::Editor).await.unwrap();

    assert!(!store.revoke_key("globex", &key.id).await.unwrap());

    assert!(store.authenticate_key(&key.secret).await.unwrap().is_some());
}

on_both_backends!(lists_the_keys_of_a_project_without_secrets);
async fn lists_the_keys_of_a_project_without_secrets(db: TestDb) {
    let store = db.open().await;
    let viewer = store.create_key("acme", Role::Viewer).await.unwrap();
    let admin = store.create_key("acme", Role::Admin).await.unwrap();
    store.create_key("globex", Role::Editor).await.unwrap();
    store.revoke_key("acme", &viewer.id).await.unwrap();

    let keys = store.list_keys("acme").await.unwrap();

    let listed: Vec<_> = keys.iter().map(|k| (k.id.as_str(), k.role)).collect();
    assert_eq!(
        listed,
        [
            (viewer.id.as_str(), Role::Viewer),
            (admin.id.as_str(), Role::Admin)
        ]
    );
    assert!(keys[0].revoked_at.is_some());
    assert!(keys[1].revoked_at.is_none());
    assert!(keys[0].revoked_at.unwrap() >= keys[0].created_at);
}

on_both_backends!(gives_every_key_its_own_id_and_secret);
async fn gives_every_key_its_own_id_and_secret(db: TestDb) {
    let store = db.open().await;

    let first = store.create_key("acme", Role::Viewer).await.unwrap();
    let second = store.create_key("acme", Role::Viewer).await.unwrap();

    assert_ne!(first.id, second.id);
    assert_ne!(first.secret, second.secret);
}

#[test]
fn never_shows_a_secret_in_debug_output() {
    let key = understudy_store::NewKey {
        id: "0123456789ab".to_owned(),
        secret: "us_0123456789ab_topsecret".to_owned(),
    };

    let shown = format!("{key:?}");

    assert!(shown.contains("0123456789ab"));
    assert!(!shown.contains("topsecret"));
}

#[test]
fn orders_roles_viewer_then_editor_then_admin() {
    assert!(Role::Viewer < Role::Editor);
    assert!(Role::Editor < Role::Admin);
    assert!(Role::Admin >= Role::Editor);

    let mut roles = vec![Role::Admin, Role::Viewer, Role::Editor];
    roles.sort();
    assert_eq!(roles, [Role::Viewer, Role::Editor, Role::Admin]);
}

#[test]
fn reads_and_writes_roles_by_their_lowercase_names() {
    for role in [Role::Viewer, Role::Editor, Role::Admin] {
        assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        assert_eq!(role.to_string(), role.as_str());
    }

    assert_eq!("editor".parse::<Role>(), Ok(Role::Editor));
    assert_eq!(
        "Admin".parse::<Role>(),
        Err(UnknownRole("Admin".to_owned()))
    );
    assert_eq!(
        "owner".parse::<Role>(),
        Err(UnknownRole("owner".to_owned()))
    );
}

on_both_backends!(stores_a_hash_of_the_secret_and_never_the_secret);

/// Only the key id and a SHA-256 of the secret reach the database.
async fn stores_a_hash_of_the_secret_and_never_the_secret(db: TestDb) {
    use sha2::{Digest, Sha256};

    let store = db.open().await;
    let key = store.create_key("acme", Role::Editor).await.unwrap();

    let rows = db
        .text_columns("SELECT id, secret_hash FROM api_keys")
        .await;
    let everything = db.text_columns("SELECT * FROM api_keys").await;

    let expected: String = Sha256::digest(key.secret.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(rows, [[Some(key.id.clone()), Some(expected)]]);
    assert_eq!(everything.len(), 1);
    let random_part = &key.secret[16..];
    for value in everything[0].iter().flatten() {
        assert!(!value.contains(random_part), "{value}");
    }
}
