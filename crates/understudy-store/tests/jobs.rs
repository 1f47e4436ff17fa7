//! Generation jobs: queued, claimed under a lease, written in chunks,
//! taken over when a lease runs out, cancelled, ended.

mod common;

use std::time::Duration;

use serde_json::json;
use understudy_store::{JobStatus, NewJob, Store};

use common::{TestDb, on_both_backends};

const LEASE: Duration = Duration::from_secs(30);

fn new_job(id: &str, total: u64) -> NewJob {
    NewJob {
        id: id.to_owned(),
        project: "acme".to_owned(),
        flow_reference: "r1".to_owned(),
        principal: "key:k1".to_owned(),
        request: json!({ "flowReferenceId": "r1", "requestedPackages": total }),
        seed: 7,
        total,
    }
}

fn packages(from: u64, count: u64) -> Vec<serde_json::Value> {
    (from..from + count).map(|i| json!({ "n": i })).collect()
}

on_both_backends!(queues_a_job_and_reads_it_back);
async fn queues_a_job_and_reads_it_back(db: TestDb) {
    let store = db.open().await;

    store.enqueue_job(&new_job("j1", 25)).await.unwrap();

    let job = store.get_job("acme", "j1").await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Queued);
    assert_eq!((job.written, job.total, job.seed), (0, 25, 7));
    assert_eq!(job.request["requestedPackages"], 25);
    assert_eq!(job.lease_owner, None);
    assert!(store.get_job("globex", "j1").await.unwrap().is_none());
}

on_both_backends!(claims_the_oldest_queued_job_once);
async fn claims_the_oldest_queued_job_once(db: TestDb) {
    let store = db.open().await;
    store.enqueue_job(&new_job("j1", 5)).await.unwrap();
    store.enqueue_job(&new_job("j2", 5)).await.unwrap();

    let first = store.claim_job("w1", LEASE).await.unwrap().unwrap();
    let second = store.claim_job("w2", LEASE).await.unwrap().unwrap();
    let none = store.claim_job("w3", LEASE).await.unwrap();

    assert_eq!((first.id.as_str(), second.id.as_str()), ("j1", "j2"));
    assert_eq!(first.status, JobStatus::Running);
    assert_eq!(first.lease_owner.as_deref(), Some("w1"));
    assert_eq!(first.attempts, 1);
    assert!(none.is_none());
}

on_both_backends!(stores_packages_only_in_order_and_only_for_the_lease_holder);
async fn stores_packages_only_in_order_and_only_for_the_lease_holder(db: TestDb) {
    let store = db.open().await;
    store.enqueue_job(&new_job("j1", 20)).await.unwrap();
    store.claim_job("w1", LEASE).await.unwrap().unwrap();

    let stored = store
        .store_job_packages("j1", "w1", LEASE, 0, &packages(0, 10))
        .await
        .unwrap();
    let by_stranger = store
        .store_job_packages("j1", "w2", LEASE, 10, &packages(10, 10))
        .await
        .unwrap();
    let twice = store
        .store_job_packages("j1", "w1", LEASE, 0, &packages(0, 10))
        .await
        .unwrap();

    assert!(stored);
    assert!(!by_stranger);
    assert!(!twice);
    let indices: Vec<u64> = store
        .job_packages("j1")
        .await
        .unwrap()
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    assert_eq!(indices, (0..10).collect::<Vec<_>>());
    assert_eq!(
        store.get_job("acme", "j1").await.unwrap().unwrap().written,
        10
    );
}

on_both_backends!(hands_a_job_whose_lease_ran_out_to_another_worker);
/// The first worker's lease runs out; a second worker claims the job and
/// continues from the packages stored, and the first can no longer write.
async fn hands_a_job_whose_lease_ran_out_to_another_worker(db: TestDb) {
    let store = db.open().await;
    store.enqueue_job(&new_job("j1", 20)).await.unwrap();
    let short = Duration::from_millis(50);
    store.claim_job("w1", short).await.unwrap().unwrap();
    store
        .store_job_packages("j1", "w1", short, 0, &packages(0, 10))
        .await
        .unwrap();

    assert!(store.claim_job("w2", LEASE).await.unwrap().is_none());
    tokio::time::sleep(Duration::from_millis(120)).await;
    let taken = store.claim_job("w2", LEASE).await.unwrap().unwrap();

    assert_eq!(taken.lease_owner.as_deref(), Some("w2"));
    assert_eq!((taken.written, taken.attempts), (10, 2));
    assert!(!store.renew_job_lease("j1", "w1", LEASE).await.unwrap());
    assert!(
        !store
            .store_job_packages("j1", "w1", LEASE, 10, &packages(10, 10))
            .await
            .unwrap()
    );
    assert!(
        store
            .store_job_packages("j1", "w2", LEASE, 10, &packages(10, 10))
            .await
            .unwrap()
    );
    assert!(store.finish_job("j1", "w2").await.unwrap());
    let done = store.get_job("acme", "j1").await.unwrap().unwrap();
    assert_eq!((done.status, done.written), (JobStatus::Done, 20));
    assert_eq!(done.lease_owner, None);
    assert_eq!(store.job_packages("j1").await.unwrap().len(), 20);
}

on_both_backends!(cancels_a_running_job_and_refuses_its_worker_afterwards);
async fn cancels_a_running_job_and_refuses_its_worker_afterwards(db: TestDb) {
    let store = db.open().await;
    store.enqueue_job(&new_job("j1", 20)).await.unwrap();
    store.claim_job("w1", LEASE).await.unwrap().unwrap();

    assert!(store.cancel_job("acme", "j1").await.unwrap());
    assert!(!store.cancel_job("acme", "j1").await.unwrap());

    assert!(!store.renew_job_lease("j1", "w1", LEASE).await.unwrap());
    assert!(!store.finish_job("j1", "w1").await.unwrap());
    let job = store.get_job("acme", "j1").await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Cancelled);
    assert!(job.finished_at.is_some());
    assert!(store.claim_job("w2", LEASE).await.unwrap().is_none());
}

on_both_backends!(records_why_a_job_failed);
async fn records_why_a_job_failed(db: TestDb) {
    let store = db.open().await;
    store.enqueue_job(&new_job("j1", 20)).await.unwrap();
    store.claim_job("w1", LEASE).await.unwrap().unwrap();

    assert!(
        store
            .fail_job("j1", "w1", "the flow was deleted")
            .await
            .unwrap()
    );

    let job = store.get_job("acme", "j1").await.unwrap().unwrap();
    assert_eq!(job.status, JobStatus::Failed);
    assert_eq!(job.error.as_deref(), Some("the flow was deleted"));
}

on_both_backends!(multi_thread: gives_each_of_many_queued_jobs_to_exactly_one_of_many_workers);
/// Eight workers on two handles claim until nothing is left: each of the
/// twenty jobs is claimed exactly once.
async fn gives_each_of_many_queued_jobs_to_exactly_one_of_many_workers(db: TestDb) {
    let handles: [Store; 2] = [db.open().await, db.open().await];
    for n in 0..20 {
        handles[0]
            .enqueue_job(&new_job(&format!("j{n:02}"), 1))
            .await
            .unwrap();
    }

    let mut tasks = Vec::new();
    for worker in 0..8 {
        let store = handles[worker % 2].clone();
        tasks.push(tokio::spawn(async move {
            let mut claimed = Vec::new();
            while let Some(job) = store.claim_job(&format!("w{worker}"), LEASE).await.unwrap() {
                claimed.push(job.id);
            }
            claimed
        }));
    }
    let mut claimed = Vec::new();
    for task in tasks {
        claimed.extend(task.await.unwrap());
    }

    claimed.sort();
    let expected: Vec<String> = (0..20).map(|n| format!("j{n:02}")).collect();
    assert_eq!(claimed, expected);
}
