//! API keys: a role in one project, presented as a secret that is stored
//! only as a hash.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;

use crate::backend::with_pool;
use crate::projects::ensure_project;
use crate::{Store, StoreError, secret, sql, timestamp};

/// What a key may do in its project. Ordered by power: a check for
/// `role >= Role::Editor` admits editors and admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Editor,
    Admin,
}

impl Role {
    /// The lowercase name, as stored and as typed on a command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is none of `viewer`, `editor`, `admin`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`: expected viewer, editor or admin")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "viewer" => Ok(Role::Viewer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(UnknownRole(other.to_owned())),
        }
    }
}

/// A key just created. The secret is shown once and never stored, so
/// `Debug` leaves it out.
#[derive(Clone, PartialEq, Eq)]
pub struct NewKey {
    pub id: String,
    pub secret: String,
}

impl fmt::Debug for NewKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewKey")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// Who a valid secret speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyPrincipal {
    pub key_id: String,
    pub project: String,
    pub role: Role,
}

/// A key as listings show it: everything but the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeySummary {
    pub id: String,
    pub project: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Creates a key with `role` in the project (creating the project if
    /// needed) and returns its secret, which cannot be recovered later.
    pub async fn create_key(&self, project: &str, role: Role) -> Result<NewKey, StoreError> {
        let minted = secret::mint().map_err(StoreError::Entropy)?;
        let secret_hash = secret::hash(&minted.secret);

        with_pool!(&self.pool, |pool, dialect| {
            let mut tx = pool.begin_with(dialect::BEGIN_WRITE).await?;
            ensure_project!(&mut *tx, project);

            sqlx::query(sql::INSERT_KEY)
                .bind(&minted.key_id)
                .bind(project)
                .bind(role.as_str())
                .bind(&secret_hash)
                .bind(timestamp::now())
                .execute(&mut *tx)
                .await
                .map_err(|err| StoreError::conflict_or_database(err, "api key", &minted.key_id))?;
            tx.commit().await?;
        });

        tracing::info!(project, key = %minted.key_id, %role, "api key created");
        Ok(NewKey {
            id: minted.key_id,
            secret: minted.secret,
        })
    }

    /// The principal a presented secret stands for, or `None` when the
    /// secret is malformed, unknown, wrong or revoked.
    pub async fn authenticate_key(&self, secret: &str) -> Result<Option<KeyPrincipal>, StoreError> {
        let Some(key_id) = secret::key_id_of(secret) else {
            tracing::debug!("api key refused: malformed");
            return Ok(None);
        };

        let row: Option<KeyRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::GET_KEY)
                .bind(key_id)
                .fetch_optional(pool)
                .await?
        });
        let Some(row) = row else {
            tracing::debug!(key = key_id, "api key refused: unknown");
            return Ok(None);
        };

        if !secret::matches(secret, &row.secret_hash) {
            tracing::debug!(key = key_id, "api key refused: wrong secret");
            return Ok(None);
        }

        if row.revoked_at.is_some() {
            tracing::debug!(key = key_id, "api key refused: revoked");
            return Ok(None);
        }

        Ok(Some(KeyPrincipal {
            key_id: key_id.to_owned(),
            project: row.project_id,
            role: read_role(&row.role)?,
        }))
    }

    /// The project's keys, oldest first, revoked ones included.
    pub async fn list_keys(&self, project: &str) -> Result<Vec<KeySummary>, StoreError> {
        let rows: Vec<SummaryRow> = with_pool!(&self.pool, |pool| {
            sqlx::query_as(sql::LIST_KEYS)
                .bind(project)
                .fetch_all(pool)
                .await?
        });

        rows.into_iter().map(SummaryRow::read).collect()
    }

    /// Revokes a live key of the project; false when the project has no
    /// such key or it was already revoked.
    pub async fn revoke_key(&self, project: &str, key_id: &str) -> Result<bool, StoreError> {
        let revoked = with_pool!(&self.pool, |pool| {
            sqlx::query(sql::REVOKE_KEY)
                .bind(project)
                .bind(key_id)
                .bind(timestamp::now())
                .execute(pool)
                .await?
                .rows_affected()
        });

        tracing::info!(project, key = key_id, revoked, "api key revoked");
        Ok(revoked > 0)
    }
}

/// A row of [`sql::GET_KEY`]: what authenticating a secret needs.
#[derive(FromRow)]
struct KeyRow {
    project_id: String,
    role: String,
    secret_hash: String,
    revoked_at: Option<String>,
}

/// A row of [`sql::LIST_KEYS`].
#[derive(FromRow)]
struct SummaryRow {
    id: String,
    project_id: String,
    role: String,
    created_at: String,
    revoked_at: Option<String>,
}

impl SummaryRow {
    fn read(self) -> Result<KeySummary, StoreError> {
        Ok(KeySummary {
            role: read_role(&self.role)?,
            id: self.id,
            project: self.project_id,
            created_at: timestamp::parse(&self.created_at, "api key")?,
            revoked_at: self
                .revoked_at
                .map(|text| timestamp::parse(&text, "api key"))
                .transpose()?,
        })
    }
}

fn read_role(role: &str) -> Result<Role, StoreError> {
    role.parse()
        .map_err(|err: UnknownRole| StoreError::Corrupt {
            what: "api key role",
            detail: err.to_string(),
        })
}
