//! The email outbox: templates, the storage of queued messages, and the worker sending them
//! through a real SMTP server (aiosmtpd, started per test from `tests/smtp_server.py`) or into
//! `.eml` files. Storage tests run on every available backend (SQLite always, PostgreSQL when
//! TEST_POSTGRES_URL is set).

use crate::support;

use support::smtp::{FROM, SmtpServer, free_port, smtp_mailer};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::scan_link::LinkSecret;
use app::domain::account::Email;
use app::email::templates::{AccountInvitation, account_invitation, escape_html};
use app::email::worker::{LEASE_SECS, MAX_ATTEMPTS, backoff_secs};
use app::email::{
    Language, MailSettings, Mailer, OutgoingEmail, RunSummary, SmtpSettings, Tls, run_once,
};
use app::storage::{Db, OutboxEntry, OutboxStatus, enqueue_email_in};

const NOW: i64 = 1_800_000_000;
/// The link secret every worker in these tests renders personal links with.
static LINKS: std::sync::LazyLock<LinkSecret> = std::sync::LazyLock::new(LinkSecret::generate);
const LINK: &str = "https://scan.gemeente.example.nl/uitnodiging/abc123?taal=nl&x=1";

fn invitation(to: &str, name: &str, language: Language, reference: &str) -> OutgoingEmail {
    account_invitation(
        language,
        &AccountInvitation {
            name,
            inviter: "Gemeentesecretaris",
            link: LINK,
            valid_days: 7,
        },
    )
    .into_email(Email::parse(to).unwrap(), Some(reference.to_owned()))
}

fn only(entries: Vec<OutboxEntry>) -> OutboxEntry {
    assert_eq!(
        entries.len(),
        1,
        "expected exactly one outbox entry: {entries:?}"
    );
    entries.into_iter().next().unwrap()
}

async fn status(db: &Db, reference: &str) -> OutboxEntry {
    only(db.outbox_status(reference).await.unwrap())
}

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

// ---------------------------------------------------------------------------------------------
// Templates.

#[test]
fn templates_escape_html_and_speak_dutch_and_english() {
    let hostile = "<script>alert('x')</script> & \"co\"";
    let nl = account_invitation(
        Language::Nl,
        &AccountInvitation {
            name: hostile,
            inviter: "Jan & Piet",
            link: LINK,
            valid_days: 7,
        },
    );
    let en = account_invitation(
        Language::En,
        &AccountInvitation {
            name: hostile,
            inviter: "Jan & Piet",
            link: LINK,
            valid_days: 7,
        },
    );

    // Escaped in HTML, plain in text.
    for rendered in [&nl, &en] {
        assert!(!rendered.html.contains("<script>"), "{}", rendered.html);
        assert!(
            rendered
                .html
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<strong>Jan &amp; Piet</strong>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered
                .html
                .contains(&format!("href=\"{}\"", escape_html(LINK)))
        );
        assert!(rendered.html.contains("?taal=nl&amp;x=1"));
        assert!(rendered.text.contains(hostile), "{}", rendered.text);
        assert!(rendered.text.contains("Jan & Piet"));
        assert!(rendered.text.contains(LINK), "{}", rendered.text);
        assert!(rendered.text.contains(" 7 "));
    }

    assert_eq!(nl.subject, "Uitnodiging voor Ontwikkelscan");
    assert!(
        nl.text.contains("U bent uitgenodigd door Jan & Piet"),
        "{}",
        nl.text
    );
    assert!(nl.html.contains("<html lang=\"nl\">"));
    assert!(nl.html.contains("Kies uw wachtwoord"));
    assert!(!nl.text.contains("invited"));

    assert_eq!(en.subject, "Invitation to Ontwikkelscan");
    assert!(
        en.text.contains("You have been invited by Jan & Piet"),
        "{}",
        en.text
    );
    assert!(en.html.contains("<html lang=\"en\">"));
    assert!(en.html.contains("Choose your password"));
    assert!(!en.text.contains("uitgenodigd"));

    // A value that looks like a placeholder is not expanded, and an empty name gets a greeting.
    let tricky = account_invitation(
        Language::Nl,
        &AccountInvitation {
            name: "{link}",
            inviter: "x",
            link: LINK,
            valid_days: 7,
        },
    );
    assert!(tricky.text.starts_with("Beste {link},"), "{}", tricky.text);
    let anonymous = account_invitation(
        Language::En,
        &AccountInvitation {
            name: "  ",
            inviter: "x",
            link: LINK,
            valid_days: 7,
        },
    );
    assert!(
        anonymous.text.starts_with("Dear Sir or Madam,"),
        "{}",
        anonymous.text
    );
}

#[test]
fn backoff_grows_and_is_capped_at_an_hour() {
    let waits: Vec<i64> = (1..=MAX_ATTEMPTS).map(backoff_secs).collect();
    assert_eq!(&waits[..4], &[30, 120, 600, 1800]);
    assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
    assert!(waits.iter().all(|&w| w <= 3600), "{waits:?}");
    assert_eq!(backoff_secs(MAX_ATTEMPTS), 3600);
}

// ---------------------------------------------------------------------------------------------
// Delivery through SMTP.

#[tokio::test]
async fn delivers_a_multipart_message_through_a_real_smtp_server() {
    for t in support::all().await {
        let server = SmtpServer::start(free_port());
        let mailer = smtp_mailer(server.port);
        let db = &t.db;
        let email = invitation("Ontvanger@Gemeente.nl", "<Els> & co", Language::Nl, "inv-1");
        db.enqueue_email(&email, NOW).await.unwrap();
        assert_eq!(
            status(db, "inv-1").await.status,
            OutboxStatus::Queued,
            "{}",
            t.name
        );

        let summary = run_once(db, &mailer, FROM, &LINKS, "worker-a", NOW)
            .await
            .unwrap();
        assert_eq!(
            summary,
            RunSummary {
                sent: 1,
                retried: 0,
                failed: 0
            },
            "{}",
            t.name
        );

        let delivered = server.deliveries();
        assert_eq!(delivered.len(), 1, "{}: {delivered:?}", t.name);
        let m = &delivered[0];
        assert_eq!(
            m["rcpt_tos"],
            serde_json::json!(["ontvanger@gemeente.nl"]),
            "{}",
            t.name
        );
        assert_eq!(m["to"], "ontvanger@gemeente.nl");
        assert_eq!(m["mail_from"], "noreply@ontwikkelscan.example.nl");
        assert!(
            m["from"]
                .as_str()
                .unwrap()
                .contains("noreply@ontwikkelscan.example.nl")
        );
        assert_eq!(m["subject"], "Uitnodiging voor Ontwikkelscan");
        assert_eq!(m["content_type"], "multipart/alternative");
        let text = crlf(m["text"].as_str().expect("a text/plain part"));
        let html = crlf(m["html"].as_str().expect("a text/html part"));
        assert_eq!(text, crlf(&email.text), "{}", t.name);
        assert_eq!(html, crlf(&email.html), "{}", t.name);
        assert!(text.contains("Beste <Els> & co,"), "{text}");
        assert!(text.contains("U bent uitgenodigd"), "{text}");
        assert!(text.contains(LINK), "{text}");
        assert!(html.contains("Beste &lt;Els&gt; &amp; co,"), "{html}");
        assert!(
            html.contains(&format!("<a href=\"{}\">", escape_html(LINK))),
            "{html}"
        );

        let entry = status(db, "inv-1").await;
        assert_eq!(entry.status, OutboxStatus::Sent, "{}", t.name);
        assert_eq!(entry.attempts, 1);
        assert_eq!(entry.sent_at, Some(NOW));
        assert_eq!(entry.last_error, None);
        assert_eq!(entry.recipient, "ontvanger@gemeente.nl");

        // Nothing is sent twice.
        let again = run_once(db, &mailer, FROM, &LINKS, "worker-a", NOW + 100_000)
            .await
            .unwrap();
        assert_eq!(again, RunSummary::default(), "{}", t.name);
        assert_eq!(server.deliveries().len(), 1, "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn temporary_failure_is_retried_with_backoff_and_delivered_later() {
    for t in support::all().await {
        let db = &t.db;
        let port = free_port();
        let mailer = smtp_mailer(port);
        db.enqueue_email(
            &invitation("a@gemeente.nl", "A", Language::En, "inv-t"),
            NOW,
        )
        .await
        .unwrap();

        // No server: connection refused.
        let first = run_once(db, &mailer, FROM, &LINKS, "w", NOW).await.unwrap();
        assert_eq!(
            first,
            RunSummary {
                sent: 0,
                retried: 1,
                failed: 0
            },
            "{}",
            t.name
        );
        let entry = status(db, "inv-t").await;
        assert_eq!(entry.status, OutboxStatus::Queued, "{}", t.name);
        assert_eq!(entry.attempts, 1);
        assert_eq!(entry.next_attempt_at, NOW + 30);
        let reason = entry.last_error.expect("the reason is kept");
        assert!(reason.to_lowercase().contains("connect"), "{reason}");

        // Not due before the backoff has passed.
        let early = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 29)
            .await
            .unwrap();
        assert_eq!(early, RunSummary::default(), "{}", t.name);

        // Second failure: the pause grows.
        let second = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 30)
            .await
            .unwrap();
        assert_eq!(second.retried, 1, "{}", t.name);
        let entry = status(db, "inv-t").await;
        assert_eq!(entry.attempts, 2);
        assert_eq!(entry.next_attempt_at, NOW + 30 + 120);

        // The server comes up; the next due round delivers.
        let server = SmtpServer::start(port);
        let early = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 149)
            .await
            .unwrap();
        assert_eq!(early, RunSummary::default(), "{}", t.name);
        assert!(server.deliveries().is_empty());
        let due = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 150)
            .await
            .unwrap();
        assert_eq!(
            due,
            RunSummary {
                sent: 1,
                retried: 0,
                failed: 0
            },
            "{}",
            t.name
        );
        let delivered = server.deliveries();
        assert_eq!(delivered.len(), 1);
        assert_eq!(
            delivered[0]["rcpt_tos"],
            serde_json::json!(["a@gemeente.nl"])
        );
        assert_eq!(delivered[0]["subject"], "Invitation to Ontwikkelscan");
        let entry = status(db, "inv-t").await;
        assert_eq!(entry.status, OutboxStatus::Sent, "{}", t.name);
        assert_eq!(entry.attempts, 3);
        assert_eq!(entry.last_error, None);
        assert_eq!(entry.sent_at, Some(NOW + 150));
        t.finish().await;
    }
}

#[tokio::test]
async fn temporary_failures_give_up_after_max_attempts_with_the_reason() {
    for t in support::all().await {
        let db = &t.db;
        let mailer = smtp_mailer(free_port());
        db.enqueue_email(
            &invitation("b@gemeente.nl", "B", Language::Nl, "inv-g"),
            NOW,
        )
        .await
        .unwrap();
        let mut now = NOW;
        for attempt in 1..MAX_ATTEMPTS {
            let summary = run_once(db, &mailer, FROM, &LINKS, "w", now).await.unwrap();
            assert_eq!(summary.retried, 1, "{}: attempt {attempt}", t.name);
            let entry = status(db, "inv-g").await;
            assert_eq!(entry.status, OutboxStatus::Queued);
            assert_eq!(entry.attempts, attempt);
            assert_eq!(entry.next_attempt_at, now + backoff_secs(attempt));
            now = entry.next_attempt_at;
        }
        let last = run_once(db, &mailer, FROM, &LINKS, "w", now).await.unwrap();
        assert_eq!(
            last,
            RunSummary {
                sent: 0,
                retried: 0,
                failed: 1
            },
            "{}",
            t.name
        );
        let entry = status(db, "inv-g").await;
        assert_eq!(entry.status, OutboxStatus::Failed, "{}", t.name);
        assert_eq!(entry.attempts, MAX_ATTEMPTS);
        let reason = entry.last_error.unwrap();
        assert!(
            reason.contains(&format!("gave up after {MAX_ATTEMPTS} attempts")),
            "{reason}"
        );
        assert!(reason.to_lowercase().contains("connect"), "{reason}");
        // Failed messages stay visible and are not tried again.
        assert_eq!(db.list_outbox(10).await.unwrap().len(), 1);
        let later = run_once(db, &mailer, FROM, &LINKS, "w", now + 1_000_000)
            .await
            .unwrap();
        assert_eq!(later, RunSummary::default());
        t.finish().await;
    }
}

#[tokio::test]
async fn permanent_refusal_is_marked_failed_at_once_with_the_reason() {
    for t in support::all().await {
        let server = SmtpServer::start(free_port());
        let mailer = smtp_mailer(server.port);
        let db = &t.db;
        db.enqueue_email(
            &invitation("weiger@gemeente.nl", "W", Language::Nl, "inv-w"),
            NOW,
        )
        .await
        .unwrap();
        db.enqueue_email(
            &invitation("welkom@gemeente.nl", "V", Language::Nl, "inv-v"),
            NOW + 1,
        )
        .await
        .unwrap();

        let refused = run_once(db, &mailer, FROM, &LINKS, "w", NOW).await.unwrap();
        assert_eq!(
            refused,
            RunSummary {
                sent: 0,
                retried: 0,
                failed: 1
            },
            "{}",
            t.name
        );
        let entry = status(db, "inv-w").await;
        assert_eq!(entry.status, OutboxStatus::Failed, "{}", t.name);
        assert_eq!(entry.attempts, 1);
        assert_eq!(entry.sent_at, None);
        let reason = entry.last_error.unwrap();
        assert!(reason.contains("550"), "{reason}");
        assert!(reason.contains("recipient refused"), "{reason}");

        // The next message still goes through (the refused transaction left no damage), and
        // the refused one is never tried again.
        let next = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 1)
            .await
            .unwrap();
        assert_eq!(
            next,
            RunSummary {
                sent: 1,
                retried: 0,
                failed: 0
            },
            "{}",
            t.name
        );
        let later = run_once(db, &mailer, FROM, &LINKS, "w", NOW + 1_000_000)
            .await
            .unwrap();
        assert_eq!(later, RunSummary::default());
        let delivered = server.deliveries();
        assert_eq!(delivered.len(), 1, "{delivered:?}");
        assert_eq!(
            delivered[0]["rcpt_tos"],
            serde_json::json!(["welkom@gemeente.nl"])
        );
        assert_eq!(status(db, "inv-w").await.status, OutboxStatus::Failed);
        assert_eq!(status(db, "inv-v").await.status, OutboxStatus::Sent);
        t.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_racing_send_each_message_exactly_once() {
    const MESSAGES: usize = 30;
    for t in support::all().await {
        let server = SmtpServer::start(free_port());
        for i in 0..MESSAGES {
            let to = format!("r{i:02}@gemeente.nl");
            t.db.enqueue_email(
                &invitation(&to, "R", Language::Nl, &format!("race-{i}")),
                NOW,
            )
            .await
            .unwrap();
        }
        // Two "processes": each its own mailer and worker id. They share the pool, but every
        // statement runs on whichever of its connections is free, so the claims really race.
        // Both start together and keep going until nothing is left to send.
        let start = Arc::new(tokio::sync::Barrier::new(2));
        let workers = ["worker-one", "worker-two"].map(|id| {
            let db = t.db.clone();
            let mailer = Arc::new(smtp_mailer(server.port));
            let start = start.clone();
            tokio::spawn(async move {
                let deadline = Instant::now() + Duration::from_secs(60);
                let mut total = RunSummary::default();
                start.wait().await;
                loop {
                    let s = run_once(&db, &mailer, FROM, &LINKS, id, NOW).await.unwrap();
                    total.sent += s.sent;
                    total.retried += s.retried;
                    total.failed += s.failed;
                    if s == RunSummary::default() {
                        let left = db.list_outbox(1000).await.unwrap();
                        if left.iter().all(|e| {
                            e.status != OutboxStatus::Queued && e.status != OutboxStatus::Sending
                        }) {
                            return total;
                        }
                        assert!(Instant::now() < deadline, "{id}: messages left: {left:?}");
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
            })
        });
        let mut sent = 0;
        for worker in workers {
            let total = worker.await.unwrap();
            assert_eq!(
                (total.retried, total.failed),
                (0, 0),
                "{}: {total:?}",
                t.name
            );
            eprintln!("{}: one worker sent {}", t.name, total.sent);
            sent += total.sent;
        }
        assert_eq!(sent, MESSAGES, "{}", t.name);

        let delivered = server.deliveries();
        let mut recipients: Vec<String> = delivered
            .iter()
            .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_owned())
            .collect();
        recipients.sort();
        let expected: Vec<String> = (0..MESSAGES)
            .map(|i| format!("r{i:02}@gemeente.nl"))
            .collect();
        assert_eq!(
            recipients, expected,
            "{}: every message exactly once",
            t.name
        );
        for entry in t.db.list_outbox(100).await.unwrap() {
            assert_eq!(entry.status, OutboxStatus::Sent, "{}", t.name);
            assert_eq!(entry.attempts, 1, "{}: claimed once", t.name);
        }
        t.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claims_never_hand_out_a_message_twice() {
    const MESSAGES: usize = 40;
    const CLAIMERS: usize = 6;
    for t in support::all().await {
        for i in 0..MESSAGES {
            let to = format!("c{i:02}@gemeente.nl");
            t.db.enqueue_email(
                &invitation(&to, "C", Language::En, &format!("claim-{i}")),
                NOW,
            )
            .await
            .unwrap();
        }
        let start = Arc::new(tokio::sync::Barrier::new(CLAIMERS));
        let claimers: Vec<_> = (0..CLAIMERS)
            .map(|n| {
                let db = t.db.clone();
                let start = start.clone();
                tokio::spawn(async move {
                    start.wait().await;
                    let mut ids = Vec::new();
                    // Small batches, many rounds: the candidate lists overlap all the time.
                    loop {
                        let batch = db
                            .claim_due(&format!("claimer-{n}"), NOW, 600, 5)
                            .await
                            .unwrap();
                        if batch.is_empty() {
                            return ids;
                        }
                        ids.extend(batch.into_iter().map(|m| m.id));
                    }
                })
            })
            .collect();
        let mut all = Vec::new();
        for (n, claimer) in claimers.into_iter().enumerate() {
            let ids = claimer.await.unwrap();
            eprintln!("{}: claimer {n} got {}", t.name, ids.len());
            all.extend(ids);
        }
        let claimed = all.len();
        all.sort();
        all.dedup();
        assert_eq!(
            all.len(),
            claimed,
            "{}: a message was claimed twice",
            t.name
        );
        assert_eq!(claimed, MESSAGES, "{}: every message claimed", t.name);
        for entry in t.db.list_outbox(100).await.unwrap() {
            assert_eq!(entry.status, OutboxStatus::Sending, "{}", t.name);
            assert_eq!(entry.attempts, 1, "{}", t.name);
        }
        t.finish().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Claims, the file transport and transactions.

#[tokio::test]
async fn claims_are_exclusive_until_the_lease_runs_out() {
    for t in support::all().await {
        let db = &t.db;
        let id = db
            .enqueue_email(
                &invitation("c@gemeente.nl", "C", Language::Nl, "inv-c"),
                NOW,
            )
            .await
            .unwrap();
        // Not due before its time.
        assert!(
            db.claim_due("a", NOW - 1, LEASE_SECS, 10)
                .await
                .unwrap()
                .is_empty()
        );

        let a = db.claim_due("a", NOW, LEASE_SECS, 10).await.unwrap();
        assert_eq!(a.len(), 1, "{}", t.name);
        assert_eq!(a[0].id, id);
        assert_eq!(a[0].recipient, "c@gemeente.nl");
        assert_eq!(a[0].attempts, 1);
        assert_eq!(a[0].reference.as_deref(), Some("inv-c"));
        assert_eq!(status(db, "inv-c").await.status, OutboxStatus::Sending);
        assert!(
            db.claim_due("b", NOW + 1, LEASE_SECS, 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            db.claim_due("b", NOW + LEASE_SECS, LEASE_SECS, 10)
                .await
                .unwrap()
                .is_empty()
        );

        // Worker a died: after the lease, b takes over, and a's late verdicts are ignored.
        let b = db
            .claim_due("b", NOW + LEASE_SECS + 1, LEASE_SECS, 10)
            .await
            .unwrap();
        assert_eq!(b.len(), 1, "{}", t.name);
        assert_eq!(b[0].attempts, 2);
        assert!(!db.mark_retry(&id, "a", "late", NOW + 5000).await.unwrap());
        assert!(!db.mark_failed(&id, "a", "late").await.unwrap());
        assert!(db.mark_sent(&id, NOW + LEASE_SECS + 2).await.unwrap());
        let entry = status(db, "inv-c").await;
        assert_eq!(entry.status, OutboxStatus::Sent);
        assert_eq!(entry.sent_at, Some(NOW + LEASE_SECS + 2));
        assert!(db.find_outbox(&id).await.unwrap().is_some());
        assert!(db.find_outbox("unknown").await.unwrap().is_none());
        t.finish().await;
    }
}

#[tokio::test]
async fn file_transport_writes_an_eml_file() {
    let t = support::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let outbox_dir = dir.path().join("mail").join("outbox");
    let mailer = Mailer::from_settings(&MailSettings {
        smtp: None,
        from: FROM.into(),
        outbox_dir: outbox_dir.clone(),
    })
    .unwrap();
    assert!(matches!(mailer, Mailer::File(_)));
    t.db.enqueue_email(
        &invitation("d@gemeente.nl", "D", Language::En, "inv-f"),
        NOW,
    )
    .await
    .unwrap();
    let summary = run_once(&t.db, &mailer, FROM, &LINKS, "w", NOW)
        .await
        .unwrap();
    assert_eq!(
        summary,
        RunSummary {
            sent: 1,
            retried: 0,
            failed: 0
        }
    );

    let files: Vec<PathBuf> = std::fs::read_dir(&outbox_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: d@gemeente.nl"), "{eml}");
    assert!(
        eml.contains("Subject: Invitation to Ontwikkelscan"),
        "{eml}"
    );
    assert!(
        eml.contains("From: Ontwikkelscan <noreply@ontwikkelscan.example.nl>"),
        "{eml}"
    );
    assert!(eml.contains("Message-ID: <"), "{eml}");
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(eml.contains("text/plain"), "{eml}");
    assert!(eml.contains("text/html"), "{eml}");
    assert_eq!(status(&t.db, "inv-f").await.status, OutboxStatus::Sent);
    // A development transport: the files hold personal links, so only the server's user may
    // read them.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&outbox_dir), 0o700);
        assert_eq!(mode(&files[0]), 0o600);
    }
    t.finish().await;
}

#[tokio::test]
async fn bad_mail_settings_are_refused_at_start_up() {
    let settings = |from: &str, username: Option<&str>, password: Option<&str>| MailSettings {
        smtp: Some(SmtpSettings {
            host: "smtp.example.nl".into(),
            port: 587,
            tls: Tls::StartTls,
            username: username.map(Into::into),
            password: password.map(Into::into),
        }),
        from: from.into(),
        outbox_dir: PathBuf::from("unused"),
    };
    assert!(Mailer::from_settings(&settings(FROM, Some("u"), Some("p"))).is_ok());
    assert!(Mailer::from_settings(&settings("geen adres", None, None)).is_err());
    assert!(Mailer::from_settings(&settings(FROM, Some("u"), None)).is_err());
    let debug = format!("{:?}", settings(FROM, Some("u"), Some("geheim")));
    assert!(!debug.contains("geheim"), "{debug}");
}

#[tokio::test]
async fn enqueue_in_a_rolled_back_transaction_leaves_no_message() {
    for t in support::all().await {
        let db = &t.db;
        let mut tx = db.begin().await.unwrap();
        enqueue_email_in(
            &mut tx,
            &invitation("e@gemeente.nl", "E", Language::Nl, "inv-r"),
            NOW,
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();
        assert!(db.list_outbox(10).await.unwrap().is_empty(), "{}", t.name);
        assert!(
            db.outbox_status("inv-r").await.unwrap().is_empty(),
            "{}",
            t.name
        );

        // Dropping an uncommitted transaction rolls back too.
        {
            let mut tx = db.begin().await.unwrap();
            enqueue_email_in(
                &mut tx,
                &invitation("e@gemeente.nl", "E", Language::Nl, "inv-r"),
                NOW,
            )
            .await
            .unwrap();
        }
        assert!(db.list_outbox(10).await.unwrap().is_empty(), "{}", t.name);

        let mut tx = db.begin().await.unwrap();
        let id = enqueue_email_in(
            &mut tx,
            &invitation("e@gemeente.nl", "E", Language::Nl, "inv-r"),
            NOW,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let entry = status(db, "inv-r").await;
        assert_eq!(entry.id, id, "{}", t.name);
        assert_eq!(entry.status, OutboxStatus::Queued);
        assert_eq!(entry.attempts, 0);
        assert_eq!(entry.created_at, NOW);
        assert_eq!(db.list_outbox(10).await.unwrap().len(), 1);
        t.finish().await;
    }
}

// ---------------------------------------------------------------------------------------------
// No personal link at rest, and no list of who was reminded (issue 18).

mod scan_mail {
    use super::*;

    use app::auth::draft_seal::DraftSeal;
    use app::auth::token::hash_token;
    use app::domain::account::CurrentUser;
    use app::domain::informants::Informant;
    use app::domain::scan::{ScanDraft, default_groups, preselect_from_profile};
    use app::email::LINK_TOKEN_PLACEHOLDER;
    use app::scans::mail::LinkMaker;
    use app::scans::service;
    use sqlx::{Column, Row};

    const BASE: &str = "https://scan.gemeente.example.nl";
    const DAY: i64 = 86_400;

    fn links() -> LinkMaker<'static> {
        LinkMaker {
            base_url: BASE,
            secret: &LINKS,
        }
    }

    async fn organiser(db: &Db) -> CurrentUser {
        app::catalog::load_builtin(db, NOW).await.unwrap();
        support::scan::organiser(db, "hr@gemeente.nl", NOW).await
    }

    fn draft() -> ScanDraft {
        let fw = app::domain::catalog::builtin()
            .into_iter()
            .find(|f| f.id == "maastricht-2014")
            .unwrap();
        let profile = fw.profiles.first().unwrap().id.clone();
        ScanDraft {
            subject_name: "Piet Jansen".into(),
            subject_email: "piet.jansen@gemeente.nl".into(),
            subject_job_title: "Beleidsmedewerker".into(),
            framework_id: fw.id.clone(),
            framework_version: fw.version,
            competency_ids: preselect_from_profile(&fw, &profile),
            profile_id: Some(profile),
            level_id: Some("8-10".into()),
            include_next_level: false,
            groups: default_groups(&fw.id),
            k: 3,
            deadline: NOW + 14 * DAY,
            language: Default::default(),
            introduction: "Graag uw eerlijke blik.".into(),
            introduction_self: String::new(),
            report_readers: vec![],
            reminder_days: None,
            person_status: false,
        }
    }

    fn informants(addresses: &[&str]) -> Vec<Informant> {
        addresses
            .iter()
            .map(|address| Informant {
                name: address.split('@').next().unwrap().to_owned(),
                email: Email::parse(address).unwrap(),
                group: "colleagues".into(),
            })
            .collect()
    }

    /// Every value of every row of the outbox table, as text, read with a connection of its
    /// own (what someone holding the database sees).
    async fn outbox_dump(t: &support::TestDb) -> Vec<Vec<(String, String)>> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&t.url)
            .await
            .unwrap();
        let rows = sqlx::query("SELECT * FROM outbox")
            .fetch_all(&pool)
            .await
            .unwrap();
        let dump = rows
            .iter()
            .map(|row| {
                row.columns()
                    .iter()
                    .map(|column| {
                        let i = column.ordinal();
                        let value = match row.try_get::<Option<String>, _>(i) {
                            Ok(text) => text.unwrap_or_default(),
                            Err(_) => row
                                .try_get::<Option<i64>, _>(i)
                                .map(|n| n.map(|n| n.to_string()).unwrap_or_default())
                                .unwrap(),
                        };
                        (column.name().to_owned(), value)
                    })
                    .collect()
            })
            .collect();
        pool.close().await;
        dump
    }

    fn column<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
        &row.iter().find(|(n, _)| n == name).unwrap().1
    }

    /// The token of the personal link in a delivered message's text.
    fn token_in(text: &str) -> String {
        let start = text
            .find(&format!("{BASE}/s/"))
            .expect("the delivered message holds a personal link")
            + BASE.len()
            + 3;
        text[start..start + 64].to_owned()
    }

    /// Fails when anything in the outbox table holds a link or a token, or (on SQLite) when
    /// the database file or its WAL holds a token.
    fn assert_no_link_at_rest(
        t: &support::TestDb,
        dump: &[Vec<(String, String)>],
        tokens: &[String],
        when: &str,
    ) {
        for row in dump {
            for (name, value) in row {
                // The placeholder may follow `/s/`; a token (hex) never does.
                assert!(
                    !value.match_indices("/s/").any(|(at, _)| value[at + 3..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_hexdigit())),
                    "{} {when}: outbox column {name} holds a link: {value}",
                    t.name
                );
                for token in tokens {
                    assert!(
                        !value.contains(token.as_str()),
                        "{} {when}: outbox column {name} holds a link token",
                        t.name
                    );
                }
            }
        }
        if let Some(file) = t.sqlite_file() {
            for suffix in ["", "-wal", "-shm"] {
                let path = PathBuf::from(format!("{}{suffix}", file.display()));
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                for token in tokens {
                    assert!(
                        !bytes
                            .windows(token.len())
                            .any(|window| window == token.as_bytes()),
                        "{} {when}: {} holds a link token",
                        t.name,
                        path.display()
                    );
                }
            }
        }
    }

    /// Sends until nothing is due at `now`.
    async fn drain(db: &Db, mailer: &Mailer, now: i64) -> RunSummary {
        let mut total = RunSummary::default();
        loop {
            let round = run_once(db, mailer, FROM, &LINKS, "w", now).await.unwrap();
            if round == RunSummary::default() {
                return total;
            }
            total.sent += round.sent;
            total.retried += round.retried;
            total.failed += round.failed;
        }
    }

    #[tokio::test]
    async fn the_outbox_never_holds_a_personal_link_but_the_email_does() {
        for t in support::all().await {
            let db = &t.db;
            let user = organiser(db).await;
            let server = SmtpServer::start(free_port());
            let mailer = smtp_mailer(server.port);
            let id = service::create_scan(db, &user, &draft(), NOW)
                .await
                .unwrap();
            service::add_informants(
                db,
                &links(),
                &user,
                &id,
                &informants(&["anna@gemeente.nl", "bert@gemeente.nl", "carla@gemeente.nl"]),
                NOW,
            )
            .await
            .unwrap();
            assert_eq!(
                service::open_scan(db, &links(), &user, &id, NOW)
                    .await
                    .unwrap(),
                4
            );

            // Queued: each body holds the placeholder and names its invitation; no link.
            let queued = outbox_dump(&t).await;
            assert_eq!(queued.len(), 4, "{}", t.name);
            for row in &queued {
                assert!(column(row, "text_body").contains(LINK_TOKEN_PLACEHOLDER));
                assert!(column(row, "html_body").contains(LINK_TOKEN_PLACEHOLDER));
                assert!(!column(row, "link_invitation").is_empty());
                assert_eq!(column(row, "link_invitation"), column(row, "reference"));
            }

            assert_eq!(drain(db, &mailer, NOW).await.sent, 4, "{}", t.name);
            let delivered = server.deliveries();
            assert_eq!(delivered.len(), 4, "{}", t.name);
            let mut tokens = Vec::new();
            for message in &delivered {
                let text = message["text"].as_str().unwrap();
                let html = message["html"].as_str().unwrap();
                assert!(!text.contains('\u{E001}') && !html.contains('\u{E001}'));
                let token = token_in(text);
                assert!(html.contains(&format!("{BASE}/s/{token}")), "{html}");
                // The link works: it opens this scan's questionnaire.
                let seal = DraftSeal::for_token(&token);
                // Through the pool: on SQLite the direct read (storage/direct_read.rs) answered
                // "unknown link" here after this test's own connection had read and closed
                // the file (reported to the lead).
                let link = db
                    .clone()
                    .pool_reads_only()
                    .find_link(&hash_token(&token), seal.id())
                    .await
                    .unwrap()
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: the delivered link to {} does not open a questionnaire",
                            t.name, message["rcpt_tos"]
                        )
                    });
                assert_eq!(link.scan.id, id);
                tokens.push(token);
            }
            assert_no_link_at_rest(&t, &queued, &tokens, "while queued");
            let sent = outbox_dump(&t).await;
            assert_no_link_at_rest(&t, &sent, &tokens, "after sending");
            for row in &sent {
                assert_eq!(column(row, "status"), "sent");
                assert_eq!(column(row, "text_body"), "");
                assert_eq!(column(row, "html_body"), "");
                assert_eq!(column(row, "link_invitation"), "");
                // An invitation's address stays: the organiser sees per invitation whether it
                // was delivered.
                assert!(column(row, "recipient").ends_with("@gemeente.nl"));
            }

            // A reminder carries the same working link, and leaves none behind either.
            assert_eq!(
                service::remind(db, &links(), &user, &id, NOW + DAY)
                    .await
                    .unwrap(),
                4
            );
            assert_eq!(drain(db, &mailer, NOW + DAY).await.sent, 4, "{}", t.name);
            let reminded: Vec<String> = server
                .deliveries()
                .iter()
                .filter(|m| m["subject"].as_str().unwrap().starts_with("Herinnering"))
                .map(|m| token_in(m["text"].as_str().unwrap()))
                .collect();
            assert_eq!(reminded.len(), 4);
            for token in &reminded {
                assert!(
                    tokens.contains(token),
                    "a reminder carries the invitation's link"
                );
            }
            assert_no_link_at_rest(&t, &outbox_dump(&t).await, &tokens, "after reminding");
            t.finish().await;
        }
    }

    #[tokio::test]
    async fn reminders_are_counted_never_listed_and_keep_no_recipient() {
        for t in support::all().await {
            let db = &t.db;
            let user = organiser(db).await;
            let server = SmtpServer::start(free_port());
            let mailer = smtp_mailer(server.port);
            let id = service::create_scan(db, &user, &draft(), NOW)
                .await
                .unwrap();
            let addresses = ["anna@gemeente.nl", "bert@gemeente.nl", "weiger@gemeente.nl"];
            service::add_informants(db, &links(), &user, &id, &informants(&addresses), NOW)
                .await
                .unwrap();
            service::open_scan(db, &links(), &user, &id, NOW)
                .await
                .unwrap();
            let first = drain(db, &mailer, NOW).await;
            assert_eq!((first.sent, first.failed), (3, 1), "{}", t.name);
            let listed_before = db.list_outbox(1000).await.unwrap();
            assert_eq!(listed_before.len(), 4);

            service::remind(db, &links(), &user, &id, NOW + DAY)
                .await
                .unwrap();
            // Queued reminders are not listed either: counts only.
            assert_eq!(db.list_outbox(1000).await.unwrap(), listed_before);
            let counts = db.hidden_outbox_counts().await.unwrap();
            assert_eq!(counts.len(), 1, "{counts:?}");
            assert_eq!(counts[0].reference.as_deref(), Some(id.as_str()));
            assert_eq!(counts[0].queued, 4);

            let second = drain(db, &mailer, NOW + DAY).await;
            assert_eq!((second.sent, second.failed), (3, 1), "{}", t.name);
            let counts = db.hidden_outbox_counts().await.unwrap();
            assert_eq!(
                (counts[0].queued, counts[0].sent, counts[0].failed),
                (0, 3, 1),
                "{counts:?}"
            );
            assert_eq!(db.list_outbox(1000).await.unwrap(), listed_before);

            // What a copy of the database shows of the reminders: no address, no subject, no
            // invitation, no reason quoting the address, no body.
            let dump = outbox_dump(&t).await;
            let reminders: Vec<_> = dump
                .iter()
                .filter(|row| column(row, "hide_recipient") == "1")
                .collect();
            assert_eq!(reminders.len(), 4, "{}", t.name);
            for row in &reminders {
                for name in [
                    "recipient",
                    "subject",
                    "text_body",
                    "html_body",
                    "link_invitation",
                ] {
                    assert_eq!(column(row, name), "", "{} {name}", t.name);
                }
                assert_eq!(
                    column(row, "reference"),
                    id,
                    "a reminder names its scan only"
                );
                for address in addresses.iter().chain(["piet.jansen@gemeente.nl"].iter()) {
                    for (name, value) in row.iter() {
                        assert!(
                            !value.contains(address),
                            "{}: reminder column {name} names {address}",
                            t.name
                        );
                    }
                }
            }
            let failed = reminders
                .iter()
                .find(|row| column(row, "status") == "failed")
                .unwrap();
            assert!(
                column(failed, "last_error").contains("[recipient]"),
                "{failed:?}"
            );

            // The delivery status per invitation comes from the invitation's own email: the
            // refused address shows as failed, the others as sent, and no reminder shows.
            for (address, expected) in [
                ("anna@gemeente.nl", OutboxStatus::Sent),
                ("weiger@gemeente.nl", OutboxStatus::Failed),
            ] {
                let entry = listed_before
                    .iter()
                    .find(|e| e.recipient == address)
                    .unwrap();
                let reference = entry.reference.clone().unwrap();
                let own = db.outbox_status(&reference).await.unwrap();
                assert_eq!(own.len(), 1, "{own:?}");
                assert_eq!(own[0].status, expected);
            }
            // Asking by the scan's reference shows the reminders without their recipients.
            for entry in db.outbox_status(&id).await.unwrap() {
                assert_eq!((entry.recipient.as_str(), entry.subject.as_str()), ("", ""));
            }
            t.finish().await;
        }
    }
}
