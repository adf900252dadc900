//! Issue 21, retention, tested as an attacker with a copy of the database and the mail
//! directory would read them. Scans are opened, answered with comments, closed and their
//! messages written as `.eml` files by the real file transport; conversation records are
//! inserted through SQL (the job works on rows, whoever wrote them). With the clock moved past
//! the retention period the daily job runs, and then:
//! - the informants' names and addresses, their comments, the subject's name and the scan's
//!   introduction are in no byte of the SQLite file, its `-wal` and `-shm` (as they are, and
//!   after a checkpoint), nor in a `pg_dump` on PostgreSQL, nor in any `.eml` file left;
//! - the `.eml` files of the removed messages are gone, the others are there;
//! - the content-free line stays (framework, dates, `removed_at`);
//! - a scan within its period is untouched; a scan attached to a record kept longer stays until
//!   the record's `keep_until`, and goes after it with the record;
//! - a record past its `keep_until` has its content gone from every table, its line kept;
//! - a record never approved is removed the same way its type's months after its last change
//!   (not a day before; a recent change keeps it), and the scans it held then go after their own
//!   date or the latest record's, never kept forever;
//! - a second run changes nothing; the organisation's period changes the date.
//!
//! On SQLite, and on PostgreSQL when `TEST_POSTGRES_URL` is set.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use app::auth::scan_link::LinkSecret;
use app::conversations::Visitor;
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::conversation::RecordCommand;
use app::domain::retention::{conversation_about, end_of_day_months_after};
use app::domain::scan::example::maastricht_example;
use app::email::{MailSettings, Mailer, OutgoingEmail, run_once};
use app::respond;
use app::retention::{
    RetentionWork, run_retention, scan_retention, scan_retention_months, set_scan_retention_months,
};
use app::scans::service;
use app::state::Settings;
use app::storage::retention::claim_conversation_removal_in;
use app::storage::{Backend, Db, enqueue_email_about_in, raw_rows};
use sqlx::Row;
use support::scan::{DAY, NOW, OpenScan, maastricht, open_draft, organiser};
use support::smtp::FROM;

/// The moment the first scans close.
const CLOSED: i64 = NOW + DAY;
/// Past the 36 months of a scan closed at [`CLOSED`] (37 months of 31 days).
const LATER: i64 = NOW + 37 * 31 * DAY;
/// The `keep_until` of the record that holds a scan: after [`LATER`].
const RECORD_KEPT_UNTIL: i64 = NOW + 1_300 * DAY;
/// Past that.
const MUCH_LATER: i64 = RECORD_KEPT_UNTIL + DAY;

/// A closed, answered scan and everything that names someone in it.
struct ClosedScan {
    open: OpenScan,
    /// Names, addresses, comments, the subject's name and the introduction.
    personal: Vec<String>,
    /// Ids of the outbox messages about the scan (its `.eml` files are `<id>.eml`).
    messages: Vec<String>,
}

/// Opens a Maastricht scan about `Betrokkene {tag}` with three colleagues and a named report
/// reader, lets everyone answer with a comment, closes it at `closed_at` and sends its
/// messages as files.
async fn closed_scan(
    db: &Db,
    mailer: &Mailer,
    secret: &LinkSecret,
    organiser: &CurrentUser,
    tag: &str,
    closed_at: i64,
) -> ClosedScan {
    let opened_at = closed_at - DAY;
    let mut draft = maastricht_example(&maastricht(), opened_at + 14 * DAY);
    draft.subject_name = format!("Betrokkene {tag}");
    let low = tag.to_lowercase();
    draft.subject_email = format!("betrokkene-{low}@gemeente.nl");
    draft.subject_job_title = format!("Functie-{tag}");
    draft.introduction = format!("Inleiding-{tag} voor de collega's");
    draft.introduction_self = format!("Zelf-inleiding-{tag}");
    draft.report_readers = vec![format!("lezer-{low}@gemeente.nl")];
    let informants: Vec<_> = (0..3)
        .map(|i| app::domain::informants::Informant {
            name: format!("Collega-{tag}-{i}"),
            email: Email::parse(&format!("collega-{low}-{i}@gemeente.nl")).unwrap(),
            group: "colleagues".into(),
        })
        .collect();
    let open = open_draft(
        db,
        organiser.clone(),
        &draft,
        &informants,
        secret.clone(),
        opened_at,
    )
    .await;
    let mut personal = vec![
        draft.subject_name.clone(),
        draft.subject_email.clone(),
        draft.subject_job_title.clone(),
        draft.introduction.clone(),
        draft.introduction_self.clone(),
    ];
    for informant in &informants {
        personal.push(informant.name.clone());
        personal.push(informant.email.as_str().to_owned());
    }
    for (n, (_, token)) in open.tokens(db).await.iter().enumerate() {
        let comment = format!("Opmerking-{tag}-{n} over samenwerking");
        let mut r = respond::respondent(db, secret, token, opened_at + 60)
            .await
            .unwrap();
        let section = r.questionnaire.sections[0].clone();
        let mut pairs: Vec<(String, String)> = section
            .items
            .iter()
            .map(|i| (format!("r:{}", i.key), "4".to_owned()))
            .collect();
        pairs.push((format!("c:{}", section.competency_id), comment.clone()));
        respond::save_section(db, &mut r, 0, &pairs, &[])
            .await
            .unwrap();
        respond::submit(db, &r, opened_at + 120).await.unwrap();
        personal.push(comment);
    }
    service::close_scan(db, &open.links(), organiser, &open.id, closed_at)
        .await
        .unwrap();
    drain(db, mailer, secret, closed_at).await;
    let messages = outbox_ids(db, &format!("scan:{}", open.id)).await;
    assert!(
        messages.len() >= 8,
        "invitations, closing notices and the reader's message: {messages:?}"
    );
    ClosedScan {
        open,
        personal,
        messages,
    }
}

/// Sends everything due as files.
async fn drain(db: &Db, mailer: &Mailer, secret: &LinkSecret, now: i64) {
    while run_once(db, mailer, FROM, secret, "w", now)
        .await
        .unwrap()
        .sent
        > 0
    {}
}

async fn outbox_ids(db: &Db, about: &str) -> Vec<String> {
    raw_rows(
        db,
        &format!("SELECT id FROM outbox WHERE about = '{about}' ORDER BY id"),
    )
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get("id").unwrap())
    .collect()
}

async fn count(db: &Db, sql: &str) -> i64 {
    raw_rows(db, sql).await.unwrap()[0]
        .try_get::<i64, _>(0)
        .unwrap()
}

/// A conversation record about `Besproken {tag}`, inserted as rows, holding `scan` when given,
/// kept until `keep_until`; with a message about it sent as a file. Returns its id and what
/// names someone in it.
async fn record(
    db: &Db,
    mailer: &Mailer,
    secret: &LinkSecret,
    tag: &str,
    scan: Option<&str>,
    keep_until: i64,
) -> (String, Vec<String>) {
    let id = app::storage::new_id();
    let party = app::storage::new_id();
    let low = tag.to_lowercase();
    let statements = [
        format!(
            "INSERT INTO conversations (id, type_id, type_version, state, subject_name, \
             starts_at, place, duration_minutes, settings, created_at, updated_at, held_at, \
             approved_at, keep_until) VALUES ('{id}', 'functioneringsgesprek-secretaris', 1, \
             'approved', 'Besproken {tag}', {NOW}, 'Kamer-{tag}', 90, \
             '{{\"wens\":\"Voorbereiding-{tag}\"}}', {NOW}, {NOW}, {NOW}, {NOW}, {keep_until})"
        ),
        format!(
            "INSERT INTO conversation_parties (id, conversation_id, role, is_subject, name, \
             email, signed_at, created_at) VALUES ('{party}', '{id}', 'secretaris', 1, \
             'Deelnemer-{tag}', 'deelnemer-{low}@gemeente.nl', {NOW}, {NOW})"
        ),
        format!(
            "INSERT INTO conversation_links (token_hash, party_id, created_at, expires_at) \
             VALUES ('linkhash-{tag}', '{party}', {NOW}, {NOW})"
        ),
        format!(
            "INSERT INTO conversation_agenda_items (id, conversation_id, position, text, \
             added_by_party, created_at) VALUES ('{id}-a', '{id}', 1, 'Agendapunt-{tag}', \
             '{party}', {NOW})"
        ),
        format!(
            "INSERT INTO conversation_sections (conversation_id, section_id, text, \
             updated_by_party, updated_at) VALUES ('{id}', 'terugblik', 'Verslag-{tag}', \
             '{party}', {NOW})"
        ),
        format!(
            "INSERT INTO conversation_agreements (id, conversation_id, position, what, who, \
             due_on, outcome_note) VALUES ('{id}-g', '{id}', 1, 'Afspraak-{tag}', \
             'Uitvoerder-{tag}', '2028-01-01', 'Terugblik-{tag}')"
        ),
        format!(
            "INSERT INTO conversation_audit (id, conversation_id, at, actor, action, detail) \
             VALUES ('{id}-l', '{id}', {NOW}, 'secretaris Auditnaam-{tag}', 'read', '')"
        ),
    ];
    for sql in statements {
        db.execute_raw(&sql).await.unwrap();
    }
    if let Some(scan) = scan {
        db.execute_raw(&format!(
            "INSERT INTO conversation_scans (conversation_id, scan_id, report_view, \
             attached_at) VALUES ('{id}', '{scan}', '{{\"bevroren\":\"Rapport-{tag}\"}}', {NOW})"
        ))
        .await
        .unwrap();
    }
    let mail = OutgoingEmail {
        to: Email::parse(&format!("deelnemer-{low}@gemeente.nl")).unwrap(),
        subject: format!("Agenda voor het gesprek met Besproken {tag}"),
        text: format!("Agendapunt-{tag}"),
        html: format!("<p>Agendapunt-{tag}</p>"),
        reference: None,
        link: None,
        hide_recipient: false,
    };
    let mut conn = db.begin().await.unwrap();
    enqueue_email_about_in(&mut conn, &mail, Some(&conversation_about(&id)), NOW)
        .await
        .unwrap();
    conn.commit().await.unwrap();
    drain(db, mailer, secret, NOW).await;
    let personal = [
        "Kamer",
        "Voorbereiding",
        "Deelnemer",
        "linkhash",
        "Agendapunt",
        "Verslag",
        "Afspraak",
        "Uitvoerder",
        "Terugblik",
        "Auditnaam",
        // The frozen report, when a scan is attached.
        if scan.is_some() {
            "Rapport"
        } else {
            "Auditnaam"
        },
    ]
    .iter()
    .map(|word| format!("{word}-{tag}"))
    .chain([
        format!("Besproken {tag}"),
        format!("deelnemer-{low}@gemeente.nl"),
    ])
    .collect();
    (id, personal)
}

/// Makes the record inserted by [`record`] one that was never approved: left in `state` (of
/// type `type_id`), last changed at `changed_at`.
async fn never_approved(db: &Db, id: &str, type_id: &str, state: &str, changed_at: i64) {
    db.execute_raw(&format!(
        "UPDATE conversations SET type_id = '{type_id}', state = '{state}', approved_at = NULL, \
         keep_until = NULL, updated_at = {changed_at} WHERE id = '{id}'"
    ))
    .await
    .unwrap();
}

/// A record's `state`, `updated_at`, `approved_at`, `keep_until` and `removed_at`.
async fn record_line(db: &Db, id: &str) -> (String, i64, Option<i64>, Option<i64>, Option<i64>) {
    let row = &raw_rows(
        db,
        &format!(
            "SELECT state, updated_at, approved_at, keep_until, removed_at FROM conversations \
             WHERE id = '{id}'"
        ),
    )
    .await
    .unwrap()[0];
    (
        row.try_get("state").unwrap(),
        row.try_get("updated_at").unwrap(),
        row.try_get("approved_at").unwrap(),
        row.try_get("keep_until").unwrap(),
        row.try_get("removed_at").unwrap(),
    )
}

/// The rows of every content table that mention `id`, as text: the record's content.
async fn record_rows(db: &Db, id: &str) -> BTreeMap<&'static str, i64> {
    let mut out = BTreeMap::new();
    for (table, condition) in [
        ("conversation_parties", "conversation_id"),
        ("conversation_agenda_items", "conversation_id"),
        ("conversation_sections", "conversation_id"),
        ("conversation_agreements", "conversation_id"),
        ("conversation_scans", "conversation_id"),
        ("conversation_audit", "conversation_id"),
    ] {
        out.insert(
            table,
            count(
                db,
                &format!("SELECT COUNT(*) FROM {table} WHERE {condition} = '{id}'"),
            )
            .await,
        );
    }
    out.insert(
        "outbox",
        count(
            db,
            &format!(
                "SELECT COUNT(*) FROM outbox WHERE about = '{}'",
                conversation_about(id)
            ),
        )
        .await,
    );
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// Everything the database holds at rest: its files on SQLite (file, WAL, shm), a `pg_dump`
/// on PostgreSQL.
fn at_rest(t: &support::TestDb) -> Vec<(String, Vec<u8>)> {
    match t.db.backend() {
        Backend::Sqlite => {
            let file = t.sqlite_file().unwrap();
            ["", "-wal", "-shm"]
                .iter()
                .map(|suffix| {
                    let path = PathBuf::from(format!("{}{suffix}", file.display()));
                    (
                        path.display().to_string(),
                        std::fs::read(&path).unwrap_or_default(),
                    )
                })
                .collect()
        }
        Backend::Postgres => {
            let dump = std::process::Command::new("pg_dump")
                .args(["--no-owner", "--data-only", &t.url])
                .output()
                .expect("pg_dump runs (PostgreSQL's client tools)");
            assert!(dump.status.success());
            assert!(contains(&dump.stdout, "scan_invitations"), "a real dump");
            vec![("pg_dump".to_owned(), dump.stdout)]
        }
    }
}

/// Every `.eml` file in the mail directory, by name.
fn eml_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Asserts that none of `personal` is in the database's bytes or the mail files; `moment`
/// names the check in failures.
fn assert_nowhere(t: &support::TestDb, mail_dir: &Path, personal: &[String], moment: &str) {
    let mut sources = at_rest(t);
    sources.extend(eml_files(mail_dir));
    for (source, bytes) in &sources {
        for value in personal {
            assert!(
                !contains(bytes, value),
                "{}: {value:?} is readable in {source} ({moment})",
                t.name
            );
        }
    }
}

/// Asserts that each of `personal` is still somewhere in the database's bytes (so the search
/// above can find what is there).
fn assert_somewhere(t: &support::TestDb, personal: &[String]) {
    let all: Vec<u8> = at_rest(t).into_iter().flat_map(|(_, b)| b).collect();
    for value in personal {
        assert!(
            contains(&all, value),
            "{}: {value:?} should still be stored",
            t.name
        );
    }
}

/// Every row of every table, as text: to prove a second run changes nothing.
async fn everything(db: &Db) -> Vec<String> {
    let tables = match db.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(tablename AS TEXT) AS name FROM pg_tables WHERE schemaname = 'public' \
             AND tablename <> '_sqlx_migrations' ORDER BY tablename"
        }
    };
    let mut out = Vec::new();
    for row in raw_rows(db, tables).await.unwrap() {
        let table: String = row.try_get("name").unwrap();
        for row in raw_rows(db, &format!("SELECT * FROM {table}"))
            .await
            .unwrap()
        {
            let cells: Vec<String> = (0..row.len())
                .map(|i| {
                    row.try_get::<Option<String>, _>(i)
                        .map(|v| format!("{v:?}"))
                        .or_else(|_| row.try_get::<Option<i64>, _>(i).map(|v| format!("{v:?}")))
                        .unwrap_or_else(|_| "?".to_owned())
                })
                .collect();
            out.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    out.sort();
    out
}

fn admin() -> CurrentUser {
    CurrentUser {
        id: "beheerder".into(),
        email: "beheer@gemeente.nl".into(),
        role: Role::Admin,
    }
}

struct World {
    t: support::TestDb,
    _dir: tempfile::TempDir,
    mail_dir: PathBuf,
    mailer: Mailer,
    secret: LinkSecret,
    hr: CurrentUser,
}

async fn worlds() -> Vec<World> {
    let mut out = Vec::new();
    for t in support::all().await {
        app::catalog::load_builtin(&t.db, NOW).await.unwrap();
        let hr = organiser(&t.db, "hr@gemeente.nl", NOW).await;
        let dir = tempfile::tempdir().unwrap();
        let mail_dir = dir.path().join("outbox");
        let mailer = Mailer::from_settings(&MailSettings {
            smtp: None,
            from: FROM.into(),
            outbox_dir: mail_dir.clone(),
        })
        .unwrap();
        out.push(World {
            t,
            _dir: dir,
            mail_dir,
            mailer,
            secret: LinkSecret::generate(),
            hr,
        });
    }
    out
}

#[tokio::test]
async fn the_job_removes_what_is_due_and_an_attacker_finds_none_of_it() {
    for w in worlds().await {
        let (t, db) = (&w.t, &w.t.db);
        let due = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Reiger", CLOSED).await;
        let kept = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Zwaan", NOW + 400 * DAY).await;
        let held = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Kievit", CLOSED).await;
        let (holding, holding_personal) = record(
            db,
            &w.mailer,
            &w.secret,
            "Merel",
            Some(&held.open.id),
            RECORD_KEPT_UNTIL,
        )
        .await;
        let (past, past_personal) =
            record(db, &w.mailer, &w.secret, "Mus", None, NOW + 1_000 * DAY).await;
        // The file transport names each file after its message.
        let files = eml_files(&w.mail_dir);
        for id in due.messages.iter().chain(&kept.messages) {
            assert!(files.contains_key(&format!("{id}.eml")), "{}: {id}", t.name);
        }
        let past_messages = outbox_ids(db, &conversation_about(&past)).await;
        assert_eq!(past_messages.len(), 1);
        assert!(files.contains_key(&format!("{}.eml", past_messages[0])));
        // Before the job, the search finds what it looks for.
        if db.backend() == Backend::Sqlite {
            db.checkpoint().await.unwrap();
        }
        assert_somewhere(t, &due.personal);
        assert_somewhere(t, &past_personal);

        let work = run_retention(db, Some(&w.mail_dir), LATER).await.unwrap();
        assert_eq!(
            (work.records_removed, work.scans_removed),
            (1, 1),
            "{}: the past record and the due scan",
            t.name
        );
        assert!(work.files_removed > due.messages.len(), "{work:?}");

        // As the attacker reads them: the files as they are, then after a checkpoint.
        let mut gone = due.personal.clone();
        gone.extend(past_personal.iter().cloned());
        assert_nowhere(t, &w.mail_dir, &gone, "as they are");
        if db.backend() == Backend::Sqlite {
            db.checkpoint().await.unwrap();
        }
        assert_nowhere(t, &w.mail_dir, &gone, "after a checkpoint");
        let files = eml_files(&w.mail_dir);
        for id in due.messages.iter().chain(&past_messages) {
            assert!(
                !files.contains_key(&format!("{id}.eml")),
                "{}: {id}",
                t.name
            );
        }
        // What is kept is all still there, files too.
        for id in kept.messages.iter().chain(&held.messages) {
            assert!(files.contains_key(&format!("{id}.eml")), "{}: {id}", t.name);
        }
        assert_somewhere(t, &kept.personal);
        assert_somewhere(t, &held.personal);
        assert_somewhere(t, &holding_personal);

        // The removed scan's content-free line.
        let line = &raw_rows(
            db,
            &format!(
                "SELECT status, subject_name, framework_id, closed_at, opened_at, removed_at \
                 FROM scans WHERE id = '{}'",
                due.open.id
            ),
        )
        .await
        .unwrap()[0];
        assert_eq!(line.try_get::<String, _>("status").unwrap(), "closed");
        assert_eq!(line.try_get::<String, _>("subject_name").unwrap(), "");
        assert_eq!(
            line.try_get::<String, _>("framework_id").unwrap(),
            "maastricht-2014"
        );
        assert_eq!(
            line.try_get::<Option<i64>, _>("closed_at").unwrap(),
            Some(CLOSED)
        );
        assert_eq!(
            line.try_get::<Option<i64>, _>("removed_at").unwrap(),
            Some(LATER)
        );
        for table in [
            "scan_invitations",
            "responses",
            "submission_markers",
            "sealed_drafts",
            "report_reader_notices",
        ] {
            let n = count(
                db,
                &format!(
                    "SELECT COUNT(*) FROM {table} WHERE scan_id = '{}'",
                    due.open.id
                ),
            )
            .await;
            assert_eq!(n, 0, "{}: {table}", t.name);
        }
        // Its page still loads (the settings still read as a scan) and says when it went.
        let stored = db.find_scan(&due.open.id).await.unwrap().unwrap();
        assert_eq!(stored.scan.subject_name, "");
        assert!(stored.scan.report_readers.is_empty());
        assert_eq!(stored.scan.framework_id, "maastricht-2014");
        let overview = service::overview(db, &w.secret, &w.hr, &due.open.id)
            .await
            .unwrap();
        assert!(overview.invitations.is_empty());
        assert_eq!(
            scan_retention(db, &due.open.id).await.unwrap().removed_at,
            Some(LATER)
        );
        // The removed record's line: type and dates kept, content gone from every table.
        let line = &raw_rows(
            db,
            &format!(
                "SELECT type_id, state, subject_name, place, settings, approved_at, \
                 keep_until, removed_at FROM conversations WHERE id = '{past}'"
            ),
        )
        .await
        .unwrap()[0];
        assert_eq!(
            line.try_get::<String, _>("type_id").unwrap(),
            "functioneringsgesprek-secretaris"
        );
        assert_eq!(line.try_get::<String, _>("state").unwrap(), "removed");
        assert_eq!(line.try_get::<String, _>("subject_name").unwrap(), "");
        assert_eq!(line.try_get::<String, _>("place").unwrap(), "");
        assert_eq!(line.try_get::<String, _>("settings").unwrap(), "{}");
        assert_eq!(
            line.try_get::<Option<i64>, _>("approved_at").unwrap(),
            Some(NOW)
        );
        assert_eq!(
            line.try_get::<Option<i64>, _>("removed_at").unwrap(),
            Some(LATER)
        );
        assert!(record_rows(db, &past).await.values().all(|n| *n == 0));
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM conversation_links").await,
            1,
            "{}: only the holding record's link is left",
            t.name
        );
        // The held scan and its record are untouched.
        assert!(record_rows(db, &holding).await.values().all(|n| *n == 1));
        let held_now = scan_retention(db, &held.open.id).await.unwrap();
        assert_eq!(held_now.removed_at, None);
        assert_eq!(held_now.kept_until, Some(RECORD_KEPT_UNTIL));

        // A second run changes nothing.
        let before = everything(db).await;
        let files_before = eml_files(&w.mail_dir);
        let again = run_retention(db, Some(&w.mail_dir), LATER).await.unwrap();
        assert_eq!(again, RetentionWork::default(), "{}", t.name);
        assert_eq!(everything(db).await, before, "{}", t.name);
        assert_eq!(eml_files(&w.mail_dir), files_before);

        // After the record's keep_until, the record and the scan it held go together.
        let work = run_retention(db, Some(&w.mail_dir), MUCH_LATER)
            .await
            .unwrap();
        assert_eq!(
            (work.records_removed, work.scans_removed),
            (1, 1),
            "{}",
            t.name
        );
        let mut gone = held.personal.clone();
        gone.extend(holding_personal.iter().cloned());
        gone.extend(due.personal.iter().cloned());
        assert_nowhere(t, &w.mail_dir, &gone, "after the record's keep_until");
        assert!(record_rows(db, &holding).await.values().all(|n| *n == 0));
        // The scan within its period is still untouched.
        assert_somewhere(t, &kept.personal);
        assert_eq!(
            scan_retention(db, &kept.open.id).await.unwrap().removed_at,
            None
        );
        w.t.finish().await;
    }
}

#[tokio::test]
async fn the_organisations_period_changes_the_date() {
    for w in worlds().await {
        let (t, db) = (&w.t, &w.t.db);
        let closed_at = NOW + 10 * DAY;
        let scan = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Uil", closed_at).await;
        assert_eq!(scan_retention_months(db).await.unwrap(), 36);
        let three_years = scan_retention(db, &scan.open.id).await.unwrap();
        assert_eq!(
            three_years.kept_until,
            Some(end_of_day_months_after(closed_at, 36))
        );

        // Only an administrator sets it, within 1..=120 months.
        assert!(
            set_scan_retention_months(db, &w.hr, "12", NOW)
                .await
                .is_err()
        );
        for bad in ["0", "121", "twaalf", ""] {
            assert!(
                set_scan_retention_months(db, &admin(), bad, NOW)
                    .await
                    .is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(scan_retention_months(db).await.unwrap(), 36);
        assert_eq!(
            set_scan_retention_months(db, &admin(), " 12 ", NOW)
                .await
                .unwrap(),
            12
        );
        assert_eq!(scan_retention_months(db).await.unwrap(), 12);
        let one_year = scan_retention(db, &scan.open.id).await.unwrap();
        let until = end_of_day_months_after(closed_at, 12);
        assert_eq!(one_year.kept_until, Some(until));
        assert!(until < three_years.kept_until.unwrap());

        // The job follows the setting: kept on its last day, removed the day after.
        assert_eq!(
            run_retention(db, Some(&w.mail_dir), until).await.unwrap(),
            RetentionWork::default()
        );
        assert_somewhere(t, &scan.personal);
        let work = run_retention(db, Some(&w.mail_dir), until + 1)
            .await
            .unwrap();
        assert_eq!(work.scans_removed, 1, "{}", t.name);
        assert_nowhere(t, &w.mail_dir, &scan.personal, "after a year");
        w.t.finish().await;
    }
}

#[tokio::test]
async fn a_record_never_approved_goes_after_its_types_months_and_frees_its_scans() {
    for w in worlds().await {
        let (t, db) = (&w.t, &w.t.db);
        // Scans are kept 48 months here: longer than the secretary's 36, as long as the council
        // member's.
        set_scan_retention_months(db, &admin(), "48", NOW)
            .await
            .unwrap();
        let grutto = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Grutto", CLOSED).await;
        let tureluur = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Tureluur", CLOSED).await;
        let scan_own = end_of_day_months_after(CLOSED, 48);
        let changed = CLOSED + 5 * DAY;

        // Abandoned after the conversation was held: the secretary's type, 36 months.
        let (kwartel, kwartel_personal) = record(
            db,
            &w.mailer,
            &w.secret,
            "Kwartel",
            Some(&grutto.open.id),
            0,
        )
        .await;
        never_approved(
            db,
            &kwartel,
            "functioneringsgesprek-secretaris",
            "held",
            changed,
        )
        .await;
        let kwartel_until = end_of_day_months_after(changed, 36);
        assert!(kwartel_until < scan_own);
        // Abandoned with a proposed summary: the council member's type, 48 months, so it
        // holds its scan five days past the scan's own date.
        let (wulp, wulp_personal) =
            record(db, &w.mailer, &w.secret, "Wulp", Some(&tureluur.open.id), 0).await;
        never_approved(db, &wulp, "raadslid-gesprek", "summary_proposed", changed).await;
        let wulp_until = end_of_day_months_after(changed, 48);
        assert!(wulp_until > scan_own);
        // Made long ago, but the person discussed adds a topic shortly before Kwartel's date (its
        // frozen reports are not real ones, so only this record, without a scan, is read through
        // the service).
        let (patrijs, mut patrijs_personal) =
            record(db, &w.mailer, &w.secret, "Patrijs", None, 0).await;
        never_approved(
            db,
            &patrijs,
            "functioneringsgesprek-secretaris",
            "agenda_sent",
            NOW,
        )
        .await;
        let recent = kwartel_until - 20 * DAY;
        let patrijs_person =
            Visitor::account(&organiser(db, "deelnemer-patrijs@gemeente.nl", NOW).await);
        let settings = Settings {
            base_url: "https://gesprek.example.nl".into(),
            secure_cookies: true,
            session_ttl: std::time::Duration::from_secs(3600),
            link_secret: w.secret.clone(),
            trusted_proxies: Default::default(),
        };
        let before = app::conversations::view(db, &patrijs_person, &patrijs, NOW + DAY)
            .await
            .unwrap();
        assert_eq!(
            before.removal_unless_approved,
            Some(end_of_day_months_after(NOW, 36))
        );
        app::conversations::act(
            db,
            &settings,
            &patrijs_person,
            &patrijs,
            RecordCommand::AddTopic {
                text: "Werkdruk".into(),
            },
            None,
            recent,
        )
        .await
        .unwrap();
        let patrijs_until = end_of_day_months_after(recent, 36);
        patrijs_personal.push("Werkdruk".to_owned());
        assert_eq!(record_line(db, &patrijs).await.1, recent, "{}", t.name);

        // The record page tells the date, counted from the last change; reading moves nothing.
        let page = app::conversations::view(db, &patrijs_person, &patrijs, recent + DAY)
            .await
            .unwrap();
        assert_eq!(page.keep_until, None);
        assert_eq!(
            page.removal_unless_approved,
            Some(patrijs_until),
            "{}",
            t.name
        );
        assert_eq!(
            record_line(db, &patrijs).await.1,
            recent,
            "a read is no change"
        );
        // The scans' pages: the later of their own date and their record's, never none.
        assert_eq!(
            scan_retention(db, &grutto.open.id)
                .await
                .unwrap()
                .kept_until,
            Some(scan_own)
        );
        assert_eq!(
            scan_retention(db, &tureluur.open.id)
                .await
                .unwrap()
                .kept_until,
            Some(wulp_until)
        );
        let kwartel_messages = outbox_ids(db, &conversation_about(&kwartel)).await;
        assert_eq!(kwartel_messages.len(), 1);
        if db.backend() == Backend::Sqlite {
            db.checkpoint().await.unwrap();
        }
        assert_somewhere(t, &kwartel_personal);

        // Not a day before, nor on its last day.
        for now in [kwartel_until - DAY, kwartel_until] {
            assert_eq!(
                run_retention(db, Some(&w.mail_dir), now).await.unwrap(),
                RetentionWork::default(),
                "{}: {now}",
                t.name
            );
        }
        assert_somewhere(t, &kwartel_personal);
        // A run that read the record before it changed cannot claim it.
        let mut tx = db.begin().await.unwrap();
        assert!(
            !claim_conversation_removal_in(&mut tx, &kwartel, changed - 1, kwartel_until + 1)
                .await
                .unwrap()
        );
        drop(tx);

        // The day after: removed as an expired approved record is.
        let work = run_retention(db, Some(&w.mail_dir), kwartel_until + 1)
            .await
            .unwrap();
        assert_eq!(
            (work.records_removed, work.scans_removed),
            (1, 0),
            "{}: Kwartel only",
            t.name
        );
        let (state, updated_at, approved_at, keep_until, removed_at) =
            record_line(db, &kwartel).await;
        assert_eq!(state, "removed");
        assert_eq!(
            (updated_at, approved_at, keep_until, removed_at),
            (kwartel_until + 1, None, None, Some(kwartel_until + 1))
        );
        let line = &raw_rows(
            db,
            &format!(
                "SELECT type_id, subject_name, place, settings, held_at FROM conversations \
                 WHERE id = '{kwartel}'"
            ),
        )
        .await
        .unwrap()[0];
        assert_eq!(
            line.try_get::<String, _>("type_id").unwrap(),
            "functioneringsgesprek-secretaris"
        );
        assert_eq!(line.try_get::<String, _>("subject_name").unwrap(), "");
        assert_eq!(line.try_get::<String, _>("place").unwrap(), "");
        assert_eq!(line.try_get::<String, _>("settings").unwrap(), "{}");
        assert_eq!(
            line.try_get::<Option<i64>, _>("held_at").unwrap(),
            Some(NOW)
        );
        assert!(record_rows(db, &kwartel).await.values().all(|n| *n == 0));
        if db.backend() == Backend::Sqlite {
            db.checkpoint().await.unwrap();
        }
        assert_nowhere(t, &w.mail_dir, &kwartel_personal, "after Kwartel's date");
        assert!(!eml_files(&w.mail_dir).contains_key(&format!("{}.eml", kwartel_messages[0])));
        // Changed recently, Patrijs stays; so do Wulp and both scans.
        assert_eq!(record_line(db, &patrijs).await.4, None);
        assert_eq!(record_line(db, &wulp).await.4, None);
        assert_somewhere(t, &patrijs_personal);
        assert_somewhere(t, &wulp_personal);
        assert_somewhere(t, &grutto.personal);
        assert_somewhere(t, &tureluur.personal);

        // Grutto, no longer held, goes after its own date: not kept forever.
        assert_eq!(
            run_retention(db, Some(&w.mail_dir), scan_own)
                .await
                .unwrap(),
            RetentionWork::default()
        );
        let work = run_retention(db, Some(&w.mail_dir), scan_own + 1)
            .await
            .unwrap();
        assert_eq!(
            (work.records_removed, work.scans_removed),
            (0, 1),
            "{}: Grutto only",
            t.name
        );
        assert_eq!(
            scan_retention(db, &grutto.open.id)
                .await
                .unwrap()
                .removed_at,
            Some(scan_own + 1)
        );
        assert_nowhere(t, &w.mail_dir, &grutto.personal, "after Grutto's own date");
        assert_somewhere(t, &tureluur.personal);

        // Tureluur goes with Wulp, 48 months after Wulp's last change.
        assert_eq!(
            run_retention(db, Some(&w.mail_dir), wulp_until)
                .await
                .unwrap(),
            RetentionWork::default()
        );
        let work = run_retention(db, Some(&w.mail_dir), wulp_until + 1)
            .await
            .unwrap();
        assert_eq!(
            (work.records_removed, work.scans_removed),
            (1, 1),
            "{}: Wulp and Tureluur",
            t.name
        );
        let mut gone = tureluur.personal.clone();
        gone.extend(wulp_personal.iter().cloned());
        gone.extend(kwartel_personal.iter().cloned());
        assert_nowhere(t, &w.mail_dir, &gone, "after Wulp's date");
        // Patrijs, changed on `recent`, is kept until 36 months after that.
        assert!(wulp_until < patrijs_until);
        assert_eq!(record_line(db, &patrijs).await.4, None);
        assert_somewhere(t, &patrijs_personal);
        w.t.finish().await;
    }
}

#[tokio::test]
async fn a_scan_attached_to_an_appraisal_cycle_takes_its_report_copy_along() {
    use app::appraisal::{NewCycleInput, act, create, view_for};
    use app::domain::appraisal::command::CycleCommand;
    for w in worlds().await {
        let (t, db) = (&w.t, &w.t.db);
        let due = closed_scan(db, &w.mailer, &w.secret, &w.hr, "Reiger", CLOSED).await;
        let input = NewCycleInput {
            kind: "two_years".into(),
            employee_name: "Mila Martens".into(),
            employee_email: "m.martens@gemeente.nl".into(),
            start_on: "2027-01-04".into(),
            ..Default::default()
        };
        let cycle = create(db, &w.hr, &input, CLOSED).await.unwrap();
        let attach = CycleCommand::AttachScan {
            scan_id: due.open.id.clone(),
        };
        act(
            db,
            &w.hr,
            &cycle,
            None,
            attach,
            "https://x.example",
            CLOSED + 60,
        )
        .await
        .unwrap();
        // The cycle holds the report as the manager received it: the subject and the comments.
        let record = db.load_cycle(&cycle).await.unwrap().unwrap();
        let copy = record
            .cycle
            .scan_report
            .clone()
            .expect("the report is attached");
        assert!(copy.contains("Betrokkene Reiger"), "{}", t.name);
        assert!(copy.contains("Opmerking-Reiger-0"), "{}", t.name);

        let work = run_retention(db, Some(&w.mail_dir), LATER).await.unwrap();
        assert_eq!(work.scans_removed, 1, "{}", t.name);
        let record = db.load_cycle(&cycle).await.unwrap().unwrap();
        assert_eq!(record.cycle.scan_report, None, "{}", t.name);
        assert_eq!(record.cycle.scan_id.as_deref(), Some(due.open.id.as_str()));
        let seen = view_for(db, &w.hr, &cycle, LATER).await.unwrap();
        assert!(seen.scan.is_some_and(|s| s.report.is_none()));
        // Nowhere at rest: the database, its WAL (after a checkpoint too) and the mail files.
        assert_nowhere(t, &w.mail_dir, &due.personal, "as they are");
        if db.backend() == Backend::Sqlite {
            db.checkpoint().await.unwrap();
        }
        assert_nowhere(t, &w.mail_dir, &due.personal, "after a checkpoint");
        assert_somewhere(t, &["Mila Martens".to_string()]);
        w.t.finish().await;
    }
}
