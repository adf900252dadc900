//! Saving a respondent's answer as it is given, called by the enhanced questionnaire page
//! (its own small script, `respond/enhance.js`). The pages themselves are plain HTML
//! (`crate::respond::html`).

use leptos::prelude::*;

/// Saves one changed field of a part: the part's saved answers with this one field replaced.
/// `false` when the link is not open or the change was refused (the page's own submit then
/// shows why). Called by the respondent's own script (`respond/enhance.js`) at this address.
#[server(endpoint = "respond/save")]
pub async fn save_field(
    token: String,
    index: usize,
    field: String,
    value: String,
) -> Result<bool, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let crate::auth::client_address::ClientAddress(client) =
        leptos_axum::extract_with_state(&state).await?;
    let Ok(r) = state.respondent(client, &token).await else {
        return Ok(false);
    };
    Ok(
        crate::respond::save_field(&state.db, &r, index, &field, &value)
            .await
            .is_ok(),
    )
}
