//! What the benchmarks share: a fresh database per backend (SQLite in a temporary directory, or
//! a new PostgreSQL database dropped afterwards), and how they print figures. Errors are
//! reported, not panicked, so a benchmark can say what went wrong and exit non-zero.

#![allow(dead_code)] // each benchmark uses a different part

use std::time::Duration;

use app::storage::Db;

pub type BenchResult<T> = Result<T, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A fresh database: a SQLite file in a temporary directory, or a new PostgreSQL database
/// that [`BenchDb::finish`] drops again.
pub struct BenchDb {
    pub backend: Backend,
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    drop_sql: Option<(String, String)>,
}

impl BenchDb {
    pub async fn create(backend: Backend, postgres: Option<&str>) -> BenchResult<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                let db = Db::connect(&url)
                    .await
                    .map_err(|e| format!("opening {url}: {e}"))?;
                db.migrate().await.map_err(|e| format!("migrating: {e}"))?;
                Ok(BenchDb {
                    backend,
                    db,
                    _dir: Some(dir),
                    drop_sql: None,
                })
            }
            Backend::Postgres => {
                let admin_url = postgres.expect("checked by parse_args");
                let name = format!("ontwikkelscan_bench_{}", app::storage::new_id());
                let admin = Db::connect(admin_url)
                    .await
                    .map_err(|e| format!("connecting to {admin_url}: {e}"))?;
                admin
                    .execute_raw(&format!("CREATE DATABASE {name}"))
                    .await
                    .map_err(|e| format!("creating database {name}: {e}"))?;
                admin.close().await;
                let bench_db = |db| BenchDb {
                    backend,
                    db,
                    _dir: None,
                    drop_sql: Some((
                        admin_url.to_owned(),
                        format!("DROP DATABASE {name} WITH (FORCE)"),
                    )),
                };
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .ok_or("the PostgreSQL URL needs a database name")?;
                let db = match Db::connect(&format!("{base}/{name}")).await {
                    Ok(db) => bench_db(db),
                    Err(e) => {
                        drop_database(admin_url, &format!("DROP DATABASE {name} WITH (FORCE)"))
                            .await;
                        return Err(format!("connecting to database {name}: {e}"));
                    }
                };
                if let Err(e) = db.db.migrate().await {
                    db.finish().await;
                    return Err(format!("migrating: {e}"));
                }
                eprintln!("    using PostgreSQL database {name} (dropped afterwards)");
                Ok(db)
            }
        }
    }

    /// Closes the pool and drops the PostgreSQL database; the SQLite directory goes with
    /// `self`.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((admin_url, sql)) = &self.drop_sql {
            drop_database(admin_url, sql).await;
        }
    }
}

async fn drop_database(admin_url: &str, sql: &str) {
    let result = match Db::connect(admin_url).await {
        Ok(admin) => {
            let result = admin.execute_raw(sql).await;
            admin.close().await;
            result
        }
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        eprintln!("warning: `{sql}` failed: {e}");
    }
}

/// `10000` → `10,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}
