//! Idempotency keys: the first request to send a key in a project takes
//! it; a retry with the key finds which request took it, and with what.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use crate::backend::with_pool;
use crate::{Store, StoreError, sql, timestamp};

/// What a key was first taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRecord {
    /// A hash of the request that took the key, to tell a retry from a
    /// different request sent with the same key.
    pub request_hash: String,
    /// The request that took the key: its generation record, or its job.
    pub request_id: String,
    pub created_at: DateTime<Utc>,
}

/// The outcome of trying to take a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// This request took the key and should do the work.
    Taken,
    /// An earlier request holds the key.
    Held(IdempotencyRecord),
}

impl Store {
    /// Takes `key` in `project` for the request `request_id` unless an
    /// earlier request holds it. Of several requests taking one key at
    /// once, exactly one is told [`IdempotencyClaim::Taken`].
    pub async fn claim_idempotency_key(
        &self,
        project: &str,
        key: &str,
        request_hash: &str,
        request_id: &str,
    ) -> Result<IdempotencyClaim, StoreError> {
        // A holder may give the key up between our insert and our read;
        // then the key is free again and worth one more try.
        for _ in 0..3 {
            let inserted = with_pool!(&self.pool, |pool| {
                sqlx::query(sql::INSERT_IDEMPOTENCY_KEY)
                    .bind(project)
                    .bind(key)
                    .bind(request_hash)
                    .bind(request_id)
                    .bind(timestamp::now())
                    .execute(pool)
                    .await?
                    .rows_affected()
            });
            if inserted > 0 {
                tracing::debug!(project, request = request_id, "idempotency key taken");
                return Ok(IdempotencyClaim::Taken);
            }

            if let Some(held) = self.idempotency_key(project, key).await? {
                return Ok(IdempotencyClaim::Held(held));
            }
        }
        Err(StoreError::Conflict {
            what: "idempotency key",
            id: key.to_owned(),
        })
    }

    /// What `key` in `project` was taken for, if it is held.
    pub async fn idempotency_key(
        &self,
        project: &str,
        key: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        let row: Option<KeyRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::GET_IDEMPOTENCY_KEY)
                .bind(project)
                .bind(key)
                .fetch_optional(pool)
                .await?
        });

        row.map(|row| {
            Ok(IdempotencyRecord {
                request_hash: row.request_hash,
                request_id: row.request_id,
                created_at: timestamp::parse(&row.created_at, "idempotency key")?,
            })
        })
        .transpose()
    }

    /// Gives `key` up so that a retry may try again (the request that took
    /// it failed, or died); false when it is held for another request or
    /// not at all.
    pub async fn release_idempotency_key(
        &self,
        project: &str,
        key: &str,
        request_id: &str,
    ) -> Result<bool, StoreError> {
        let deleted = with_pool!(&self.pool, |pool| {
            sqlx::query(sql::DELETE_IDEMPOTENCY_KEY)
                .bind(project)
                .bind(key)
                .bind(request_id)
                .execute(pool)
                .await?
                .rows_affected()
        });

        tracing::debug!(
            project,
            request = request_id,
            released = deleted > 0,
            "idempotency key released"
        );
        Ok(deleted > 0)
    }
}

/// A row of [`sql::GET_IDEMPOTENCY_KEY`].
#[derive(FromRow)]
struct KeyRow {
    request_hash: String,
    request_id: String,
    created_at: String,
}
