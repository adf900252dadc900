//! A result row read by column name, whichever path read it: sqlx's pool (`AnyRow`) or the
//! direct SQLite reader (`rusqlite::Row`). One decoding function per row shape serves both, so
//! the two paths cannot drift apart.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::StorageError;

pub(super) trait Columns {
    fn text(&self, name: &str) -> Result<String, StorageError>;
    fn optional_text(&self, name: &str) -> Result<Option<String>, StorageError>;
    fn int(&self, name: &str) -> Result<i64, StorageError>;
    fn optional_int(&self, name: &str) -> Result<Option<i64>, StorageError>;
}

impl Columns for AnyRow {
    fn text(&self, name: &str) -> Result<String, StorageError> {
        Ok(self.try_get(name)?)
    }
    fn optional_text(&self, name: &str) -> Result<Option<String>, StorageError> {
        Ok(self.try_get(name)?)
    }
    fn int(&self, name: &str) -> Result<i64, StorageError> {
        Ok(self.try_get(name)?)
    }
    fn optional_int(&self, name: &str) -> Result<Option<i64>, StorageError> {
        Ok(self.try_get(name)?)
    }
}

impl Columns for rusqlite::Row<'_> {
    fn text(&self, name: &str) -> Result<String, StorageError> {
        Ok(self.get(name)?)
    }
    fn optional_text(&self, name: &str) -> Result<Option<String>, StorageError> {
        Ok(self.get(name)?)
    }
    fn int(&self, name: &str) -> Result<i64, StorageError> {
        Ok(self.get(name)?)
    }
    fn optional_int(&self, name: &str) -> Result<Option<i64>, StorageError> {
        Ok(self.get(name)?)
    }
}
