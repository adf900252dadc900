//! The organiser's actions on one invitation of a scan: revoke its link, or send it again.
//! Thin doors onto `scans::service`, used through `ActionForm` (pages/scan_informants.rs).

use leptos::prelude::*;

use super::action_error::ActionError;
use super::outcome::Done;

/// Makes an informant's personal link stop working (their answers, if any, stay counted).
#[server(endpoint = "scans/invitations/revoke")]
pub async fn revoke_invitation(
    scan_id: String,
    invitation_id: String,
) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    crate::scans::service::revoke_invitation(
        &state.db,
        &state.settings.link_secret,
        &user,
        &scan_id,
        &invitation_id,
        crate::state::unix_now(),
    )
    .await?;
    Ok(super::finish(&scan_id, Done::Revoked))
}

/// Sends an informant's invitation again, with the same personal link.
#[server(endpoint = "scans/invitations/resend")]
pub async fn resend_invitation(
    scan_id: String,
    invitation_id: String,
) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let links = state.settings.links();
    crate::scans::service::resend_invitation(
        &state.db,
        &links,
        &user,
        &scan_id,
        &invitation_id,
        crate::state::unix_now(),
    )
    .await?;
    Ok(super::finish(&scan_id, Done::Resent))
}
