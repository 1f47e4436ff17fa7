//! Several writers on one file, as a CLI and a server would be: every
//! write lands, none is lost to a locked database.

mod common;

use understudy_store::{PutOutcome, Store};

use common::{flow, generation};

const TASKS: usize = 8;
const WRITES_PER_TASK: usize = 15;

/// Eight tasks, split over two handles on one file, each put flows and
/// record generations; the counts afterwards are exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn loses_no_write_from_concurrent_writers_on_two_handles() {
    let dir = tempfile::tempdir().unwrap();
    let handles = [
        Store::open(dir.path()).await.unwrap(),
        Store::open(dir.path()).await.unwrap(),
    ];

    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let store = handles[task % 2].clone();
        tasks.push(tokio::spawn(async move {
            for n in 0..WRITES_PER_TASK {
                let id = format!("t{task}-n{n}");
                let name = format!("Flow {id}");
                store
                    .put_flow("acme", flow(&id, &format!("ref-{id}"), &name))
                    .await?;
                store
                    .record_generation(&generation(&id, "acme", "r1", n as u32))
                    .await?;
            }
            Ok::<_, understudy_store::StoreError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    let total = TASKS * WRITES_PER_TASK;
    let reader = Store::open(dir.path()).await.unwrap();
    assert_eq!(reader.list_flows("acme").await.unwrap().len(), total);
    let page = reader
        .list_generations("acme", None, 1_000, None)
        .await
        .unwrap();
    assert_eq!(page.generations.len(), total);
}

/// Many writers replacing one flow leave exactly one row: one of them
/// created it and every other replaced it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_puts_of_one_flow_leave_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let handles = [
        Store::open(dir.path()).await.unwrap(),
        Store::open(dir.path()).await.unwrap(),
    ];

    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let store = handles[task % 2].clone();
        tasks.push(tokio::spawn(async move {
            store
                .put_flow("acme", flow("f1", "r1", &format!("Version {task}")))
                .await
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().unwrap());
    }

    let created = outcomes
        .iter()
        .filter(|o| **o == PutOutcome::Created)
        .count();
    assert_eq!(created, 1);
    assert_eq!(handles[0].list_flows("acme").await.unwrap().len(), 1);
}
