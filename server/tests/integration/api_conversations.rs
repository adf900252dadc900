//! Conversation records through the JSON API (issue 21): the secretary's conversation from
//! creation to archive with each party on their own account and token, a stranger answered 404
//! on every operation, a refused or stale step answered 409/412 with the record unchanged, and
//! the OpenAPI document describing every operation with its links.

use crate::support;

use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, ETAG, IF_MATCH, LOCATION};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use app::state::unix_now;
use support::api_caller::{Caller, caller};
use support::{TestApp, spawn_app};

const MAYOR: &str = "burgemeester@gemeente.nl";
const SECRETARY: &str = "j.jansen@gemeente.nl";
const READER: &str = "p-en-o@gemeente.nl";
const STRANGER: &str = "iemand.anders@gemeente.nl";

impl Caller {
    async fn post(&self, path: &str, body: Option<Value>) -> reqwest::Response {
        let request = self.request(Method::POST, path);
        match body {
            Some(body) => request.json(&body),
            None => request,
        }
        .send()
        .await
        .unwrap()
    }

    /// A step that must succeed (204).
    async fn step(&self, id: &str, step: &str, body: Option<Value>) {
        let r = self
            .post(&format!("/api/v1/conversations/{id}/{step}"), body)
            .await;
        let status = r.status();
        assert_eq!(
            status,
            StatusCode::NO_CONTENT,
            "{step}: {}",
            r.text().await.unwrap()
        );
    }

    /// The record as this caller sees it, and its ETag.
    async fn record(&self, id: &str) -> (Value, String) {
        let r = self.get(&format!("/api/v1/conversations/{id}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let etag = r.headers()[ETAG].to_str().unwrap().to_owned();
        (r.json().await.unwrap(), etag)
    }
}

struct World {
    app: TestApp,
    admin: Caller,
    mayor: Caller,
    secretary: Caller,
    reader: Caller,
    stranger: Caller,
}

async fn world() -> World {
    let app = spawn_app().await;
    app.setup_admin().await;
    World {
        admin: caller(&app, support::ADMIN).await,
        mayor: caller(&app, MAYOR).await,
        secretary: caller(&app, SECRETARY).await,
        reader: caller(&app, READER).await,
        stranger: caller(&app, STRANGER).await,
        app,
    }
}

async fn openapi(caller: &Caller) -> Value {
    caller
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap()
}

fn example(document: &Value, schema: &str) -> Value {
    let example = document["components"]["schemas"][schema]["examples"][0].clone();
    assert!(example.is_object(), "{schema} has no example");
    example
}

/// Creates the documented example's conversation as the mayor (its planner); its id.
async fn create(world: &World) -> String {
    let document = openapi(&world.mayor).await;
    let body = example(&document, "ConversationInput");
    assert_eq!(body["participants"][0]["email"], MAYOR);
    assert_eq!(body["subject_email"], SECRETARY);
    let r = world.mayor.post("/api/v1/conversations", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let location = r.headers()[LOCATION].to_str().unwrap().to_owned();
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/conversations/{id}"));
    id
}

fn future_date(days: i64) -> String {
    app::domain::calendar::amsterdam_date(unix_now())
        .add_days(days)
        .iso()
}

fn plan_body() -> Value {
    json!({"starts_on": future_date(14), "starts_at": "10:00", "place": "Raadhuis, kamer 2",
        "duration_minutes": 90})
}

async fn problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    body
}

fn audit_codes(trail: &Value) -> Vec<String> {
    trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretarys_conversation_from_creation_to_archive() {
    let world = world().await;
    let id = create(&world).await;
    let mayor = &world.mayor;

    // The creator's list and the record: planned, the type's sample agenda, the mayor plans.
    let list: Value = mayor
        .get("/api/v1/conversations")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["viewer"], "planner");
    let (record, etag) = mayor.record(&id).await;
    assert_eq!(record["state"], "planned");
    assert_eq!(record["viewer"], "planner");
    assert_eq!(etag, format!("\"{}\"", record["revision"]));
    assert_eq!(record["agenda"].as_array().unwrap().len(), 3);
    assert!(
        record["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("plan"))
    );

    // Plan, from the revision just read.
    let r = mayor
        .request(Method::POST, &format!("/api/v1/conversations/{id}/plan"))
        .header(IF_MATCH, &etag)
        .json(&plan_body())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    // The answer names the new revision: the next step goes from it without reading again,
    // and the old ETag is now stale.
    let planned = r.headers()[ETAG].to_str().unwrap().to_owned();
    assert_eq!(
        planned,
        format!("\"{}\"", record["revision"].as_i64().unwrap() + 1)
    );
    let r = mayor
        .request(Method::POST, &format!("/api/v1/conversations/{id}/plan"))
        .header(IF_MATCH, &etag)
        .json(&plan_body())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
    // The secretary (the person discussed) adds a topic with their own account, from the
    // revision the plan answered.
    let r = world
        .secretary
        .request(Method::POST, &format!("/api/v1/conversations/{id}/agenda"))
        .header(IF_MATCH, &planned)
        .json(&json!({"text": "Werkdruk in het MT"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (record, _) = world.secretary.record(&id).await;
    assert_eq!(record["viewer"], "subject");
    let agenda = record["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 4);
    assert_eq!(agenda[3]["text"], "Werkdruk in het MT");
    assert_eq!(record["plan"]["place"], "Raadhuis, kamer 2");
    assert_eq!(record["plan"]["duration_minutes"], 90);

    mayor.step(&id, "agenda/send", None).await;
    mayor.step(&id, "held", None).await;
    mayor
        .step(
            &id,
            "summary",
            Some(json!({
                "sections": [{"section_id": "resultaten", "text": "Een goed jaar."}],
                "agreements": [{"what": "Leergang", "who": "Secretaris", "due_on": future_date(180)}]
            })),
        )
        .await;
    mayor.step(&id, "summary/propose", None).await;
    let (record, _) = world.secretary.record(&id).await;
    assert_eq!(record["state"], "summary_proposed");
    let section = record["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "resultaten")
        .unwrap();
    assert_eq!(section["text"], "Een goed jaar.");
    assert_eq!(record["agreements"][0]["what"], "Leergang");
    assert!(
        record["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("approve"))
    );

    // The person discussed approves; the record is kept from now on.
    world.secretary.step(&id, "approve", None).await;
    let (record, _) = mayor.record(&id).await;
    assert_eq!(record["state"], "approved");
    assert!(record["keep_until"].as_i64().unwrap() > unix_now());
    mayor.step(&id, "sign", None).await;

    // A reader, added to the approved record, reads it at once; nothing is left to share.
    mayor
        .step(
            &id,
            "readers",
            Some(json!({"name": "C. Claassen", "email": READER})),
        )
        .await;
    let body = problem(
        mayor
            .post(&format!("/api/v1/conversations/{id}/share"), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "readers");
    let (as_read, _) = world.reader.record(&id).await;
    assert_eq!(as_read["viewer"], "reader");
    assert!(as_read["audit"].is_null());
    let readers_list: Value = world
        .reader
        .get("/api/v1/conversations")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(readers_list["items"][0]["id"], id.as_str());
    // The audit trail is not the reader's.
    problem(
        world
            .reader
            .get(&format!("/api/v1/conversations/{id}/audit"))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // The reader may not change anything.
    problem(
        world
            .reader
            .post(&format!("/api/v1/conversations/{id}/archive"), None)
            .await,
        StatusCode::CONFLICT,
    )
    .await;

    // The PDF, for a participant and the reader.
    for caller in [mayor, &world.reader] {
        let r = caller
            .get(&format!("/api/v1/conversations/{id}/record.pdf"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[CONTENT_TYPE], "application/pdf");
        assert!(
            r.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("no-store")
        );
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    }

    mayor.step(&id, "archive", None).await;
    let (record, _) = mayor.record(&id).await;
    assert_eq!(record["state"], "archived");

    // The person discussed sees every step in the audit trail, in order.
    let trail: Value = world
        .secretary
        .get(&format!("/api/v1/conversations/{id}/audit"))
        .await
        .json()
        .await
        .unwrap();
    let steps: Vec<String> = audit_codes(&trail)
        .into_iter()
        .filter(|code| code != "read")
        .collect();
    assert_eq!(
        steps,
        [
            "created",
            "planned",
            "topic_added",
            "agenda_sent",
            "held",
            "summary_saved",
            "summary_proposed",
            "approved",
            "signed",
            "reader_added",
            "pdf_downloaded",
            "pdf_downloaded",
            "archived"
        ]
    );
    assert!(audit_codes(&trail).contains(&"read".to_owned()));

    // The secretary was mailed the agenda and the proposed summary; the reader the record.
    let messages = world.app.claim_outbox().await;
    let to = |who: &str| messages.iter().filter(|m| m.recipient == who).count();
    assert_eq!(to(SECRETARY), 2);
    assert_eq!(to(READER), 1);
}

/// Every conversation operation of the document, with a valid body (its example) where it
/// takes one and the given record id and agreement id.
async fn every_operation(
    document: &Value,
    id: &str,
) -> Vec<(Method, String, Option<Value>, String)> {
    let mut list = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/conversations/{id}") {
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            let body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .map(|r| example(document, r.strip_prefix("#/components/schemas/").unwrap()));
            let concrete = path
                .replace("{id}", id)
                .replace("{agreement_id}", "0123456789abcdef");
            list.push((
                method.to_uppercase().parse().unwrap(),
                concrete,
                body,
                format!("{method} {path}"),
            ));
        }
    }
    list
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_is_told_the_record_does_not_exist_on_every_operation() {
    let world = world().await;
    let id = create(&world).await;
    let document = openapi(&world.mayor).await;
    let (before, _) = world.mayor.record(&id).await;
    let operations = every_operation(&document, &id).await;
    assert_eq!(operations.len(), 17);
    // Another organiser, and the administrator: an administrator has no special access.
    for stranger in [&world.stranger, &world.admin] {
        for (method, path, body, label) in &operations {
            let mut request = stranger.request(method.clone(), path);
            if let Some(body) = body {
                request = request.json(body);
            }
            let r = request.send().await.unwrap();
            let body = problem(r, StatusCode::NOT_FOUND).await;
            assert_eq!(
                body["type"], "urn:ontwikkelscan:problem:unknown-conversation",
                "{label}"
            );
        }
        // Their lists do not show it.
        let list: Value = stranger
            .get("/api/v1/conversations")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"], json!([]));
    }
    // An id that exists nowhere answers the same.
    let r = world.mayor.get("/api/v1/conversations/0000").await;
    let body = problem(r, StatusCode::NOT_FOUND).await;
    assert_eq!(
        body["type"],
        "urn:ontwikkelscan:problem:unknown-conversation"
    );
    // Nothing the strangers sent changed the record or got into its audit trail.
    let (after, _) = world.mayor.record(&id).await;
    assert_eq!(without_audit(&before), without_audit(&after));
    let trail = after["audit"].as_array().unwrap();
    assert!(
        trail
            .iter()
            .all(|line| line["actor"].as_str().unwrap().contains("A. de Vries")),
        "{trail:?}"
    );
}

fn without_audit(record: &Value) -> Value {
    let mut record = record.clone();
    record.as_object_mut().unwrap().remove("audit");
    record
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_or_stale_step_changes_nothing() {
    let world = world().await;
    let id = create(&world).await;
    let mayor = &world.mayor;
    let (before, etag) = mayor.record(&id).await;

    // Only the person discussed approves, and only a proposed summary: 409 with the rule's
    // message in the asked language.
    let r = mayor
        .request(Method::POST, &format!("/api/v1/conversations/{id}/approve"))
        .header(ACCEPT_LANGUAGE, "nl")
        .send()
        .await
        .unwrap();
    let body = problem(r, StatusCode::CONFLICT).await;
    assert_eq!(body["type"], "urn:ontwikkelscan:problem:refused");
    let nl = body["errors"][0]["message"].as_str().unwrap().to_owned();
    assert!(nl.starts_with("U kunt in dit gesprek niet"), "{nl}");
    let r = mayor
        .request(Method::POST, &format!("/api/v1/conversations/{id}/approve"))
        .header(ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    let body = problem(r, StatusCode::CONFLICT).await;
    let en = body["errors"][0]["message"].as_str().unwrap();
    assert_ne!(en, nl);
    // Not in this state: the summary before the conversation was held.
    let r = mayor
        .post(
            &format!("/api/v1/conversations/{id}/summary"),
            Some(json!({"sections": [{"section_id": "resultaten", "text": "Te vroeg"}]})),
        )
        .await;
    problem(r, StatusCode::CONFLICT).await;
    // The agenda cannot be sent before the conversation is planned: 422 under the date.
    let r = mayor
        .post(&format!("/api/v1/conversations/{id}/agenda/send"), None)
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "starts_on");
    // Invalid plan: a date in the past, no place, too short.
    let r = mayor
        .post(
            &format!("/api/v1/conversations/{id}/plan"),
            Some(
                json!({"starts_on": "2020-01-01", "starts_at": "25:00", "place": " ",
                "duration_minutes": 5}),
            ),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["errors"].as_array().unwrap().len() >= 2, "{body}");
    // A body that is not the operation's shape.
    let r = mayor
        .post(
            &format!("/api/v1/conversations/{id}/agenda"),
            Some(json!({"text": "x", "extra": 1})),
        )
        .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;

    let (after, after_etag) = mayor.record(&id).await;
    assert_eq!(without_audit(&before), without_audit(&after));
    assert_eq!(etag, after_etag);

    // A step from an old revision: 412 and nothing done; from the current one it lands.
    mayor
        .step(&id, "agenda", Some(json!({"text": "Eerste punt"})))
        .await;
    let (changed, current) = mayor.record(&id).await;
    for stale in [etag.as_str(), "\"geen-revisie\""] {
        let r = mayor
            .request(Method::POST, &format!("/api/v1/conversations/{id}/plan"))
            .header(IF_MATCH, stale)
            .json(&plan_body())
            .send()
            .await
            .unwrap();
        let body = problem(r, StatusCode::PRECONDITION_FAILED).await;
        assert_eq!(body["type"], "urn:ontwikkelscan:problem:changed");
    }
    let (unchanged, _) = mayor.record(&id).await;
    assert_eq!(without_audit(&changed), without_audit(&unchanged));
    assert!(unchanged["plan"].is_null());
    let r = mayor
        .request(Method::POST, &format!("/api/v1/conversations/{id}/plan"))
        .header(IF_MATCH, &current)
        .json(&plan_body())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (planned, _) = mayor.record(&id).await;
    assert!(planned["plan"]["starts_at"].is_i64());
    // Writes need the token, not a browser's cookie: without it 401.
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/conversations/{id}/held", world.app.base))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_conversation_needs_the_caller_among_its_participants() {
    let world = world().await;
    let document = openapi(&world.admin).await;
    // The example names the mayor, not the administrator calling: refused under participants.
    let r = world
        .admin
        .post(
            "/api/v1/conversations",
            Some(example(&document, "ConversationInput")),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["participants"]);
    let r = world
        .mayor
        .post(
            "/api/v1/conversations",
            Some(json!({"type_id": "bestaat-niet", "subject_name": "X",
                "subject_email": "x@gemeente.nl", "participants": []})),
        )
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "type_id");
    let list: Value = world
        .mayor
        .get("/api/v1/conversations")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_conversation_operation() {
    let world = world().await;
    let document = openapi(&world.admin).await;
    let steps = [
        "plan",
        "agenda",
        "agenda/send",
        "held",
        "summary",
        "summary/propose",
        "summary/change",
        "approve",
        "sign",
        "readers",
        "share",
        "archive",
        "scans",
        "agreements/{agreement_id}/look-back",
    ];
    let mut expected: Vec<(String, &str)> = vec![
        ("/api/v1/conversations".into(), "get"),
        ("/api/v1/conversations".into(), "post"),
        ("/api/v1/conversations/{id}".into(), "get"),
        ("/api/v1/conversations/{id}/record.pdf".into(), "get"),
        ("/api/v1/conversations/{id}/audit".into(), "get"),
    ];
    expected.extend(
        steps
            .iter()
            .map(|s| (format!("/api/v1/conversations/{{id}}/{s}"), "post")),
    );
    let mut documented = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if operation["tags"][0] == "conversations" {
                documented.push((path.clone(), method.as_str()));
            }
        }
    }
    documented.sort();
    expected.sort();
    assert_eq!(documented, expected);

    let create_links =
        document["paths"]["/api/v1/conversations"]["post"]["responses"]["201"]["links"]
            .as_object()
            .unwrap();
    let read_links =
        document["paths"]["/api/v1/conversations/{id}"]["get"]["responses"]["200"]["links"]
            .as_object()
            .unwrap();
    for (path, method) in &expected {
        let operation = &document["paths"][path][method];
        let responses = operation["responses"].as_object().unwrap();
        assert!(responses.contains_key("401"), "{method} {path}");
        if path != "/api/v1/conversations" {
            assert!(responses.contains_key("404"), "{method} {path}");
            // Reachable from a created record (and from the record as read).
            let reference = format!(
                "#/paths/{}/{method}",
                path.replace('~', "~0").replace('/', "~1")
            );
            let reaches = |links: &serde_json::Map<String, Value>| {
                links
                    .values()
                    .any(|l| l["operationRef"] == reference.as_str())
            };
            assert!(
                reaches(read_links),
                "no link from the record to {method} {path}"
            );
            if !path.contains("{agreement_id}") {
                assert!(
                    reaches(create_links),
                    "no link from a created record to {method} {path}"
                );
            }
        }
        if *method == "post" && path != "/api/v1/conversations" {
            for status in ["204", "409", "412", "422"] {
                assert!(responses.contains_key(status), "{method} {path} {status}");
            }
            let if_match = operation["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "If-Match")
                .unwrap_or_else(|| panic!("{method} {path} takes no If-Match"));
            assert_eq!(if_match["in"], "header");
            assert_ne!(if_match["required"], true);
            // From the record as read, its ETag is the step's If-Match.
            let link = read_links
                .values()
                .find(|l| {
                    l["operationRef"]
                        == format!(
                            "#/paths/{}/post",
                            path.replace('~', "~0").replace('/', "~1")
                        )
                })
                .unwrap();
            assert_eq!(
                link["parameters"]["header.If-Match"],
                "$response.header.ETag"
            );
        }
    }
    let pdf = &document["paths"]["/api/v1/conversations/{id}/record.pdf"]["get"]["responses"]["200"]
        ["content"];
    assert!(pdf.get("application/pdf").is_some(), "{pdf}");
    // The readable page lists them too.
    let page = world.admin.get("/api/v1/docs").await.text().await.unwrap();
    for (path, method) in &expected {
        assert!(
            page.contains(&format!("{} {path}", method.to_uppercase())),
            "{method} {path} on the docs page"
        );
    }
}
