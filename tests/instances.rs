//! Several real `understudy` processes on one database: a job survives
//! the instance writing it being killed, a revoked key is refused by
//! every instance at once, and SQLite loses no write under concurrent
//! requests and a CLI import.
//!
//! The PostgreSQL tests run when `UNDERSTUDY_TEST_POSTGRES_URL` is set,
//! each in a schema of its own; without it they say so and pass.

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use understudy_store::Store;

use common::PROJECT;
use common::instances::{PgSchema, Process, seed, wait_for_end};

const PACKAGES: u64 = 500;

/// Settings that make a takeover quick: a lease of 1.5 s, a poll every
/// 100 ms, and a pause between chunks so the job is still running when
/// the test kills its instance.
fn quick_jobs(url: &str, data_dir: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", url.to_owned()),
        ("UNDERSTUDY_DATA_DIR", data_dir.display().to_string()),
        ("UNDERSTUDY_WORKERS", "1".to_owned()),
        ("UNDERSTUDY_JOB_LEASE_MS", "1500".to_owned()),
        ("UNDERSTUDY_JOB_POLL_MS", "100".to_owned()),
        ("UNDERSTUDY_JOB_CHUNK", "10".to_owned()),
        ("UNDERSTUDY_JOB_PAUSE_MS", "40".to_owned()),
    ]
}

async fn get_json(client: &reqwest::Client, url: &str, key: &str) -> Value {
    client
        .get(url)
        .header("X-API-Key", key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The process id inside a worker name (`understudy-<pid>-<random>-w<n>`).
fn pid_of(worker: &str) -> u32 {
    worker.split('-').nth(1).unwrap().parse().unwrap()
}

/// A job of 500 packages on two instances sharing PostgreSQL: the
/// instance holding it is killed with SIGKILL midway, the other takes it
/// over when the lease runs out and finishes it. The result has exactly
/// 500 packages with unique persona names, and the stored indices are
/// exactly 0 to 499, none twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_finishes_a_job_whose_instance_was_killed() {
    let Some(schema) =
        PgSchema::create("another_instance_finishes_a_job_whose_instance_was_killed")
    else {
        return;
    };
    let seeded = seed(Store::open_url(&schema.url()).await.unwrap()).await;
    let dir = tempfile::tempdir().unwrap();
    let env = quick_jobs(&schema.url(), dir.path());
    let mut instances = [Process::serve(&env).await, Process::serve(&env).await];
    let client = reqwest::Client::new();

    let mut body = common::request_for(&seeded.flow, PACKAGES, 2);
    body["seed"] = json!(42);
    let accepted = client
        .post(format!(
            "{}/personas/generate?projectId={PROJECT}",
            instances[0].base
        ))
        .header("X-API-Key", &seeded.editor)
        .header("Prefer", "respond-async")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    let location = accepted.headers()["location"].to_str().unwrap().to_owned();
    let queued_at = Instant::now();

    // Wait until the job is well under way, and see who holds it.
    let job_url = |base: &str| format!("{}{}", base.trim_end_matches("/testing"), location);
    let (holder, written_at_kill) = loop {
        let job = get_json(&client, &job_url(&instances[1].base), &seeded.viewer).await;
        let written = job["progress"]["written"].as_u64().unwrap();
        assert_ne!(
            job["status"], "done",
            "the job ended before it could be interrupted"
        );
        if (100..=400).contains(&written) && job["status"] == "running" {
            break (pid_of(job["worker"].as_str().unwrap()), written);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let killed = instances.iter().position(|p| p.pid() == holder).unwrap();
    instances[killed].kill();
    let killed_at = Instant::now();
    let survivor = &instances[1 - killed];

    let taken_over_at = loop {
        let job = get_json(&client, &job_url(&survivor.base), &seeded.viewer).await;
        if job["attempts"].as_u64().unwrap() >= 2 {
            break Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let job = wait_for_end(
        &client,
        &job_url(&survivor.base),
        &seeded.viewer,
        Duration::from_secs(60),
    )
    .await;
    let done_at = Instant::now();
    eprintln!(
        "killed the holder at {written_at_kill} packages, {:.2} s after queueing; \
         the survivor took the job over {:.2} s after the kill and finished it \
         {:.2} s after the kill ({:.2} s in all)",
        (killed_at - queued_at).as_secs_f64(),
        (taken_over_at - killed_at).as_secs_f64(),
        (done_at - killed_at).as_secs_f64(),
        (done_at - queued_at).as_secs_f64(),
    );

    assert_eq!(job["status"], "done", "{job}");
    assert_eq!(job["progress"]["written"], PACKAGES);
    assert!(job["attempts"].as_u64().unwrap() >= 2);
    let packages = job["result"]["personaPackages"].as_array().unwrap();
    assert_eq!(packages.len() as u64, PACKAGES);
    let names: BTreeSet<&str> = packages
        .iter()
        .map(|p| p["personaName"].as_str().unwrap())
        .collect();
    assert_eq!(names.len() as u64, PACKAGES);
    assert_eq!(job["result"]["metadata"]["seed"], 42);

    let id = job["id"].as_str().unwrap();
    let indices = schema.query(&format!(
        "SELECT package_index FROM job_packages WHERE job_id = '{id}' ORDER BY package_index"
    ));
    let expected: Vec<String> = (0..PACKAGES).map(|i| i.to_string()).collect();
    assert_eq!(indices, expected);

    let record = get_json(
        &client,
        &format!(
            "{}/personas/generations/{id}?projectId={PROJECT}",
            survivor.base
        ),
        &seeded.viewer,
    )
    .await;
    assert_eq!(record["response"], job["result"]);
}

/// A key made by an admin through one instance works on the other, and
/// once revoked through the first is refused by the second on its very
/// next request: no instance caches keys.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_revoked_on_one_instance_is_refused_by_another_at_once() {
    let Some(schema) =
        PgSchema::create("a_key_revoked_on_one_instance_is_refused_by_another_at_once")
    else {
        return;
    };
    let seeded = seed(Store::open_url(&schema.url()).await.unwrap()).await;
    let dir = tempfile::tempdir().unwrap();
    let env = quick_jobs(&schema.url(), dir.path());
    let (one, two) = (Process::serve(&env).await, Process::serve(&env).await);
    let client = reqwest::Client::new();
    let flows = |base: &str| format!("{base}/projects/{PROJECT}/flows");

    let created: Value = client
        .post(format!("{}/projects/{PROJECT}/keys", one.base))
        .header("X-API-Key", &seeded.admin)
        .json(&json!({ "role": "viewer" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap();
    let on_two = client.get(flows(&two.base)).header("X-API-Key", secret);
    assert_eq!(on_two.send().await.unwrap().status(), 200);

    let revoked = client
        .delete(format!(
            "{}/projects/{PROJECT}/keys/{}",
            one.base,
            created["id"].as_str().unwrap()
        ))
        .header("X-API-Key", &seeded.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);

    let on_two = client.get(flows(&two.base)).header("X-API-Key", secret);
    assert_eq!(on_two.send().await.unwrap().status(), 401);
}

/// Twenty generate requests at once through one server on SQLite, while
/// the CLI imports a flow into the same data directory: every request is
/// answered and recorded, and the import lands.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_loses_no_write_under_concurrent_requests_and_a_cli_import() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(Store::open(dir.path()).await.unwrap()).await;
    seeded.store.close().await;
    let server = Process::serve(&[
        ("UNDERSTUDY_DATA_DIR", dir.path().display().to_string()),
        ("DATABASE_URL", String::new()),
    ])
    .await;
    let client = reqwest::Client::new();

    let mut requests = Vec::new();
    for n in 0..20 {
        let client = client.clone();
        let url = format!("{}/personas/generate?projectId={PROJECT}", server.base);
        let key = seeded.editor.clone();
        let mut body = common::request_for(&seeded.flow, 3, 2);
        body["seed"] = json!(n);
        requests.push(tokio::spawn(async move {
            let response = client.post(url).header("X-API-Key", key).json(&body).send();
            response.await.unwrap().status().as_u16()
        }));
    }
    let data_dir = dir.path().to_owned();
    let import = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_understudy"))
            .args(["flows", "import", "--project", PROJECT])
            .arg(common::example("flows/retail-orders.json"))
            .env("UNDERSTUDY_DATA_DIR", data_dir)
            .env("DATABASE_URL", "")
            .output()
            .unwrap()
    });

    let mut statuses = Vec::new();
    for request in requests {
        statuses.push(request.await.unwrap());
    }
    let import = import.await.unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert_eq!(statuses, vec![200; 20]);

    let page = get_json(
        &client,
        &format!(
            "{}/personas/generations?projectId={PROJECT}&limit=100",
            server.base
        ),
        &seeded.viewer,
    )
    .await;
    assert_eq!(page["generations"].as_array().unwrap().len(), 20);
    assert_eq!(page["next"], Value::Null);
    let flows = get_json(
        &client,
        &format!("{}/projects/{PROJECT}/flows", server.base),
        &seeded.viewer,
    )
    .await;
    assert_eq!(flows["flows"].as_array().unwrap().len(), 2);
}
