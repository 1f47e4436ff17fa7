//! Projects: the scope of every flow, key and generation record.

use sqlx::{Sqlite, SqliteExecutor};

use crate::{Store, StoreError, sql, timestamp};

impl Store {
    /// Makes sure the project exists; true when this call created it.
    pub async fn ensure_project(&self, project: &str) -> Result<bool, StoreError> {
        ensure_project(&self.pool, project).await
    }

    /// Whether the project has been created.
    pub async fn project_exists(&self, project: &str) -> Result<bool, StoreError> {
        let count: i64 = sqlx::query_scalar(sql::PROJECT_EXISTS)
            .bind(project)
            .fetch_one(&self.pool)
            .await?;

        Ok(count > 0)
    }
}

/// Creates the project unless it exists, on any executor, so writes that
/// need the project can do it inside their own transaction.
pub(crate) async fn ensure_project<'e>(
    executor: impl SqliteExecutor<'e>,
    project: &str,
) -> Result<bool, StoreError> {
    let result = sqlx::query::<Sqlite>(sql::ENSURE_PROJECT)
        .bind(project)
        .bind(timestamp::now())
        .execute(executor)
        .await?;

    let created = result.rows_affected() > 0;
    if created {
        tracing::info!(project, "project created");
    }
    Ok(created)
}
