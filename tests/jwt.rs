//! Bearer tokens: every way a token is accepted or refused.

mod common;

use std::path::PathBuf;

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode, get_current_timestamp};
use serde_json::{Value, json};

use common::{PROJECT, TestApp, spawn_app, spawn_app_with_jwt};
use understudy::jwt::JwtConfig;

const SECRET: &str = "a shared secret of at least thirty-two bytes";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
}

fn claims(role: &str, projects: Value) -> Value {
    json!({
        "sub": "qa-lead",
        "role": role,
        "projects": projects,
        "exp": get_current_timestamp() + 600,
    })
}

fn sign(algorithm: Algorithm, key: &EncodingKey, claims: &Value) -> String {
    encode(&Header::new(algorithm), claims, key).expect("the token signs")
}

fn hs256(claims: &Value) -> String {
    sign(
        Algorithm::HS256,
        &EncodingKey::from_secret(SECRET.as_bytes()).unwrap(),
        claims,
    )
}

fn rsa(file: &str) -> EncodingKey {
    EncodingKey::from_rsa_pem(&std::fs::read(fixture(file)).unwrap()).unwrap()
}

fn hs256_config() -> JwtConfig {
    JwtConfig {
        hs256_secret: Some(SECRET.to_owned()),
        leeway_secs: 30,
        ..JwtConfig::default()
    }
}

/// Lists the project's flows with a bearer token; returns the status.
async fn list_flows(app: &TestApp, token: &str) -> u16 {
    app.client
        .get(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn accepts_an_hs256_token_for_the_project() {
    let app = spawn_app_with_jwt(hs256_config()).await;
    assert_eq!(
        list_flows(&app, &hs256(&claims("viewer", json!([PROJECT])))).await,
        200
    );
    assert_eq!(
        list_flows(&app, &hs256(&claims("viewer", json!("*")))).await,
        200
    );
}

#[tokio::test]
async fn refuses_alg_none() {
    let app = spawn_app_with_jwt(hs256_config()).await;
    let encode = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let token = format!(
        "{}.{}.",
        encode(&json!({ "alg": "none", "typ": "JWT" })),
        encode(&claims("admin", json!("*")))
    );

    assert_eq!(list_flows(&app, &token).await, 401);
}

#[tokio::test]
async fn refuses_an_algorithm_the_key_does_not_verify() {
    let app = spawn_app_with_jwt(hs256_config()).await;
    let token = sign(
        Algorithm::RS256,
        &rsa("rsa-private.pem"),
        &claims("admin", json!("*")),
    );

    assert_eq!(list_flows(&app, &token).await, 401);
}

/// The classic confusion: an HS256 token "signed" with the RSA public key.
#[tokio::test]
async fn refuses_an_hs256_token_signed_with_the_public_key() {
    let app = spawn_app_with_jwt(JwtConfig {
        public_key: Some(fixture("rsa-public.pem")),
        ..JwtConfig::default()
    })
    .await;
    let public = std::fs::read(fixture("rsa-public.pem")).unwrap();
    let token = sign(
        Algorithm::HS256,
        &EncodingKey::from_secret(&public).unwrap(),
        &claims("admin", json!("*")),
    );

    assert_eq!(list_flows(&app, &token).await, 401);
}

#[tokio::test]
async fn accepts_rs256_with_the_right_key_and_refuses_the_wrong_key() {
    let app = spawn_app_with_jwt(JwtConfig {
        public_key: Some(fixture("rsa-public.pem")),
        ..JwtConfig::default()
    })
    .await;
    let good = sign(
        Algorithm::RS256,
        &rsa("rsa-private.pem"),
        &claims("editor", json!([PROJECT])),
    );
    let forged = sign(
        Algorithm::RS256,
        &rsa("other-rsa-private.pem"),
        &claims("editor", json!([PROJECT])),
    );

    assert_eq!(list_flows(&app, &good).await, 200);
    assert_eq!(list_flows(&app, &forged).await, 401);
}

#[tokio::test]
async fn accepts_es256_with_a_pem_public_key() {
    let app = spawn_app_with_jwt(JwtConfig {
        public_key: Some(fixture("ec-public.pem")),
        ..JwtConfig::default()
    })
    .await;
    let key = EncodingKey::from_ec_pem(&std::fs::read(fixture("ec-private.pem")).unwrap()).unwrap();
    let token = sign(Algorithm::ES256, &key, &claims("viewer", json!([PROJECT])));

    assert_eq!(list_flows(&app, &token).await, 200);
}

#[tokio::test]
async fn accepts_a_key_from_a_local_jwks_by_its_kid() {
    let app = spawn_app_with_jwt(JwtConfig {
        jwks: Some(fixture("jwks.json")),
        ..JwtConfig::default()
    })
    .await;
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("signing-2026".to_owned());
    let token = encode(
        &header,
        &claims("viewer", json!([PROJECT])),
        &rsa("rsa-private.pem"),
    )
    .unwrap();

    assert_eq!(list_flows(&app, &token).await, 200);
}

#[tokio::test]
async fn checks_expiry_and_not_before_with_the_leeway() {
    let app = spawn_app_with_jwt(hs256_config()).await;
    let now = get_current_timestamp();
    let at = |exp: u64, nbf: u64| {
        let mut c = claims("viewer", json!([PROJECT]));
        c["exp"] = json!(exp);
        c["nbf"] = json!(nbf);
        hs256(&c)
    };

    assert_eq!(
        list_flows(&app, &at(now - 120, now - 600)).await,
        401,
        "expired"
    );
    assert_eq!(
        list_flows(&app, &at(now - 10, now - 600)).await,
        200,
        "within the leeway"
    );
    assert_eq!(
        list_flows(&app, &at(now + 600, now + 300)).await,
        401,
        "not yet valid"
    );

    let mut endless = claims("viewer", json!([PROJECT]));
    endless.as_object_mut().unwrap().remove("exp");
    assert_eq!(list_flows(&app, &hs256(&endless)).await, 401, "no exp");
}

#[tokio::test]
async fn checks_issuer_and_audience_when_configured() {
    let app = spawn_app_with_jwt(JwtConfig {
        issuer: Some("https://id.example.org".to_owned()),
        audience: Some("understudy".to_owned()),
        ..hs256_config()
    })
    .await;
    let with = |iss: &str, aud: &str| {
        let mut c = claims("viewer", json!([PROJECT]));
        c["iss"] = json!(iss);
        c["aud"] = json!(aud);
        hs256(&c)
    };

    assert_eq!(
        list_flows(&app, &with("https://id.example.org", "understudy")).await,
        200
    );
    assert_eq!(
        list_flows(&app, &with("https://evil.example.org", "understudy")).await,
        401
    );
    assert_eq!(
        list_flows(&app, &with("https://id.example.org", "billing")).await,
        401
    );
}

#[tokio::test]
async fn refuses_malformed_authorization_headers() {
    let app = spawn_app_with_jwt(hs256_config()).await;

    for header in [
        "Bearer not-a-token",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer a.b.c",
    ] {
        let status = app
            .client
            .get(format!("{}/projects/{PROJECT}/flows", app.base))
            .header("Authorization", header)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 401, "{header}");
    }
}

#[tokio::test]
async fn forbids_another_project_and_too_weak_a_role() {
    let app = spawn_app_with_jwt(hs256_config()).await;
    let flow = app.import_example("flows/banking-support.json").await["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let request = common::request_for(&flow, 2, 2);
    let post = |token: String| {
        app.client
            .post(format!(
                "{}/personas/generate?projectId={PROJECT}",
                app.base
            ))
            .header("Authorization", format!("Bearer {token}"))
            .json(&request)
            .send()
    };

    let other = post(hs256(&claims("admin", json!(["other"]))))
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
    let viewer = post(hs256(&claims("viewer", json!([PROJECT]))))
        .await
        .unwrap();
    assert_eq!(viewer.status(), 403);
    let unknown_role = post(hs256(&claims("owner", json!([PROJECT]))))
        .await
        .unwrap();
    assert_eq!(unknown_role.status(), 401);
    let editor = post(hs256(&claims("editor", json!([PROJECT]))))
        .await
        .unwrap();
    assert_eq!(editor.status(), 200);
}

#[tokio::test]
async fn refuses_bearer_tokens_when_no_key_is_configured() {
    let app = spawn_app().await;
    assert_eq!(
        list_flows(&app, &hs256(&claims("admin", json!("*")))).await,
        401
    );
}

#[test]
fn refuses_a_short_hs256_secret() {
    let config = JwtConfig {
        hs256_secret: Some("short".to_owned()),
        ..JwtConfig::default()
    };
    assert!(understudy::jwt::JwtVerifier::load(config).is_err());
}
