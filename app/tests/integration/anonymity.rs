//! The anonymity promise tested the way a database administrator would break it, on every
//! backend: whoever holds the database (its rows, its files and WAL, a dump), but not the
//! server's secret key, must not be able to tell who submitted which response, read a draft, or
//! open a questionnaire.
//!
//! - Every table is snapshotted (on PostgreSQL with each row's `xmin`) before and after each
//!   submission: a submission may not insert, update or delete any row that names an invitation
//!   (its id, name, address or link hash), and a stored response is never rewritten.
//! - On SQLite the WAL frames a submission appends are searched for the same.
//! - The database files (file, `-wal`, `-shm`) or a `pg_dump` are searched for every link token
//!   and for distinctive draft comments: none may appear.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};

use app::auth::token::hash_token;
use app::respond;
use app::scans::service;
use app::storage::{Backend, Db, raw_rows};
use sqlx::Row;

use support::scan::{NOW, colleagues};

const COLLEAGUES: usize = 9;
/// A comment a respondent typed and then replaced before sending.
const REPLACED_DRAFT: &str = "VERVANGEN-CONCEPT-zebra";
/// A comment of a respondent who never sent their answers.
const UNSENT_DRAFT: &str = "NOOIT-VERSTUURD-giraffe";

/// An open scan with the subject and nine colleagues, and each one's link token.
struct Scan {
    open: support::scan::OpenScan,
    /// (address, link token) of every invitation.
    tokens: Vec<(String, String)>,
}

impl std::ops::Deref for Scan {
    type Target = support::scan::OpenScan;

    fn deref(&self) -> &Self::Target {
        &self.open
    }
}

async fn open_scan(db: &Db) -> Scan {
    let open = support::scan::open_scan(db, &colleagues(COLLEAGUES, "Nummer", "collega")).await;
    let tokens = open.tokens(db).await;
    Scan { open, tokens }
}

/// Saves the first section with every statement rated and `comment` on its competency.
async fn save_first_section(db: &Db, scan: &Scan, token: &str, comment: &str) {
    let mut r = respond::respondent(db, &scan.secret, token, NOW + 1)
        .await
        .unwrap();
    let section = r.questionnaire.sections[0].clone();
    let mut pairs: Vec<(String, String)> = section
        .items
        .iter()
        .map(|i| (format!("r:{}", i.key), "4".to_owned()))
        .collect();
    pairs.push((format!("c:{}", section.competency_id), comment.to_owned()));
    respond::save_section(db, &mut r, 0, &pairs, &[])
        .await
        .unwrap();
}

/// Every string that would name an invitation: its id, name, address and link hash, as stored.
async fn identifying_strings(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for row in raw_rows(
        db,
        "SELECT id, name, email, token_hash FROM scan_invitations",
    )
    .await
    .unwrap()
    {
        for column in ["id", "name", "email", "token_hash"] {
            if let Some(value) = row.try_get::<Option<String>, _>(column).unwrap() {
                out.push(value);
            }
        }
    }
    out
}

async fn table_names(db: &Db) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(tablename AS TEXT) AS name FROM pg_tables \
             WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations' ORDER BY tablename"
        }
    };
    raw_rows(db, sql)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("name").unwrap())
        .collect()
}

/// One column's value as text, whatever its type.
fn cell(row: &sqlx::any::AnyRow, index: usize) -> String {
    if let Ok(v) = row.try_get::<Option<String>, _>(index) {
        return format!("{v:?}");
    }
    if let Ok(v) = row.try_get::<Option<i64>, _>(index) {
        return format!("{v:?}");
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(index) {
        return format!("{v:?}");
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(index) {
        return format!("{v:?}");
    }
    format!("{:?}", row.try_get::<Option<Vec<u8>>, _>(index).unwrap())
}

type Snapshot = BTreeMap<String, BTreeSet<String>>;

/// The tables whose rows name an invitation (its id, address or link hash).
const NAMING_TABLES: [&str; 2] = ["scan_invitations", "outbox"];

/// Every row of every table as text; on PostgreSQL with its `xmin` (the transaction that
/// wrote this version of the row), so even an update that writes the same values shows.
async fn snapshot(db: &Db) -> Snapshot {
    let mut out = Snapshot::new();
    for table in table_names(db).await {
        let sql = match db.backend() {
            Backend::Sqlite => format!("SELECT rowid AS physical_row, * FROM {table}"),
            // On the rows that name invitations also `xmax`: a row lock (`FOR SHARE`/`FOR
            // UPDATE`) stamps it with the locking transaction's id, the id the response row
            // of that transaction carries as its `xmin`.
            Backend::Postgres if NAMING_TABLES.contains(&table.as_str()) => format!(
                "SELECT CAST(xmin AS TEXT) AS row_xmin, CAST(xmax AS TEXT) AS row_xmax, * \
                 FROM {table}"
            ),
            Backend::Postgres => format!("SELECT CAST(xmin AS TEXT) AS row_xmin, * FROM {table}"),
        };
        let rows = raw_rows(db, &sql).await.unwrap();
        let rows = rows
            .iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| cell(row, i))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        out.insert(table, rows);
    }
    out
}

fn sqlite_files(t: &support::TestDb) -> Vec<std::path::PathBuf> {
    let file = t.sqlite_file().expect("a SQLite file");
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| std::path::PathBuf::from(format!("{}{suffix}", file.display())))
        .collect()
}

fn read_or_empty(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Everything the database holds at rest: its files on SQLite, a `pg_dump` on PostgreSQL.
fn everything_at_rest(t: &support::TestDb) -> Vec<(String, Vec<u8>)> {
    match t.db.backend() {
        Backend::Sqlite => sqlite_files(t)
            .into_iter()
            .map(|path| (path.display().to_string(), read_or_empty(&path)))
            .collect(),
        Backend::Postgres => {
            let dump = std::process::Command::new("pg_dump")
                .args(["--no-owner", "--data-only", &t.url])
                .output()
                .expect("pg_dump runs (PostgreSQL's client tools)");
            assert!(
                dump.status.success(),
                "pg_dump: {}",
                String::from_utf8_lossy(&dump.stderr)
            );
            assert!(contains(&dump.stdout, "scan_invitations"), "a real dump");
            vec![("pg_dump".to_owned(), dump.stdout)]
        }
    }
}

#[tokio::test]
async fn a_submission_touches_nothing_that_names_an_invitation_and_rewrites_no_response() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db).await;
        assert!(scan.tokens.len() > 8, "at least 8 respondents");
        let identifying = identifying_strings(db).await;
        assert!(identifying.len() >= 4 * scan.tokens.len() - 1);

        // Everybody saves a draft first (a typed comment that is replaced before sending),
        // as people do while others are already sending.
        for (n, (_, token)) in scan.tokens.iter().enumerate() {
            save_first_section(db, &scan, token, &format!("{REPLACED_DRAFT} {n}")).await;
        }
        let (unsent, senders) = scan.tokens.split_last().unwrap();
        save_first_section(db, &scan, &unsent.1, UNSENT_DRAFT).await;

        let mut seen_responses: BTreeSet<String> = BTreeSet::new();
        for (n, (_, token)) in senders.iter().enumerate() {
            save_first_section(db, &scan, token, &format!("Definitieve opmerking {n}")).await;
            let r = respond::respondent(db, &scan.secret, token, NOW + 2)
                .await
                .unwrap();
            let wal_before = match db.backend() {
                Backend::Sqlite => read_or_empty(&sqlite_files(&t)[1]),
                Backend::Postgres => Vec::new(),
            };
            let before = snapshot(db).await;
            respond::submit(db, &r, NOW + 3 + n as i64).await.unwrap();
            let after = snapshot(db).await;

            for (table, rows_after) in &after {
                let rows_before = &before[table];
                let removed: Vec<&String> = rows_before.difference(rows_after).collect();
                let added: Vec<&String> = rows_after.difference(rows_before).collect();
                for row in removed.iter().chain(&added) {
                    for value in &identifying {
                        assert!(
                            !row.contains(value.as_str()),
                            "{}: a submission changed a row of {table} that names an \
                             invitation ({value}): {row}",
                            t.name
                        );
                    }
                }
                match table.as_str() {
                    "responses" => {
                        assert!(removed.is_empty(), "{}: a response was rewritten", t.name);
                        assert_eq!(added.len(), 1, "{}: one response per submission", t.name);
                    }
                    "submission_markers" => {
                        assert_eq!((removed.len(), added.len()), (0, 1), "{}", t.name)
                    }
                    // The link's draft goes with the submission.
                    "sealed_drafts" => {
                        assert_eq!((removed.len(), added.len()), (1, 0), "{}", t.name)
                    }
                    // Nothing else changes: not the invitations (not even their row version on
                    // PostgreSQL), not the outbox, not the scan.
                    _ => assert!(
                        removed.is_empty() && added.is_empty(),
                        "{}: a submission changed {table}: -{removed:?} +{added:?}",
                        t.name
                    ),
                }
            }
            for row in &after["responses"] {
                // Responses keep their ids and content for good.
                seen_responses.insert(row.clone());
            }
            assert!(
                before["responses"]
                    .iter()
                    .all(|row| after["responses"].contains(row)),
                "{}",
                t.name
            );

            if db.backend() == Backend::Sqlite {
                // What the submission appended to the WAL (the file only grows between
                // checkpoints) holds none of the invitations' identifying values either.
                let wal_after = read_or_empty(&sqlite_files(&t)[1]);
                if wal_after.len() > wal_before.len()
                    && wal_after.starts_with(&wal_before[..32.min(wal_before.len())])
                {
                    let appended = &wal_after[wal_before.len()..];
                    for value in &identifying {
                        assert!(
                            !contains(appended, value),
                            "sqlite: the WAL frames of a submission hold {value}"
                        );
                    }
                }
            }
        }
        assert_eq!(seen_responses.len(), senders.len(), "{}", t.name);

        // At rest, while the scan is open and after it closed: no link and no draft text.
        let check_at_rest = |moment: &str| {
            for (source, bytes) in everything_at_rest(&t) {
                for (_, token) in &scan.tokens {
                    assert!(
                        !contains(&bytes, token),
                        "{}: a link token is readable in {source} ({moment})",
                        t.name
                    );
                }
                for draft in [REPLACED_DRAFT, UNSENT_DRAFT] {
                    assert!(
                        !contains(&bytes, draft),
                        "{}: draft text is readable in {source} ({moment})",
                        t.name
                    );
                }
            }
        };
        check_at_rest("open");
        // The file does hold what it must: the hashes of the links (sanity of the search).
        if db.backend() == Backend::Sqlite {
            let all: Vec<u8> = everything_at_rest(&t)
                .into_iter()
                .flat_map(|(_, bytes)| bytes)
                .collect();
            assert!(contains(&all, &hash_token(&scan.tokens[0].1)));
            assert!(contains(&all, "Definitieve opmerking 0"));
        }
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, NOW + 20)
            .await
            .unwrap();
        let drafts = raw_rows(db, "SELECT COUNT(*) AS n FROM sealed_drafts")
            .await
            .unwrap()[0]
            .try_get::<i64, _>("n")
            .unwrap();
        assert_eq!(drafts, 0, "{}: drafts are deleted at closing", t.name);
        check_at_rest("closed");
        if db.backend() == Backend::Sqlite {
            let wal = read_or_empty(&sqlite_files(&t)[1]);
            assert!(wal.is_empty(), "the WAL is emptied after closing");
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn revoking_a_link_deletes_its_draft_and_changes_no_response_count() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db).await;
        let (sender, revoked_after_sending) = (&scan.tokens[1].1, &scan.tokens[2].1);
        for token in [sender, revoked_after_sending] {
            save_first_section(db, &scan, token, "Klaar").await;
            let r = respond::respondent(db, &scan.secret, token, NOW + 2)
                .await
                .unwrap();
            respond::submit(db, &r, NOW + 3).await.unwrap();
        }
        let drafting = &scan.tokens[3].1;
        save_first_section(db, &scan, drafting, UNSENT_DRAFT).await;
        let count = |overview: &service::ScanOverview| {
            overview
                .progress
                .iter()
                .find(|p| p.group_id == "colleagues")
                .unwrap()
                .submitted
        };
        let before = service::overview(db, &scan.secret, &scan.organiser, &scan.id)
            .await
            .unwrap();
        assert_eq!(count(&before), 2, "{}", t.name);

        for token in [revoked_after_sending, drafting] {
            let r = respond::respondent(db, &scan.secret, token, NOW + 4).await;
            let invitation = match r {
                Ok(r) => r.invitation.id,
                // Already submitted: find it by its link hash.
                Err(_) => raw_rows(
                    db,
                    &format!(
                        "SELECT id FROM scan_invitations WHERE token_hash = '{}'",
                        hash_token(token)
                    ),
                )
                .await
                .unwrap()[0]
                    .try_get("id")
                    .unwrap(),
            };
            service::revoke_invitation(
                db,
                &scan.secret,
                &scan.organiser,
                &scan.id,
                &invitation,
                NOW + 5,
            )
            .await
            .unwrap();
        }
        let after = service::overview(db, &scan.secret, &scan.organiser, &scan.id)
            .await
            .unwrap();
        assert_eq!(
            count(&after),
            count(&before),
            "{}: revoking someone who answered changes no count",
            t.name
        );
        let drafts = raw_rows(db, "SELECT COUNT(*) AS n FROM sealed_drafts")
            .await
            .unwrap()[0]
            .try_get::<i64, _>("n")
            .unwrap();
        assert_eq!(drafts, 0, "{}: the revoked link's draft is gone", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn records_kept_in_clear_before_are_keyed_and_sealed_at_start() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db).await;
        let invitation_of = |token: &str| {
            let hash = hash_token(token);
            async move {
                raw_rows(
                    db,
                    &format!("SELECT id FROM scan_invitations WHERE token_hash = '{hash}'"),
                )
                .await
                .unwrap()[0]
                    .try_get::<String, _>("id")
                    .unwrap()
            }
        };
        let (submitted, drafting) = (&scan.tokens[1].1, &scan.tokens[2].1);
        let submitted_id = invitation_of(submitted).await;
        let drafting_id = invitation_of(drafting).await;
        // The old schema: `submitted_at` on the invitation, drafts in clear by invitation id.
        db.execute_raw(&format!(
            "UPDATE scan_invitations SET submitted_at = {NOW} WHERE id = '{submitted_id}'"
        ))
        .await
        .unwrap();
        let first = respond::respondent(db, &scan.secret, drafting, NOW + 1)
            .await
            .unwrap()
            .questionnaire
            .sections[0]
            .competency_id
            .clone();
        db.execute_raw(&format!(
            "INSERT INTO response_drafts (invitation_id, answers, updated_at) VALUES \
             ('{drafting_id}', '{{\"ratings\":{{}},\"comments\":{{\"{first}\":\"{UNSENT_DRAFT}\"}}}}', {NOW})"
        ))
        .await
        .unwrap();

        let converted = app::respond::legacy::seal_legacy_records(db, &scan.secret)
            .await
            .unwrap();
        assert_eq!(
            (converted.submissions, converted.drafts),
            (1, 1),
            "{}",
            t.name
        );
        // A second start finds nothing left to do.
        let again = app::respond::legacy::seal_legacy_records(db, &scan.secret)
            .await
            .unwrap();
        assert_eq!((again.submissions, again.drafts), (0, 0));

        assert!(matches!(
            respond::respondent(db, &scan.secret, submitted, NOW + 2).await,
            Err(respond::RespondError::Link(
                respond::LinkError::Submitted { .. }
            ))
        ));
        let resumed = respond::respondent(db, &scan.secret, drafting, NOW + 2)
            .await
            .unwrap();
        assert_eq!(resumed.answers.comments[&first], UNSENT_DRAFT, "{}", t.name);
        let left = raw_rows(
            db,
            "SELECT (SELECT COUNT(*) FROM response_drafts) + \
             (SELECT COUNT(*) FROM scan_invitations WHERE submitted_at IS NOT NULL) AS n",
        )
        .await
        .unwrap()[0]
            .try_get::<i64, _>("n")
            .unwrap();
        assert_eq!(left, 0, "{}: nothing is left in clear", t.name);
        t.finish().await;
    }
}
