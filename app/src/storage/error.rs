use thiserror::Error;

/// Storage failures. The messages are for logs; users see a fixed, translated text.
#[derive(Debug, Error)]
pub enum StorageError {
    #[error("DATABASE_URL must start with sqlite:, postgres:// or postgresql://")]
    UnsupportedUrl,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// From the direct SQLite reader (`direct_read`).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A stored value that the code cannot read back (e.g. settings JSON of an unknown shape).
    #[error("unreadable stored data: {0}")]
    Corrupt(String),
}

impl StorageError {
    /// Tells a unique-constraint violation apart by its error kind, not its message text.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StorageError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
