//! Projects: the scope of every flow, key and generation record.

use crate::backend::with_pool;
use crate::{Store, StoreError, sql};

/// Creates the project unless it exists, on any executor of either
/// backend (a pool, or a transaction that needs the project for its own
/// writes), and evaluates to whether this call created it. A macro rather
/// than a function, so that it compiles against each backend's concrete
/// types inside `with_pool!`.
macro_rules! ensure_project {
    ($executor:expr, $project:expr) => {{
        let project: &str = $project;
        let result = sqlx::query($crate::sql::ENSURE_PROJECT)
            .bind(project)
            .bind($crate::timestamp::now())
            .execute($executor)
            .await?;

        let created = result.rows_affected() > 0;
        if created {
            tracing::info!(project, "project created");
        }
        created
    }};
}

pub(crate) use ensure_project;

impl Store {
    /// Makes sure the project exists; true when this call created it.
    pub async fn ensure_project(&self, project: &str) -> Result<bool, StoreError> {
        let created = with_pool!(&self.pool, |pool| ensure_project!(pool, project));

        Ok(created)
    }

    /// Whether the project has been created.
    pub async fn project_exists(&self, project: &str) -> Result<bool, StoreError> {
        let count: i64 = with_pool!(&self.pool, |pool| {
            sqlx::query_scalar(sql::PROJECT_EXISTS)
                .bind(project)
                .fetch_one(pool)
                .await?
        });

        Ok(count > 0)
    }
}
