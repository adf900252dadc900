//! Appraisal cycles (issue 22) through the JSON API and the pages: the documented example
//! creates a probation cycle, each step answers 204 with the new revision as ETag, a stale
//! `If-Match` is 412 and a refused step 409 with the cycle unchanged, the employee reads what the
//! manager released and nothing before, strangers and administrators get 404 on the API and on
//! the page, HR's overview is for administrators and names nobody, and the OpenAPI document
//! describes every operation.

use crate::support;

use reqwest::header::{ETAG, IF_MATCH, LOCATION};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use support::api_caller::{Caller, caller};
use support::spawn_app;

const MANAGER: &str = "leidinggevende@maastricht.nl";
const EMPLOYEE: &str = "m.martens@maastricht.nl";
const STRANGER: &str = "collega@maastricht.nl";

impl Caller {
    async fn command(&self, id: &str, body: Value, if_match: Option<&str>) -> reqwest::Response {
        let mut request = self
            .request(Method::POST, &format!("/api/v1/cycles/{id}/commands"))
            .json(&body);
        if let Some(etag) = if_match {
            request = request.header(IF_MATCH, etag);
        }
        request.send().await.unwrap()
    }

    async fn cycle(&self, id: &str) -> (Value, String) {
        let r = self.get(&format!("/api/v1/cycles/{id}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let etag = r.headers()[ETAG].to_str().unwrap().to_owned();
        (r.json().await.unwrap(), etag)
    }
}

#[tokio::test]
async fn the_documented_probation_cycle_through_the_api() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let admin = caller(&app, support::ADMIN).await;
    let manager = caller(&app, MANAGER).await;
    let employee = caller(&app, EMPLOYEE).await;
    let stranger = caller(&app, STRANGER).await;

    let document: Value = manager
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/cycles",
        "/api/v1/cycles/{id}",
        "/api/v1/cycles/{id}/commands",
        "/api/v1/appraisal-overview",
    ] {
        assert!(document["paths"][path].is_object(), "{path} undocumented");
    }
    let example = document["components"]["schemas"]["CycleInput"]["examples"][0].clone();
    assert_eq!(example["employee_email"], EMPLOYEE);

    let r = manager
        .request(Method::POST, "/api/v1/cycles")
        .json(&example)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let location = r.headers()[LOCATION].to_str().unwrap().to_owned();
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(location, format!("/api/v1/cycles/{id}"));

    let (cycle, etag) = manager.cycle(&id).await;
    assert_eq!(cycle["kind"], "probation");
    assert_eq!(cycle["assessments"].as_array().unwrap().len(), 2);

    // A step with the ETag as If-Match answers the next ETag; the old one is then stale (412).
    let r = manager
        .command(&id, json!({"command": "add_work_agreement", "text": "Balie zonder wachtrij", "weight": "2"}), Some(&etag))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let next = r.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(next, etag);
    let r = manager
        .command(
            &id,
            json!({"command": "add_work_agreement", "text": "Te laat"}),
            Some(&etag),
        )
        .await;
    assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
    // Development agreements on the profile's competencies (art. 3 lid 2): first a choice that
    // breaks the count rule (422, the field named), then the profile at the job's scale.
    let r = manager
        .command(
            &id,
            json!({"command": "choose_competencies", "profile_id": "adviseur", "scale": 9,
                "own_choice": ["luisteren", "vernieuwen", "initiatief"]}),
            Some(&next),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = r.json().await.unwrap();
    assert!(problem.to_string().contains("own_choice"), "{problem}");
    let r = manager
        .command(
            &id,
            json!({"command": "choose_competencies", "profile_id": "adviseur", "scale": 9,
                "own_choice": ["luisteren"]}),
            Some(&next),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let next = r.headers()[ETAG].to_str().unwrap().to_owned();
    let r = manager
        .command(
            &id,
            json!({"command": "add_development_agreement", "competency": "samenwerken",
                "text": "Samenwerken met de backoffice", "crucial": true}),
            Some(&next),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (cycle, _) = manager.cycle(&id).await;
    assert_eq!(cycle["profile"]["level"], "Schaal 8–10");
    assert_eq!(
        cycle["development_agreements"][0]["competency"],
        "Samenwerken"
    );

    // Invalid input: 422 with the field; a weight of zero (art. 4 lid 2), a sixth label.
    let r = manager
        .command(
            &id,
            json!({"command": "add_work_agreement", "text": "Nul", "weight": "0"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // What a concept rates: every work agreement and every chosen competency (art. 6 lid 5),
    // each under the key the cycle's `ratings` list names.
    let (cycle, _) = manager.cycle(&id).await;
    let agreements: Vec<String> = cycle["assessments"][0]["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["agreement_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        agreements.len(),
        1 + 8,
        "a work agreement, the Adviseur's 7 and one choice"
    );
    let r = manager
        .command(
            &id,
            json!({"command": "save_concept", "number": 1, "conversation_on": "2099-01-20",
                "ratings": [{"agreement_id": agreements[0], "qualification": "briljant"}]}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (unchanged, _) = manager.cycle(&id).await;
    assert_eq!(
        unchanged["assessments"][0]["ratings"][0]["qualification"],
        ""
    );

    // The concept, saved and released; the employee sees nothing of it before.
    let ratings: Vec<Value> = agreements
        .iter()
        .map(|a| json!({"agreement_id": a, "qualification": "goed"}))
        .collect();
    let r = manager
        .command(&id, json!({"command": "save_concept", "number": 1, "conversation_on": "2099-01-20", "ratings": ratings, "knowledge": "normaal"}), None)
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (seen, _) = employee.cycle(&id).await;
    assert_eq!(seen["assessments"].as_array().unwrap().len(), 0);
    assert_eq!(seen["you"], "employee");
    // The employee cannot release it, nor approve anything yet: 409, unchanged.
    let (before, _) = manager.cycle(&id).await;
    let r = employee
        .command(
            &id,
            json!({"command": "release_concept", "number": 1}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = employee
        .command(&id, json!({"command": "approve", "number": 1}), None)
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(manager.cycle(&id).await.0, before);
    let r = manager
        .command(
            &id,
            json!({"command": "release_concept", "number": 1}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (seen, _) = employee.cycle(&id).await;
    assert_eq!(seen["assessments"][0]["stage"], "concept_released");
    // Art. 6 lid 3: not held before the week is over (the conversation is in 2099).
    let r = manager
        .command(
            &id,
            json!({"command": "hold_assessment", "number": 1, "held_on": "2099-01-20"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Strangers and administrators: 404 on every operation, as for an unknown id.
    for outsider in [&stranger, &admin] {
        assert_eq!(
            outsider.get(&format!("/api/v1/cycles/{id}")).await.status(),
            StatusCode::NOT_FOUND
        );
        let r = outsider
            .command(&id, json!({"command": "approve", "number": 1}), None)
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let list: Value = outsider.get("/api/v1/cycles").await.json().await.unwrap();
        assert!(list["items"].as_array().unwrap().is_empty());
    }
    assert_eq!(
        manager.get("/api/v1/cycles/ffff").await.status(),
        StatusCode::NOT_FOUND
    );
    // HR's overview: administrators only; counts, no names.
    assert_eq!(
        stranger.get("/api/v1/appraisal-overview").await.status(),
        StatusCode::NOT_FOUND
    );
    let r = admin.get("/api/v1/appraisal-overview").await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(
        text.contains("Publiekszaken") && !text.contains("Martens") && !text.contains(EMPLOYEE)
    );

    // The pages: the parties read the cycle, everybody else gets the same 404.
    let page_manager = app.signed_in_as(MANAGER).await;
    let r = page_manager.get(&format!("/cycli/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Mila Martens") && html.contains("Concept vrijgegeven"),
        "{html}"
    );
    let page_employee = app.signed_in_as(EMPLOYEE).await;
    let html = page_employee
        .get(&format!("/cycli/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Balie zonder wachtrij"));
    assert!(
        !html.contains("concept-form-1"),
        "the employee gets no concept form"
    );
    assert!(html.contains("De vijf kwalificaties en wat ze betekenen"));
    // Without JavaScript the employee asks for a 360° scan (art. 6 lid 10): a plain post.
    let page = format!("/cycli/{id}");
    let r = page_employee
        .post_plain(
            "cycles/act",
            &page,
            &[
                ("id", id.as_str()),
                ("revision", ""),
                ("command", "request_scan"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let html = page_employee
        .get(&support::location(&r))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("U hebt om een 360°-scan gevraagd"), "{html}");
    // The PDF for the file: the manager's copy, read back as text; a stranger's 404.
    let r = page_manager.get(&format!("/cycli/{id}/cyclus.pdf")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    for expected in [
        "Gesprekscyclus: Mila Martens",
        "Proeftijd",
        "Balie zonder wachtrij",
        "Concept vrijgegeven",
        "Vertrouwelijk",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the PDF: {text}"
        );
    }
    let page_stranger = app.signed_in_as(STRANGER).await;
    assert_eq!(
        page_stranger
            .get(&format!("/cycli/{id}/cyclus.pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let r = page_stranger.get(&format!("/cycli/{id}")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(!r.text().await.unwrap().contains("Martens"));
}

#[tokio::test]
async fn a_refused_plain_post_comes_back_with_its_dutch_reason_and_changes_nothing() {
    let app = spawn_app().await;
    app.setup_admin().await;
    app.add_organiser(MANAGER).await;
    let manager = app.signed_in_as(MANAGER).await;
    let form = [
        ("kind", "probation"),
        ("employee_name", "Mila Martens"),
        ("employee_email", EMPLOYEE),
        ("department", "Publiekszaken"),
        ("start_on", "2027-01-04"),
        ("decision_on", "2027-03-01"),
    ];
    // Too short a probation for two assessments (art. 6 lid 2): back to the form, typed.
    let r = manager
        .post_plain("cycles/create", "/cycli/nieuw", &form)
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let back = support::location(&r);
    assert!(back.starts_with("/cycli/nieuw?flash="), "{back}");
    let html = manager.get(&back).await.text().await.unwrap();
    assert!(html.contains("te kort voor twee beoordelingen"), "{html}");
    assert!(
        html.contains("Mila Martens"),
        "the form comes back as typed"
    );

    let mut form = form;
    form[5].1 = "2028-01-04";
    let r = manager
        .post_plain("cycles/create", "/cycli/nieuw", &form)
        .await;
    assert_eq!(r.status(), StatusCode::FOUND);
    let page = support::location(&r);
    let id = page.trim_start_matches("/cycli/").to_owned();

    // A weight of zero: refused with its reason, nothing added.
    let r = manager
        .post_plain(
            "cycles/act",
            &page,
            &[
                ("id", id.as_str()),
                ("revision", ""),
                ("command", "add_work_agreement"),
                ("text", "Nul"),
                ("weight", "0"),
            ],
        )
        .await;
    let back = support::location(&r);
    let html = manager.get(&back).await.text().await.unwrap();
    assert!(html.contains("groter dan nul"), "{html}");
    assert!(!html.contains(">Nul<"));
    let record = app.db.load_cycle(&id).await.unwrap().unwrap();
    assert!(record.agreements.is_empty());
    assert_eq!(record.cycle.revision, 1);
}

/// The checkbox or option with `id_or_value` carries `checked` / `selected` in the served HTML.
fn ticked(html: &str, opening: &str, flag: &str) -> bool {
    html.split('<')
        .filter(|tag| tag.contains(opening))
        .any(|tag| tag.split('>').next().unwrap_or("").contains(flag))
}

#[tokio::test]
async fn a_plain_post_chooses_a_vakspecialists_competencies_and_the_scan_starts_from_them() {
    let app = spawn_app().await;
    app.setup_admin().await;
    app.add_organiser(MANAGER).await;
    app.add_organiser(STRANGER).await;
    let manager = app.signed_in_as(MANAGER).await;
    let form = [
        ("kind", "two_years"),
        ("employee_name", "Mila Martens"),
        ("employee_email", EMPLOYEE),
        ("department", "Publiekszaken"),
        ("start_on", "2027-01-04"),
    ];
    let r = manager
        .post_plain("cycles/create", "/cycli/nieuw", &form)
        .await;
    let page = support::location(&r);
    let id = page.trim_start_matches("/cycli/").to_owned();
    // Without JavaScript the ticked boxes arrive as repeated `specific[]` fields (art. 3 lid 3).
    let choose = |specific: &'static [&'static str]| {
        let mut fields = vec![
            ("id", id.clone()),
            ("revision", String::new()),
            ("command", "choose_competencies".to_owned()),
            ("profile_id", "vakspecialist".to_owned()),
            ("scale", "12".to_owned()),
        ];
        fields.extend(specific.iter().map(|s| ("specific[]", (*s).to_owned())));
        fields.push(("own_choice[]", "presentatie".to_owned()));
        fields
    };
    let three = choose(&["analyseren", "luisteren", "vernieuwen"]);
    let three: Vec<(&str, &str)> = three.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = manager.post_plain("cycles/act", &page, &three).await;
    let back = support::location(&r);
    let html = manager.get(&back).await.text().await.unwrap();
    assert!(
        html.contains("Kies voor de Vakspecialist 4 functiespecifieke competenties, niet 3"),
        "{html}"
    );
    // The form comes back as ticked, to correct.
    assert!(ticked(&html, "id=\"specific-vernieuwen\"", "checked"));
    assert!(!ticked(&html, "id=\"specific-initiatief\"", "checked"));
    assert!(
        app.db
            .load_cycle(&id)
            .await
            .unwrap()
            .unwrap()
            .cycle
            .profile_id
            .is_none()
    );

    let four = choose(&["analyseren", "luisteren", "vernieuwen", "initiatief"]);
    let four: Vec<(&str, &str)> = four.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = manager.post_plain("cycles/act", &page, &four).await;
    assert!(support::location(&r).contains("gedaan=choose_competencies"));
    let html = manager.get(&page).await.text().await.unwrap();
    assert!(
        html.contains("Vakspecialist · schaal 12 (Schaal 11–18)"),
        "{html}"
    );
    assert_eq!(
        html.matches("data-testid=\"profile-competency\"").count(),
        8
    );

    // From the cycle, the new-scan form is filled in: the employee, the guide's level for scale
    // 12 and the eight chosen competencies ticked, nothing else (art. 6 lid 10).
    assert!(html.contains(&format!("/scans/new?cycle={id}")));
    let scan_form = manager
        .get(&format!("/scans/new?cycle={id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(scan_form.contains("value=\"Mila Martens\""), "{scan_form}");
    assert!(scan_form.contains(&format!("value=\"{EMPLOYEE}\"")));
    assert!(ticked(&scan_form, "option value=\"11-18\"", "selected"));
    for chosen in [
        "samenwerken",
        "integriteit",
        "analyseren",
        "initiatief",
        "presentatie",
    ] {
        assert!(
            ticked(
                &scan_form,
                &format!("id=\"competency-{chosen}\""),
                "checked"
            ),
            "{chosen}"
        );
    }
    assert!(!ticked(
        &scan_form,
        "id=\"competency-motiveren\"",
        "checked"
    ));
    // Nobody else starts from this cycle, nor learns who it is about.
    let stranger = app.signed_in_as(STRANGER).await;
    let other = stranger
        .get(&format!("/scans/new?cycle={id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!other.contains("Mila Martens"));
    assert!(!other.contains(EMPLOYEE));
}

/// The PDF's text as poppler's pdftotext reads it.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cyclus.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by the test command");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
