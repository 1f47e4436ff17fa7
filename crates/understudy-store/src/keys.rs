//! API keys: a role in one project, presented as a secret that is stored
//! only as a hash.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

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

        let mut tx = self.pool.begin_with(sql::BEGIN_WRITE).await?;
        ensure_project(&mut *tx, project).await?;

        sqlx::query(sql::INSERT_KEY)
            .bind(&minted.key_id)
            .bind(project)
            .bind(role.as_str())
            .bind(secret::hash(&minted.secret))
            .bind(timestamp::now())
            .execute(&mut *tx)
            .await
            .map_err(|err| StoreError::conflict_or_database(err, "api key", &minted.key_id))?;
        tx.commit().await?;

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

        let row = sqlx::query(sql::GET_KEY)
            .bind(key_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            tracing::debug!(key = key_id, "api key refused: unknown");
            return Ok(None);
        };

        let stored_hash: String = row.try_get("secret_hash")?;
        if !secret::matches(secret, &stored_hash) {
            tracing::debug!(key = key_id, "api key refused: wrong secret");
            return Ok(None);
        }

        let revoked_at: Option<String> = row.try_get("revoked_at")?;
        if revoked_at.is_some() {
            tracing::debug!(key = key_id, "api key refused: revoked");
            return Ok(None);
        }

        Ok(Some(KeyPrincipal {
            key_id: key_id.to_owned(),
            project: row.try_get("project_id")?,
            role: read_role(&row)?,
        }))
    }

    /// The project's keys, oldest first, revoked ones included.
    pub async fn list_keys(&self, project: &str) -> Result<Vec<KeySummary>, StoreError> {
        let rows = sqlx::query(sql::LIST_KEYS)
            .bind(project)
            .fetch_all(&self.pool)
            .await?;

        rows.iter().map(read_summary).collect()
    }

    /// Revokes a live key of the project; false when the project has no
    /// such key or it was already revoked.
    pub async fn revoke_key(&self, project: &str, key_id: &str) -> Result<bool, StoreError> {
        let revoked = sqlx::query(sql::REVOKE_KEY)
            .bind(project)
            .bind(key_id)
            .bind(timestamp::now())
            .execute(&self.pool)
            .await?
            .rows_affected();

        tracing::info!(project, key = key_id, revoked, "api key revoked");
        Ok(revoked > 0)
    }
}

fn read_role(row: &SqliteRow) -> Result<Role, StoreError> {
    let role: String = row.try_get("role")?;

    role.parse()
        .map_err(|err: UnknownRole| StoreError::Corrupt {
            what: "api key role",
            detail: err.to_string(),
        })
}

fn read_summary(row: &SqliteRow) -> Result<KeySummary, StoreError> {
    let created_at: String = row.try_get("created_at")?;
    let revoked_at: Option<String> = row.try_get("revoked_at")?;

    Ok(KeySummary {
        id: row.try_get("id")?,
        project: row.try_get("project_id")?,
        role: read_role(row)?,
        created_at: timestamp::parse(&created_at, "api key")?,
        revoked_at: revoked_at
            .map(|text| timestamp::parse(&text, "api key"))
            .transpose()?,
    })
}
