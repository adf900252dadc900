use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::account::{Email, Role};
use crate::email::message::OutgoingEmail;

impl Db {
    /// Creates a password-less organiser account, its invitation and the invitation email in
    /// one transaction: either all three exist or none does.
    pub async fn invite_account(
        &self,
        email: &Email,
        token_hash: &str,
        expires_at: i64,
        message: &OutgoingEmail,
        now: i64,
    ) -> Result<String, StorageError> {
        let mut tx = self.begin().await?;
        let id = super::new_id();
        super::accounts::insert_account(&mut tx, &id, email, None, Role::Organiser, now).await?;
        sqlx::query(
            "INSERT INTO account_invitations (token_hash, account_id, expires_at, used) \
             VALUES ($1, $2, $3, 0)",
        )
        .bind(token_hash)
        .bind(&id)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        super::enqueue_email_in(&mut tx, message, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn create_account_invitation(
        &self,
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
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The invited account's id and email while the invitation is unused and unexpired.
    pub async fn find_account_invitation(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(String, String)>, StorageError> {
        let row = sqlx::query(
            "SELECT a.id, a.email FROM account_invitations i JOIN accounts a ON a.id = i.account_id \
             WHERE i.token_hash = $1 AND i.used = 0 AND i.expires_at > $2 AND a.active = 1",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("email")?)))
            .transpose()
    }

    /// Sets the password and spends the invitation in one transaction; false when the
    /// invitation was already used, expired or unknown (nothing changes then).
    pub async fn accept_account_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<bool, StorageError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT account_id FROM account_invitations \
             WHERE token_hash = $1 AND used = 0 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(false);
        };
        let account_id: String = row.try_get("account_id")?;
        let spent = sqlx::query(
            "UPDATE account_invitations SET used = 1 WHERE token_hash = $1 AND used = 0",
        )
        .bind(token_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if spent != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND active = 1")
            .bind(password_hash)
            .bind(&account_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}
