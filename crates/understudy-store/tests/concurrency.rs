//! Several writers on one database, as a CLI and a server, or several
//! instances, would be: every write lands, none is lost to a locked
//! database or a race.

mod common;

use understudy_store::{PutOutcome, Role, Store, StoreError};

use common::{TestDb, flow, generation, on_both_backends};

const TASKS: usize = 8;
const WRITES_PER_TASK: usize = 15;

/// Two handles on one database, as two processes or instances would hold.
async fn two_handles(db: &TestDb) -> [Store; 2] {
    [db.open().await, db.open().await]
}

on_both_backends!(multi_thread: loses_no_write_from_concurrent_writers_on_two_handles);

/// Eight tasks, split over two handles, each put flows and record
/// generations; the counts afterwards are exact.
async fn loses_no_write_from_concurrent_writers_on_two_handles(db: TestDb) {
    let handles = two_handles(&db).await;

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
            Ok::<_, StoreError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    let total = TASKS * WRITES_PER_TASK;
    let reader = db.open().await;
    assert_eq!(reader.list_flows("acme").await.unwrap().len(), total);
    let page = reader
        .list_generations("acme", None, 1_000, None)
        .await
        .unwrap();
    assert_eq!(page.generations.len(), total);
}

on_both_backends!(multi_thread: concurrent_puts_of_one_flow_leave_one_row);

/// Many writers replacing one flow leave exactly one row: one of them
/// created it and every other replaced it.
async fn concurrent_puts_of_one_flow_leave_one_row(db: TestDb) {
    let handles = two_handles(&db).await;

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

on_both_backends!(multi_thread: creates_a_project_once_for_keys_created_at_once);

/// Writers that each need a new project create it once between them and
/// none fails on the other's row.
async fn creates_a_project_once_for_keys_created_at_once(db: TestDb) {
    let handles = two_handles(&db).await;

    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let store = handles[task % 2].clone();
        tasks.push(tokio::spawn(async move {
            store.create_key("acme", Role::Viewer).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    assert_eq!(handles[1].list_keys("acme").await.unwrap().len(), TASKS);
    assert!(!handles[0].ensure_project("acme").await.unwrap());
}
