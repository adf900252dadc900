//! Storage transactions read, then write. On SQLite one that began deferred takes a snapshot at
//! its first read, and when another connection commits before its first write, that write fails
//! with SQLITE_BUSY_SNAPSHOT ("database is locked", code 517), which no busy timeout waits out:
//! the API fuzz run saw the organiser's remind answer 500 that way while the outbox worker
//! committed. `Db::begin` therefore takes the write lock at once (`BEGIN IMMEDIATE`); this test
//! plays the race many times over and fails on the first such error.

use crate::support;

use app::storage::Db;

const WRITERS: usize = 4;
const ROUNDS: usize = 60;
/// No row of this test expires while it runs (`put_flash` clears expired entries).
const FAR_FUTURE: i64 = 4_102_444_800;

/// One read-then-write transaction, as the services' are: count, then insert.
async fn read_then_write(db: &Db, key: String) -> Result<(), String> {
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    sqlx::query("SELECT COUNT(*) AS n FROM flash_entries")
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    // Give the other writers time to commit between this read and the write below.
    tokio::task::yield_now().await;
    sqlx::query(
        "INSERT INTO flash_entries (flash_key, session_hash, payload, expires_at) \
         VALUES ($1, 'sessie', 'x', $2)",
    )
    .bind(key)
    .bind(FAR_FUTURE)
    .execute(&mut *tx)
    .await
    .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn read_then_write_transactions_survive_concurrent_commits() {
    for test_db in support::all().await {
        let mut tasks = Vec::new();
        for writer in 0..WRITERS {
            let db = test_db.db.clone();
            tasks.push(tokio::spawn(async move {
                let mut failures = Vec::new();
                for round in 0..ROUNDS {
                    if let Err(error) = read_then_write(&db, format!("{writer}-{round}")).await {
                        failures.push(error);
                    }
                    // Someone else's autocommitted write, as the outbox worker's are.
                    db.put_flash(
                        &format!("los-{writer}-{round}"),
                        "sessie",
                        "x",
                        0,
                        FAR_FUTURE,
                    )
                    .await
                    .unwrap();
                }
                failures
            }));
        }
        let mut failures = Vec::new();
        for task in tasks {
            failures.extend(task.await.unwrap());
        }
        assert!(failures.is_empty(), "{}: {failures:?}", test_db.name);
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM flash_entries")
            .fetch_one(&mut *test_db.db.begin().await.unwrap())
            .await
            .unwrap();
        assert_eq!(stored as usize, 2 * WRITERS * ROUNDS, "{}", test_db.name);
        test_db.finish().await;
    }
}
