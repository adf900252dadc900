//! The background task that closes scans at their deadline and sends automatic reminders,
//! once a minute. Like the outbox worker it may run in several processes against one
//! database: every change it makes is conditional, so each happens once.

use std::sync::Arc;
use std::time::Duration;

use super::service::{ScheduledWork, run_scheduled};
use crate::state::Settings;
use crate::storage::Db;

/// Pause between rounds.
pub const INTERVAL: Duration = Duration::from_secs(60);

/// Starts the task; abort the handle to stop it.
pub fn spawn_scan_scheduler(db: Db, settings: Arc<Settings>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match run_scheduled(&db, &settings.links(), crate::state::unix_now()).await {
                Ok(work) if work != ScheduledWork::default() => {
                    tracing::info!(
                        closed = work.closed,
                        reminded = work.reminded,
                        "scan scheduler round"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "scan scheduler round failed; trying again"),
            }
        }
    })
}
