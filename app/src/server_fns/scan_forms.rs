//! The organiser's scan forms: create, edit, add one informant, check (and save) a list, and
//! upload a list file. Thin doors onto `scans::forms`. With WebAssembly a refused form keeps
//! what was typed on the page and shows the problems in place; a plain form post is sent back
//! to its page with the form as typed in a flash entry (never in the address).

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use super::action_error::ActionError;
use super::outcome::Done;
use crate::domain::scan::form::PostedScanForm;

/// Creates a draft scan from the scan form.
#[server(endpoint = "scans/create")]
pub async fn create_scan(#[server(flatten)] form: PostedScanForm) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    match crate::scans::forms::create_from_form(&state.db, &user, &form, crate::state::unix_now())
        .await
    {
        Ok(id) => Ok(super::finish(&id, Done::Created)),
        Err(refused) => {
            let page = format!("/scans/new?framework={}", url_encode(&form.framework_id));
            Err(refuse_scan_form(&state, refused, &page).await)
        }
    }
}

/// Saves the edit form of scan `id` (what its status allows).
#[server(endpoint = "scans/edit")]
pub async fn update_scan(
    id: String,
    #[server(flatten)] form: PostedScanForm,
) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let now = crate::state::unix_now();
    match crate::scans::forms::update_from_form(&state.db, &user, &id, &form, now).await {
        Ok(()) => {
            // A reader added once the report is readable is told now (issue 20).
            let links = state.settings.links();
            crate::scans::notify_readers::notify_if_readable(&state.db, &links, &id, now).await;
            Ok(super::finish(&id, Done::Saved))
        }
        Err(refused) => Err(refuse_scan_form(&state, refused, &format!("/scans/{id}/edit")).await),
    }
}

/// Adds one informant (name, address, group) to scan `scan_id`.
#[server(endpoint = "scans/informants/add")]
pub async fn add_informant(
    scan_id: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] group: String,
) -> Result<Done, ActionError> {
    use super::scans::ScanPageFlash;

    let (state, user) = super::signed_in().await?;
    let links = state.settings.links();
    let now = crate::state::unix_now();
    match crate::scans::forms::add_one(
        &state.db, &links, &user, &scan_id, &name, &email, &group, now,
    )
    .await
    {
        Ok(added) => Ok(super::finish(&scan_id, Done::Added { added })),
        Err(refusal) => {
            let (problems, refused) = super::parts_of(&refusal);
            let flash = ScanPageFlash {
                problems,
                refused,
                single: Some((name, email, group)),
                ..ScanPageFlash::default()
            };
            let page = format!("/scans/{scan_id}#add-one");
            Err(super::refuse(&state, refusal, &page, &flash).await)
        }
    }
}

/// Checks a pasted list and shows its preview on the scan's page; `action=save` adds it when
/// every line is good. The preview travels in a flash entry, with and without WebAssembly.
#[server(endpoint = "scans/informants/list")]
pub async fn check_informant_list(
    scan_id: String,
    #[server(default)] list: String,
    #[server(default)] action: String,
) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    list_outcome(&state, &user, &scan_id, list, action == "save").await
}

/// Reads an uploaded list file (multipart fields `scan_id` and `file`) and shows its preview,
/// as for a pasted list; nothing is saved yet.
#[server(endpoint = "scans/informants/upload", input = MultipartFormData)]
pub async fn upload_informant_list(data: MultipartData) -> Result<Done, ActionError> {
    use crate::domain::user_error::UserError;

    let (state, user) = super::signed_in().await?;
    let fields = super::multipart::read_fields(data, "file").await?;
    let scan_id = fields.text("scan_id");
    let Some(bytes) = fields.file else {
        return Err(UserError::BadForm.into());
    };
    match crate::scans::forms::uploaded_text(&bytes) {
        Ok(text) => list_outcome(&state, &user, &scan_id, text, false).await,
        Err(refusal) => {
            let (problems, refused) = super::parts_of(&refusal);
            let flash = super::scans::ScanPageFlash {
                problems,
                refused,
                ..Default::default()
            };
            let page = format!("/scans/{scan_id}#add-list");
            Err(super::refuse(&state, refusal, &page, &flash).await)
        }
    }
}

/// A refused scan form, back to `page` with the form as typed (see `server_fns::refuse`).
#[cfg(feature = "ssr")]
async fn refuse_scan_form(
    state: &crate::state::AppState,
    refused: crate::scans::forms::RefusedScanForm,
    page: &str,
) -> ActionError {
    let (problems, refusal) = super::parts_of(&refused.refusal);
    let flash = super::scans::ScanFormFlash {
        problems,
        refused: refusal,
        form: refused.form,
    };
    super::refuse(state, refused.refusal, page, &flash).await
}

#[cfg(feature = "ssr")]
async fn list_outcome(
    state: &crate::state::AppState,
    user: &crate::domain::account::CurrentUser,
    scan_id: &str,
    text: String,
    save: bool,
) -> Result<Done, ActionError> {
    use super::scans::ScanPageFlash;
    use crate::scans::forms::{ListOutcome, check_list};

    let links = state.settings.links();
    let now = crate::state::unix_now();
    let page = format!("/scans/{scan_id}#add-list");
    match check_list(&state.db, &links, user, scan_id, text, save, now).await {
        Ok(ListOutcome::Saved(added)) => Ok(super::finish(scan_id, Done::Added { added })),
        Ok(ListOutcome::Preview(preview)) => {
            let flash = ScanPageFlash {
                preview: Some(preview),
                ..ScanPageFlash::default()
            };
            super::show_with_flash(state, &page, &flash).await;
            Ok(Done::Checked)
        }
        Err((refusal, preview)) => {
            let (problems, refused) = super::parts_of(&refusal);
            let flash = ScanPageFlash {
                problems,
                refused,
                preview,
                ..ScanPageFlash::default()
            };
            Err(super::refuse(state, refusal, &page, &flash).await)
        }
    }
}

#[cfg(feature = "ssr")]
fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
