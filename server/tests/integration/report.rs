//! The report over HTTP against the real application: who may read it and when (page, charts,
//! CSV and API alike), early release, and figures that stay frozen when a later answer would
//! reveal who gave it.

use crate::support;

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};

use app::domain::questionnaire::Answer;
use support::actions::refusal_code;
use support::scans::{open_scan_read_by, page};
use support::{TestApp, location, signed_in_admin, spawn_app};

const READER: &str = "lezer@gemeente.nl";
const OUTSIDER: &str = "buiten@gemeente.nl";

/// An open scan read by READER with four colleagues and four staff invited (k = 3).
async fn open_scan(app: &TestApp) -> String {
    let informants = [
        ("anna", "colleagues"),
        ("bram", "colleagues"),
        ("cees", "colleagues"),
        ("dirk", "colleagues"),
        ("eva", "staff"),
        ("fien", "staff"),
        ("gijs", "staff"),
        ("hans", "staff"),
    ];
    let (id, opened) = open_scan_read_by(app, READER, &informants).await;
    assert_eq!(
        opened,
        format!("/scans/{id}?gedaan=geopend&aantal=9#actions")
    );
    id
}

/// Submits the questionnaire for the first not yet submitted invitation of `group`, every
/// statement rated `score`, with a comment on the first competency.
async fn submit(app: &TestApp, id: &str, group: &str, score: u8) {
    submit_answers(app, id, group, |_| Answer::Rating(score), score).await;
}

/// Like [`submit`], with `answer(section)` for the statements of each competency (in
/// questionnaire order); the comment names `score`.
async fn submit_answers(
    app: &TestApp,
    id: &str,
    group: &str,
    answer: impl Fn(usize) -> Answer,
    score: u8,
) {
    app.submit_answers(id, group, answer, format!("Opmerking {group} {score}"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_readers_see_the_report_and_only_once_it_is_released_or_closed() {
    let app = signed_in_admin().await;
    app.add_organiser(READER).await;
    app.add_organiser(OUTSIDER).await;
    let id = open_scan(&app).await;
    let reader = app.signed_in_as(READER).await;
    let outsider = app.signed_in_as(OUTSIDER).await;
    let anonymous = app.clone_without_client();
    let report = format!("/scans/{id}/rapport");
    let svg = format!("{report}/grafiek/verschil.svg");
    let png = format!("{report}/grafiek/heatmap.png");
    let csv = format!("{report}/cijfers.csv");

    // Open and not released: nobody reads figures yet, not even the organiser.
    submit(&app, &id, "self", 4).await;
    for colleague in [2, 3, 3] {
        submit(&app, &id, "colleagues", colleague).await;
    }
    let stored = app.db.find_scan(&id).await.unwrap().unwrap();
    assert_eq!(stored.scan.report_readers.len(), 1, "the reader is named");
    for visitor in [&app, &reader] {
        assert!(
            page(visitor, &report)
                .await
                .contains("te lezen zodra de scan gesloten")
        );
        assert_eq!(visitor.get(&svg).await.status(), StatusCode::CONFLICT);
        assert_eq!(visitor.get(&csv).await.status(), StatusCode::CONFLICT);
    }

    // Release is refused while staff has fewer than k responses, and for anyone but the organiser.
    submit(&app, &id, "staff", 5).await;
    let r = app.scan_action("release", &id).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("release_too_early"));
    submit(&app, &id, "staff", 5).await;
    submit(&app, &id, "staff", 4).await;
    let r = reader.scan_action("release", &id).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("unknown_scan"));
    let r = app.scan_action("release", &id).await;
    assert_eq!(
        location(&r),
        format!("/scans/{id}?gedaan=vrijgegeven#actions")
    );

    // Released: the reader sees the figures, the charts and the CSV.
    let body = page(&reader, &report).await;
    assert!(
        body.contains("vrijgegeven terwijl de scan nog openstaat"),
        "{body}"
    );
    assert!(body.contains("Opmerking colleagues 2"));
    // Response per group only for groups of at least k invitations, and for self (whose scores
    // the report shows anyway); never who opened a link.
    assert!(body.contains("Medewerkers: 3 van 4"), "{body}");
    assert!(body.contains("Zelf: 1 van 1"), "{body}");
    assert!(!body.contains("Zelf: minder dan"), "{body}");
    let r = reader.get(&svg).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CONTENT_TYPE], "image/svg+xml");
    let text = r.text().await.unwrap();
    assert!(
        text.starts_with("<svg") && text.contains("<title>"),
        "{text}"
    );
    let r = reader.get(&png).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"\x89PNG"));
    let released_csv = reader.get(&csv).await.text().await.unwrap();
    assert!(released_csv.starts_with("competency_id,competency,"));
    assert!(
        released_csv.contains(",staff,Medewerkers,Staff,3,"),
        "{released_csv}"
    );
    assert!(
        !released_csv.contains("Opmerking"),
        "comments never reach the CSV"
    );

    // Nobody else, whatever the URL: the same answer as for a scan that does not exist.
    let r = outsider.get(&report).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body = r.text().await.unwrap();
    assert!(body.contains("Deze scan bestaat niet, of u heeft er geen toegang toe"));
    assert!(!body.contains("Piet Jansen"));
    for path in [&svg, &png, &csv] {
        assert_eq!(
            outsider.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(
            anonymous.get(path).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    assert_eq!(
        reader
            .get(&format!("{report}/grafiek/onbekend.svg"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // A one-level scan has no levels chart... this one asks only 8–10.
    assert_eq!(
        reader
            .get(&format!("{report}/grafiek/niveaus.svg"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // One more staff member answers, then the scan closes: staff would move by one, which
    // would reveal that answer, so the released figures stay.
    submit(&app, &id, "staff", 1).await;
    let r = app.scan_action("close", &id).await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=gesloten#actions"));
    let body = page(&reader, &report).await;
    assert!(
        body.contains("Antwoorden die daarna binnenkwamen, tellen niet mee"),
        "{body}"
    );
    assert_eq!(reader.get(&csv).await.text().await.unwrap(), released_csv);
    // The response per group is frozen with the figures: the fourth staff answer is not counted.
    assert!(body.contains("Medewerkers: 3 van 4"), "{body}");

    // The API gives the same figures to a token of the organiser.
    let token = app.admin_api_token().await;
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{}/api/v1/scans/{id}/report", app.base))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["basis"], "frozen_at_release");
    assert_eq!(json["rows"].as_array().unwrap().len(), 7);
    let r = http
        .get(format!("{}/api/v1/scans/{id}/report.csv", app.base))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), released_csv);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_scan_shows_the_final_figures_to_its_readers() {
    let app = signed_in_admin().await;
    app.add_organiser(READER).await;
    let id = open_scan(&app).await;
    submit(&app, &id, "self", 5).await;
    for score in [2, 3, 3] {
        submit(&app, &id, "colleagues", score).await;
    }
    // Two staff: hidden, and (alone) left out of every figure.
    submit(&app, &id, "staff", 1).await;
    submit(&app, &id, "staff", 1).await;
    let r = app.scan_action("close", &id).await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=gesloten#actions"));
    let reader = app.signed_in_as(READER).await;
    let body = page(&reader, &format!("/scans/{id}/rapport")).await;
    assert!(
        !body.contains("data-testid=\"report-basis\""),
        "final figures need no notice"
    );
    assert!(body.contains("Aandachtspunten en ontwikkeltips"));
    assert!(body.contains("Terugblik op de afspraken van het vorige gesprek"));
    // The answer first: header, summary, gap chart and table before the method at the end.
    let at = |needle: &str| {
        body.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing from {body}"))
    };
    let order = [
        at("data-testid=\"report-facts\""),
        at("data-testid=\"report-summary\""),
        at("data-testid=\"chart-verschil\""),
        at("data-testid=\"report-table\""),
        at("data-testid=\"report-attention\""),
        at("data-testid=\"report-method\""),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(body.contains("Gesloten op"), "{body}");
    // Self 5 against colleagues 2, 3, 3 (others 2,67, below "normaal"): a blind spot.
    assert!(body.contains("Blinde vlek"), "{body}");
    // The running header and footer of the printed pages name the person.
    assert!(body.contains("--print-top-left:\"Piet Jansen\""), "{body}");
    assert!(body.contains("counter(pages)"), "{body}");
    // Others: three colleagues (2, 3, 3), each weighing equally; staff not in it. Written as
    // a Dutch reader reads a number (decimal comma); the CSV file below keeps its point.
    assert!(body.contains("2,67 (n=3)"), "{body}");
    assert!(!body.contains("2.67"), "{body}");
    let csv = reader
        .get(&format!("/scans/{id}/rapport/cijfers.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains(",staff,"), "{csv}");
    assert!(
        csv.contains(",others,others,Anderen,Others,3,2.6667,"),
        "{csv}"
    );
    // Staff (2) is left out of every figure, so its comments are not shown, not even
    // unlabelled; the three colleagues' are, under their group's name.
    assert!(!body.contains("Zonder groepsnaam"), "{body}");
    assert!(!body.contains("Opmerking staff 1"), "{body}");
    assert!(body.contains("Opmerking colleagues 2"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_below_k_on_one_competency_is_marked_in_the_table() {
    let app = signed_in_admin().await;
    let id = open_scan(&app).await;
    submit(&app, &id, "self", 4).await;
    for score in [2, 3, 3] {
        submit(&app, &id, "colleagues", score).await;
    }
    // Three staff, one of whom cannot judge the first competency: staff has two counted
    // respondents there (below k = 3) and three everywhere else.
    submit(&app, &id, "staff", 4).await;
    submit(&app, &id, "staff", 5).await;
    submit_answers(
        &app,
        &id,
        "staff",
        |section| match section {
            0 => Answer::CannotJudge,
            _ => Answer::Rating(4),
        },
        4,
    )
    .await;
    let r = app.scan_action("close", &id).await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=gesloten#actions"));
    let body = page(&app, &format!("/scans/{id}/rapport")).await;
    let table = &body[body.find("data-testid=\"report-table\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    // One column per shown group; staff's cell of the first competency is "—" with the mark.
    assert!(table.contains("Medewerkers"), "{table}");
    assert_eq!(
        table.matches("class=\"num left-out\"").count(),
        1,
        "{table}"
    );
    assert!(
        body.contains("minder dan 3 antwoorden op deze competentie"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_pages_need_a_login() {
    let app = spawn_app().await;
    app.setup_admin().await;
    assert_eq!(location(&app.get("/scans/abc/rapport").await), "/login");
    for path in [
        "/scans/abc/rapport/cijfers.csv",
        "/scans/abc/rapport/grafiek/verschil.svg",
    ] {
        assert_eq!(app.get(path).await.status(), StatusCode::UNAUTHORIZED);
    }
}
