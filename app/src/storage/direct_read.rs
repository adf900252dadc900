//! Reads on the calling thread, straight from the SQLite file, for the lookup every page of a
//! respondent makes (`Db::find_link`).
//!
//! sqlx's SQLite driver runs each connection on a thread of its own: a statement is sent there,
//! its rows are sent back, and the connection is pinged there again on its way back to the pool.
//! Under load those thread hand-offs took about two thirds of the server's CPU on a
//! questionnaire page; the lookup itself (one indexed row in WAL mode, where readers never wait
//! for the writer) takes microseconds, so it is cheaper to run it where the request already is.
//! Only reads, only SQLite files: writes, transactions and PostgreSQL stay on the pool.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use sqlx::sqlite::SqliteConnectOptions;

use super::StorageError;

/// Idle connections kept for reuse. A read never awaits, so a thread holds at most one at a
/// time: more than the runtime's threads are never in use at once.
const MAX_IDLE: usize = 16;

#[derive(Debug)]
pub(super) struct DirectReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl DirectReader {
    /// A reader for the database file a `sqlite:` URL names, once the pool has created it;
    /// `None` for an in-memory database, whose every connection would see an empty one of its
    /// own.
    pub(super) fn for_url(url: &str) -> Option<Self> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            return None;
        }
        let options = SqliteConnectOptions::from_str(url).ok()?;
        let path = options.get_filename();
        path.is_file().then(|| Self {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Runs `read` on an idle connection, opening one when none is idle. `Ok(None)` when the
    /// database was busy (a reader in WAL mode sees that only in rare moments such as recovery
    /// after a crash): the caller then reads through the pool, which waits for it.
    pub(super) fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> Result<T, StorageError>,
    ) -> Result<Option<T>, StorageError> {
        let idle = self.lock().pop();
        let connection = match idle {
            Some(connection) => connection,
            None => open(&self.path)?,
        };
        let result = read(&connection);
        let mut idle = self.lock();
        if idle.len() < MAX_IDLE {
            idle.push(connection);
        }
        match result {
            Err(StorageError::Sqlite(error)) if is_busy(&error) => Ok(None),
            other => other.map(Some),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // A panic inside `read` cannot leave the list half-changed: it is only pushed and popped.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn open(path: &Path) -> Result<Connection, StorageError> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Never sleep on the request's thread waiting for a lock; the pool path waits instead.
    connection.busy_timeout(std::time::Duration::ZERO)?;
    // This connection only reads; refuse a write should one ever be routed here by mistake.
    connection.pragma_update(None, "query_only", true)?;
    Ok(connection)
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read.db");
        let setup = Connection::open(&path).unwrap();
        setup
            .execute_batch(
                "CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT); INSERT INTO t VALUES ('a', 1);",
            )
            .unwrap();
        (dir, path)
    }

    fn url(path: &Path) -> String {
        format!("sqlite://{}?mode=rwc", path.display())
    }

    fn count(connection: &Connection) -> Result<i64, StorageError> {
        Ok(connection.query_row("SELECT count(*) FROM t", [], |row| row.get(0))?)
    }

    #[test]
    fn only_existing_files_are_read_directly() {
        let (_dir, path) = database();
        assert!(DirectReader::for_url(&url(&path)).is_some());
        assert!(DirectReader::for_url(&url(&path.with_file_name("missing.db"))).is_none());
        assert!(DirectReader::for_url("sqlite::memory:").is_none());
        assert!(
            DirectReader::for_url(&format!("sqlite://{}?mode=memory", path.display())).is_none()
        );
    }

    #[test]
    fn reads_see_committed_writes_and_reuse_connections() {
        let (_dir, path) = database();
        let reader = DirectReader::for_url(&url(&path)).unwrap();
        assert_eq!(reader.read(count).unwrap(), Some(1));
        Connection::open(&path)
            .unwrap()
            .execute("INSERT INTO t VALUES ('b', 2)", [])
            .unwrap();
        assert_eq!(reader.read(count).unwrap(), Some(2));
        assert_eq!(reader.lock().len(), 1, "one connection, reused");
    }

    #[test]
    fn a_busy_database_is_left_to_the_pool() {
        let (_dir, path) = database();
        let reader = DirectReader::for_url(&url(&path)).unwrap();
        // In rollback-journal mode an exclusive transaction shuts readers out.
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("BEGIN EXCLUSIVE; INSERT INTO t VALUES ('c', 3);")
            .unwrap();
        assert_eq!(reader.read(count).unwrap(), None);
        writer.execute_batch("COMMIT").unwrap();
        assert_eq!(reader.read(count).unwrap(), Some(2));
    }

    #[test]
    fn it_cannot_write_and_reports_other_errors() {
        let (_dir, path) = database();
        let reader = DirectReader::for_url(&url(&path)).unwrap();
        let insert = |c: &Connection| Ok(c.execute("INSERT INTO t VALUES ('d', 4)", [])?);
        assert!(matches!(reader.read(insert), Err(StorageError::Sqlite(_))));
        let unknown = |c: &Connection| Ok(c.execute("SELECT * FROM nope", [])?);
        assert!(matches!(reader.read(unknown), Err(StorageError::Sqlite(_))));
        assert_eq!(reader.read(count).unwrap(), Some(1), "nothing was written");
    }
}
