//! Benchmark for the organisation-wide report run (issue #6): the scoring report of every
//! closed scan at once (`report::organisation::closed_scan_reports`) over 1,000 closed
//! Maastricht scans with 15 responses each, about 900,000 ratings. The aim: under 2 s.
//!
//! ```text
//! cargo bench -p app --features ssr --bench organisation -- [--scans N] [--responses N]
//!     [--runs N] [--this-level-only] [--postgres URL] [--only sqlite|postgres]
//! ```
//!
//! Every run uses a fresh SQLite database in a temporary directory and, when `--postgres URL`
//! is given or `TEST_POSTGRES_URL` is set, also a fresh PostgreSQL database
//! (`ontwikkelscan_bench_<random>`, created through that URL and dropped afterwards). Per
//! backend, the set-up (timed on its own) creates one organiser and one draft scan through the
//! real services — a policy adviser at level 8-10, seven competencies, with the statements
//! of the next level up as well (59 statements; 28 with `--this-level-only`) — and copies that
//! scan's row as `N` closed scans with fresh ids, then inserts the responses (one self, one
//! manager, the rest spread over the other groups; deterministic pseudo-random ratings, about
//! one in twenty "cannot judge") in multi-row INSERTs, all in one transaction, and runs
//! `ANALYZE` as a live database's autovacuum would. Then it times the report run `--runs`
//! times and prints the fastest, median and slowest. The program exits non-zero unless every
//! run returns exactly `N` reports.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use app::domain::account::{CurrentUser, Email, Role};
use app::domain::questionnaire::{self, Answer, Answers};
use app::domain::scan::{ScanDraft, ValidScan, default_groups, preselect_from_profile};
use app::report::organisation::closed_scan_reports;
use app::scans::service;
use app::storage::Db;

mod support;
use support::{Backend, BenchDb, BenchResult, seconds, thousands};

const DAY: i64 = 86_400;
/// Rows per multi-row INSERT: 4 parameters each, well under SQLite's and PostgreSQL's limits.
const ROWS_PER_INSERT: usize = 200;
const USAGE: &str = "usage: cargo bench -p app --features ssr --bench organisation -- \
                     [--scans N] [--responses N] [--runs N] [--this-level-only] \
                     [--postgres URL] [--only sqlite|postgres]";

struct Options {
    scans: usize,
    /// Responses per scan.
    responses: usize,
    /// Timed report runs per backend.
    runs: usize,
    /// Only the statements of the scan's level, not those of the next level up too.
    this_level_only: bool,
    postgres: Option<String>,
    only: Option<Backend>,
}

fn parse_args() -> BenchResult<Options> {
    let mut options = Options {
        scans: 1_000,
        responses: 15,
        runs: 5,
        this_level_only: false,
        postgres: std::env::var("TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty()),
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        let mut number = |name: &str| -> BenchResult<usize> {
            let n: usize = value(name)?
                .replace(['_', ','], "")
                .parse()
                .map_err(|e| format!("{name}: {e}"))?;
            if n == 0 {
                return Err(format!("{name} must be at least 1"));
            }
            Ok(n)
        };
        match arg.as_str() {
            // `cargo bench` passes this to every bench binary.
            "--bench" => {}
            "--scans" => options.scans = number("--scans")?,
            "--responses" => options.responses = number("--responses")?,
            "--runs" => options.runs = number("--runs")?,
            "--this-level-only" => options.this_level_only = true,
            "--postgres" => options.postgres = Some(value("--postgres")?),
            "--only" => {
                options.only = Some(match value("--only")?.as_str() {
                    "sqlite" => Backend::Sqlite,
                    "postgres" => Backend::Postgres,
                    other => return Err(format!("--only: unknown backend {other:?}\n{USAGE}")),
                })
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
            "==> backend {}: {} closed scans × {} responses",
            backend.name(),
            thousands(options.scans as u64),
            options.responses
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

    let started = Instant::now();
    let setup = set_up(db, options).await?;
    println!(
        "backend {name}: set-up: {} closed scans, {} responses, {} answers ({} ratings, {} \
         cannot judge; {} statements per scan) in {}",
        thousands(options.scans as u64),
        thousands(setup.responses as u64),
        thousands(setup.answers as u64),
        thousands((setup.answers - setup.cannot_judge) as u64),
        thousands(setup.cannot_judge as u64),
        setup.statements,
        seconds(started.elapsed()),
    );

    let mut times = Vec::with_capacity(options.runs);
    for run in 1..=options.runs {
        let started = Instant::now();
        let reports = closed_scan_reports(db)
            .await
            .map_err(|e| format!("report run {run}: {e}"))?;
        let elapsed = started.elapsed();
        if reports.len() != options.scans {
            return Err(format!(
                "report run {run} returned {} reports, expected {}",
                reports.len(),
                options.scans
            ));
        }
        // Every scan has a self line and others (all groups but self reach k = 3 or are
        // identifiable), so an empty report means the responses went missing.
        let empty = reports
            .iter()
            .filter(|(_, r)| {
                r.competencies
                    .iter()
                    .any(|c| c.figures.others.is_none() || c.figures.self_line.is_none())
            })
            .count();
        if empty > 0 {
            return Err(format!(
                "report run {run}: {empty} reports lack the self or the others' line"
            ));
        }
        eprintln!("    {name}: run {run}: {}", seconds(elapsed));
        times.push(elapsed);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "backend {name}: closed_scan_reports: {} reports from {} answers; {} runs: \
         min {}, median {}, max {} ({:.1} µs per response at the median) — {}",
        thousands(options.scans as u64),
        thousands(setup.answers as u64),
        times.len(),
        seconds(times[0]),
        seconds(median),
        seconds(times[times.len() - 1]),
        median.as_secs_f64() * 1e6 / setup.responses as f64,
        if median < Duration::from_secs(2) {
            "under the 2 s aim"
        } else {
            "OVER the 2 s aim"
        }
    );
    Ok(())
}

struct Setup {
    responses: usize,
    answers: usize,
    cannot_judge: usize,
    statements: usize,
}

/// The organiser, a template scan through the real service (left a draft, so not part of the
/// run), `options.scans` closed copies of it and their responses.
async fn set_up(db: &Db, options: &Options) -> BenchResult<Setup> {
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
    let template = service::create_scan(
        db,
        &organiser,
        &maastricht_draft(now, !options.this_level_only),
        now,
    )
    .await
    .map_err(|e| format!("creating the scan: {e:?}"))?;
    let stored = db
        .find_scan(&template)
        .await
        .map_err(|e| format!("reading the scan: {e}"))?
        .ok_or("the scan just created is missing")?;
    let framework = db
        .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
        .await
        .map_err(|e| format!("reading the framework: {e}"))?
        .ok_or("the scan's framework is missing")?;
    let keys: Vec<String> = questionnaire::build(&framework, &stored.scan, false)
        .keys()
        .map(str::to_owned)
        .collect();
    let groups = response_groups(&stored.scan, options.responses);

    let error = |what: &str| {
        let what = what.to_owned();
        move |e: sqlx::Error| format!("{what}: {e}")
    };
    let mut tx = db
        .begin()
        .await
        .map_err(|e| format!("starting the transaction: {e}"))?;
    let mut scan_ids = Vec::with_capacity(options.scans);
    for _ in 0..options.scans {
        let id = app::storage::new_id();
        sqlx::query(
            "INSERT INTO scans (id, organiser_id, status, subject_name, framework_id, \
             framework_version, deadline, settings, reminder_at, reminder_sent, revision, \
             created_at, updated_at, opened_at, closed_at) \
             SELECT $1, organiser_id, 'closed', subject_name, framework_id, framework_version, \
             deadline, settings, reminder_at, reminder_sent, 3, created_at, $2, $2, $2 \
             FROM scans WHERE id = $3",
        )
        .bind(&id)
        .bind(now)
        .bind(&template)
        .execute(&mut *tx)
        .await
        .map_err(error("copying the scan"))?;
        scan_ids.push(id);
    }

    let mut random = SplitMix64(0x5eed_0f0a_1500);
    let mut rows: Vec<(String, String, &str, String)> = Vec::with_capacity(ROWS_PER_INSERT);
    let (mut responses, mut answers, mut cannot_judge) = (0, 0, 0);
    for scan_id in &scan_ids {
        // How this subject is seen: a lean per scan, per respondent and per statement.
        let subject_lean = random.below(3) as i64 - 1;
        for group in &groups {
            let respondent_lean = random.below(3) as i64 - 1;
            let mut response = Answers::default();
            for key in &keys {
                let answer = if random.below(20) == 0 {
                    cannot_judge += 1;
                    Answer::CannotJudge
                } else {
                    let score = 3 + subject_lean + respondent_lean + random.below(3) as i64 - 1;
                    Answer::Rating(score.clamp(1, 5) as u8)
                };
                answers += 1;
                response.ratings.insert(key.clone(), answer);
            }
            let json = serde_json::to_string(&response).expect("answers serialise");
            rows.push((app::storage::new_id(), scan_id.clone(), group, json));
            responses += 1;
            if rows.len() == ROWS_PER_INSERT {
                insert_responses(&mut tx, &rows).await?;
                rows.clear();
            }
        }
    }
    if !rows.is_empty() {
        insert_responses(&mut tx, &rows).await?;
    }
    tx.commit().await.map_err(error("committing"))?;
    db.execute_raw("ANALYZE")
        .await
        .map_err(|e| format!("ANALYZE: {e}"))?;
    Ok(Setup {
        responses,
        answers,
        cannot_judge,
        statements: keys.len(),
    })
}

/// One multi-row INSERT of (id, scan, group, answers) rows.
async fn insert_responses(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    rows: &[(String, String, &str, String)],
) -> BenchResult<()> {
    let values: Vec<String> = (0..rows.len())
        .map(|i| {
            let p = 4 * i;
            format!("(${}, ${}, ${}, ${})", p + 1, p + 2, p + 3, p + 4)
        })
        .collect();
    let sql = format!(
        "INSERT INTO responses (id, scan_id, group_id, answers) VALUES {}",
        values.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, scan_id, group, answers) in rows {
        query = query.bind(id).bind(scan_id).bind(*group).bind(answers);
    }
    query
        .execute(&mut **tx)
        .await
        .map_err(|e| format!("inserting responses: {e}"))?;
    Ok(())
}

/// The group of each of a scan's `n` responses: the subject, one per identifiable group (the
/// manager), and the rest in turn over the other groups.
fn response_groups(scan: &ValidScan, n: usize) -> Vec<&str> {
    let mut out: Vec<&str> = scan
        .groups
        .iter()
        .filter(|g| g.is_self)
        .chain(scan.groups.iter().filter(|g| g.identifiable && !g.is_self))
        .map(|g| g.id.as_str())
        .collect();
    let rest: Vec<&str> = scan
        .groups
        .iter()
        .filter(|g| !g.identifiable && !g.is_self)
        .map(|g| g.id.as_str())
        .collect();
    out.truncate(n);
    out.extend(rest.iter().cycle().take(n - out.len()));
    out
}

/// A small deterministic generator (SplitMix64), so every run rates the same.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A Maastricht scan for a policy adviser at level 8-10, due in two weeks.
fn maastricht_draft(now: i64, include_next_level: bool) -> ScanDraft {
    let fw = app::domain::catalog::builtin()
        .into_iter()
        .find(|f| f.id == "maastricht-2014")
        .expect("the Maastricht framework is built in");
    let profile = "beleidsmedewerker".to_owned();
    ScanDraft {
        subject_name: "Piet Jansen".into(),
        subject_email: "piet.jansen@gemeente.nl".into(),
        subject_job_title: "Beleidsmedewerker".into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        competency_ids: preselect_from_profile(&fw, &profile),
        profile_id: Some(profile),
        level_id: Some("8-10".into()),
        include_next_level,
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
