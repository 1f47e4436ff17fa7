//! Whether the database answers, for readiness checks.

use crate::backend::with_pool;
use crate::error::StoreError;
use crate::store::Store;

impl Store {
    /// Runs the cheapest query there is; an error means not ready.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(&self.pool, |pool| {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }
}
