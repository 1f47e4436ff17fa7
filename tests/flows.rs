//! `/testing/projects/{projectId}/flows` over real HTTP.

mod common;

use std::io::Write;

use serde_json::Value;

use common::openapi::assert_valid_in;
use common::{PROJECT, spawn_app};
use understudy_store::Role;

fn import_response_pointer() -> &'static str {
    "#/paths/~1projects~1%7BprojectId%7D~1flows/put/responses/200/content/application~1json/schema"
}

/// The export folder of the examples, zipped in memory.
fn zipped_export() -> Vec<u8> {
    let root = common::example("exports/travel-desk");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();

    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            zip.start_file(name, options).unwrap();
            zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

#[tokio::test]
async fn imports_a_flow_document_and_replaces_it_the_second_time() {
    let app = spawn_app().await;

    let first = app.import_example("flows/banking-support.json").await;
    let second = app.import_example("flows/banking-support.json").await;

    let document = understudy::api::openapi_document();
    assert_valid_in(document, import_response_pointer(), &first);
    assert_eq!(first["flows"].as_array().unwrap().len(), 1);
    assert_eq!(first["flows"][0]["replaced"], false);
    assert_eq!(second["flows"][0]["replaced"], true);
    assert!(first["flows"][0]["tools"].as_u64().unwrap() >= 3);

    let list: Value = app
        .client
        .get(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list_pointer = "#/paths/~1projects~1%7BprojectId%7D~1flows/get/responses/200/content/application~1json/schema";
    assert_valid_in(document, list_pointer, &list);
    assert_eq!(
        list["flows"][0]["referenceId"],
        first["flows"][0]["referenceId"]
    );
    assert_eq!(list["flows"][0]["_id"], first["flows"][0]["_id"]);
    assert_eq!(list["flows"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn imports_every_flow_of_a_zipped_export() {
    let app = spawn_app().await;
    let expected = understudy_flow::import_path(&common::example("exports/travel-desk")).unwrap();

    let response = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .header("Content-Type", "application/zip")
        .body(zipped_export())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();

    let references: Vec<&str> = body["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["referenceId"].as_str().unwrap())
        .collect();
    let wanted: Vec<&str> = expected
        .iter()
        .map(|d| d.flow.reference_id.as_str())
        .collect();
    assert_eq!(references, wanted);
}

#[tokio::test]
async fn shows_a_flow_by_either_id_and_deletes_it() {
    let app = spawn_app().await;
    let imported = app.import_example("flows/banking-support.json").await;
    let reference = imported["flows"][0]["referenceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = imported["flows"][0]["_id"].as_str().unwrap().to_owned();
    let url = |r: &str| format!("{}/projects/{PROJECT}/flows/{r}", app.base);

    for by in [&reference, &id] {
        let shown: Value = app
            .client
            .get(url(by))
            .header("X-API-Key", &app.editor_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(shown["referenceId"], Value::from(reference.clone()));
        assert!(!shown["capabilities"]["jobs"].as_array().unwrap().is_empty());
    }

    let deleted = app
        .client
        .delete(url(&id))
        .header("X-API-Key", &app.editor_key)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let gone = app
        .client
        .get(url(&reference))
        .header("X-API-Key", &app.editor_key)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(gone.headers()["content-type"], "application/problem+json");
}

/// The problem an editor's import of `body`, sent as `content_type`, is
/// refused with: a 400 on the body with `INVALID_FLOW`.
async fn refused_import(content_type: &str, body: &'static str) -> Value {
    let app = spawn_app().await;
    let response = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &app.editor_key)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["field"], "body");
    assert_eq!(problem["code"], "INVALID_FLOW");
    problem
}

#[tokio::test]
async fn refuses_a_body_that_holds_no_flow() {
    refused_import("application/json", "{\"hello\": 1}").await;
}

/// A body declared a zip that is not one was refused as "not valid JSON".
#[tokio::test]
async fn says_a_body_declared_a_zip_is_not_one() {
    let problem = refused_import("application/zip", "{\"flow\": {}}").await;

    assert_eq!(
        problem["detail"],
        "the body is sent as application/zip but is not a zip archive"
    );
}

#[tokio::test]
async fn a_viewer_may_list_but_not_import() {
    let app = spawn_app().await;
    let viewer = app
        .store
        .create_key(PROJECT, Role::Viewer)
        .await
        .unwrap()
        .secret;

    let listed = app
        .client
        .get(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &viewer)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);

    let imported = app
        .client
        .put(format!("{}/projects/{PROJECT}/flows", app.base))
        .header("X-API-Key", &viewer)
        .body(std::fs::read(common::example("flows/banking-support.json")).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 403);
}
