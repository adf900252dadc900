//! What the readers' notification needs from the database (issue 20): the state of each named
//! reader's account, which readers were told already, the record that one was told, and the
//! password-less account and hashed invitation of a reader who has none. The writes take the
//! caller's connection, so they commit or roll back with the closing and its messages.

use std::collections::{HashMap, HashSet};

use sqlx::{AnyConnection, Row};

use super::{Db, StorageError};
use crate::domain::account::{Email, Role};
use crate::domain::report_readers::ReaderAccount;

/// A reader's account: its id (when it exists) and state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderAccountRow {
    pub id: Option<String>,
    pub state: ReaderAccount,
}

/// The account of each address (one indexed lookup per reader: a scan names a handful).
pub async fn reader_accounts_in(
    conn: &mut AnyConnection,
    readers: &[Email],
) -> Result<HashMap<Email, ReaderAccountRow>, StorageError> {
    let mut found = HashMap::with_capacity(readers.len());
    for reader in readers {
        let row = sqlx::query("SELECT id, active, password_hash FROM accounts WHERE email = $1")
            .bind(reader.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        let account = match row {
            None => ReaderAccountRow {
                id: None,
                state: ReaderAccount::None,
            },
            Some(row) => {
                let active = row.try_get::<i64, _>("active")? == 1;
                let has_password = row.try_get::<Option<String>, _>("password_hash")?.is_some();
                ReaderAccountRow {
                    id: Some(row.try_get("id")?),
                    state: match (active, has_password) {
                        (false, _) => ReaderAccount::Inactive,
                        (true, false) => ReaderAccount::Invited,
                        (true, true) => ReaderAccount::Active,
                    },
                }
            }
        };
        found.insert(reader.clone(), account);
    }
    Ok(found)
}

/// The addresses told for this scan already.
pub async fn notified_readers_in(
    conn: &mut AnyConnection,
    scan_id: &str,
) -> Result<HashSet<String>, StorageError> {
    sqlx::query("SELECT email FROM report_reader_notices WHERE scan_id = $1")
        .bind(scan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| Ok(row.try_get::<String, _>("email")?))
        .collect()
}

/// Records that `email` was told about this scan's report; false when it was already (then the
/// caller sends nothing). Conditional, so of two closings racing only one sends.
pub async fn record_reader_notice_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    email: &Email,
    kind: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let inserted = sqlx::query(
        "INSERT INTO report_reader_notices (scan_id, email, kind, notified_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (scan_id, email) DO NOTHING",
    )
    .bind(scan_id)
    .bind(email.as_str())
    .bind(kind)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// The id of `email`'s account, creating a password-less one (an organiser account, the only
/// kind of account without administration rights) when there is none. An account made at the
/// same moment by someone else is taken, not refused.
pub async fn ensure_reader_account_in(
    conn: &mut AnyConnection,
    email: &Email,
    now: i64,
) -> Result<String, StorageError> {
    sqlx::query(
        "INSERT INTO accounts (id, email, password_hash, role, active, created_at) \
         VALUES ($1, $2, NULL, $3, 1, $4) ON CONFLICT (email) DO NOTHING",
    )
    .bind(super::new_id())
    .bind(email.as_str())
    .bind(Role::Organiser.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query("SELECT id FROM accounts WHERE email = $1")
        .bind(email.as_str())
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?)
}

/// Stores an account invitation: only the hash of its token, and until when it works.
pub async fn insert_account_invitation_in(
    conn: &mut AnyConnection,
    token_hash: &str,
    account_id: &str,
    expires_at: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO account_invitations (token_hash, account_id, expires_at, used) \
         VALUES ($1, $2, $3, 0)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// The readers' accounts and who was told already, for the notice on the scan page.
    pub async fn report_reader_states(
        &self,
        scan_id: &str,
        readers: &[Email],
    ) -> Result<(HashMap<Email, ReaderAccountRow>, HashSet<String>), StorageError> {
        let mut conn = self.pool().acquire().await?;
        let accounts = reader_accounts_in(&mut conn, readers).await?;
        let notified = notified_readers_in(&mut conn, scan_id).await?;
        Ok((accounts, notified))
    }
}
