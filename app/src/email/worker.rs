//! The outbox worker: every two seconds it claims the messages that are due, sends them (up to
//! [`CONCURRENT_SENDS`] at a time), and records each outcome as soon as it is known. A temporary failure is retried with growing pauses (30 s, 2 min,
//! 10 min, 30 min, then hourly) until [`MAX_ATTEMPTS`]; a permanent one fails the message at
//! once. Every outcome stays in the outbox table with its reason: nothing is dropped. Several
//! server processes may run a worker against one database; a message is claimed by one only.
//!
//! A personal scan link is put into a message here, at the moment it is sent: the stored
//! bodies hold a placeholder, the row names the invitation and link generation, and the token
//! is derived from the server secret ([`LinkSecret::token`]). The outbox keeps no bodies once
//! a message is sent or given up. Messages with a hidden recipient (reminders: they go to
//! exactly those who have not answered) are logged by message id only, without the recipient
//! or the invitation, and their failure reasons lose the address.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;

use crate::auth::scan_link::LinkSecret;
use crate::domain::account::Email;
use crate::storage::{ClaimedMessage, Db, StorageError};

use super::message::{LINK_TOKEN_PLACEHOLDER, OutgoingEmail};
use super::transport::{Mailer, SendError};

/// Attempts before a message that keeps failing temporarily is given up as failed.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a claim lasts; a worker that dies mid-send frees its messages after this.
pub const LEASE_SECS: i64 = 600;
/// Messages claimed per round.
pub const BATCH: i64 = 20;
/// Pause between rounds.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);
/// Messages of one round in flight at the same time, each over its own pooled SMTP connection
/// (lettre keeps up to 10 idle). An SMTP exchange mostly waits — for the network, for the
/// server's disk and, with lettre 0.11 leaving Nagle's algorithm on, for a 40 ms delayed ACK
/// after every message body — so sending one at a time capped delivery at about 20 messages a
/// second. Small enough to leave database connections for the web requests.
pub const CONCURRENT_SENDS: usize = 8;

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub sent: usize,
    /// Failed temporarily and queued again.
    pub retried: usize,
    /// Given up: refused permanently or out of attempts.
    pub failed: usize,
}

impl RunSummary {
    /// Messages claimed in the round, whatever became of them.
    pub fn handled(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

/// Seconds to wait after the `attempts`-th attempt failed temporarily.
pub fn backoff_secs(attempts: i64) -> i64 {
    match attempts {
        i64::MIN..=1 => 30,
        2 => 120,
        3 => 600,
        4 => 1800,
        _ => 3600,
    }
}

/// Claims the messages due at `now` for `worker_id`, renders their personal links with
/// `links`, sends them — up to [`CONCURRENT_SENDS`] at a time, all within this call — and
/// records each result as soon as its send ends. A
/// storage failure while claiming is returned; one while recording is logged and the message
/// stays claimed until its lease runs out, after which it is sent again (at least once, never
/// lost).
pub async fn run_once(
    db: &Db,
    mailer: &Mailer,
    from: &str,
    links: &LinkSecret,
    worker_id: &str,
    now: i64,
) -> Result<RunSummary, StorageError> {
    let claimed = db.claim_due(worker_id, now, LEASE_SECS, BATCH).await?;
    let outcomes: Vec<Handled> = futures_util::stream::iter(claimed)
        .map(|message| async move {
            let outcome = deliver(mailer, from, links, &message).await;
            record(db, worker_id, now, &message, outcome).await
        })
        .buffer_unordered(CONCURRENT_SENDS)
        .collect()
        .await;
    let mut summary = RunSummary::default();
    for handled in outcomes {
        match handled {
            Handled::Sent => summary.sent += 1,
            Handled::Retried => summary.retried += 1,
            Handled::Failed => summary.failed += 1,
        }
    }
    Ok(summary)
}

/// What became of one claimed message.
enum Handled {
    Sent,
    Retried,
    Failed,
}

async fn deliver(
    mailer: &Mailer,
    from: &str,
    links: &LinkSecret,
    message: &ClaimedMessage,
) -> Result<(), SendError> {
    if message.attempts > MAX_ATTEMPTS {
        // Claimed again after its lease ran out on the last allowed attempt (a worker died
        // while sending): do not try forever.
        return Err(SendError::Permanent(format!(
            "gave up after {MAX_ATTEMPTS} attempts (the last one was interrupted)"
        )));
    }
    mailer
        .send_message(&message.id, &outgoing(message, links)?, from)
        .await
}

/// The message as it leaves the server, with its personal link's token in place.
fn outgoing(message: &ClaimedMessage, links: &LinkSecret) -> Result<OutgoingEmail, SendError> {
    let to = Email::parse(&message.recipient).map_err(|_| {
        SendError::Permanent(format!("invalid recipient address {:?}", message.recipient))
    })?;
    let token = message
        .link
        .as_ref()
        .map(|link| links.token(&link.invitation_id, link.generation));
    let has_placeholder = message.text_body.contains(LINK_TOKEN_PLACEHOLDER)
        || message.html_body.contains(LINK_TOKEN_PLACEHOLDER);
    if has_placeholder && token.is_none() {
        return Err(SendError::Permanent(
            "the message has a personal link but does not say whose".into(),
        ));
    }
    Ok(OutgoingEmail {
        to,
        subject: message.subject.clone(),
        text: message.text_body.clone(),
        html: message.html_body.clone(),
        reference: message.reference.clone(),
        link: message.link.clone(),
        hide_recipient: message.hide_recipient,
    }
    .with_token(token.as_deref()))
}

/// A failure reason fit to log and store: without the address when the recipient is hidden
/// (SMTP refusals often quote it).
fn reason_for(message: &ClaimedMessage, reason: &str) -> String {
    if message.hide_recipient && !message.recipient.is_empty() {
        reason.replace(message.recipient.as_str(), "[recipient]")
    } else {
        reason.to_owned()
    }
}

async fn record(
    db: &Db,
    worker_id: &str,
    now: i64,
    message: &ClaimedMessage,
    outcome: Result<(), SendError>,
) -> Handled {
    let id = message.id.as_str();
    let attempts = message.attempts;
    let (handled, stored) = match outcome {
        Ok(()) => {
            tracing::info!(id, attempts, reference = ?message.reference, "email sent");
            (Handled::Sent, db.mark_sent(id, now).await)
        }
        Err(SendError::Permanent(reason)) => {
            let reason = reason_for(message, &reason);
            tracing::warn!(id, attempts, reference = ?message.reference, %reason,
                "email refused permanently; marked failed");
            (
                Handled::Failed,
                db.mark_failed(id, worker_id, &reason).await,
            )
        }
        Err(SendError::Temporary(reason)) if attempts >= MAX_ATTEMPTS => {
            let reason = reason_for(
                message,
                &format!("gave up after {attempts} attempts; last error: {reason}"),
            );
            tracing::warn!(id, attempts, reference = ?message.reference, %reason,
                "email could not be sent; marked failed");
            (
                Handled::Failed,
                db.mark_failed(id, worker_id, &reason).await,
            )
        }
        Err(SendError::Temporary(reason)) => {
            let reason = reason_for(message, &reason);
            let next = now + backoff_secs(attempts);
            tracing::info!(id, attempts, next_attempt_at = next, %reason,
                "email not sent yet; will retry");
            (
                Handled::Retried,
                db.mark_retry(id, worker_id, &reason, next).await,
            )
        }
    };
    match stored {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            id,
            "outbox message was taken over by another worker before its outcome was recorded"
        ),
        Err(error) => tracing::error!(
            id, %error,
            "could not record an email's outcome; it is retried when its claim runs out"
        ),
    }
    handled
}

/// Starts the background worker: a round every [`POLL_INTERVAL`] for as long as the runtime
/// lives (abort the handle to stop it). Each process gets its own random worker id. `links` is
/// the server's link secret, the one the scan services hash links with.
pub fn spawn_outbox_worker(
    db: Db,
    mailer: Arc<Mailer>,
    from: String,
    links: LinkSecret,
) -> tokio::task::JoinHandle<()> {
    let worker_id = crate::storage::new_id();
    tokio::spawn(async move {
        tracing::info!(worker_id = %worker_id, "email outbox worker started");
        let mut ticker = tokio::time::interval(POLL_INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            // A full batch means more may be waiting (a scan just opened): keep going without
            // the pause until a round comes back short.
            loop {
                let now = crate::state::unix_now();
                match run_once(&db, &mailer, &from, &links, &worker_id, now).await {
                    Ok(summary) => {
                        if summary != RunSummary::default() {
                            tracing::debug!(?summary, "outbox round");
                        }
                        if summary.handled() < BATCH as usize {
                            break;
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "outbox round failed; trying again");
                        break;
                    }
                }
            }
        }
    })
}
