//! The organiser's life-cycle actions on one scan: open, remind, release, close, reopen and
//! delete. Each is a thin door onto its service (`scans::service`, `report::release`): find
//! the signed-in organiser, call, answer with the page that reports the outcome. Used through
//! `ActionForm` (pages/scan_actions.rs), so they also work as plain form posts.

use leptos::prelude::*;

use super::action_error::ActionError;
use super::outcome::Done;

/// Opens a draft and invites every pending informant.
#[server(endpoint = "scans/open")]
pub async fn open_scan(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let links = state.settings.links();
    let invited =
        crate::scans::service::open_scan(&state.db, &links, &user, &id, crate::state::unix_now())
            .await?;
    Ok(super::finish(&id, Done::Opened { invited }))
}

/// Reminds every informant who has not submitted yet.
#[server(endpoint = "scans/remind")]
pub async fn remind_informants(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let links = state.settings.links();
    let reminded =
        crate::scans::service::remind(&state.db, &links, &user, &id, crate::state::unix_now())
            .await?;
    Ok(super::finish(&id, Done::Reminded { reminded }))
}

/// Releases the report early, once every group has enough responses.
#[server(endpoint = "scans/release")]
pub async fn release_report(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    crate::report::release(&state.db, &user, &id, crate::state::unix_now()).await?;
    let (links, now) = (state.settings.links(), crate::state::unix_now());
    crate::scans::notify_readers::notify_if_readable(&state.db, &links, &id, now).await;
    Ok(super::finish(&id, Done::Released))
}

/// Closes an open scan.
#[server(endpoint = "scans/close")]
pub async fn close_scan(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let links = state.settings.links();
    crate::scans::service::close_scan(&state.db, &links, &user, &id, crate::state::unix_now())
        .await?;
    Ok(super::finish(&id, Done::Closed))
}

/// Reopens a closed scan until the end of `deadline` (a date, `2027-01-31`, Amsterdam time).
#[server(endpoint = "scans/reopen")]
pub async fn reopen_scan(id: String, deadline: String) -> Result<Done, ActionError> {
    use crate::domain::calendar::{Date, end_of_day_amsterdam};
    use crate::domain::user_error::UserError;

    let (state, user) = super::signed_in().await?;
    let date = Date::parse_iso(deadline.trim()).ok_or(UserError::DeadlineInPast)?;
    crate::scans::service::reopen_scan(
        &state.db,
        &user,
        &id,
        end_of_day_amsterdam(date),
        crate::state::unix_now(),
    )
    .await?;
    Ok(super::finish(&id, Done::Reopened))
}

/// Deletes a draft scan (an opened scan is never deleted: its informants were told about it).
#[server(endpoint = "scans/delete")]
pub async fn delete_scan(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    crate::scans::service::delete_draft(&state.db, &user, &id).await?;
    Ok(super::finish(&id, Done::Deleted))
}
