//! The `understudy` binary, run as a user would run it.

mod common;

use std::process::{Command, Output};

use serde_json::Value;

fn understudy(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_understudy"))
        .args(args)
        .env("UNDERSTUDY_DATA_DIR", data_dir)
        .env_remove("UNDERSTUDY_LOG")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn example(relative: &str) -> String {
    common::example(relative).to_string_lossy().into_owned()
}

#[test]
fn imports_flows_printing_one_tab_separated_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let expected = understudy_flow::import_path(&common::example("exports/travel-desk")).unwrap();

    let output = understudy(
        dir.path(),
        &[
            "flows",
            "import",
            &example("exports/travel-desk"),
            "--project",
            "p",
        ],
    );

    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), expected.len());
    for (line, document) in lines.iter().zip(&expected) {
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns.len(), 4, "{line}");
        assert_eq!(columns[0], document.flow.reference_id);
        assert_eq!(columns[1], document.flow.name);
        let capabilities = understudy_flow::discover(document);
        assert_eq!(columns[2], capabilities.jobs.len().to_string());
        assert_eq!(columns[3], capabilities.tools().count().to_string());
    }

    let listed = stdout(&understudy(
        dir.path(),
        &["flows", "list", "--project", "p"],
    ));
    assert_eq!(listed.lines().count(), expected.len());
}

#[test]
fn shows_a_flow_as_a_tree_with_its_tools_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let imported = stdout(&understudy(
        dir.path(),
        &[
            "flows",
            "import",
            &example("flows/retail-orders.json"),
            "--project",
            "p",
        ],
    ));
    let reference = imported.split('\t').next().unwrap().to_owned();
    let document = understudy_flow::import_path(&common::example("flows/retail-orders.json"))
        .unwrap()
        .remove(0);
    let capabilities = understudy_flow::discover(&document);

    let tree = stdout(&understudy(
        dir.path(),
        &["flows", "show", &reference, "--project", "p"],
    ));

    for tool in capabilities.tools() {
        assert!(
            tree.contains(&tool.tool_id),
            "{} missing from\n{tree}",
            tool.tool_id
        );
    }
    assert!(tree.contains("warnings"));
    assert!(tree.contains("└──"));
}

#[test]
fn creates_a_key_printed_on_the_last_line() {
    let dir = tempfile::tempdir().unwrap();

    let output = stdout(&understudy(
        dir.path(),
        &["keys", "create", "--project", "p", "--role", "viewer"],
    ));

    let secret = output.lines().last().unwrap();
    assert!(secret.starts_with("us_"), "{output}");
    let listed = stdout(&understudy(dir.path(), &["keys", "list", "--project", "p"]));
    assert!(listed.contains("viewer"));
    assert!(!listed.contains(secret));
}

/// A key created by the CLI is accepted at once by a server on the same
/// data directory.
#[tokio::test]
async fn a_key_created_by_the_cli_works_on_a_running_server() {
    let app = common::spawn_app().await;
    app.import_example("flows/banking-support.json").await;

    let output = understudy(
        app.data_dir.path(),
        &["keys", "create", "--project", common::PROJECT],
    );
    let secret = stdout(&output).lines().last().unwrap().to_owned();

    let flows = app
        .client
        .get(format!("{}/projects/{}/flows", app.base, common::PROJECT))
        .header("X-API-Key", &secret)
        .send()
        .await
        .unwrap();
    assert_eq!(flows.status(), 200);
}

fn generate(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec![
        "generate",
        "--mission-type",
        "examples/mission-types/order-problem.json",
        "--persona-type",
        "examples/persona-types/angry.json",
    ];
    all.extend_from_slice(args);
    Command::new(env!("CARGO_BIN_EXE_understudy"))
        .args(&all)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("UNDERSTUDY_DATA_DIR", dir.path())
        .output()
        .expect("the binary runs")
}

#[test]
fn generates_from_files_without_a_server() {
    let args = [
        "--flow",
        "examples/flows/retail-orders.json",
        "-n",
        "7",
        "-c",
        "3",
        "--seed",
        "99",
    ];

    let first = stdout(&generate(&args));
    let second = stdout(&generate(&args));

    let body: Value = serde_json::from_str(&first).unwrap();
    common::openapi::assert_valid("GenerateResponse", &body);
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 7);
    assert_eq!(body["metadata"]["seed"], 99);
    let again: Value = serde_json::from_str(&second).unwrap();
    assert_eq!(body["personaPackages"], again["personaPackages"]);
}

#[test]
fn writes_yaml_and_json_lines() {
    let base = [
        "--flow",
        "examples/flows/retail-orders.json",
        "-n",
        "4",
        "-c",
        "2",
        "--seed",
        "5",
    ];

    let lines = stdout(&generate(&[&base[..], &["--format", "jsonl"]].concat()));
    assert_eq!(lines.lines().count(), 5);
    for line in lines.lines() {
        serde_json::from_str::<Value>(line).expect("every line is JSON");
    }

    let yaml = stdout(&generate(
        &[&base[..], &["--format", "yaml", "--language", "de"]].concat(),
    ));
    let body: Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 4);
    assert_eq!(body["metadata"]["language"], "de");
}

#[test]
fn refuses_an_export_with_several_flows_unless_one_is_chosen() {
    let documents = understudy_flow::import_path(&common::example("exports/travel-desk")).unwrap();
    let args = [
        "--flow",
        "examples/exports/travel-desk",
        "-n",
        "2",
        "-c",
        "2",
    ];

    let output = generate(&args);

    if documents.len() > 1 {
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("--flow-id"));
        let chosen = [
            &args[..],
            &["--flow-id", documents[1].flow.reference_id.as_str()],
        ]
        .concat();
        let body: Value = serde_json::from_str(&stdout(&generate(&chosen))).unwrap();
        assert_eq!(
            body["metadata"]["flowReferenceId"],
            Value::from(documents[1].flow.reference_id.clone())
        );
    } else {
        stdout(&output);
    }
}

#[test]
fn refuses_bad_counts_with_the_field_named() {
    let output = generate(&["--flow", "examples/flows/retail-orders.json", "-n", "0"]);

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("`requestedPackages`"));
}
