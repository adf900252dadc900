//! Issue 18's concurrency proof, against the real server binary as a separate process, on
//! SQLite and (when `TEST_POSTGRES_URL` is set) on a fresh PostgreSQL database:
//!
//! - 120 respondents of one scan answer and submit through the HTTP API, at most 40 at a time,
//!   on two scans one after the other (on the second each respondent sends its submit twice at
//!   once): every submission is acknowledged (204) exactly once, and the database holds exactly
//!   120 responses with 120 distinct ids and the 120 invitations' submission markers; submitting
//!   again answers 409 `already-submitted` and changes nothing;
//! - on a third scan the server is killed (SIGKILL) once a third of the submissions were
//!   acknowledged, and started again on the same database: every acknowledged respondent's link
//!   answers "already submitted", every respondent whose submit was never sent still opens (with
//!   the draft it saved), the responses are exactly those of the links that answer "already
//!   submitted" (a subset of the acknowledged and the in-flight ones), and once the rest have
//!   submitted there are exactly 120; the earlier scans still hold their 120 each.
//!
//! The link tokens are derived here from the fixed `SECRET_KEY` the server is started with, as
//! the server derives them for its emails. Everything talks to 127.0.0.1 only; every request has
//! a timeout.

use crate::support;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use app::auth::scan_link::LinkSecret;
use app::storage::Db;
use support::binary::{run_with_input, server_command};
use support::smtp::free_port;

const SECRET_KEY: &str = "gelijktijdig-insturen-proef-sleutel-ruim-veertig-tekens-lang";
const RESPONDENTS: usize = 120;
const IN_FLIGHT: usize = 40;
/// The server is killed when this many submissions were acknowledged.
const KILL_AFTER: usize = RESPONDENTS / 3;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const STARTUP_TIMEOUT: Duration = Duration::from_secs(90);
const ADMIN: &str = "beheer@gemeente.nl";
const ALREADY_SUBMITTED: &str = "urn:ontwikkelscan:problem:already-submitted";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ontwikkelscan.db").display());
    let database = Database {
        backend: "sqlite",
        url,
        dir,
    };
    let outcome = tokio::spawn(scenario(Arc::new(database))).await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_on_postgres() {
    let Some(admin_url) = std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("TEST_POSTGRES_URL is unset: the PostgreSQL run is skipped");
        return;
    };
    let name = format!("ontwikkelscan_concurrent_{}", app::storage::new_id());
    let admin = Db::connect(&admin_url)
        .await
        .expect("TEST_POSTGRES_URL is set but unreachable");
    admin
        .execute_raw(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("URL with a database name");
    let database = Database {
        backend: "postgres",
        url: format!("{base}/{name}"),
        dir: tempfile::tempdir().unwrap(),
    };
    // The scenario runs in its own task so that the database is dropped whatever its outcome
    // (its servers are killed when the task unwinds).
    let outcome = tokio::spawn(scenario(Arc::new(database))).await;
    let dropped = admin
        .execute_raw(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await;
    admin.close().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
    dropped.expect("drop test database");
}

/// The whole proof on one database.
async fn scenario(database: Arc<Database>) {
    let started = Instant::now();
    let backend = database.backend;
    let api_token = database.set_up_admin();
    let mut server = Server::start(&database).await;
    let db = Db::connect(&database.url).await.unwrap();

    // Two scans, each 120 respondents at most 40 at a time.
    let mut scans = Vec::new();
    for round in 1..=2 {
        let scan = Scan::create(&server, &api_token).await;
        let twice = round == 2;
        let results = submit_all(&server, &scan, twice).await;
        let mut tally: BTreeMap<String, usize> = BTreeMap::new();
        for r in &results {
            *tally
                .entry(format!(
                    "save {:?}, submit {:?}, second submit {:?}",
                    r.saved.map(|s| s.as_u16()),
                    r.submitted.map(|s| s.as_u16()),
                    r.duplicate.map(|s| s.as_u16())
                ))
                .or_default() += 1;
        }
        let stored = db.list_responses(&scan.id).await.unwrap();
        let distinct: HashSet<&str> = stored.iter().map(|r| r.id.as_str()).collect();
        let markers = db.submission_markers(&scan.id).await.unwrap().len();
        eprintln!(
            "{backend} round {round}: outcomes {tally:?}; {} responses stored ({} distinct ids), \
             {markers} markers",
            stored.len(),
            distinct.len()
        );
        for (i, result) in results.iter().enumerate() {
            assert_eq!(
                result.saved,
                Some(StatusCode::NO_CONTENT),
                "{backend} round {round}: respondent {i}'s answer: {result:?}"
            );
            assert_eq!(
                result.submitted,
                Some(StatusCode::NO_CONTENT),
                "{backend} round {round}: respondent {i}'s submission: {result:?}"
            );
            if twice {
                assert_eq!(
                    result.duplicate,
                    Some(StatusCode::CONFLICT),
                    "{backend} round {round}: respondent {i}'s simultaneous second submit: \
                     {result:?}"
                );
            }
        }
        let all: Vec<usize> = (0..RESPONDENTS).collect();
        assert_stored(&db, &scan, &all, &format!("{backend} round {round}")).await;
        // Every link answers "already submitted" to a second submit, and nothing changes.
        let again = for_each(&server.client, &scan.tokens, |client, token| {
            let url = format!("{}/api/v1/respond/{token}/submit", server.base);
            async move { problem_type(client.post(url).send().await).await }
        })
        .await;
        for (i, answer) in again.iter().enumerate() {
            assert_eq!(
                answer,
                &Ok((StatusCode::CONFLICT, ALREADY_SUBMITTED.to_owned())),
                "{backend} round {round}: respondent {i} submitting again"
            );
        }
        assert_stored(&db, &scan, &all, &format!("{backend} round {round}, again")).await;
        eprintln!(
            "{backend} round {round}: 120 submissions acknowledged and stored once ({:.1} s \
             since start)",
            started.elapsed().as_secs_f64()
        );
        scans.push(scan);
    }

    // A third scan, with the server killed once a third of its submissions were acknowledged.
    let scan = Scan::create(&server, &api_token).await;
    let run = submit_until_killed(&mut server, &scan).await;
    let acknowledged: HashSet<usize> = run.acknowledged.iter().copied().collect();
    let in_flight: HashSet<usize> = run.in_flight.iter().copied().collect();
    eprintln!(
        "{backend} kill run: {} acknowledged, {} in flight at the kill, {} never sent",
        acknowledged.len(),
        in_flight.len(),
        run.never_sent.len()
    );
    assert!(
        acknowledged.len() >= KILL_AFTER,
        "{backend}: the kill came after {KILL_AFTER} acknowledgements"
    );
    assert!(
        !run.never_sent.is_empty(),
        "{backend}: the server was killed mid-run, before every respondent had sent"
    );
    let server = Server::start(&database).await;
    let after = for_each(&server.client, &scan.tokens, |client, token| {
        let url = format!("{}/api/v1/respond/{token}", server.base);
        async move {
            let response = client.get(url).send().await.map_err(|e| e.to_string())?;
            let status = response.status();
            let body: Value = response.json().await.map_err(|e| e.to_string())?;
            Ok::<_, String>((status, body))
        }
    })
    .await;
    let mut submitted = Vec::new();
    let mut open = Vec::new();
    for (i, answer) in after.iter().enumerate() {
        let (status, body) = answer
            .as_ref()
            .unwrap_or_else(|e| panic!("{backend}: respondent {i}'s link after restart: {e}"));
        match *status {
            StatusCode::CONFLICT => {
                assert_eq!(body["type"], ALREADY_SUBMITTED, "{backend}: respondent {i}");
                submitted.push(i);
            }
            StatusCode::OK => {
                if run.saved.contains(&i) {
                    assert_eq!(
                        body["answers"][&scan.item_key], "4",
                        "{backend}: respondent {i}'s saved draft survives a submission that \
                         did not commit"
                    );
                }
                open.push(i);
            }
            other => panic!("{backend}: respondent {i}'s link after restart: {other} {body}"),
        }
    }
    let submitted_set: HashSet<usize> = submitted.iter().copied().collect();
    let mut lost: Vec<usize> = acknowledged.difference(&submitted_set).copied().collect();
    lost.sort_unstable();
    assert!(
        lost.is_empty(),
        "{backend}: acknowledged before the kill but not submitted after the restart: {lost:?}"
    );
    let mut unexplained: Vec<usize> = submitted_set
        .iter()
        .filter(|i| !acknowledged.contains(i) && !in_flight.contains(i))
        .copied()
        .collect();
    unexplained.sort_unstable();
    assert!(
        unexplained.is_empty(),
        "{backend}: submitted after the restart although never sent: {unexplained:?}"
    );
    let mut reopened: Vec<usize> = run
        .never_sent
        .iter()
        .filter(|i| !open.contains(i))
        .copied()
        .collect();
    reopened.sort_unstable();
    assert!(
        reopened.is_empty(),
        "{backend}: never sent but not open after the restart: {reopened:?}"
    );
    assert_stored(&db, &scan, &submitted, &format!("{backend} after the kill")).await;
    eprintln!(
        "{backend} after restart: {} submitted ({} of them in flight at the kill), {} open",
        submitted.len(),
        submitted.len() - acknowledged.len(),
        open.len()
    );

    // The rest submit on the restarted server.
    let rest = Scan {
        id: scan.id.clone(),
        invitations: open.iter().map(|&i| scan.invitations[i].clone()).collect(),
        tokens: open.iter().map(|&i| scan.tokens[i].clone()).collect(),
        item_key: scan.item_key.clone(),
    };
    for (j, result) in submit_all(&server, &rest, false).await.iter().enumerate() {
        assert_eq!(
            (result.saved, result.submitted),
            (Some(StatusCode::NO_CONTENT), Some(StatusCode::NO_CONTENT)),
            "{backend}: respondent {} after the restart: {result:?}",
            open[j]
        );
    }
    let all: Vec<usize> = (0..RESPONDENTS).collect();
    assert_stored(&db, &scan, &all, &format!("{backend} after the restart")).await;
    for (round, earlier) in scans.iter().enumerate() {
        assert_stored(
            &db,
            earlier,
            &all,
            &format!("{backend} round {} after the kill", round + 1),
        )
        .await;
    }
    db.close().await;
    drop(server);
    eprintln!(
        "{backend}: done in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The database is exactly what the respondents `submitted` (indexes into `scan.invitations`)
/// left: one response each (distinct ids, their answer, their group) and their markers.
async fn assert_stored(db: &Db, scan: &Scan, submitted: &[usize], what: &str) {
    let secret = LinkSecret::derive(SECRET_KEY);
    let responses = db.list_responses(&scan.id).await.unwrap();
    assert_eq!(
        responses.len(),
        submitted.len(),
        "{what}: responses stored for {} submissions",
        submitted.len()
    );
    let ids: HashSet<&str> = responses.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), responses.len(), "{what}: every response once");
    for response in &responses {
        assert!(
            response.answers.contains(&scan.item_key),
            "{what}: a response without the answer given: {}",
            response.answers
        );
    }
    let mut per_group: BTreeMap<String, usize> = BTreeMap::new();
    for r in &responses {
        *per_group.entry(r.group_id.clone()).or_default() += 1;
    }
    let mut expected_groups: BTreeMap<String, usize> = BTreeMap::new();
    for &i in submitted {
        *expected_groups
            .entry(scan.invitations[i].1.clone())
            .or_default() += 1;
    }
    assert_eq!(per_group, expected_groups, "{what}: responses per group");
    let markers = db.submission_markers(&scan.id).await.unwrap();
    let expected: HashSet<String> = submitted
        .iter()
        .map(|&i| secret.submission_marker(&scan.invitations[i].0))
        .collect();
    assert_eq!(markers, expected, "{what}: the submission markers");
}

/// The data directory and database one scenario runs on.
struct Database {
    backend: &'static str,
    url: String,
    dir: tempfile::TempDir,
}

impl Database {
    /// The server binary with this database's environment and nothing else.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = server_command(self.dir.path(), args);
        command
            .env("DATABASE_URL", &self.url)
            .env("SECRET_KEY", SECRET_KEY)
            .env("RUST_LOG", "warn");
        command
    }

    /// Runs a command-line tool to its end; its standard output.
    fn cli(&self, args: &[&str], stdin: &str) -> String {
        let out = run_with_input(self.command(args), stdin);
        assert!(
            out.status.success(),
            "server {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// An administrator and an API token of theirs, made with the binary's command line.
    fn set_up_admin(&self) -> String {
        self.cli(&["create-admin", "--email", ADMIN], "een-lang-wachtwoord\n");
        let out = self.cli(
            &[
                "create-api-token",
                "--email",
                ADMIN,
                "--name",
                "gelijktijdig",
            ],
            "",
        );
        let token = out.trim().to_owned();
        assert!(token.starts_with("osk_"), "{out}");
        token
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }
}

/// The server binary serving on a free port of 127.0.0.1; killed when dropped.
struct Server {
    child: Option<Child>,
    base: String,
    client: reqwest::Client,
    log: PathBuf,
}

impl Server {
    async fn start(database: &Database) -> Server {
        let addr = format!("127.0.0.1:{}", free_port());
        let base = format!("http://{addr}");
        let log = database.log_file();
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = database
            .command(&[])
            .env("LISTEN_ADDR", &addr)
            .env("BASE_URL", &base)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("start the server binary");
        let mut server = Server {
            child: Some(child),
            base,
            client: reqwest::Client::builder()
                .no_proxy()
                .timeout(REQUEST_TIMEOUT)
                .build()
                .unwrap(),
            log,
        };
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = server.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the server exited at start ({status}): {}",
                    server.log_tail()
                );
            }
            let health = server
                .client
                .get(format!("{}/healthz", server.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if health.is_ok_and(|r| r.status() == StatusCode::OK) {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer /healthz within {STARTUP_TIMEOUT:?}: {}",
                server.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    fn request(&self, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header(AUTHORIZATION, format!("Bearer {token}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "--- the server's log ({}), last lines ---\n{}",
                self.log.display(),
                self.log_tail()
            );
        }
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An open scan with 120 informants (half colleagues, half staff) and their link tokens.
struct Scan {
    id: String,
    /// Per respondent: the invitation id and group.
    invitations: Vec<(String, String)>,
    tokens: Vec<String>,
    /// The first statement's key, which every respondent rates 4.
    item_key: String,
}

impl Scan {
    async fn create(server: &Server, api_token: &str) -> Scan {
        let deadline = app::domain::calendar::amsterdam_date(app::state::unix_now())
            .add_days(14)
            .iso();
        let body = json!({
            "subject_name": "Piet Jansen",
            "subject_email": "piet@gemeente.nl",
            "subject_job_title": "Beleidsmedewerker",
            "framework_id": "maastricht-2014",
            "framework_version": 1,
            "profile_id": "beleidsmedewerker",
            "level_id": "8-10",
            "competency_ids": ["samenwerken", "klantgericht-werken", "integriteit",
                "gevoel-voor-bestuurlijke-verhouding", "werken-in-netwerken", "visie-ontwikkelen",
                "resultaatgerichtheid"],
            "k": 3,
            "deadline": deadline,
        });
        let r = server
            .request(reqwest::Method::POST, "/api/v1/scans", api_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        let scan: Value = r.json().await.unwrap();
        let id = scan["id"].as_str().unwrap().to_owned();

        let informants: Vec<Value> = (0..RESPONDENTS)
            .map(|i| {
                json!({
                    "name": format!("Informant {i}"),
                    "email": format!("informant{i}@gemeente.nl"),
                    "group": if i % 2 == 0 { "colleagues" } else { "staff" },
                })
            })
            .collect();
        let r = server
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/scans/{id}/invitations"),
                api_token,
            )
            .json(&json!({ "informants": informants }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        let r = server
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/scans/{id}/open"),
                api_token,
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());

        // As in real use, respondents answer once their invitation went out: wait until every
        // informant's invitation was sent (the links work from the opening on).
        let deadline = Instant::now() + Duration::from_secs(120);
        let invitations = loop {
            let (invitations, sent) = Self::invitations(server, api_token, &id).await;
            if sent == RESPONDENTS {
                break invitations;
            }
            assert!(
                Instant::now() < deadline,
                "only {sent} of {RESPONDENTS} invitations were sent within 120 s"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        };
        assert_eq!(
            invitations.len(),
            RESPONDENTS,
            "the informants' invitations"
        );
        let secret = LinkSecret::derive(SECRET_KEY);
        let tokens: Vec<String> = invitations
            .iter()
            .map(|(id, _)| secret.token(id, 0))
            .collect();

        let r = server
            .client
            .get(format!("{}/api/v1/respond/{}", server.base, tokens[0]))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let questionnaire: Value = r.json().await.unwrap_or_default();
        assert_eq!(
            status,
            StatusCode::OK,
            "the derived link token opens the questionnaire: {questionnaire}"
        );
        let item_key = questionnaire["sections"][0]["items"][0]["key"]
            .as_str()
            .unwrap()
            .to_owned();
        Scan {
            id,
            invitations,
            tokens,
            item_key,
        }
    }

    /// The informants' invitations (id, group) and how many of them were sent.
    async fn invitations(
        server: &Server,
        api_token: &str,
        id: &str,
    ) -> (Vec<(String, String)>, usize) {
        let mut invitations = Vec::new();
        let mut sent = 0;
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/scans/{id}/invitations?limit=100");
            if let Some(cursor) = &cursor {
                path.push_str(&format!("&cursor={cursor}"));
            }
            let r = server
                .request(reqwest::Method::GET, &path, api_token)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let page: Value = r.json().await.unwrap();
            for item in page["items"].as_array().unwrap() {
                let group = item["group"].as_str().unwrap();
                if group != "self" {
                    if item["status"] == "invited" && item["delivery"] == "sent" {
                        sent += 1;
                    }
                    invitations.push((item["id"].as_str().unwrap().to_owned(), group.to_owned()));
                }
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return (invitations, sent),
            }
        }
    }
}

/// What one respondent's requests got: `None` for a request that was not sent or got no answer.
#[derive(Debug, Default, Clone)]
struct Outcome {
    saved: Option<StatusCode>,
    submitted: Option<StatusCode>,
    /// The second of two simultaneous submits.
    duplicate: Option<StatusCode>,
    /// The submit was sent (whether or not an answer came).
    submit_sent: bool,
}

/// Saves one answer, then submits (`twice`: two submits at once).
async fn respond(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    item_key: &str,
    twice: bool,
) -> Outcome {
    let mut outcome = Outcome::default();
    let url = format!("{base}/api/v1/respond/{token}");
    outcome.saved = client
        .put(format!("{url}/sections/0"))
        .json(&json!({"answers": {item_key: "4"}, "comment": "Prettige samenwerking."}))
        .send()
        .await
        .ok()
        .map(|r| r.status());
    if outcome.saved != Some(StatusCode::NO_CONTENT) {
        return outcome;
    }
    let submit = || client.post(format!("{url}/submit")).send();
    if twice {
        let (a, b) = tokio::join!(submit(), submit());
        let (a, b) = (a.ok().map(|r| r.status()), b.ok().map(|r| r.status()));
        // Whichever was acknowledged is the submission; the other is the duplicate.
        if b == Some(StatusCode::NO_CONTENT) && a != Some(StatusCode::NO_CONTENT) {
            (outcome.submitted, outcome.duplicate) = (b, a);
        } else {
            (outcome.submitted, outcome.duplicate) = (a, b);
        }
    } else {
        outcome.submitted = submit().await.ok().map(|r| r.status());
    }
    outcome
}

/// Every respondent of `scan` answers and submits, at most [`IN_FLIGHT`] at a time.
async fn submit_all(server: &Server, scan: &Scan, twice: bool) -> Vec<Outcome> {
    let item_key = scan.item_key.clone();
    let base = server.base.clone();
    for_each(&server.client, &scan.tokens, move |client, token| {
        let (item_key, base) = (item_key.clone(), base.clone());
        async move { respond(&client, &base, &token, &item_key, twice).await }
    })
    .await
}

/// Runs `request` for every token, at most [`IN_FLIGHT`] at a time; the answers in token order.
async fn for_each<F, Fut, T>(client: &reqwest::Client, tokens: &[String], request: F) -> Vec<T>
where
    F: Fn(reqwest::Client, String) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = Vec::new();
    for token in tokens {
        let permits = permits.clone();
        let work = request(client.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await.unwrap();
            work.await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// A response's status and problem `type` (empty when it has none).
async fn problem_type(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<(StatusCode, String), String> {
    let response = response.map_err(|e| e.to_string())?;
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    Ok((status, body["type"].as_str().unwrap_or_default().to_owned()))
}

/// How a run that the kill interrupted ended, per respondent (indexes into the scan's lists).
struct KilledRun {
    /// Their draft was saved (204).
    saved: HashSet<usize>,
    /// Their submit was answered 204.
    acknowledged: Vec<usize>,
    /// Their submit was sent but got no answer (the kill came first).
    in_flight: Vec<usize>,
    /// Their submit was never sent.
    never_sent: Vec<usize>,
}

/// Like [`submit_all`], but the server is killed with SIGKILL as soon as [`KILL_AFTER`]
/// submissions were acknowledged; respondents who had not sent their submit by then do not.
async fn submit_until_killed(server: &mut Server, scan: &Scan) -> KilledRun {
    let child = Arc::new(Mutex::new(server.child.take()));
    let killed = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = Vec::new();
    for token in &scan.tokens {
        let url = format!("{}/api/v1/respond/{token}", server.base);
        let (client, item_key) = (server.client.clone(), scan.item_key.clone());
        let (child, killed, acknowledged, permits) = (
            child.clone(),
            killed.clone(),
            acknowledged.clone(),
            permits.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await.unwrap();
            let mut outcome = Outcome::default();
            if killed.load(Ordering::SeqCst) {
                return outcome;
            }
            let saved = client
                .put(format!("{url}/sections/0"))
                .json(&json!({"answers": {&item_key: "4"}}))
                .send()
                .await;
            outcome.saved = saved.ok().map(|r| r.status());
            if outcome.saved != Some(StatusCode::NO_CONTENT) || killed.load(Ordering::SeqCst) {
                return outcome;
            }
            // From here on the submit counts as sent: it may commit even if no answer comes.
            outcome.submit_sent = true;
            outcome.submitted = client
                .post(format!("{url}/submit"))
                .send()
                .await
                .ok()
                .map(|r| r.status());
            if outcome.submitted == Some(StatusCode::NO_CONTENT)
                && acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER
            {
                // SIGKILL: no shutdown of any kind.
                child.lock().unwrap().as_mut().unwrap().kill().unwrap();
                killed.store(true, Ordering::SeqCst);
            }
            outcome
        }));
    }
    let mut run = KilledRun {
        saved: HashSet::new(),
        acknowledged: Vec::new(),
        in_flight: Vec::new(),
        never_sent: Vec::new(),
    };
    let mut sent = 0;
    for (i, task) in tasks.into_iter().enumerate() {
        let outcome = task.await.unwrap();
        if outcome.saved == Some(StatusCode::NO_CONTENT) {
            run.saved.insert(i);
        }
        match outcome.submitted {
            Some(StatusCode::NO_CONTENT) => run.acknowledged.push(i),
            // Sent, no answer: the connection died with the server.
            None if outcome.submit_sent => run.in_flight.push(i),
            None => run.never_sent.push(i),
            Some(other) => panic!(
                "respondent {i}'s submit before the kill answered {other} (expected 204 or no \
                 answer at all)"
            ),
        }
        sent += 1;
    }
    assert_eq!(sent, RESPONDENTS);
    let mut child = child.lock().unwrap().take().unwrap();
    if !killed.load(Ordering::SeqCst) {
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the server ended by the kill, not on its own: {status}"
    );
    assert!(
        killed.load(Ordering::SeqCst),
        "the run reached {KILL_AFTER} acknowledged submissions"
    );
    run
}
