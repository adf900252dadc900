//! The administrator's framework import: a TOML or JSON file, posted as a plain multipart form
//! (with or without WebAssembly). The report (imported, or every reason it was refused) comes
//! back once, in a flash entry, on the frameworks page.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use super::action_error::ActionError;

/// The largest framework file the import reads, above the catalog's own limit so that an
/// oversized file still gets the catalog's clear message instead of a bare 413.
pub const UPLOAD_LIMIT_BYTES: usize = 8 * 1024 * 1024;

/// Where the import is served under `/api/` (the router gives it the larger body limit).
pub const IMPORT_ENDPOINT: &str = "frameworks/import";

/// Imports the file of field `file`; administrators only.
#[server(endpoint = "frameworks/import", input = MultipartFormData)]
pub async fn import_framework(data: MultipartData) -> Result<(), ActionError> {
    use super::frameworks::ImportReport;
    use crate::domain::user_error::UserError;

    let (state, user) = super::organiser().await?;
    if !user.is_admin() {
        return Err(UserError::Forbidden.into());
    }
    let fields = super::multipart::read_fields(data, "file").await?;
    let report = match fields.file.filter(|bytes| !bytes.is_empty()) {
        None => ImportReport::no_file(),
        Some(bytes) => {
            let name = fields.file_name.unwrap_or_else(|| "upload".to_owned());
            match crate::catalog::import(&state.db, &name, &bytes, crate::state::unix_now()).await {
                Ok(framework) => {
                    tracing::info!(id = %framework.id, version = framework.version, "framework imported");
                    ImportReport::Imported {
                        name: framework.name,
                        version: framework.version,
                    }
                }
                Err(error) => {
                    tracing::info!(%error, "framework import refused");
                    ImportReport::Rejected {
                        messages_nl: error.messages(true),
                        messages_en: error.messages(false),
                    }
                }
            }
        }
    };
    let key = state
        .flash
        .put(
            &super::session().await,
            serde_json::to_string(&report).unwrap_or_default(),
        )
        .await;
    leptos_axum::redirect(&format!("/admin/frameworks?report={key}"));
    Ok(())
}
