//! Fresh databases for storage tests: always a new SQLite file, and a new PostgreSQL database
//! when `TEST_POSTGRES_URL` is set (the test command sets it when PostgreSQL answers), so runs
//! never see each other's rows.

#![allow(dead_code)] // each test binary uses a different part

pub mod scan;
pub mod smtp;

use app::storage::Db;

pub struct TestDb {
    pub name: &'static str,
    pub db: Db,
    /// The database's URL (to open it from outside, e.g. with `pg_dump`).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    drop_sql: Option<(String, String)>,
}

impl TestDb {
    /// The SQLite database file (its `-wal` and `-shm` lie beside it); `None` on PostgreSQL.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self._dir.as_ref().map(|dir| dir.path().join("test.db"))
    }

    /// Closes the pool and removes the PostgreSQL database.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((admin_url, sql)) = self.drop_sql {
            let admin = Db::connect(&admin_url).await.expect("admin connection");
            admin.execute_raw(&sql).await.expect("drop test database");
            admin.close().await;
        }
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let db = Db::connect(&url).await.expect("sqlite connect");
    db.migrate().await.expect("sqlite migrate");
    TestDb {
        name: "sqlite",
        db,
        url,
        _dir: Some(dir),
        drop_sql: None,
    }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!("ontwikkelscan_test_{}", app::storage::new_id());
    let admin = Db::connect(&admin_url)
        .await
        .expect("TEST_POSTGRES_URL is set but unreachable");
    admin
        .execute_raw(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL with a database name");
    let url = format!("{base}/{name}");
    let db = Db::connect(&url).await.expect("postgres connect");
    db.migrate().await.expect("postgres migrate");
    Some(TestDb {
        name: "postgres",
        db,
        url,
        _dir: None,
        drop_sql: Some((admin_url, format!("DROP DATABASE {name} WITH (FORCE)"))),
    })
}

/// Every backend available to this run: SQLite always, PostgreSQL when configured.
pub async fn all() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        dbs.push(pg);
    }
    dbs
}
