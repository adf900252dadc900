//! The administrator's framework import: a TOML or JSON file, posted as a plain multipart form
//! (with or without WebAssembly). The report (imported, or every reason it was refused) comes
//! back once, in a flash entry, on the frameworks page.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use super::action_error::ActionError;

/// Imports the file of field `file`; administrators only. Served at
/// `crate::catalog::IMPORT_PATH`, which reads up to `crate::catalog::UPLOAD_LIMIT_BYTES`.
#[server(endpoint = "frameworks/import", input = MultipartFormData)]
pub async fn import_framework(data: MultipartData) -> Result<(), ActionError> {
    use super::frameworks::ImportReport;

    let (state, user) = super::signed_in().await?;
    let fields = super::multipart::read_fields(data, "file").await?;
    let report = match fields.file.filter(|bytes| !bytes.is_empty()) {
        None => ImportReport::no_file(),
        Some(bytes) => {
            let name = fields.file_name.unwrap_or_else(|| "upload".to_owned());
            let now = crate::state::unix_now();
            match crate::catalog::import_by(&state.db, &user, &name, &bytes, now).await {
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
