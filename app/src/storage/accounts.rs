use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::account::{AccountStatus, AccountSummary, CurrentUser, Email, Role};

/// What login needs to check a password and decide whether the account may enter.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    pub id: String,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// The result of trying to create the first administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstAdminOutcome {
    Created(String),
    /// Some account already exists: the setup page is closed for good.
    AlreadySetUp,
    /// The one-time setup code is not one the server issued (or was used already).
    BadCode,
}

impl Db {
    pub async fn count_accounts(&self) -> Result<i64, StorageError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM accounts")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }

    /// Whether any account exists. Accounts are never deleted, so once one is seen the answer
    /// is kept for the life of this `Db` (and its clones) and asked of the database no more.
    pub async fn any_account(&self) -> Result<bool, StorageError> {
        use std::sync::atomic::Ordering;
        if self.accounts_seen.load(Ordering::Relaxed) {
            return Ok(true);
        }
        let any = self.count_accounts().await? > 0;
        if any {
            self.accounts_seen.store(true, Ordering::Relaxed);
        }
        Ok(any)
    }

    /// Creates the first administrator only while no account exists, and only with a one-time
    /// setup code the server issued (`setup_code_hash`). The `setup_done` row is inserted in the
    /// same transaction, so two simultaneous setups cannot both succeed; the code is used up in
    /// it too, and every other code goes with the first administrator.
    pub async fn create_first_admin(
        &self,
        email: &Email,
        password_hash: &str,
        setup_code_hash: &str,
        now: i64,
    ) -> Result<FirstAdminOutcome, StorageError> {
        let mut tx = self.begin().await?;
        let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM accounts")
            .fetch_one(&mut *tx)
            .await?
            .try_get("n")?;
        if existing > 0 {
            return Ok(FirstAdminOutcome::AlreadySetUp);
        }
        let marker = sqlx::query("INSERT INTO setup_done (id, done_at) VALUES (1, $1)")
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(StorageError::from);
        match marker {
            Err(e) if e.is_unique_violation() => return Ok(FirstAdminOutcome::AlreadySetUp),
            other => other?,
        };
        // After the marker: a setup that lost the race learns that, not that its code is gone
        // (the winner deletes every code). Returning drops the transaction: nothing is kept.
        let used = sqlx::query("DELETE FROM setup_codes WHERE code_hash = $1")
            .bind(setup_code_hash)
            .execute(&mut *tx)
            .await?;
        if used.rows_affected() != 1 {
            return Ok(FirstAdminOutcome::BadCode);
        }
        let id = super::new_id();
        insert_account(&mut tx, &id, email, Some(password_hash), Role::Admin, now).await?;
        sqlx::query("DELETE FROM setup_codes")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(FirstAdminOutcome::Created(id))
    }

    /// Creates an account; a taken email address surfaces as a unique violation.
    pub async fn create_account(
        &self,
        email: &Email,
        password_hash: Option<&str>,
        role: Role,
        now: i64,
    ) -> Result<String, StorageError> {
        let mut tx = self.begin().await?;
        let id = super::new_id();
        insert_account(&mut tx, &id, email, password_hash, role, now).await?;
        // Any account counts as set-up: the first-run page must close even when an admin was
        // made through the command line.
        sqlx::query(
            "INSERT INTO setup_done (id, done_at) SELECT 1, $1 \
             WHERE NOT EXISTS (SELECT 1 FROM setup_done)",
        )
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn find_login(&self, email: &Email) -> Result<Option<LoginRecord>, StorageError> {
        let row = sqlx::query("SELECT id, password_hash, active FROM accounts WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            Ok(LoginRecord {
                id: row.try_get("id")?,
                password_hash: row.try_get("password_hash")?,
                active: row.try_get::<i64, _>("active")? == 1,
            })
        })
        .transpose()
    }

    pub async fn find_account(&self, id: &str) -> Result<Option<AccountSummary>, StorageError> {
        let row = sqlx::query(
            "SELECT id, email, role, active, password_hash FROM accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| account_summary(&r)).transpose()
    }

    pub async fn list_accounts(&self) -> Result<Vec<AccountSummary>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, email, role, active, password_hash FROM accounts ORDER BY email",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(account_summary).collect()
    }

    /// Activates or deactivates an account; deactivation also ends its sessions at once.
    /// Returns false when no such account exists.
    pub async fn set_account_active(&self, id: &str, active: bool) -> Result<bool, StorageError> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query("UPDATE accounts SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if !active {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(changed == 1)
    }

    pub async fn set_password_hash(&self, id: &str, hash: &str) -> Result<bool, StorageError> {
        let changed = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(changed == 1)
    }

    /// The account behind a session, if the session is still valid and the account active.
    pub async fn find_session_user(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<CurrentUser>, StorageError> {
        let row = sqlx::query(
            "SELECT a.id, a.email, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active = 1",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            let role: String = row.try_get("role")?;
            Ok(CurrentUser {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                role: parse_role(&role)?,
            })
        })
        .transpose()
    }
}

pub(super) async fn insert_account(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
    email: &Email,
    password_hash: Option<&str>,
    role: Role,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO accounts (id, email, password_hash, role, active, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5)",
    )
    .bind(id)
    .bind(email.as_str())
    .bind(password_hash)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn account_summary(row: &sqlx::any::AnyRow) -> Result<AccountSummary, StorageError> {
    let role: String = row.try_get("role")?;
    let active = row.try_get::<i64, _>("active")? == 1;
    let has_password = row.try_get::<Option<String>, _>("password_hash")?.is_some();
    Ok(AccountSummary {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        role: parse_role(&role)?,
        status: match (active, has_password) {
            (false, _) => AccountStatus::Inactive,
            (true, false) => AccountStatus::Invited,
            (true, true) => AccountStatus::Active,
        },
    })
}

fn parse_role(role: &str) -> Result<Role, StorageError> {
    Role::parse(role).ok_or_else(|| {
        StorageError::Database(sqlx::Error::Decode(
            format!("unknown role {role:?} in accounts table").into(),
        ))
    })
}
