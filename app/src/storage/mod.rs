//! All database access lives here. One code path serves SQLite (the embedded default) and
//! PostgreSQL through sqlx's `Any` driver: the SQL is written to be portable (`$1` parameters,
//! TEXT ids, BIGINT times and flags), and both backends run the same storage tests.

mod accounts;
pub mod api_tokens;
pub mod appraisal;
mod columns;
pub mod conversation_types;
pub mod conversations;
mod direct_read;
mod error;
mod flash;
mod frameworks;
mod invitations;
mod organisation_settings;
mod outbox;
mod questionnaire_cache;
pub mod report_readers;
pub mod responses;
pub mod retention;
pub mod scans;
mod sessions;
mod settings_cache;
mod setup_codes;

pub use accounts::{FirstAdminOutcome, LoginRecord};
pub use error::StorageError;
pub use frameworks::{FrameworkOrigin, StoreOutcome};
pub use outbox::{
    ClaimedMessage, OutboxEntry, OutboxStatus, enqueue_email_about_in, enqueue_email_in,
};
pub use scans::{InvitationTarget, LinkInvitation, LinkTarget, ScanListItem, StoredScan};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// Which database the URL selected; some set-up differs, the queries do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// The connection pool handed around in `AppState`. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// Parsed framework versions. A stored version never changes, so it can be kept for the
    /// process's life; this spares every questionnaire page a 150 KB JSON parse.
    framework_cache: frameworks::FrameworkCache,
    /// Questionnaires built from those frameworks, per scan choice (`questionnaire_cache`).
    questionnaire_cache: questionnaire_cache::QuestionnaireCache,
    /// Parsed settings of the scans respondents' links lead to (`settings_cache`).
    settings_cache: settings_cache::SettingsCache,
    /// Set once an account was seen. Accounts are never deleted, so from then on
    /// [`Db::any_account`] needs no query (it runs for every anonymous visitor's page).
    accounts_seen: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// SQLite files only: the respondent's link lookup reads on the calling thread.
    direct: Option<std::sync::Arc<direct_read::DirectReader>>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

impl Db {
    /// Opens a pool. SQLite files are created when missing and run in WAL mode with foreign keys
    /// enforced; both are set on every connection because they are per-connection pragmas.
    pub async fn connect(url: &str) -> Result<Self, StorageError> {
        let backend = Backend::from_url(url).ok_or(StorageError::UnsupportedUrl)?;
        install_default_drivers();
        let (url, max_connections) = match backend {
            Backend::Sqlite => (sqlite_url_with_create(url), 8),
            Backend::Postgres => (url.to_owned(), 16),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            // By default sqlx pings every connection it hands out (and again when it takes it
            // back). A SQLite connection is a file in this process and cannot go stale, and each
            // ping is a round trip to the connection's worker thread: three thread hand-offs per
            // query instead of two. PostgreSQL connections can be dropped by the network, so
            // they keep the check.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // Deleted rows (drafts, sent messages) are overwritten with zeros, not
                        // left readable in free pages of the file.
                        conn.execute("PRAGMA secure_delete = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        // After the pool's first connection, which creates a missing file.
        let direct = match backend {
            Backend::Sqlite => direct_read::DirectReader::for_url(&url).map(std::sync::Arc::new),
            Backend::Postgres => None,
        };
        Ok(Self {
            pool,
            backend,
            framework_cache: Default::default(),
            questionnaire_cache: Default::default(),
            settings_cache: Default::default(),
            accounts_seen: Default::default(),
            direct,
        })
    }

    /// Applies the migrations in `migrations/`; the server refuses to start when this fails.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Answers whether the database responds, for `/healthz`.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Runs one statement without parameters; for administrative SQL such as creating the
    /// per-run test databases.
    pub async fn execute_raw(&self, sql: &str) -> Result<(), StorageError> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs `read` through the direct SQLite reader when there is one; `Ok(None)` means "read
    /// through the pool instead" (PostgreSQL, an in-memory database, or a busy moment).
    fn read_directly<T>(
        &self,
        read: impl FnOnce(&rusqlite::Connection) -> Result<T, StorageError>,
    ) -> Result<Option<T>, StorageError> {
        match &self.direct {
            Some(reader) => reader.read(read),
            None => Ok(None),
        }
    }

    /// Whether reads such as [`Db::find_link`] bypass the pool (SQLite files).
    pub fn reads_directly(&self) -> bool {
        self.direct.is_some()
    }

    /// This handle with every read through the pool: for tests and benchmarks that compare the
    /// two paths on the same database.
    pub fn pool_reads_only(mut self) -> Self {
        self.direct = None;
        self
    }
}

/// Rows of a read-only query without parameters, for tests and tools that inspect the schema or
/// the raw rows (e.g. to prove a response cannot be joined to its invitation).
pub async fn raw_rows(db: &Db, sql: &str) -> Result<Vec<sqlx::any::AnyRow>, StorageError> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_all(db.pool())
        .await?)
}

/// `sqlite://data/x.db` → `sqlite://data/x.db?mode=rwc`, so a fresh machine gets its file.
fn sqlite_url_with_create(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Random, unguessable identifiers for rows (no sequential ids anywhere).
pub fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_url() {
        assert_eq!(
            Backend::from_url("sqlite://data/a.db"),
            Some(Backend::Sqlite)
        );
        assert_eq!(Backend::from_url("sqlite::memory:"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("postgres://localhost/x"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://localhost/x"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://localhost/x"), None);
    }

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db"),
            "sqlite://a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db?x=1"),
            "sqlite://a.db?x=1&mode=rwc"
        );
        assert_eq!(
            sqlite_url_with_create("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }

    #[tokio::test]
    async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
        use sqlx::Row;
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("nieuw.db").display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        let mode: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(db.pool())
            .await
            .unwrap()
            .get(0);
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query("PRAGMA foreign_keys")
            .fetch_one(db.pool())
            .await
            .unwrap()
            .get(0);
        assert_eq!(fk, 1);
        let secure_delete: i64 = sqlx::query("PRAGMA secure_delete")
            .fetch_one(db.pool())
            .await
            .unwrap()
            .get(0);
        assert_eq!(secure_delete, 1);
        // Foreign keys are enforced: a session for a missing account is refused.
        let orphan = db.create_session("hash", "bestaat-niet", 1, 2).await;
        assert!(orphan.is_err());
    }

    #[test]
    fn ids_are_random_and_128_bits() {
        let a = new_id();
        assert_eq!(a.len(), 32);
        assert_ne!(a, new_id());
    }
}
