//! The binary as a server: `serve` and `demo`, started as real processes.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A server process, killed when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str], data_dir: &std::path::Path) -> (Server, ChildStdout, ChildStderr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_understudy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("UNDERSTUDY_DATA_DIR", data_dir)
        .env("UNDERSTUDY_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    (Server { child }, stdout, stderr)
}

/// Lines of a stream, read on a thread so that a test can wait with a limit.
fn lines(stream: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// The first line that satisfies `wanted`, within 60 seconds.
fn wait_for(lines: &mpsc::Receiver<String>, wanted: impl Fn(&str) -> bool) -> String {
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("the expected line arrives in time");
        if wanted(&line) {
            return line;
        }
    }
}

/// The trace id of a refused request is in the log line of that request.
#[tokio::test]
async fn logs_each_request_with_its_trace_id() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, _stdout, stderr) = start(&["serve", "--bind", "127.0.0.1:0"], dir.path());
    let log = lines(stderr);
    let serving = wait_for(&log, |l| l.contains("serving"));
    let address = serving
        .split("address=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    let response = reqwest::Client::new()
        .post(format!("http://{address}/testing/personas/generate"))
        .header("X-API-Key", "us_nothing_here")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let trace = response.headers()["x-trace-id"]
        .to_str()
        .unwrap()
        .to_owned();

    let line = wait_for(&log, |l| l.contains(&trace));
    assert!(line.contains("status=401"), "{line}");
    assert!(
        !line.contains("us_nothing_here"),
        "a secret was logged: {line}"
    );
}

/// The README's first command: the demo prints a key and a request that
/// works as printed.
#[tokio::test]
async fn the_demo_prints_a_key_and_a_request_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, stdout, _stderr) = start(&["demo", "--bind", "127.0.0.1:0"], dir.path());
    let out = lines(stdout);

    let key = wait_for(&out, |l| l.starts_with("API key"));
    let key = key.rsplit(' ').next().unwrap().to_owned();
    let url = wait_for(&out, |l| l.starts_with("curl"));
    let url = url.split('\'').nth(1).unwrap().to_owned();
    let body = wait_for(&out, |l| l.trim_start().starts_with("-d '"));
    let body = body
        .trim_start()
        .trim_start_matches("-d '")
        .trim_end_matches('\'')
        .replace("'\\''", "'");
    let sent = body.clone();
    wait_for(&out, |l| l.starts_with("Serving on"));

    let response = reqwest::Client::new()
        .post(&url)
        .header("Content-Type", "application/json")
        .header("X-API-Key", &key)
        .body(body.clone())
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    common::openapi::assert_valid("GenerateResponse", &body);
    assert_eq!(body["personaPackages"].as_array().unwrap().len(), 5);
    let asked: Value = serde_json::from_str(&sent).unwrap();
    let tools: Vec<&str> = body["personaPackages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["focus"]["tools"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
        })
        .collect();
    let mission = asked["selectedMissionType"]["name"]
        .as_str()
        .unwrap()
        .to_lowercase();
    assert!(
        tools
            .iter()
            .any(|t| t.split('_').all(|w| mission.contains(w))
                || mission.contains(&t.replace('_', " "))),
        "the demo's mission type `{mission}` fits none of the flow's tools {tools:?}"
    );
}

/// Authenticated requests are logged as JSON with their trace id, and no
/// secret (API key, bearer token, JWT secret) reaches the log.
#[tokio::test]
async fn logs_json_lines_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "a jwt secret that is long enough for hs256";
    let key = {
        let output = Command::new(env!("CARGO_BIN_EXE_understudy"))
            .args(["keys", "create", "--project", "p"])
            .env("UNDERSTUDY_DATA_DIR", dir.path())
            .output()
            .unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .to_owned()
    };
    let (_server, _stdout, stderr) = start(
        &[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--log-json",
            "--jwt-secret",
            secret,
        ],
        dir.path(),
    );
    let log = lines(stderr);
    let serving = wait_for(&log, |l| l.contains("serving"));
    let serving: Value = serde_json::from_str(&serving).expect("a JSON log line");
    let address = serving["address"].as_str().unwrap().to_owned();

    let claims = serde_json::json!({ "sub": "ci", "role": "viewer", "projects": ["p"], "exp": 4_000_000_000u64 });
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap();
    let client = reqwest::Client::new();
    let url = format!("http://{address}/testing/projects/p/flows");
    let by_key = client
        .get(&url)
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    let by_token = client.get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(
        (by_key.status().as_u16(), by_token.status().as_u16()),
        (200, 200)
    );

    let traces: Vec<String> = [by_key, by_token]
        .iter()
        .map(|r| r.headers()["x-trace-id"].to_str().unwrap().to_owned())
        .collect();
    let mut seen = Vec::new();
    while !traces.iter().all(|t| {
        seen.iter()
            .any(|l: &String| l.contains(t.as_str()) && l.contains("request served"))
    }) {
        seen.push(
            log.recv_timeout(Duration::from_secs(60))
                .expect("the log lines arrive"),
        );
    }

    for trace in &traces {
        let line = seen
            .iter()
            .find(|l| l.contains(trace.as_str()) && l.contains("request served"))
            .unwrap();
        let event: Value = serde_json::from_str(line).expect("a JSON log line");
        assert_eq!(event["status"], 200, "{line}");
    }
    for line in &seen {
        for leaked in [key.as_str(), token.as_str(), secret] {
            assert!(!line.contains(leaked), "a secret was logged: {line}");
        }
    }
}
