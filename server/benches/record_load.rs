//! Load benchmark of a conversation record (issue 21): its page and its PDF, for a record with
//! two attached scans (a program that reports numbers, not a test).
//!
//!     cargo bench -p server --bench record_load [-- --requests 200 --clients 8]
//!
//! Starts the real application (the bench profile is a release build; SQLite in a temporary
//! directory) on a free port and sets up, through the real services as the pages call them:
//! two Maastricht scans about Piet Jansen (organised by HR, eleven informants and the subject
//! each, every questionnaire submitted, closed), and the secretary's performance conversation
//! about him — planned, agenda sent, a topic added by him, held, both scans attached by HR
//! (a participant), the summary written under every section with three agreements, proposed,
//! signed by the mayor and the alderman, approved by him, shared with a reader. Then, signed in
//! as the mayor through the login form:
//! 1. `GET /gesprekken/{id}` (the record's page, server-rendered) `--requests` times one after
//!    the other, then `--requests` times spread over `--clients` concurrent clients;
//! 2. `GET /gesprekken/{id}/verslag.pdf` the same way.
//!
//! For each phase it prints the median, p90, p99 and max latency and the requests per second,
//! and the sizes of the page and the PDF. Every read is written to the record's audit trail,
//! which the page lists in full, so the page grows with every request: the bench prints its
//! size before and after, the audit lines each request wrote, and the median of the first and
//! last tenth of the sequential page requests. Last, in the bench's own process (no HTTP), the
//! median of `conversations::view`, `conversations::document` and `record_pdf` on the same
//! record: what the data and the PDF drawing cost alone. Exits non-zero when any request does
//! not answer 200 with the expected content.

use std::time::{Duration, Instant};

use app::conversations::{NewConversation, NewParticipant, Visitor};
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::conversation::{AgreementInput, RecordCommand, SectionText};
use app::domain::informants::Informant;
use app::domain::language::Language;
use app::domain::questionnaire::Answer;
use app::domain::scan::ScanDraft;
use app::domain::scan::example::maastricht_example;
use app::state::{Settings, unix_now};
use app::storage::Db;

#[path = "../tests/support/mod.rs"]
mod support;
use support::app_support::scan::{colleagues, maastricht, open_draft};
use support::{TestApp, spawn_app};

const TYPE: &str = "functioneringsgesprek-secretaris";
const SUBJECT_NAME: &str = "Piet Jansen";
const SUBJECT: &str = "piet@gemeente.nl";
const MAYOR: &str = "burgemeester@gemeente.nl";
const ALDERMAN: &str = "wethouder@gemeente.nl";
const HR: &str = "hr@gemeente.nl";
const READER: &str = "griffier@gemeente.nl";

struct Args {
    requests: usize,
    clients: usize,
}

fn args() -> Args {
    let mut args = Args {
        requests: 200,
        clients: 8,
    };
    let list: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < list.len() {
        let value = || list.get(i + 1).and_then(|v| v.parse::<usize>().ok());
        match list[i].as_str() {
            "--requests" => args.requests = value().expect("--requests N").max(10),
            "--clients" => args.clients = value().expect("--clients N").max(1),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    args
}

/// The figures of one phase.
struct Measured {
    latencies: Vec<Duration>,
    seconds: f64,
    /// Body sizes in the order the answers came.
    sizes: Vec<usize>,
}

/// The latency at quantile `q` (nearest rank), in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

fn median_ms(latencies: &[Duration]) -> f64 {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    quantile(&sorted, 0.5)
}

impl Measured {
    fn report(&self, what: &str) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        println!(
            "{what}: {} requests in {:.2} s, {:.1} requests/s; median {:.1} ms, p90 {:.1} ms, \
             p99 {:.1} ms, max {:.1} ms; {} to {} bytes",
            sorted.len(),
            self.seconds,
            sorted.len() as f64 / self.seconds,
            quantile(&sorted, 0.5),
            quantile(&sorted, 0.9),
            quantile(&sorted, 0.99),
            quantile(&sorted, 1.0),
            self.sizes.iter().min().copied().unwrap_or(0),
            self.sizes.iter().max().copied().unwrap_or(0),
        );
    }
}

/// What an answer must be: 200, and a body that passes `check`.
#[derive(Clone, Copy)]
enum Expect {
    Page,
    Pdf,
}

impl Expect {
    fn check(self, status: u16, body: &[u8]) -> Result<(), String> {
        if status != 200 {
            return Err(format!("status {status}"));
        }
        let ok = match self {
            Expect::Page => std::str::from_utf8(body).is_ok_and(|html| {
                html.contains(SUBJECT_NAME) && html.contains("Leergang strategisch leiderschap")
            }),
            Expect::Pdf => body.starts_with(b"%PDF") && body.len() > 10_000,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("unexpected body of {} bytes", body.len()))
        }
    }
}

async fn fetch(client: &reqwest::Client, url: &str, expect: Expect) -> (Duration, usize) {
    let started = Instant::now();
    let response = client.get(url).send().await.unwrap_or_else(|e| {
        eprintln!("error: GET {url}: {e}");
        std::process::exit(1)
    });
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap_or_else(|e| {
        eprintln!("error: GET {url}, reading the body: {e}");
        std::process::exit(1)
    });
    let took = started.elapsed();
    if let Err(problem) = expect.check(status, &body) {
        eprintln!("error: GET {url}: {problem}");
        std::process::exit(1);
    }
    (took, body.len())
}

/// `requests` requests one after the other.
async fn sequential(
    client: &reqwest::Client,
    url: &str,
    expect: Expect,
    requests: usize,
) -> Measured {
    let started = Instant::now();
    let mut measured = Measured {
        latencies: Vec::with_capacity(requests),
        seconds: 0.0,
        sizes: Vec::with_capacity(requests),
    };
    for _ in 0..requests {
        let (took, size) = fetch(client, url, expect).await;
        measured.latencies.push(took);
        measured.sizes.push(size);
    }
    measured.seconds = started.elapsed().as_secs_f64();
    measured
}

/// `requests` requests over `clients` clients at once, each sending its next request when its
/// previous answer is read (the same signed-in session; connections are not shared between
/// clients that are waiting).
async fn concurrent(
    client: &reqwest::Client,
    url: &str,
    expect: Expect,
    requests: usize,
    clients: usize,
) -> Measured {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let share = requests / clients + usize::from(c < requests % clients);
        let (client, url) = (client.clone(), url.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(share);
            for _ in 0..share {
                out.push(fetch(&client, &url, expect).await);
            }
            out
        }));
    }
    let mut measured = Measured {
        latencies: Vec::with_capacity(requests),
        seconds: 0.0,
        sizes: Vec::with_capacity(requests),
    };
    for task in tasks {
        for (took, size) in task.await.unwrap() {
            measured.latencies.push(took);
            measured.sizes.push(size);
        }
    }
    measured.seconds = started.elapsed().as_secs_f64();
    measured
}

/// An account that can sign in with the test password.
async fn person(app: &TestApp, email: &str) -> CurrentUser {
    let id = app.add_organiser(email).await;
    CurrentUser {
        id,
        email: email.to_owned(),
        role: Role::Organiser,
    }
}

/// A Maastricht scan about Piet Jansen by `hr`: a manager, five colleagues and four staff
/// invited besides himself, every questionnaire submitted with ratings that differ by
/// respondent and scan, then closed. Its id.
async fn closed_scan(app: &TestApp, hr: &CurrentUser, scan: usize) -> String {
    let (db, settings) = (&app.db, &app.state.settings);
    let draft = ScanDraft {
        introduction: format!("Ronde {}: graag uw eerlijke blik.", scan + 1),
        ..maastricht_example(&maastricht(), unix_now() + 14 * 86_400)
    };
    let mut informants = colleagues(5, &format!("{scan}-"), &format!("collega{scan}-"));
    for i in 0..4 {
        informants.push(Informant {
            name: format!("Medewerker {scan}-{i}"),
            email: Email::parse(&format!("medewerker{scan}-{i}@gemeente.nl")).unwrap(),
            group: "staff".into(),
        });
    }
    informants.push(Informant {
        name: "Mieke Leiding".into(),
        email: Email::parse(&format!("leiding{scan}@gemeente.nl")).unwrap(),
        group: "manager".into(),
    });
    let opened = open_draft(
        db,
        hr.clone(),
        &draft,
        &informants,
        settings.link_secret.clone(),
        unix_now(),
    )
    .await;
    let mut respondent = 0usize;
    for (group, count) in [("self", 1), ("manager", 1), ("colleagues", 5), ("staff", 4)] {
        for _ in 0..count {
            let r = respondent;
            app.submit_answers(
                &opened.id,
                group,
                move |i| Answer::Rating((1 + (r * 3 + i * 2 + scan) % 5) as u8),
                format!("Opmerking {r}: duidelijk in overleg, soms te snel."),
            )
            .await;
            respondent += 1;
        }
    }
    app::scans::service::close_scan(db, &opened.links(), hr, &opened.id, unix_now())
        .await
        .expect("the scan closes");
    opened.id
}

async fn act(db: &Db, settings: &Settings, who: &CurrentUser, id: &str, command: RecordCommand) {
    let what = format!("{command:?}");
    app::conversations::act(
        db,
        settings,
        &Visitor::account(who),
        id,
        command,
        None,
        unix_now(),
    )
    .await
    .unwrap_or_else(|e| panic!("{what} was refused: {e:?}"));
}

/// The summary: text under every section of the form but the sign-off, three agreements.
fn summary() -> RecordCommand {
    let kind = app::domain::conversation_type::builtin()
        .into_iter()
        .find(|t| t.id == TYPE)
        .expect("the secretary's type is shipped");
    let sections = kind
        .sections
        .iter()
        .filter(|s| s.kind != app::domain::conversation_type::SectionKind::SignOff)
        .map(|s| SectionText {
            section_id: s.id.clone(),
            text: format!(
                "Over {}: het college en de secretaris zijn het eens over de hoofdlijn. De \
                 vertaling van bestuurlijke opdrachten naar de organisatie verloopt goed; op \
                 enkele dossiers kan de regie strakker.\n\nAfgesproken is dit in het volgende \
                 gesprek opnieuw te bespreken, met de resultaten van de scans ernaast.",
                s.title.to_lowercase()
            ),
        })
        .collect();
    let agreement = |what: &str, who: &str, due_on: &str| AgreementInput {
        what: what.into(),
        who: who.into(),
        due_on: due_on.into(),
    };
    let in_days = |days: i64| {
        app::domain::calendar::amsterdam_date(unix_now())
            .add_days(days)
            .iso()
    };
    RecordCommand::SaveSummary {
        sections,
        agreements: vec![
            agreement(
                "Leergang strategisch leiderschap volgen",
                SUBJECT_NAME,
                &in_days(300),
            ),
            agreement(
                "Maandelijks overleg burgemeester en secretaris",
                "Anne de Vries",
                "",
            ),
            agreement(
                "Taakverdeling bestuursondersteuning en bedrijfsvoering op papier zetten",
                "Bram Bakker",
                &in_days(120),
            ),
        ],
    }
}

/// The approved record with both scans attached; its id.
async fn approved_record(app: &TestApp, scans: &[String]) -> String {
    let (db, settings) = (&app.db, &app.state.settings);
    let mayor = person(app, MAYOR).await;
    let alderman = person(app, ALDERMAN).await;
    let secretary = person(app, SUBJECT).await;
    let hr = CurrentUser {
        id: app
            .db
            .find_login(&Email::parse(HR).unwrap())
            .await
            .unwrap()
            .unwrap()
            .id,
        email: HR.into(),
        role: Role::Organiser,
    };
    let participant = |role: &str, name: &str, email: &str| NewParticipant {
        role: role.into(),
        name: name.into(),
        email: email.into(),
    };
    let id = app::conversations::create(
        db,
        settings,
        &mayor,
        NewConversation {
            type_id: TYPE.into(),
            subject_name: SUBJECT_NAME.into(),
            subject_email: SUBJECT.into(),
            participants: vec![
                participant("burgemeester", "Anne de Vries", MAYOR),
                participant("wethouder-po", "Bram Bakker", ALDERMAN),
                participant("overige", "Hanna de Raad", HR),
            ],
            settings: Default::default(),
        },
        unix_now(),
    )
    .await
    .expect("the record is created");
    let plan = RecordCommand::Plan {
        starts_on: app::domain::calendar::amsterdam_date(unix_now())
            .add_days(7)
            .iso(),
        starts_at: "10:00".into(),
        place: "Burgemeesterskamer, stadhuis".into(),
        duration_minutes: 120,
    };
    act(db, settings, &mayor, &id, plan).await;
    act(db, settings, &mayor, &id, RecordCommand::SendAgenda).await;
    let topic = RecordCommand::AddTopic {
        text: "De werkdruk in het MT en de begroting".into(),
    };
    act(db, settings, &secretary, &id, topic).await;
    act(db, settings, &mayor, &id, RecordCommand::MarkHeld).await;
    for scan in scans {
        let attach = RecordCommand::AttachScan {
            scan_id: scan.clone(),
        };
        act(db, settings, &hr, &id, attach).await;
    }
    act(db, settings, &alderman, &id, summary()).await;
    act(db, settings, &alderman, &id, RecordCommand::ProposeSummary).await;
    act(db, settings, &mayor, &id, RecordCommand::SignOff).await;
    act(db, settings, &alderman, &id, RecordCommand::SignOff).await;
    act(db, settings, &secretary, &id, RecordCommand::Approve).await;
    let reader = RecordCommand::AddReader {
        name: "Gerda Griffier".into(),
        email: READER.into(),
    };
    act(db, settings, &mayor, &id, reader).await;
    id
}

async fn audit_lines(db: &Db, id: &str) -> usize {
    db.conversation_audit(id).await.unwrap().len()
}

/// Bytes of the page inside `<script …>…</script>` (the hydration data among them) and inside
/// `<svg …>…</svg>` (the gap charts), and of the audit trail's table rows: where the size is.
fn composition(html: &str) -> (usize, usize, usize) {
    let inside = |open: &str, close: &str| {
        let mut total = 0;
        let mut rest = html;
        while let Some(start) = rest.find(open) {
            let Some(length) = rest[start..].find(close) else {
                break;
            };
            total += length + close.len();
            rest = &rest[start + length + close.len()..];
        }
        total
    };
    let audit = html
        .find("data-testid=\"record-audit\"")
        .and_then(|start| {
            html[start..]
                .find("</table>")
                .map(|length| length + "</table>".len())
        })
        .unwrap_or(0);
    (
        inside("<script", "</script>"),
        inside("<svg", "</svg>"),
        audit,
    )
}

/// The median of `runs` timings of `f`, in milliseconds.
async fn in_process<F, Fut>(runs: usize, mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut latencies = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f().await;
        latencies.push(started.elapsed());
    }
    median_ms(&latencies)
}

#[tokio::main]
async fn main() {
    let args = args();
    let app = spawn_app().await;
    let db = app.db.clone();

    let started = Instant::now();
    let hr = person(&app, HR).await;
    let scans = vec![
        closed_scan(&app, &hr, 0).await,
        closed_scan(&app, &hr, 1).await,
    ];
    let id = approved_record(&app, &scans).await;
    let stored = db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(stored.conversation.state, "approved");
    println!(
        "set-up: two closed scans (12 responses each) and an approved record with {} attached \
         scans, {:.1} s",
        stored.scans.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(stored.scans.len(), 2, "both scans are attached");

    let mayor = app.signed_in_as(MAYOR).await;
    let client = mayor.client.clone();
    let page_url = format!("{}/gesprekken/{id}", app.base);
    let pdf_url = format!("{page_url}/verslag.pdf");
    // Warm up (and check both answer as expected).
    let (_, first_page) = fetch(&client, &page_url, Expect::Page).await;
    let (_, pdf_size) = fetch(&client, &pdf_url, Expect::Pdf).await;
    for _ in 0..4 {
        fetch(&client, &page_url, Expect::Page).await;
        fetch(&client, &pdf_url, Expect::Pdf).await;
    }
    println!(
        "machine: {} cores; build: {}; {} requests per phase, {} concurrent clients",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        if cfg!(debug_assertions) {
            "DEBUG (dev profile) - figures not representative"
        } else {
            "optimised (bench profile)"
        },
        args.requests,
        args.clients
    );
    println!(
        "first page {first_page} bytes, PDF {pdf_size} bytes; audit trail {} lines before \
         measuring",
        audit_lines(&db, &id).await
    );
    let html = mayor
        .get(&format!("/gesprekken/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let (scripts, svgs, audit) = composition(&html);
    println!(
        "page of {} bytes: {scripts} in <script> (the hydration data among them), {svgs} in \
         <svg> (the gap charts), {audit} in the audit trail's table",
        html.len()
    );

    let before = audit_lines(&db, &id).await;
    let page_seq = sequential(&client, &page_url, Expect::Page, args.requests).await;
    let written = audit_lines(&db, &id).await - before;
    page_seq.report("record page GET /gesprekken/{id}, sequential");
    let tenth = (args.requests / 10).max(1);
    println!(
        "  (median of the first {tenth}: {:.1} ms, of the last {tenth}: {:.1} ms; {:.1} audit \
         lines written per request)",
        median_ms(&page_seq.latencies[..tenth]),
        median_ms(&page_seq.latencies[args.requests - tenth..]),
        written as f64 / args.requests as f64
    );
    let page_conc = concurrent(
        &client,
        &page_url,
        Expect::Page,
        args.requests,
        args.clients,
    )
    .await;
    page_conc.report(&format!(
        "record page GET /gesprekken/{{id}}, {} clients",
        args.clients
    ));

    let before = audit_lines(&db, &id).await;
    let pdf_seq = sequential(&client, &pdf_url, Expect::Pdf, args.requests).await;
    let written = audit_lines(&db, &id).await - before;
    pdf_seq.report("record PDF GET /gesprekken/{id}/verslag.pdf, sequential");
    println!(
        "  ({:.1} audit lines written per request)",
        written as f64 / args.requests as f64
    );
    let pdf_conc = concurrent(&client, &pdf_url, Expect::Pdf, args.requests, args.clients).await;
    pdf_conc.report(&format!(
        "record PDF GET /gesprekken/{{id}}/verslag.pdf, {} clients",
        args.clients
    ));
    let (_, last_page) = fetch(&client, &page_url, Expect::Page).await;
    println!(
        "page size now {last_page} bytes (was {first_page}); audit trail {} lines",
        audit_lines(&db, &id).await
    );

    // The parts alone, in this process: the data of the page, the data of the PDF, the drawing.
    let mayor_user = CurrentUser {
        id: db
            .find_login(&Email::parse(MAYOR).unwrap())
            .await
            .unwrap()
            .unwrap()
            .id,
        email: MAYOR.into(),
        role: Role::Organiser,
    };
    let visitor = Visitor::account(&mayor_user);
    let runs = 30;
    let view_ms = in_process(runs, || async {
        app::conversations::view(&db, &visitor, &id, unix_now())
            .await
            .unwrap();
    })
    .await;
    let document_ms = in_process(runs, || async {
        app::conversations::document(&db, &visitor, &id, unix_now())
            .await
            .unwrap();
    })
    .await;
    let document = app::conversations::document(&db, &visitor, &id, unix_now())
        .await
        .unwrap();
    let pdf_ms = in_process(runs, || async {
        app::conversations::pdf::record_pdf(&document, Language::Nl).unwrap();
    })
    .await;
    println!(
        "in process, median of {runs}: conversations::view {view_ms:.1} ms, \
         conversations::document {document_ms:.1} ms, record_pdf {pdf_ms:.1} ms"
    );
}
