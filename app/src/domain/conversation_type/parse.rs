//! Reading and writing conversation type files (TOML).
//!
//! Every read checks the size, then the syntax, then every content rule, so a type that comes
//! out of [`ConversationType::from_toml`] is safe to use.

use super::MAX_FILE_BYTES;
use super::error::TypeError;
use super::model::ConversationType;
use super::validate::validate;

impl ConversationType {
    /// Reads and validates a type from TOML text. `file_name` only labels errors.
    pub fn from_toml(file_name: &str, text: &str) -> Result<ConversationType, TypeError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(TypeError::TooLarge {
                file: file_name.to_owned(),
                size: text.len(),
                limit: MAX_FILE_BYTES,
            });
        }
        let parsed: ConversationType = toml::from_str(text).map_err(|e| TypeError::Syntax {
            file: file_name.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        parsed.validate(file_name)?;
        Ok(parsed)
    }

    /// Writes the type as TOML; reading it back gives an equal type.
    pub fn to_toml(&self) -> Result<String, TypeError> {
        toml::to_string(self).map_err(|e| TypeError::Export {
            id: self.id.clone(),
            message: e.to_string(),
        })
    }

    /// Checks every rule, returning all problems at once.
    pub fn validate(&self, file_name: &str) -> Result<(), TypeError> {
        let problems = validate(self);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(TypeError::Invalid {
                file: file_name.to_owned(),
                problems,
            })
        }
    }
}
