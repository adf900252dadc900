//! Benchmark for "Scans and invitations": opens a scan with 10,000 invitations and measures how
//! long queueing them takes and how many messages per second the real outbox worker delivers
//! to a local SMTP server (`tests/smtp_server.py`, aiosmtpd, which needs `python3` with
//! `aiosmtpd`).
//!
//! ```text
//! cargo bench -p app --features ssr --bench invitations -- [--count N] [--postgres URL]
//!     [--only sqlite|postgres] [--timeout SECS]
//! ```
//!
//! Every run uses a fresh SQLite database in a temporary directory and, when `--postgres URL`
//! is given or `TEST_POSTGRES_URL` is set, also a fresh PostgreSQL database
//! (`ontwikkelscan_bench_<random>`, created through that URL and dropped afterwards). Per
//! backend: a Maastricht scan gets `N - 1` informants in one `add_informants` call, opening it
//! queues `N` invitation emails (the informants and the subject) in one transaction, and the
//! outbox worker (`spawn_outbox_worker`, the one the server runs) sends them. The program
//! exits non-zero unless every message ends up `sent` and the SMTP server's mailbox holds
//! exactly `N` messages for `N` distinct, expected recipients.

use std::collections::{BTreeMap, HashSet};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::scan_link::LinkSecret;
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::informants::Informant;
use app::domain::scan::{ScanDraft, default_groups, preselect_from_profile};
use app::email::spawn_outbox_worker;
use app::scans::mail::LinkMaker;
use app::scans::service;
use app::storage::Db;

// The SMTP server process and mailer the email tests use (tests/support/smtp.rs).
mod support;
use support::{Backend, BenchDb, BenchResult, seconds, thousands};

#[path = "../tests/support/smtp.rs"]
#[allow(dead_code)] // the tests use more of it than this benchmark
mod smtp;
use smtp::{FROM, SmtpServer, free_port, smtp_mailer};

const BASE: &str = "https://scan.gemeente.example.nl";
const SUBJECT_EMAIL: &str = "piet.jansen@gemeente.nl";
const DAY: i64 = 86_400;
const USAGE: &str = "usage: cargo bench -p app --features ssr --bench invitations -- \
                     [--count N] [--postgres URL] [--only sqlite|postgres] [--timeout SECS]";

struct Options {
    /// Invitations to queue and deliver: the subject plus `count - 1` informants.
    count: usize,
    postgres: Option<String>,
    only: Option<Backend>,
    /// Longest the delivery may take per backend before the run counts as failed.
    timeout: Duration,
}

fn parse_args() -> BenchResult<Options> {
    let mut options = Options {
        count: 10_000,
        postgres: std::env::var("TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty()),
        only: None,
        timeout: Duration::from_secs(1800),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            // `cargo bench` passes this to every bench binary.
            "--bench" => {}
            "--count" => {
                options.count = value("--count")?
                    .replace(['_', ','], "")
                    .parse()
                    .map_err(|e| format!("--count: {e}"))?;
                if options.count == 0 {
                    return Err("--count must be at least 1 (the subject)".into());
                }
            }
            "--postgres" => options.postgres = Some(value("--postgres")?),
            "--only" => {
                options.only = Some(match value("--only")?.as_str() {
                    "sqlite" => Backend::Sqlite,
                    "postgres" => Backend::Postgres,
                    other => return Err(format!("--only: unknown backend {other:?}\n{USAGE}")),
                })
            }
            "--timeout" => {
                let secs: u64 = value("--timeout")?
                    .parse()
                    .map_err(|e| format!("--timeout: {e}"))?;
                options.timeout = Duration::from_secs(secs);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if options.only == Some(Backend::Postgres) && options.postgres.is_none() {
        return Err("--only postgres needs --postgres URL or TEST_POSTGRES_URL".into());
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut backends = Vec::new();
    if options.only != Some(Backend::Postgres) {
        backends.push(Backend::Sqlite);
    }
    if options.only != Some(Backend::Sqlite) {
        if options.postgres.is_some() {
            backends.push(Backend::Postgres);
        } else {
            eprintln!("note: PostgreSQL skipped (give --postgres URL or set TEST_POSTGRES_URL)");
        }
    }
    let mut failed = false;
    for backend in backends {
        eprintln!(
            "==> backend {}: {} invitations",
            backend.name(),
            thousands(options.count as u64)
        );
        let result = match BenchDb::create(backend, options.postgres.as_deref()).await {
            Ok(bench_db) => {
                let result = run(&bench_db, &options).await;
                bench_db.finish().await;
                result
            }
            Err(e) => Err(e),
        };
        if let Err(message) = result {
            eprintln!("error: backend {}: {message}", backend.name());
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One benchmark on one fresh database; prints the report lines.
async fn run(bench_db: &BenchDb, options: &Options) -> BenchResult<()> {
    let db = &bench_db.db;
    let name = bench_db.backend.name();
    let count = options.count;
    let now = app::state::unix_now();
    app::catalog::load_builtin(db, now)
        .await
        .map_err(|e| format!("loading the built-in frameworks: {e}"))?;
    let organiser_email = Email::parse("hr@gemeente.nl").expect("valid address");
    let organiser = CurrentUser {
        id: db
            .create_account(&organiser_email, None, Role::Organiser, now)
            .await
            .map_err(|e| format!("creating the organiser: {e}"))?,
        email: organiser_email.as_str().to_owned(),
        role: Role::Organiser,
    };
    let secret = LinkSecret::generate();
    let links = LinkMaker {
        base_url: BASE,
        secret: &secret,
    };

    let scan_id = service::create_scan(db, &organiser, &maastricht_draft(now), now)
        .await
        .map_err(|e| format!("creating the scan: {e:?}"))?;
    let informants = informants(count - 1);

    let started = Instant::now();
    let added = service::add_informants(db, &links, &organiser, &scan_id, &informants, now)
        .await
        .map_err(|e| format!("adding the informants: {e:?}"))?;
    let add_time = started.elapsed();
    if added != informants.len() {
        return Err(format!(
            "added {added} informants, expected {}",
            informants.len()
        ));
    }

    let started = Instant::now();
    let queued = service::open_scan(db, &links, &organiser, &scan_id, now)
        .await
        .map_err(|e| format!("opening the scan: {e:?}"))?;
    let open_time = started.elapsed();
    if queued != count {
        return Err(format!(
            "opening queued {queued} invitations, expected {count}"
        ));
    }
    let counts = outbox_counts(db).await?;
    if counts.get("queued").copied() != Some(count as i64) || counts.len() != 1 {
        return Err(format!(
            "after opening the outbox holds {counts:?}, expected {count} queued"
        ));
    }
    println!(
        "backend {name}: add {} informants: {}; open scan (queue {} invitations): {} \
         ({:.0} µs/message)",
        thousands(informants.len() as u64),
        seconds(add_time),
        thousands(count as u64),
        seconds(open_time),
        open_time.as_secs_f64() * 1e6 / count as f64,
    );

    let server = SmtpServer::try_start(free_port())?;
    let mailer = smtp_mailer(server.port);
    let started = Instant::now();
    let worker = spawn_outbox_worker(
        db.clone(),
        Arc::new(mailer),
        FROM.to_owned(),
        secret.clone(),
    );
    let delivered = wait_until_sent(db, name, count, options.timeout, started).await;
    let delivery_time = started.elapsed();
    worker.abort();
    let _ = worker.await;
    delivered?;
    println!(
        "backend {name}: delivered {} messages to a local SMTP server in {} = {:.0} messages/s",
        thousands(count as u64),
        seconds(delivery_time),
        count as f64 / delivery_time.as_secs_f64(),
    );

    let mut expected: HashSet<String> = informants
        .iter()
        .map(|i| i.email.as_str().to_owned())
        .collect();
    expected.insert(SUBJECT_EMAIL.to_owned());
    check_mailbox(&server, &expected)?;
    println!(
        "backend {name}: the SMTP server holds {} messages for {} distinct recipients, as expected",
        thousands(count as u64),
        thousands(expected.len() as u64),
    );
    Ok(())
}

/// Polls the outbox until all `count` messages are sent; fails as soon as one has failed or
/// when `timeout` has passed. Prints progress to stderr every few seconds.
async fn wait_until_sent(
    db: &Db,
    name: &str,
    count: usize,
    timeout: Duration,
    started: Instant,
) -> BenchResult<()> {
    let mut last_report = Instant::now();
    loop {
        let counts = outbox_counts(db).await?;
        let sent = counts.get("sent").copied().unwrap_or(0);
        if let Some(failed) = counts.get("failed").filter(|n| **n > 0) {
            return Err(format!("{failed} messages failed; outbox: {counts:?}"));
        }
        if sent == count as i64 {
            return Ok(());
        }
        if started.elapsed() > timeout {
            return Err(format!(
                "not every message was sent within {} s; outbox: {counts:?}",
                timeout.as_secs()
            ));
        }
        if last_report.elapsed() >= Duration::from_secs(5) {
            eprintln!(
                "    {name}: {}/{} sent after {}",
                thousands(sent as u64),
                thousands(count as u64),
                seconds(started.elapsed())
            );
            last_report = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn outbox_counts(db: &Db) -> BenchResult<BTreeMap<String, i64>> {
    Ok(db
        .count_outbox_by_status()
        .await
        .map_err(|e| format!("counting the outbox: {e}"))?
        .into_iter()
        .collect())
}

/// A Maastricht scan for a policy adviser at level 8-10, due in two weeks.
fn maastricht_draft(now: i64) -> ScanDraft {
    let fw = app::domain::catalog::builtin()
        .into_iter()
        .find(|f| f.id == "maastricht-2014")
        .expect("the Maastricht framework is built in");
    let profile = fw.profiles.first().expect("a profile").id.clone();
    ScanDraft {
        subject_name: "Piet Jansen".into(),
        subject_email: SUBJECT_EMAIL.into(),
        subject_job_title: "Beleidsmedewerker".into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        competency_ids: preselect_from_profile(&fw, &profile),
        profile_id: Some(profile),
        level_id: Some("8-10".into()),
        include_next_level: false,
        groups: default_groups(&fw.id),
        k: 3,
        deadline: now + 14 * DAY,
        language: Default::default(),
        introduction: "Graag uw eerlijke blik.".into(),
        introduction_self: String::new(),
        report_readers: vec!["manager@gemeente.nl".into()],
        reminder_days: Some(3),
        person_status: false,
    }
}

fn informants(n: usize) -> Vec<Informant> {
    (1..=n)
        .map(|i| Informant {
            name: format!("Collega {i}"),
            email: Email::parse(&format!("collega{i:05}@gemeente.nl")).expect("valid address"),
            group: "colleagues".to_owned(),
        })
        .collect()
}

/// Checks that the SMTP server's mailbox holds exactly one message for every address in
/// `expected` and nothing else.
fn check_mailbox(server: &SmtpServer, expected: &HashSet<String>) -> BenchResult<()> {
    let deliveries = server.deliveries();
    let mut recipients = HashSet::new();
    for summary in &deliveries {
        let rcpt_tos = summary["rcpt_tos"]
            .as_array()
            .ok_or("a delivered message has no rcpt_tos")?;
        for rcpt in rcpt_tos {
            recipients.insert(rcpt.as_str().unwrap_or_default().to_owned());
        }
    }
    if deliveries.len() != expected.len() {
        return Err(format!(
            "the SMTP server holds {} messages, expected {}",
            deliveries.len(),
            expected.len()
        ));
    }
    if &recipients != expected {
        let missing = expected.difference(&recipients).count();
        let unexpected = recipients.difference(expected).count();
        return Err(format!(
            "the SMTP server has {} distinct recipients: {missing} expected ones missing, \
             {unexpected} unexpected ones",
            recipients.len()
        ));
    }
    Ok(())
}
