//! The organiser's home page: a thin door to `scans::dashboard`.

use leptos::prelude::*;

use super::action_error::ActionError;
use crate::domain::scan::dashboard::Dashboard;

/// The signed-in organiser's dashboard (every scan for an administrator).
#[server]
pub async fn load_dashboard() -> Result<Dashboard, ActionError> {
    let (state, user) = super::signed_in().await?;
    let board =
        crate::scans::dashboard::dashboard_for(&state.db, &user, crate::state::unix_now()).await?;
    Ok(board)
}
