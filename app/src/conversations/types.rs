//! Conversation types as a service: the shipped ones (compiled in) and those an administrator
//! imported (stored as their TOML text), listed together with the newest version per id.
//!
//! An import is validated exactly like a shipped file (`domain::conversation_type`); a refused
//! file stores nothing. A version, once known, never changes: importing the same id and version
//! again is accepted only when the content is the same (comments and layout may differ).

use crate::domain::account::CurrentUser;
use crate::domain::conversation_type::{self, ConversationType, TypeError};
use crate::storage::{Db, StorageError};

/// Where a type comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeOrigin {
    /// Shipped with the product (`app/conversation_types/`).
    Builtin,
    /// Imported by an administrator.
    Imported,
}

impl TypeOrigin {
    /// Stable name for the API.
    pub fn as_str(self) -> &'static str {
        match self {
            TypeOrigin::Builtin => "builtin",
            TypeOrigin::Imported => "imported",
        }
    }
}

/// A type with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownType {
    pub conversation_type: ConversationType,
    pub origin: TypeOrigin,
}

/// What an accepted import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new id, or a version newer than any known.
    Stored,
    /// This version with this content is already known; nothing was written.
    Unchanged,
}

/// Why an import was refused. Nothing is stored in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum TypeImportError {
    #[error(transparent)]
    Type(#[from] TypeError),
    #[error(
        "{file}: version {version} of conversation type {id} already exists with other content; raise the version"
    )]
    VersionExists {
        file: String,
        id: String,
        version: u32,
    },
    #[error(
        "{file}: conversation type {id} is already at version {latest}; this file has version {version}"
    )]
    Outdated {
        file: String,
        id: String,
        version: u32,
        latest: u32,
    },
    #[error("{file}: the file is not UTF-8 text")]
    NotText { file: String },
    /// Only an administrator imports conversation types.
    #[error("only an administrator may import a conversation type")]
    NotAllowed,
    #[error("internal error")]
    Internal,
}

impl TypeImportError {
    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            TypeImportError::Type(e) => e.message_nl(),
            TypeImportError::VersionExists { file, id, version } => format!(
                "{file}: versie {version} van gesprekstype {id} bestaat al met andere inhoud; verhoog het versienummer"
            ),
            TypeImportError::Outdated {
                file,
                id,
                version,
                latest,
            } => format!(
                "{file}: gesprekstype {id} staat al op versie {latest}; dit bestand heeft versie {version}"
            ),
            TypeImportError::NotText { file } => {
                format!("{file}: het bestand is geen UTF-8-tekst")
            }
            TypeImportError::NotAllowed => {
                "alleen een beheerder mag een gesprekstype importeren".to_owned()
            }
            TypeImportError::Internal => {
                "Er ging aan onze kant iets mis; de beheerder vindt de details in het logboek."
                    .to_owned()
            }
        }
    }

    /// Every individual problem, for a list on a page (one entry unless the file was invalid).
    pub fn messages(&self, dutch: bool) -> Vec<String> {
        match self {
            TypeImportError::Type(e) => e.messages(dutch),
            other => vec![if dutch {
                other.message_nl()
            } else {
                other.to_string()
            }],
        }
    }
}

fn internal(error: StorageError) -> TypeImportError {
    tracing::error!(%error, "storage failure during conversation type import");
    TypeImportError::Internal
}

/// Parses a stored text; a stored text was valid when imported, so a failure is logged and the
/// version skipped rather than failing every page that lists types.
fn parse_stored(
    stored: &crate::storage::conversation_types::StoredTypeText,
) -> Option<ConversationType> {
    let file = format!("{}-v{}.toml", stored.id, stored.version);
    match ConversationType::from_toml(&file, &stored.source_text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            tracing::error!(%error, "stored conversation type no longer reads");
            None
        }
    }
}

/// Every type, newest version per id: the shipped ones first (in their order), then the
/// imported ids by name. An imported version newer than a shipped one replaces it.
pub async fn list(db: &Db) -> Result<Vec<KnownType>, StorageError> {
    let mut known: Vec<KnownType> = conversation_type::builtin()
        .into_iter()
        .map(|conversation_type| KnownType {
            conversation_type,
            origin: TypeOrigin::Builtin,
        })
        .collect();
    let mut imported: Vec<ConversationType> = db
        .latest_conversation_types()
        .await?
        .iter()
        .filter_map(parse_stored)
        .collect();
    imported.sort_by(|a, b| a.name.cmp(&b.name));
    for t in imported {
        match known.iter_mut().find(|k| k.conversation_type.id == t.id) {
            Some(shipped) if shipped.conversation_type.version < t.version => {
                *shipped = KnownType {
                    conversation_type: t,
                    origin: TypeOrigin::Imported,
                };
            }
            Some(_) => {}
            None => known.push(KnownType {
                conversation_type: t,
                origin: TypeOrigin::Imported,
            }),
        }
    }
    Ok(known)
}

/// One type: the given version (shipped or imported), or the newest known when `None`.
pub async fn find(
    db: &Db,
    id: &str,
    version: Option<u32>,
) -> Result<Option<KnownType>, StorageError> {
    let shipped = conversation_type::builtin()
        .into_iter()
        .find(|t| t.id == id && version.is_none_or(|v| t.version == v));
    let stored = db
        .find_conversation_type(id, version)
        .await?
        .as_ref()
        .and_then(parse_stored);
    Ok(match (shipped, stored) {
        (Some(s), Some(i)) if i.version > s.version => Some(imported(i)),
        (Some(s), _) => Some(builtin(s)),
        (None, Some(i)) => Some(imported(i)),
        (None, None) => None,
    })
}

fn builtin(conversation_type: ConversationType) -> KnownType {
    KnownType {
        conversation_type,
        origin: TypeOrigin::Builtin,
    }
}

fn imported(conversation_type: ConversationType) -> KnownType {
    KnownType {
        conversation_type,
        origin: TypeOrigin::Imported,
    }
}

/// Imports a TOML file for `actor`, an administrator.
pub async fn import_by(
    db: &Db,
    actor: &CurrentUser,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<(ConversationType, ImportOutcome), TypeImportError> {
    if !actor.is_admin() {
        return Err(TypeImportError::NotAllowed);
    }
    import(db, Some(actor.id.as_str()), file_name, bytes, now).await
}

/// Parses, validates and stores a conversation type file; `imported_by` is the account id.
pub async fn import(
    db: &Db,
    imported_by: Option<&str>,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<(ConversationType, ImportOutcome), TypeImportError> {
    if bytes.len() > conversation_type::MAX_FILE_BYTES {
        return Err(TypeError::TooLarge {
            file: file_name.to_owned(),
            size: bytes.len(),
            limit: conversation_type::MAX_FILE_BYTES,
        }
        .into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| TypeImportError::NotText {
        file: file_name.to_owned(),
    })?;
    let parsed = ConversationType::from_toml(file_name, text)?;
    let existing = find(db, &parsed.id, None).await.map_err(internal)?;
    if let Some(latest) = existing.map(|k| k.conversation_type) {
        if latest.version > parsed.version {
            return Err(TypeImportError::Outdated {
                file: file_name.to_owned(),
                id: parsed.id,
                version: parsed.version,
                latest: latest.version,
            });
        }
        if latest.version == parsed.version {
            return if latest == parsed {
                Ok((parsed, ImportOutcome::Unchanged))
            } else {
                Err(TypeImportError::VersionExists {
                    file: file_name.to_owned(),
                    id: parsed.id,
                    version: parsed.version,
                })
            };
        }
    }
    let inserted = db
        .insert_conversation_type(&parsed.id, parsed.version, text, imported_by, now)
        .await
        .map_err(internal)?;
    if !inserted {
        // Someone stored this version between the check and the insert.
        return Err(TypeImportError::VersionExists {
            file: file_name.to_owned(),
            id: parsed.id,
            version: parsed.version,
        });
    }
    Ok((parsed, ImportOutcome::Stored))
}
