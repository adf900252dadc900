//! Reading and writing framework files (TOML for people, JSON for tools).
//!
//! Every read checks the size first, then the syntax, then all content rules, so a framework
//! that comes out of [`Framework::from_toml`] or [`Framework::from_json`] is safe to use.

use super::MAX_FILE_BYTES;
use super::error::{CatalogError, Format};
use super::model::Framework;
use super::validate::validate;

impl Framework {
    /// Reads and validates a framework from TOML text. `file_name` only labels errors.
    pub fn from_toml(file_name: &str, text: &str) -> Result<Framework, CatalogError> {
        check_size(file_name, text)?;
        let framework: Framework = toml::from_str(text).map_err(|e| CatalogError::Syntax {
            file: file_name.to_string(),
            format: Format::Toml,
            message: e.to_string().trim_end().to_string(),
        })?;
        framework.checked(file_name)
    }

    /// Reads and validates a framework from JSON text (the export format).
    pub fn from_json(file_name: &str, text: &str) -> Result<Framework, CatalogError> {
        check_size(file_name, text)?;
        let framework: Framework =
            serde_json::from_str(text).map_err(|e| CatalogError::Syntax {
                file: file_name.to_string(),
                format: Format::Json,
                message: e.to_string(),
            })?;
        framework.checked(file_name)
    }

    /// Writes the framework as TOML; reading it back gives an equal framework.
    pub fn to_toml(&self) -> Result<String, CatalogError> {
        toml::to_string(self).map_err(|e| CatalogError::Export {
            framework: self.id.clone(),
            format: Format::Toml,
            message: e.to_string(),
        })
    }

    /// Writes the framework as pretty JSON; reading it back gives an equal framework.
    pub fn to_json(&self) -> Result<String, CatalogError> {
        serde_json::to_string_pretty(self).map_err(|e| CatalogError::Export {
            framework: self.id.clone(),
            format: Format::Json,
            message: e.to_string(),
        })
    }

    /// Validates the framework, returning every problem at once.
    pub fn validate(&self, file_name: &str) -> Result<(), CatalogError> {
        let errors = validate(file_name, self);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(CatalogError::Invalid {
                file: file_name.to_string(),
                errors,
            })
        }
    }

    fn checked(self, file_name: &str) -> Result<Framework, CatalogError> {
        self.validate(file_name)?;
        Ok(self)
    }
}

/// Refuses oversized input before any parsing work is done.
fn check_size(file_name: &str, text: &str) -> Result<(), CatalogError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(CatalogError::TooLarge {
            file: file_name.to_string(),
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}
