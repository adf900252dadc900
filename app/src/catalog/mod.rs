//! Catalog services (server-only): loading the shipped frameworks into the database, importing
//! and exporting framework files, and the JSON shape of the public API. The rules themselves
//! live in the pure `domain::catalog` module.

pub mod api_view;

use crate::domain::account::CurrentUser;
use crate::domain::catalog::{self, CatalogError, Format, Framework};
use crate::storage::{Db, FrameworkOrigin, StorageError, StoreOutcome};

/// The largest request the framework import reads: above the catalog's own file limit
/// ([`catalog::MAX_FILE_BYTES`]), so an oversized file still gets the catalog's clear message
/// instead of a bare 413.
pub const UPLOAD_LIMIT_BYTES: usize = 8 * 1024 * 1024;

/// Where the framework import's server function is served (the request limit above applies
/// there).
pub const IMPORT_PATH: &str = "/api/frameworks/import";

/// Why an import was refused. Nothing is stored in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(
        "{file}: version {version} of framework {id} already exists with other content; raise the version"
    )]
    VersionExists {
        file: String,
        id: String,
        version: u32,
    },
    #[error(
        "{file}: framework {id} is already at version {latest}; this file has version {version}"
    )]
    Outdated {
        file: String,
        id: String,
        version: u32,
        latest: u32,
    },
    #[error("{file}: the file is not UTF-8 text")]
    NotText { file: String },
    /// Only an administrator imports frameworks.
    #[error("only an administrator may import a framework")]
    NotAllowed,
    #[error("internal error")]
    Internal,
}

impl ImportError {
    /// The message for the administrator, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            ImportError::Catalog(e) => e.message_nl(),
            ImportError::NotAllowed => "alleen een beheerder mag een kader importeren".to_owned(),
            ImportError::VersionExists { file, id, version } => format!(
                "{file}: versie {version} van kader {id} bestaat al met andere inhoud; verhoog het versienummer"
            ),
            ImportError::Outdated {
                file,
                id,
                version,
                latest,
            } => format!(
                "{file}: kader {id} staat al op versie {latest}; dit bestand heeft versie {version}"
            ),
            ImportError::NotText { file } => format!("{file}: het bestand is geen UTF-8-tekst"),
            ImportError::Internal => {
                "Er ging aan onze kant iets mis; de beheerder vindt de details in het logboek."
                    .into()
            }
        }
    }

    /// Every individual problem, for a list on the page (one entry for non-validation errors).
    pub fn messages(&self, dutch: bool) -> Vec<String> {
        match self {
            ImportError::Catalog(CatalogError::Invalid { errors, .. }) => errors
                .iter()
                .map(|e| if dutch { e.message_nl() } else { e.to_string() })
                .collect(),
            other => vec![if dutch {
                other.message_nl()
            } else {
                other.to_string()
            }],
        }
    }
}

fn internal(error: StorageError) -> ImportError {
    tracing::error!(%error, "storage failure during framework import");
    ImportError::Internal
}

/// Stores each shipped framework whose version is newer than the database's; never duplicates.
pub async fn load_builtin(db: &Db, now: i64) -> Result<Vec<(String, StoreOutcome)>, StorageError> {
    let mut outcomes = Vec::new();
    for framework in catalog::builtin() {
        let json = framework.to_json().map_err(|e| {
            StorageError::Database(sqlx::Error::Protocol(format!(
                "cannot serialise {}: {e}",
                framework.id
            )))
        })?;
        let outcome = db
            .store_framework(&framework, &json, FrameworkOrigin::Builtin, now)
            .await?;
        if let StoreOutcome::VersionExists { .. } = outcome {
            tracing::warn!(id = %framework.id, "shipped framework differs from the stored one with the same version; keeping the stored one");
        }
        outcomes.push((framework.id, outcome));
    }
    Ok(outcomes)
}

/// The file's format: by extension, else by its first character.
pub fn detect_format(file_name: &str, text: &str) -> Format {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        Format::Json
    } else if lower.ends_with(".toml") {
        Format::Toml
    } else if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Toml
    }
}

/// Parses, validates and stores an uploaded framework file.
/// [`import`] done by `actor`, from the app or the API: administrators only.
pub async fn import_by(
    db: &Db,
    actor: &CurrentUser,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<Framework, ImportError> {
    if !actor.is_admin() {
        return Err(ImportError::NotAllowed);
    }
    import(db, file_name, bytes, now).await
}

pub async fn import(
    db: &Db,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<Framework, ImportError> {
    if bytes.len() > catalog::MAX_FILE_BYTES {
        return Err(CatalogError::TooLarge {
            file: file_name.to_owned(),
            size: bytes.len(),
            limit: catalog::MAX_FILE_BYTES,
        }
        .into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText {
        file: file_name.to_owned(),
    })?;
    let framework = match detect_format(file_name, text) {
        Format::Json => Framework::from_json(file_name, text)?,
        Format::Toml => Framework::from_toml(file_name, text)?,
    };
    let json = framework.to_json()?;
    match db
        .store_framework(&framework, &json, FrameworkOrigin::Import, now)
        .await
        .map_err(internal)?
    {
        StoreOutcome::Stored | StoreOutcome::Unchanged => Ok(framework),
        StoreOutcome::VersionExists { .. } => Err(ImportError::VersionExists {
            file: file_name.to_owned(),
            id: framework.id,
            version: framework.version,
        }),
        StoreOutcome::Outdated { latest } => Err(ImportError::Outdated {
            file: file_name.to_owned(),
            id: framework.id,
            version: framework.version,
            latest,
        }),
    }
}

/// A stored framework as a file, in the requested format.
pub async fn export(
    db: &Db,
    id: &str,
    version: Option<u32>,
    format: Format,
) -> Result<Option<String>, StorageError> {
    let Some(framework) = db.find_framework(id, version).await? else {
        return Ok(None);
    };
    let text = match format {
        Format::Json => framework.to_json(),
        Format::Toml => framework.to_toml(),
    }
    .map_err(|e| {
        StorageError::Database(sqlx::Error::Protocol(format!("cannot export {id}: {e}")))
    })?;
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_then_content() {
        assert_eq!(detect_format("kader.JSON", ""), Format::Json);
        assert_eq!(detect_format("kader.toml", "{"), Format::Toml);
        assert_eq!(detect_format("upload", "  {\"id\": 1}"), Format::Json);
        assert_eq!(detect_format("upload", "id = \"x\""), Format::Toml);
    }
}
