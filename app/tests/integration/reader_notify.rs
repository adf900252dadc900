//! Issue 20: when a scan's report becomes readable its named readers are told, through the
//! outbox and a real SMTP server (aiosmtpd, `tests/smtp_server.py`): a reader with an account
//! gets a link to the report, a reader without one an invitation to create an account — whose
//! link works, after which the new account reads the report. Each reader is told once: closing
//! again, a scheduler round, a reopening and second closing, or another worker pass send nothing
//! more. On SQLite, and on PostgreSQL when `TEST_POSTGRES_URL` is set.

use crate::support;

use std::time::Duration;

use app::auth::rate_limit::LoginLimiter;
use app::auth::service as accounts;
use app::auth::token::hash_token;
use app::domain::account::{Email, Role};
use app::domain::scan::example::maastricht_example;
use app::email::{Mailer, RunSummary, run_once};
use app::scans::{notify_readers, service};
use app::storage::Db;
use serde_json::Value;
use sqlx::Row;
use support::scan::{DAY, NOW, OpenScan, colleagues, maastricht, open_draft, organiser};
use support::smtp::{FROM, SmtpServer, free_port, smtp_mailer};

/// The base address the test's links are made with (`OpenScan::links`).
const BASE: &str = "https://scan.example.nl";
const WITH_ACCOUNT: &str = "burgemeester@gemeente.nl";
const WITHOUT_ACCOUNT: &str = "wethouder@gemeente.nl";
const PASSWORD: &str = "een-lang-genoeg-wachtwoord";

/// Sends until nothing is due at `now`.
async fn drain(db: &Db, mailer: &Mailer, scan: &OpenScan, now: i64) -> RunSummary {
    let mut total = RunSummary::default();
    loop {
        let round = run_once(db, mailer, FROM, &scan.secret, "w", now)
            .await
            .unwrap();
        if round == RunSummary::default() {
            return total;
        }
        total.sent += round.sent;
        total.retried += round.retried;
        total.failed += round.failed;
    }
}

/// The messages delivered to `address`.
fn to(server: &SmtpServer, address: &str) -> Vec<Value> {
    server
        .deliveries()
        .into_iter()
        .filter(|m| {
            m["rcpt_tos"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == address)
        })
        .collect()
}

/// The 64-hex token after `prefix` in `text`.
fn token_after(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)? + prefix.len();
    let token: String = text[start..].chars().take(64).collect();
    app::auth::token::looks_like_token(&token).then_some(token)
}

/// An open Maastricht scan naming two readers: one with an account (and a password), one
/// without; three colleagues invited. Its deadline is in two weeks.
async fn scan_with_readers(db: &Db) -> OpenScan {
    app::catalog::load_builtin(db, NOW).await.unwrap();
    let hr = organiser(db, "hr@gemeente.nl", NOW).await;
    db.create_account(
        &Email::parse(WITH_ACCOUNT).unwrap(),
        Some("argon2-hash-not-checked-here"),
        Role::Organiser,
        NOW,
    )
    .await
    .unwrap();
    let mut draft = maastricht_example(&maastricht(), NOW + 14 * DAY);
    draft.report_readers = vec![WITH_ACCOUNT.into(), WITHOUT_ACCOUNT.into()];
    open_draft(
        db,
        hr,
        &draft,
        &colleagues(3, "", "collega"),
        app::auth::scan_link::LinkSecret::generate(),
        NOW,
    )
    .await
}

/// Every text value in the outbox table, read with a connection of its own.
async fn outbox_text(url: &str) -> String {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap();
    let rows = sqlx::query(
        "SELECT recipient, subject, text_body, html_body, COALESCE(link_invitation, '') AS l \
         FROM outbox",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    rows.iter()
        .flat_map(|r| (0..5).map(|i| r.get::<String, _>(i)).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn closing_tells_each_reader_once_with_a_report_link_or_an_account_invitation() {
    for t in support::all().await {
        let db = &t.db;
        let server = SmtpServer::start(free_port());
        let mailer = smtp_mailer(server.port);
        let scan = scan_with_readers(db).await;
        let report_link = format!("{BASE}/scans/{}/rapport", scan.id);
        drain(db, &mailer, &scan, NOW).await;
        assert!(
            to(&server, WITH_ACCOUNT).is_empty() && to(&server, WITHOUT_ACCOUNT).is_empty(),
            "{}: nothing for the readers while the scan is open",
            t.name
        );
        assert_eq!(
            notify_readers::notify(db, &scan.links(), &scan.id, NOW)
                .await
                .unwrap(),
            0,
            "{}: an open, unreleased report is not readable",
            t.name
        );

        let closed_at = NOW + DAY;
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, closed_at)
            .await
            .unwrap();
        let outbox_before_sending = outbox_text(&t.url).await;
        drain(db, &mailer, &scan, closed_at).await;

        // The reader with an account: a link to the report, and no invitation.
        let linked = to(&server, WITH_ACCOUNT);
        assert_eq!(linked.len(), 1, "{}: {linked:?}", t.name);
        let text = linked[0]["text"].as_str().unwrap();
        let html = linked[0]["html"].as_str().unwrap();
        assert_eq!(
            linked[0]["subject"].as_str().unwrap(),
            "Het rapport over Piet Jansen is klaar"
        );
        assert!(text.contains(&report_link), "{}: {text}", t.name);
        assert!(html.contains(&format!("href=\"{report_link}\"")), "{html}");
        assert!(!text.contains("/invite/"), "{}: {text}", t.name);

        // The reader without: an invitation whose link works, then the report's address.
        let invited = to(&server, WITHOUT_ACCOUNT);
        assert_eq!(invited.len(), 1, "{}: {invited:?}", t.name);
        let text = invited[0]["text"].as_str().unwrap();
        assert!(
            invited[0]["subject"]
                .as_str()
                .unwrap()
                .contains("maak uw account aan")
        );
        assert!(
            !text.contains('\u{E001}'),
            "{}: the placeholder was replaced",
            t.name
        );
        let token = token_after(text, &format!("{BASE}/invite/"))
            .unwrap_or_else(|| panic!("{}: no invitation link in {text}", t.name));
        assert!(text.contains(&report_link), "{}: {text}", t.name);
        assert!(
            invited[0]["html"]
                .as_str()
                .unwrap()
                .contains(&format!("{BASE}/invite/{token}")),
            "{}",
            t.name
        );
        // Neither the outbox nor the invitations table ever held the token: only its hash.
        assert!(!outbox_before_sending.contains(&token), "{}", t.name);
        assert!(!outbox_text(&t.url).await.contains(&token), "{}", t.name);
        // Nor any byte of the database as an attacker with a copy reads it: file, WAL, shm.
        if let Some(file) = t.sqlite_file() {
            for suffix in ["", "-wal", "-shm"] {
                let bytes =
                    std::fs::read(format!("{}{suffix}", file.display())).unwrap_or_default();
                assert!(
                    !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                    "the invitation token is readable in test.db{suffix}"
                );
            }
        }

        // Accepting the invitation makes the account, which signs in and reads the report.
        let now = closed_at + 3600;
        assert_eq!(
            accounts::invitation_email(db, &token, now).await.unwrap(),
            WITHOUT_ACCOUNT
        );
        accounts::accept_invitation(db, &token, PASSWORD, PASSWORD, now)
            .await
            .unwrap();
        assert!(
            accounts::accept_invitation(db, &token, PASSWORD, PASSWORD, now)
                .await
                .is_err(),
            "{}: an invitation is used once",
            t.name
        );
        let limiter = LoginLimiter::new(5, Duration::from_secs(60));
        let session = accounts::login(
            db,
            &limiter,
            WITHOUT_ACCOUNT,
            PASSWORD,
            "test",
            now,
            Duration::from_secs(3600),
        )
        .await
        .unwrap();
        let reader = accounts::current_user(db, Some(&session.token), now)
            .await
            .unwrap()
            .unwrap();
        let (stored, _) = app::report::figures(db, &reader, &scan.id)
            .await
            .unwrap_or_else(|e| panic!("{}: the new reader cannot read the report: {e}", t.name));
        assert_eq!(stored.id, scan.id);

        // Told once: closing again, the scheduler, a notify, a reopening and second closing.
        assert!(
            service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, now)
                .await
                .is_err()
        );
        assert_eq!(
            service::run_scheduled(db, &scan.links(), NOW + 30 * DAY)
                .await
                .unwrap()
                .closed,
            0
        );
        assert_eq!(
            notify_readers::notify(db, &scan.links(), &scan.id, now)
                .await
                .unwrap(),
            0
        );
        service::reopen_scan(db, &scan.organiser, &scan.id, now + 7 * DAY, now)
            .await
            .unwrap();
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, now + DAY)
            .await
            .unwrap();
        drain(db, &mailer, &scan, now + DAY).await;
        assert_eq!(drain(db, &mailer, &scan, now + 2 * DAY).await.sent, 0);
        assert_eq!(to(&server, WITH_ACCOUNT).len(), 1, "{}", t.name);
        assert_eq!(to(&server, WITHOUT_ACCOUNT).len(), 1, "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_scheduler_closing_at_the_deadline_tells_the_readers_once() {
    for t in support::all().await {
        let db = &t.db;
        let server = SmtpServer::start(free_port());
        let mailer = smtp_mailer(server.port);
        let scan = scan_with_readers(db).await;
        let after_deadline = NOW + 15 * DAY;
        for round in 0..2 {
            let work = service::run_scheduled(db, &scan.links(), after_deadline + round)
                .await
                .unwrap();
            assert_eq!(work.closed, usize::from(round == 0), "{}", t.name);
            drain(db, &mailer, &scan, after_deadline + round).await;
        }
        assert_eq!(to(&server, WITH_ACCOUNT).len(), 1, "{}", t.name);
        let invited = to(&server, WITHOUT_ACCOUNT);
        assert_eq!(invited.len(), 1, "{}", t.name);
        let token = token_after(
            invited[0]["text"].as_str().unwrap(),
            &format!("{BASE}/invite/"),
        )
        .unwrap();
        // The database holds the invitation's hash, valid for a week from the closing.
        assert!(
            accounts::invitation_email(db, &token, after_deadline + 6 * DAY)
                .await
                .is_ok()
        );
        assert!(
            accounts::invitation_email(db, &token, after_deadline + 8 * DAY)
                .await
                .is_err(),
            "{}: the invitation expires",
            t.name
        );
        assert_ne!(hash_token(&token), token);

        // The scan page's notice says what happened.
        let stored = db.find_scan(&scan.id).await.unwrap().unwrap();
        let notice = notify_readers::readers_notice(db, &stored).await.unwrap();
        assert!(!notice.only_organiser);
        assert!(
            notice
                .lines
                .iter()
                .all(|l| l.notice == app::domain::report_readers::ReaderNotice::AlreadyNotified),
            "{}: {notice:?}",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn the_notice_before_closing_says_who_gets_a_link_and_who_an_invitation() {
    use app::domain::report_readers::ReaderNotice;
    for t in support::all().await {
        let db = &t.db;
        let scan = scan_with_readers(db).await;
        let stored = db.find_scan(&scan.id).await.unwrap().unwrap();
        let notice = notify_readers::readers_notice(db, &stored).await.unwrap();
        let lines: Vec<(&str, ReaderNotice)> = notice
            .lines
            .iter()
            .map(|l| (l.email.as_str(), l.notice))
            .collect();
        assert_eq!(
            lines,
            [
                (WITH_ACCOUNT, ReaderNotice::ReportLink),
                (WITHOUT_ACCOUNT, ReaderNotice::AccountInvitation)
            ],
            "{}",
            t.name
        );
        assert!(!notice.only_organiser);
        assert_eq!(notice.invitation_days, 7);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_reader_named_after_the_closing_is_invited_once() {
    const LATE: &str = "griffier@gemeente.nl";
    for t in support::all().await {
        let db = &t.db;
        let server = SmtpServer::start(free_port());
        let mailer = smtp_mailer(server.port);
        let scan = scan_with_readers(db).await;
        let closed_at = NOW + DAY;
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, closed_at)
            .await
            .unwrap();
        drain(db, &mailer, &scan, closed_at).await;

        // A closed scan may change its readers only; the doors then call `notify_if_readable`.
        let mut draft = maastricht_example(&maastricht(), NOW + 14 * DAY);
        draft.report_readers = vec![WITH_ACCOUNT.into(), WITHOUT_ACCOUNT.into(), LATE.into()];
        let revision = db.find_scan(&scan.id).await.unwrap().unwrap().revision;
        let now = closed_at + 60;
        service::update_scan(db, &scan.organiser, &scan.id, revision, &draft, now)
            .await
            .unwrap();
        notify_readers::notify_if_readable(db, &scan.links(), &scan.id, now).await;
        assert_eq!(
            notify_readers::notify(db, &scan.links(), &scan.id, now)
                .await
                .unwrap(),
            0,
            "{}: told once",
            t.name
        );
        drain(db, &mailer, &scan, now).await;
        let late = to(&server, LATE);
        assert_eq!(late.len(), 1, "{}", t.name);
        assert!(
            token_after(
                late[0]["text"].as_str().unwrap(),
                &format!("{BASE}/invite/")
            )
            .is_some(),
            "{}: the late reader has no account, so gets an invitation",
            t.name
        );
        assert_eq!(to(&server, WITH_ACCOUNT).len(), 1, "{}", t.name);
        assert_eq!(to(&server, WITHOUT_ACCOUNT).len(), 1, "{}", t.name);
        t.finish().await;
    }
}
