//! What the conversation type pages show, and the administrator's import of a type file (a
//! plain multipart post, with or without WebAssembly; the result comes back once, in a flash
//! entry, on the administration page).

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;
use crate::domain::conversation_type::ConversationType;

/// A type in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSummary {
    pub id: String,
    pub name: String,
    pub version: u32,
    /// Shipped with the product (else imported by an administrator).
    pub builtin: bool,
    pub sections: usize,
    pub retention_months: u32,
}

/// One type, whole, for its read-only page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDetail {
    pub builtin: bool,
    pub conversation_type: ConversationType,
}

/// Import outcome shown once on the administration page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TypeImportReport {
    Imported {
        name: String,
        version: u32,
        /// This exact version was known already; nothing was written.
        unchanged: bool,
    },
    Rejected {
        messages_nl: Vec<String>,
        messages_en: Vec<String>,
    },
}

#[server]
pub async fn list_conversation_types() -> Result<Vec<TypeSummary>, ActionError> {
    use crate::conversations::types::{TypeOrigin, list};

    let (state, _) = super::signed_in().await?;
    Ok(list(&state.db)
        .await?
        .into_iter()
        .map(|known| TypeSummary {
            id: known.conversation_type.id,
            name: known.conversation_type.name,
            version: known.conversation_type.version,
            builtin: known.origin == TypeOrigin::Builtin,
            sections: known.conversation_type.sections.len(),
            retention_months: known.conversation_type.retention_months,
        })
        .collect())
}

#[server]
pub async fn load_conversation_type(id: String) -> Result<Option<TypeDetail>, ActionError> {
    use crate::conversations::types::{TypeOrigin, find};

    let (state, _) = super::signed_in().await?;
    Ok(find(&state.db, &id, None).await?.map(|known| TypeDetail {
        builtin: known.origin == TypeOrigin::Builtin,
        conversation_type: known.conversation_type,
    }))
}

/// Imports the TOML file of field `file`; administrators only.
#[server(endpoint = "conversation-types/import", input = MultipartFormData)]
pub async fn import_conversation_type(data: MultipartData) -> Result<(), ActionError> {
    use crate::conversations::types::{ImportOutcome, import_by};

    let (state, user) = super::signed_in().await?;
    let fields = super::multipart::read_fields(data, "file").await?;
    let report = match fields.file.filter(|bytes| !bytes.is_empty()) {
        None => TypeImportReport::Rejected {
            messages_nl: vec!["kies eerst een bestand (TOML)".to_owned()],
            messages_en: vec!["choose a file first (TOML)".to_owned()],
        },
        Some(bytes) => {
            let name = fields.file_name.unwrap_or_else(|| "upload.toml".to_owned());
            let now = crate::state::unix_now();
            match import_by(&state.db, &user, &name, &bytes, now).await {
                Ok((imported, outcome)) => {
                    tracing::info!(id = %imported.id, version = imported.version, ?outcome, "conversation type imported");
                    TypeImportReport::Imported {
                        name: imported.name,
                        version: imported.version,
                        unchanged: outcome == ImportOutcome::Unchanged,
                    }
                }
                Err(error) => {
                    tracing::info!(%error, "conversation type import refused");
                    TypeImportReport::Rejected {
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
    leptos_axum::redirect(&format!("/admin/conversation-types?report={key}"));
    Ok(())
}

#[server]
pub async fn load_type_import_report(key: String) -> Result<Option<TypeImportReport>, ActionError> {
    let (state, _) = super::signed_in().await?;
    Ok(crate::flash::take_in_server_fn(&state.flash, &key)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}
