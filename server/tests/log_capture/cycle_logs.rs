//! What the logs say about an appraisal cycle (issue 22): nothing of its content. The server's
//! text and JSON logs are captured in this process (as `telemetry::init` configures them, with
//! `trace` for the app's and server's own code) over a cycle's flow through the JSON API and the
//! plain-form door — agreements, the concept with its ratings and career evaluation, the
//! employee's input, refused steps with their typed text, the release mail sent by the outbox and
//! the PDF — and searched for every name, address and text typed into it.

use crate::support;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::api_caller::{Caller, caller};
use support::logs::logs;
use support::spawn_app;

const MANAGER: &str = "leidinggevende@maastricht.nl";
const EMPLOYEE: &str = "logvrij.medewerker@maastricht.nl";
const EMPLOYEE_NAME: &str = "LOGVRIJ Mila Martens";

/// Every text typed into the cycle; none may reach a log.
const TYPED: [&str; 9] = [
    "LOGVRIJ-werkafspraak-balie",
    "LOGVRIJ-ontwikkelafspraak-luisteren",
    "LOGVRIJ-loopbaan-senior",
    "LOGVRIJ-randvoorwaarde-buddy",
    "LOGVRIJ-loopbaanevaluatie",
    "LOGVRIJ-inbreng-medewerker",
    "LOGVRIJ-geweigerde-afspraak",
    "LOGVRIJ-bedenking-te-vroeg",
    "LOGVRIJ-formulier-zonder-js",
];

async fn command(caller: &Caller, id: &str, body: Value) -> StatusCode {
    caller
        .request(Method::POST, &format!("/api/v1/cycles/{id}/commands"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
}

async fn cycle(caller: &Caller, id: &str) -> Value {
    caller
        .get(&format!("/api/v1/cycles/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_cycle_content_reaches_the_text_or_json_log() {
    let (text_log, json_log) = logs();
    let app = spawn_app().await;
    app.setup_admin().await;
    let manager = caller(&app, MANAGER).await;
    let employee = caller(&app, EMPLOYEE).await;
    let r = manager
        .request(Method::POST, "/api/v1/cycles")
        .json(&json!({"kind": "two_years", "employee_name": EMPLOYEE_NAME,
            "employee_email": EMPLOYEE, "department": "LOGVRIJ-afdeling", "start_on": "2027-01-04"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let steps = [
        json!({"command": "choose_competencies", "profile_id": "adviseur", "scale": 9,
            "own_choice": ["luisteren"]}),
        json!({"command": "add_work_agreement", "text": TYPED[0], "weight": "2"}),
        json!({"command": "add_development_agreement", "competency": "luisteren", "text": TYPED[1]}),
        json!({"command": "save_planning", "career": TYPED[2], "conditions": TYPED[3]}),
    ];
    for step in steps {
        assert_eq!(
            command(&manager, &id, step.clone()).await,
            StatusCode::NO_CONTENT,
            "{step}"
        );
    }
    let ratings: Vec<Value> = cycle(&manager, &id).await["assessments"][0]["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"agreement_id": r["agreement_id"], "qualification": "goed"}))
        .collect();
    let concept = json!({"command": "save_concept", "number": 1, "conversation_on": "2099-01-20",
        "ratings": ratings, "knowledge": "normaal", "career_evaluation": TYPED[4]});
    assert_eq!(
        command(&manager, &id, concept).await,
        StatusCode::NO_CONTENT
    );
    let release = json!({"command": "release_concept", "number": 1});
    assert_eq!(
        command(&manager, &id, release).await,
        StatusCode::NO_CONTENT
    );
    let topic = json!({"command": "add_topic", "text": TYPED[5]});
    assert_eq!(command(&employee, &id, topic).await, StatusCode::NO_CONTENT);
    // Refused steps with their typed text: a weight of zero (422), objections before the
    // conversation (409).
    let zero = json!({"command": "add_work_agreement", "text": TYPED[6], "weight": "0"});
    assert_eq!(
        command(&manager, &id, zero).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let early = json!({"command": "sign_seen", "number": 1, "objections": TYPED[7]});
    assert_eq!(command(&employee, &id, early).await, StatusCode::CONFLICT);

    // The plain-form door: a refused post travels back in a flash, not through the log.
    let page = format!("/cycli/{id}");
    let browser = app.signed_in_as(MANAGER).await;
    let r = browser
        .post_plain(
            "cycles/act",
            &page,
            &[
                ("id", id.as_str()),
                ("revision", ""),
                ("command", "add_work_agreement"),
                ("text", TYPED[8]),
                ("weight", "nul"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    // The release mail goes out through the outbox; the PDF is downloaded.
    let mail_dir = tempfile::tempdir().unwrap();
    app.send_outbox_to_files(mail_dir.path()).await;
    let pdf = browser.get(&format!("/cycli/{id}/cyclus.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);

    let (text, json) = (text_log.text(), json_log.text());
    assert!(
        json.contains("/api/v1/cycles"),
        "the flow was logged at all"
    );
    for (format, log) in [("text", &text), ("json", &json)] {
        for value in TYPED
            .iter()
            .chain(&[EMPLOYEE_NAME, EMPLOYEE, "LOGVRIJ-afdeling"])
        {
            assert!(!log.contains(value), "the {format} log holds {value:?}");
        }
    }
}
