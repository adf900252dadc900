//! Load benchmark of the respondent's pages (a program that reports numbers, not a test).
//!
//!     cargo bench -p server --bench respond_load [-- --seconds 10 --connections 64 --respondents 200]
//!         [--rounds 1] [--generator wrk|builtin] [--hold]
//!
//! Starts the real application (release build, SQLite in a temporary directory) on a free port,
//! creates and opens a Maastricht scan with as many informants as respondents, and then with one
//! load generator — `wrk` (Debian's package) in its own process when it is installed, else a
//! built-in one (keep-alive HTTP/1.1 connections, each sending its next request when the
//! previous answer is read) that shares the server's runtime:
//! 1. requests a questionnaire page (`GET /s/<token>/q/0`: token lookup, draft load, server
//!    rendering) on `--connections` connections for `--seconds` seconds;
//! 2. requests the thank-you page, which reads nothing: the floor of any page of the app;
//! 3. requests the questionnaire page's HTML, pre-rendered once, from a bare axum handler on another
//!    port: the ceiling;
//! 4. requests the same fixed HTML from a handler that first does the page's token lookup
//!    (`app::respond::respondent`: one query for invitation, scan and sealed draft, one for
//!    the submission marker): what reading the
//!    database alone costs, with rendering free;
//! 5. lets `--respondents` respondents submit at once (`POST /s/<token>/versturen`), and counts
//!    the stored responses in the database afterwards.
//!
//! `--rounds N` repeats phases 1–4 N times and ends with the median of each figure.
//! `--hold` prints the page's URL and keeps the server up (for a profiler) instead of measuring.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::scan::ScanDraft;
use app::domain::scan::example::maastricht_example;
use app::state::unix_now;

#[path = "../tests/support/mod.rs"]
mod support;
use support::app_support::scan::{colleagues, maastricht, open_draft, organiser};
use support::spawn_app;

#[path = "load/wrk.rs"]
mod wrk;

#[derive(Clone, Copy, PartialEq)]
enum Generator {
    Wrk,
    Builtin,
}

struct Args {
    seconds: u64,
    connections: usize,
    respondents: usize,
    generator: Generator,
    hold: bool,
    rounds: usize,
}

fn args() -> Args {
    let mut args = Args {
        seconds: 10,
        connections: 64,
        respondents: 200,
        generator: if wrk::available() {
            Generator::Wrk
        } else {
            Generator::Builtin
        },
        hold: false,
        rounds: 1,
    };
    let list: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < list.len() {
        let value = || list.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match list[i].as_str() {
            "--seconds" => args.seconds = value().expect("--seconds N"),
            "--connections" => args.connections = value().expect("--connections N") as usize,
            "--respondents" => args.respondents = value().expect("--respondents N") as usize,
            "--rounds" => args.rounds = (value().expect("--rounds N") as usize).max(1),
            "--generator" => {
                args.generator = match list.get(i + 1).map(String::as_str) {
                    Some("wrk") => Generator::Wrk,
                    Some("builtin") => Generator::Builtin,
                    _ => panic!("--generator wrk|builtin"),
                }
            }
            "--hold" => {
                args.hold = true;
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    args
}

struct Measured {
    requests: usize,
    errors: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Measured {
    fn report(&self, what: &str) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let at = |q: f64| {
            sorted
                .get(((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1)))
                .map(|d| d.as_secs_f64() * 1000.0)
                .unwrap_or(f64::NAN)
        };
        println!(
            "{what}: {:.0} requests/s ({} in {:.1} s, {} not 2xx), p50 {:.2} ms, p99 {:.2} ms",
            self.requests as f64 / self.seconds,
            self.requests,
            self.seconds,
            self.errors,
            at(0.50),
            at(0.99)
        );
    }
}

/// `connections` loops requesting `url` until `seconds` have passed.
async fn hammer(url: String, connections: usize, seconds: u64) -> Measured {
    let end = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()
                .unwrap();
            let mut latencies = Vec::new();
            let mut errors = 0;
            while Instant::now() < end {
                let t = Instant::now();
                match client.get(&url).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                    }
                    _ => errors += 1,
                }
                latencies.push(t.elapsed());
            }
            (latencies, errors)
        }));
    }
    let mut measured = Measured {
        requests: 0,
        errors: 0,
        seconds: 0.0,
        latencies: Vec::new(),
    };
    for task in tasks {
        let (latencies, errors) = task.await.unwrap();
        measured.requests += latencies.len();
        measured.errors += errors;
        measured.latencies.extend(latencies);
    }
    measured.seconds = started.elapsed().as_secs_f64();
    measured
}

/// Warms `url` up for a second, then loads it for `seconds` and prints the figures; returns the
/// requests per second.
async fn measure(
    generator: Generator,
    url: &str,
    connections: usize,
    seconds: u64,
    what: &str,
) -> f64 {
    match generator {
        Generator::Wrk => {
            let _ = wrk::run(url, 2, 4, 1);
            let measured = wrk::run(url, 2, connections, seconds);
            measured.report(what);
            measured.requests_per_second
        }
        Generator::Builtin => {
            let _ = hammer(url.to_owned(), 4, 1).await;
            let measured = hammer(url.to_owned(), connections, seconds).await;
            measured.report(what);
            measured.requests as f64 / measured.seconds
        }
    }
}

/// The questionnaire page, the floor, the ceiling and the lookup alone, once each: their
/// requests per second in that order.
async fn run_phases(
    args: &Args,
    base: &str,
    page_url: &str,
    ceiling_addr: &str,
    token: &str,
) -> [f64; 4] {
    let connections = args.connections;
    let real_rate = measure(
        args.generator,
        page_url,
        connections,
        args.seconds,
        &format!("questionnaire page (GET /s/<token>/q/0), {connections} connections"),
    )
    .await;
    // The thank-you page reads nothing and shows two lines: what the app's router, middleware
    // and page shell cost, below which the questionnaire cannot go.
    let floor_rate = measure(
        args.generator,
        &format!("{base}/s/{token}/bedankt"),
        connections,
        args.seconds,
        &format!(
            "floor: thank-you page, no data (GET /s/<token>/bedankt), {connections} connections"
        ),
    )
    .await;
    let ceiling_rate = measure(
        args.generator,
        &format!("http://{ceiling_addr}/"),
        connections,
        args.seconds,
        &format!("ceiling: bare axum handler, same HTML, {connections} connections"),
    )
    .await;
    let lookup_rate = measure(
        args.generator,
        &format!("http://{ceiling_addr}/lookup/{token}"),
        connections,
        args.seconds,
        &format!("token lookup + same fixed HTML (bare axum), {connections} connections"),
    )
    .await;
    println!(
        "real page / ceiling: {:.0} %; thank-you page / ceiling: {:.0} %; lookup alone / ceiling: {:.0} %",
        100.0 * real_rate / ceiling_rate,
        100.0 * floor_rate / ceiling_rate,
        100.0 * lookup_rate / ceiling_rate
    );

    [real_rate, floor_rate, ceiling_rate, lookup_rate]
}

#[tokio::main]
async fn main() {
    let args = args();
    let app = spawn_app().await;
    let (db, settings) = (app.db.clone(), app.state.settings.clone());

    // A Maastricht scan for a policy adviser at level 8-10, opened, one informant per respondent.
    let draft = ScanDraft {
        introduction: "Graag uw eerlijke blik.".into(),
        ..maastricht_example(&maastricht(), unix_now() + 14 * 86_400)
    };
    let scan = open_draft(
        &db,
        organiser(&db, "hr@gemeente.nl", unix_now()).await,
        &draft,
        &colleagues(args.respondents.saturating_sub(1), "", "collega"),
        settings.link_secret.clone(),
        unix_now(),
    )
    .await;
    let scan_id = scan.id.clone();
    // As in real use, respondents answer once their invitations went out: send them all to
    // `.eml` files first (the links work from the opening on).
    let outbox = tempfile::tempdir().unwrap();
    app.send_outbox_to_files(outbox.path()).await;
    let tokens: Vec<String> = scan
        .tokens(&db)
        .await
        .into_iter()
        .map(|(_, token)| token)
        .collect();
    let base = app.base.clone();
    let page_url = format!("{base}/s/{}/q/0", tokens[0]);

    // Warm up, and keep the rendered page for the ceiling.
    let html = reqwest::get(&page_url).await.unwrap().text().await.unwrap();
    assert!(
        html.contains("Onderdeel 1 van"),
        "the questionnaire page renders"
    );
    if args.hold {
        println!("serving {page_url} (Ctrl-C ends)");
        tokio::signal::ctrl_c().await.unwrap();
        return;
    }

    let ceiling_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ceiling_addr = ceiling_listener.local_addr().unwrap();
    let page_size = html.len();
    let fixed: Arc<str> = html.into();
    let lookup_html = fixed.clone();
    let lookup_db = db.clone();
    let lookup_secret = settings.link_secret.clone();
    let ceiling_app = axum::Router::new()
        .route(
            "/",
            axum::routing::get(move || {
                let fixed = fixed.clone();
                async move { axum::response::Html(fixed.to_string()) }
            }),
        )
        .route(
            "/lookup/{token}",
            axum::routing::get(
                move |axum::extract::Path(token): axum::extract::Path<String>| {
                    let (fixed, db) = (lookup_html.clone(), lookup_db.clone());
                    let secret = lookup_secret.clone();
                    async move {
                        app::respond::respondent(&db, &secret, &token, unix_now())
                            .await
                            .map(|_| axum::response::Html(fixed.to_string()))
                            .map_err(|_| axum::http::StatusCode::NOT_FOUND)
                    }
                },
            ),
        );
    tokio::spawn(async move { axum::serve(ceiling_listener, ceiling_app).await.unwrap() });

    println!(
        "machine: {} cores; page size {page_size} bytes; {} s per run; load generator: {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        args.seconds,
        match args.generator {
            Generator::Wrk => "wrk (own process, 2 threads)",
            Generator::Builtin => "built-in (reqwest, in the server's runtime)",
        }
    );
    // Rounds of the four phases back to back: this machine's speed drifts from minute to
    // minute, so each round's ratios compare runs made close together, and the median of the
    // rounds is the figure to quote.
    let mut rounds: Vec<[f64; 4]> = Vec::new();
    for round in 1..=args.rounds {
        if args.rounds > 1 {
            println!("round {round} of {}", args.rounds);
        }
        rounds.push(
            run_phases(
                &args,
                &base,
                &page_url,
                &ceiling_addr.to_string(),
                &tokens[0],
            )
            .await,
        );
    }
    if args.rounds > 1 {
        let median = |index: usize, over_ceiling: bool| {
            let mut values: Vec<f64> = rounds
                .iter()
                .map(|r| {
                    if over_ceiling {
                        r[index] / r[2]
                    } else {
                        r[index]
                    }
                })
                .collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        println!(
            "median of {} rounds: page {:.0} requests/s, floor {:.0}, ceiling {:.0}, lookup {:.0}; \
             real page / ceiling: {:.0} %; thank-you page / ceiling: {:.0} %; lookup alone / ceiling: {:.0} %",
            rounds.len(),
            median(0, false),
            median(1, false),
            median(2, false),
            median(3, false),
            100.0 * median(0, true),
            100.0 * median(1, true),
            100.0 * median(3, true),
        );
    }

    // Submissions: every respondent at once.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for token in tokens.clone() {
        let url = format!("{base}/s/{token}/versturen");
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let t = Instant::now();
            let ok = client
                .post(&url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("")
                .send()
                .await
                .map(|r| {
                    r.status().is_redirection()
                        && r.headers()["location"]
                            .to_str()
                            .unwrap()
                            .ends_with("/bedankt")
                })
                .unwrap_or(false);
            (ok, t.elapsed())
        }));
    }
    let mut accepted = 0;
    let mut latencies = Vec::new();
    for task in tasks {
        let (ok, latency) = task.await.unwrap();
        accepted += usize::from(ok);
        latencies.push(latency);
    }
    let seconds = started.elapsed().as_secs_f64();
    let stored = db.list_responses(&scan_id).await.unwrap().len();
    let submissions = Measured {
        requests: tokens.len(),
        errors: tokens.len() - accepted,
        seconds,
        latencies,
    };
    submissions.report(&format!(
        "submissions, {} respondents at once",
        tokens.len()
    ));
    println!("submissions accepted: {accepted}; responses in the database afterwards: {stored}");
    if stored != accepted {
        eprintln!("error: {accepted} submissions were accepted but {stored} responses are stored");
        std::process::exit(1);
    }
}
