//! Account services: what the login, setup, invitation and accounts pages do, independent of
//! HTTP. Handlers call these and turn the `UserError` into a translated message.

use std::time::{Duration, Instant};

use super::{password, rate_limit::LoginLimiter, token};
use crate::domain::account::{AccountSummary, CurrentUser, Email, NewPassword, Role};
use crate::domain::user_error::UserError;
use crate::email::templates::{self, Language};
use crate::storage::{Db, FirstAdminOutcome, StorageError};

/// How long an organiser's invitation link stays valid.
pub const INVITATION_TTL_SECS: i64 = 7 * 24 * 3600;

/// A freshly issued session: the token goes into the cookie and nowhere else.
#[derive(Debug, Clone)]
pub struct IssuedSession {
    pub token: String,
    pub expires_at: i64,
}

/// Logs the error with its details and gives the user the fixed internal-error message.
fn internal(error: StorageError) -> UserError {
    tracing::error!(%error, "storage failure");
    UserError::Internal
}

async fn hash_password(password: NewPassword) -> Result<String, UserError> {
    // argon2 is deliberately slow: keep it off the async worker threads.
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            UserError::Internal
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            UserError::Internal
        })
}

/// `stored` is `None` for unknown accounts: the dummy hash is checked instead, so both cases
/// cost the same time.
async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => password::verify(&password, &stored),
        None => {
            password::verify(&password, password::dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Checks the credentials under the rate limit and opens a session.
pub async fn login(
    db: &Db,
    limiter: &LoginLimiter,
    email_input: &str,
    password_input: &str,
    client: &str,
    now: i64,
    session_ttl: Duration,
) -> Result<IssuedSession, UserError> {
    let clock = Instant::now();
    let normalised = email_input.trim().to_lowercase();
    let keys = [format!("email:{normalised}"), format!("client:{client}")];
    if let Err(wait) = limiter.check(&keys, clock) {
        return Err(UserError::RateLimited {
            minutes: wait.as_secs().div_ceil(60).max(1) as u32,
        });
    }
    let record = match Email::parse(email_input) {
        Ok(email) => db.find_login(&email).await.map_err(internal)?,
        Err(_) => None,
    };
    let stored = record.as_ref().and_then(|r| r.password_hash.clone());
    let password_ok = verify_password(password_input.to_owned(), stored).await;
    let account = match record {
        Some(r) if password_ok && r.active && r.password_hash.is_some() => r,
        _ => {
            limiter.record_failure(&keys, clock);
            return Err(UserError::BadCredentials);
        }
    };
    limiter.record_success(&keys[..1]);
    let session = IssuedSession {
        token: token::new_token(),
        expires_at: now + session_ttl.as_secs() as i64,
    };
    db.create_session(
        &token::hash_token(&session.token),
        &account.id,
        now,
        session.expires_at,
    )
    .await
    .map_err(internal)?;
    Ok(session)
}

/// Ends a session. Unknown or malformed tokens are ignored: logging out always succeeds.
pub async fn logout(db: &Db, session_token: Option<&str>) -> Result<(), UserError> {
    if let Some(t) = session_token.filter(|t| token::looks_like_token(t)) {
        db.delete_session(&token::hash_token(t))
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// The logged-in account for a session cookie value, if any.
pub async fn current_user(
    db: &Db,
    session_token: Option<&str>,
    now: i64,
) -> Result<Option<CurrentUser>, UserError> {
    match session_token.filter(|t| token::looks_like_token(t)) {
        Some(t) => db
            .find_session_user(&token::hash_token(t), now)
            .await
            .map_err(internal),
        None => Ok(None),
    }
}

/// Whether the first-run setup page may still be used.
pub async fn setup_open(db: &Db) -> Result<bool, UserError> {
    Ok(!db.any_account().await.map_err(internal)?)
}

/// The first-run setup page: creates the first administrator, only while no account exists
/// and only with a one-time setup code the server issued (`super::setup_code`).
pub async fn setup_first_admin(
    db: &Db,
    email_input: &str,
    password_input: &str,
    repeated: &str,
    setup_code: &str,
    now: i64,
) -> Result<String, UserError> {
    if !setup_open(db).await? {
        return Err(UserError::SetupClosed);
    }
    let email = Email::parse(email_input)?;
    let password = NewPassword::parse(password_input, repeated)?;
    if setup_code.trim().is_empty() {
        return Err(UserError::BadSetupCode);
    }
    let hash = hash_password(password).await?;
    match db
        .create_first_admin(
            &email,
            &hash,
            &super::setup_code::hash_code(setup_code),
            now,
        )
        .await
        .map_err(internal)?
    {
        FirstAdminOutcome::Created(id) => Ok(id),
        FirstAdminOutcome::AlreadySetUp => Err(UserError::SetupClosed),
        FirstAdminOutcome::BadCode => {
            tracing::warn!("first-run setup refused: wrong or used setup code");
            Err(UserError::BadSetupCode)
        }
    }
}

/// The `create-admin` command: an administrator made by whoever runs the server binary.
pub async fn create_admin(
    db: &Db,
    email_input: &str,
    password_input: &str,
    now: i64,
) -> Result<String, UserError> {
    let email = Email::parse(email_input)?;
    let password = NewPassword::parse(password_input, password_input)?;
    let hash = hash_password(password).await?;
    create_account(db, &email, Some(&hash), Role::Admin, now).await
}

async fn create_account(
    db: &Db,
    email: &Email,
    hash: Option<&str>,
    role: Role,
    now: i64,
) -> Result<String, UserError> {
    match db.create_account(email, hash, role, now).await {
        Ok(id) => Ok(id),
        Err(e) if e.is_unique_violation() => Err(UserError::EmailTaken),
        Err(e) => Err(internal(e)),
    }
}

fn require_admin(actor: &CurrentUser) -> Result<(), UserError> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(UserError::Forbidden)
    }
}

pub async fn list_accounts(db: &Db, actor: &CurrentUser) -> Result<Vec<AccountSummary>, UserError> {
    require_admin(actor)?;
    db.list_accounts().await.map_err(internal)
}

/// Creates an organiser account without a password, queues the invitation email with the
/// one-time link, and returns the link's token (also shown once to the administrator).
pub async fn invite_organiser(
    db: &Db,
    actor: &CurrentUser,
    email_input: &str,
    base_url: &str,
    language: Language,
    now: i64,
) -> Result<(Email, String), UserError> {
    require_admin(actor)?;
    let email = Email::parse(email_input)?;
    let invitation = token::new_token();
    let link = format!("{base_url}/invite/{invitation}");
    let message = templates::account_invitation(
        language,
        &templates::AccountInvitation {
            name: "",
            inviter: &actor.email,
            link: &link,
            valid_days: (INVITATION_TTL_SECS / 86_400) as u32,
        },
    )
    .into_email(email.clone(), None);
    match db
        .invite_account(
            &email,
            &token::hash_token(&invitation),
            now + INVITATION_TTL_SECS,
            &message,
            now,
        )
        .await
    {
        Ok(_) => Ok((email, invitation)),
        Err(e) if e.is_unique_violation() => Err(UserError::EmailTaken),
        Err(e) => Err(internal(e)),
    }
}

/// The email address an invitation link is for, while it can still be used.
pub async fn invitation_email(db: &Db, invitation: &str, now: i64) -> Result<String, UserError> {
    if !token::looks_like_token(invitation) {
        return Err(UserError::InvalidInvitation);
    }
    db.find_account_invitation(&token::hash_token(invitation), now)
        .await
        .map_err(internal)?
        .map(|(_, email)| email)
        .ok_or(UserError::InvalidInvitation)
}

pub async fn accept_invitation(
    db: &Db,
    invitation: &str,
    password_input: &str,
    repeated: &str,
    now: i64,
) -> Result<(), UserError> {
    invitation_email(db, invitation, now).await?;
    let password = NewPassword::parse(password_input, repeated)?;
    let hash = hash_password(password).await?;
    if db
        .accept_account_invitation(&token::hash_token(invitation), &hash, now)
        .await
        .map_err(internal)?
    {
        Ok(())
    } else {
        Err(UserError::InvalidInvitation)
    }
}

/// Deactivates or reactivates an account. Administrators cannot lock themselves out.
pub async fn set_account_active(
    db: &Db,
    actor: &CurrentUser,
    account_id: &str,
    active: bool,
) -> Result<(), UserError> {
    require_admin(actor)?;
    if !active && actor.id == account_id {
        return Err(UserError::CannotDeactivateSelf);
    }
    if db
        .set_account_active(account_id, active)
        .await
        .map_err(internal)?
    {
        Ok(())
    } else {
        Err(UserError::UnknownAccount)
    }
}
