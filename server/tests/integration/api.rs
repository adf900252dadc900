//! The JSON API against the real application: the organiser's whole flow through the API
//! alone (with the invitation read from a real SMTP server), the OpenAPI document matching the
//! routes both ways, and every error as problem+json.

use crate::support;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE, ETAG, IF_MATCH};
use serde_json::{Value, json};

use app::email::{RunSummary, run_once};
use app::state::unix_now;
use support::smtp::{FROM, SmtpServer, free_port, smtp_mailer};
use support::{TestApp, spawn_app};

struct Api {
    app: TestApp,
    token: String,
    http: reqwest::Client,
}

impl Api {
    async fn new() -> Self {
        let app = spawn_app().await;
        app.setup_admin().await;
        let token = app.admin_api_token().await;
        assert!(token.starts_with("osk_"));
        Api {
            app,
            token,
            http: reqwest::Client::new(),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.app.base))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.request(reqwest::Method::POST, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

fn deadline(days: i64) -> String {
    app::domain::calendar::amsterdam_date(unix_now())
        .add_days(days)
        .iso()
}

fn scan_body() -> Value {
    json!({
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
        "deadline": deadline(14),
        "introduction": "Graag uw eerlijke blik."
    })
}

async fn problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:ontwikkelscan:problem:")
    );
    assert!(!body["title"].as_str().unwrap().is_empty());
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisers_flow_through_the_api_alone() {
    let api = Api::new().await;
    let smtp = SmtpServer::start(free_port());

    let r = api.post("/api/v1/scans", scan_body()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let etag = r.headers()[ETAG].to_str().unwrap().to_owned();
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let scan: Value = r.json().await.unwrap();
    let id = scan["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/scans/{id}"));
    assert_eq!(scan["status"], "draft");
    assert_eq!(scan["groups"][0]["id"], "self");

    // Three informants; one bad item refuses all, naming the item.
    let bad = json!({"informants": [
        {"name": "Anna", "email": "anna@gemeente.nl", "group": "colleagues"},
        {"name": "Bram", "email": "bram@gemeente", "group": "colleagues"},
        {"name": "Cees", "email": "cees@gemeente.nl", "group": "bestaat-niet"}
    ]});
    let body = problem(
        api.post(&format!("/api/v1/scans/{id}/invitations"), bad)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["informants[1]", "informants[2]"]);
    let good = json!({"informants": [
        {"name": "Anna", "email": "anna@gemeente.nl", "group": "colleagues"},
        {"name": "Bram", "email": "bram@gemeente.nl", "group": "colleagues"},
        {"name": "Cees", "email": "cees@gemeente.nl", "group": "staff"}
    ]});
    let r = api
        .post(&format!("/api/v1/scans/{id}/invitations"), good)
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.json::<Value>().await.unwrap()["added"], 3);

    // Update needs the ETag; a stale or missing one is refused.
    let mut changed = scan_body();
    changed["introduction"] = json!("Nieuwe inleiding");
    let put = |tag: Option<&str>| {
        let mut request = api
            .request(reqwest::Method::PUT, &format!("/api/v1/scans/{id}"))
            .json(&changed);
        if let Some(tag) = tag {
            request = request.header(IF_MATCH, tag);
        }
        request.send()
    };
    problem(put(None).await.unwrap(), StatusCode::PRECONDITION_REQUIRED).await;
    problem(
        put(Some("\"999\"")).await.unwrap(),
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let r = put(Some(&etag)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_ne!(r.headers()[ETAG].to_str().unwrap(), etag);
    problem(
        put(Some(&etag)).await.unwrap(),
        StatusCode::PRECONDITION_FAILED,
    )
    .await;

    // Open: four invitations go out; read one from the SMTP server and follow its link.
    let r = api
        .post(&format!("/api/v1/scans/{id}/open"), json!(null))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["queued"], 4);
    let sent = run_once(
        &api.app.db,
        &smtp_mailer(smtp.port),
        FROM,
        &api.app.state.settings.link_secret,
        "api-test",
        unix_now(),
    )
    .await
    .unwrap();
    assert_eq!(
        sent,
        RunSummary {
            sent: 4,
            retried: 0,
            failed: 0
        }
    );
    let anna = smtp
        .deliveries()
        .into_iter()
        .find(|m| m["rcpt_tos"][0] == "anna@gemeente.nl")
        .unwrap();
    let text = anna["text"].as_str().unwrap().replace("=\n", "");
    let start = text.find("/s/").unwrap();
    let link = format!("{}{}", api.app.base, &text[start..start + 3 + 64]);
    let welcome = reqwest::get(&link).await.unwrap().text().await.unwrap();
    assert!(welcome.contains("Feedback over Piet Jansen"));

    // Every respondent answers through the API alone, authorised by their link's token.
    let respondent = reqwest::Client::new();
    for message in smtp.deliveries() {
        let text = message["text"].as_str().unwrap().replace("=\n", "");
        let start = text.find("/s/").unwrap() + 3;
        let token = &text[start..start + 64];
        let base = format!("{}/api/v1/respond/{token}", api.app.base);
        let questionnaire: Value = respondent
            .get(&base)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let sections = questionnaire["sections"].as_array().unwrap();
        assert!(!sections.is_empty());
        for (index, section) in sections.iter().enumerate() {
            let answers: serde_json::Map<String, Value> = section["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| (item["key"].as_str().unwrap().to_owned(), json!("4")))
                .collect();
            let r = respondent
                .put(format!("{base}/sections/{index}"))
                .json(&json!({"answers": answers, "comment": "Prettige samenwerking."}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::NO_CONTENT);
        }
        // A rating off the scale is refused, naming the item.
        let key = sections[0]["items"][0]["key"].as_str().unwrap();
        let r = respondent
            .put(format!("{base}/sections/0"))
            .json(&json!({"answers": {key: "9"}}))
            .send()
            .await
            .unwrap();
        let doc = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(doc["errors"][0]["field"], format!("answers.{key}"));
        let r = respondent
            .post(format!("{base}/submit"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        problem(
            respondent
                .post(format!("{base}/submit"))
                .send()
                .await
                .unwrap(),
            StatusCode::CONFLICT,
        )
        .await;
    }
    problem(
        respondent
            .get(format!(
                "{}/api/v1/respond/{}",
                api.app.base,
                "0".repeat(64)
            ))
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(api.app.db.list_responses(&id).await.unwrap().len(), 4);

    // The invitation list and the counts per group.
    let list: Value = api
        .get(&format!("/api/v1/scans/{id}/invitations?limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let cursor = list["next_cursor"].as_str().unwrap();
    let rest: Value = api
        .get(&format!(
            "/api/v1/scans/{id}/invitations?limit=2&cursor={cursor}"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
    assert!(rest["next_cursor"].is_null());
    assert!(
        rest["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["delivery"] == "sent" && i["submitted"].is_null())
    );
    let progress: Value = api
        .get(&format!("/api/v1/scans/{id}/progress"))
        .await
        .json()
        .await
        .unwrap();
    let colleagues = progress
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "colleagues")
        .unwrap();
    assert_eq!(
        (
            colleagues["invited"].as_u64(),
            colleagues["submitted"].as_u64()
        ),
        (Some(2), Some(2))
    );

    // Remind (nobody is left to remind); no report while the scan is open; close and read it.
    let r = api
        .post(&format!("/api/v1/scans/{id}/remind"), json!(null))
        .await;
    assert_eq!(r.json::<Value>().await.unwrap()["queued"], 0);
    problem(
        api.get(&format!("/api/v1/scans/{id}/report")).await,
        StatusCode::CONFLICT,
    )
    .await;
    let r = api
        .post(&format!("/api/v1/scans/{id}/close"), json!(null))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let report: Value = api
        .get(&format!("/api/v1/scans/{id}/report"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["basis"], "final");
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7, "one row per competency at the scan's level");
    for row in rows {
        // Everyone rated 4. Two colleagues and one staff member are each below k: not shown
        // as groups, but pooled together (3) into "other informants".
        assert_eq!(row["self_mean"], 4.0);
        let lines = row["lines"].as_array().unwrap();
        assert!(
            lines
                .iter()
                .all(|l| l["id"] != "colleagues" && l["id"] != "staff")
        );
        let pooled = lines.iter().find(|l| l["id"] == "pooled").unwrap();
        assert_eq!(
            (pooled["n"].as_u64(), pooled["mean"].as_f64()),
            (Some(3), Some(4.0))
        );
    }
    let r = api.get(&format!("/api/v1/scans/{id}/report.csv")).await;
    assert_eq!(r.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(r.text().await.unwrap().starts_with("competency_id,"));
    let r = api
        .get(&format!(
            "/api/v1/scans/{id}/report/charts/heatmap?format=png"
        ))
        .await;
    assert_eq!(r.headers()[CONTENT_TYPE], "image/png");
    problem(
        api.get(&format!("/api/v1/scans/{id}/report/charts/levels"))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        api.post(&format!("/api/v1/scans/{id}/remind"), json!(null))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let r = api
        .post(
            &format!("/api/v1/scans/{id}/reopen"),
            json!({"deadline": deadline(7)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "open");
    // Reopened: readers keep the figures they saw at closing.
    let report: Value = api
        .get(&format!("/api/v1/scans/{id}/report"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["basis"], "released");
    // An open scan cannot be deleted, even with confirmation.
    let r = api
        .request(
            reqwest::Method::DELETE,
            &format!("/api/v1/scans/{id}?confirm=true"),
        )
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::CONFLICT).await;
    let list: Value = api.get("/api/v1/scans").await.json().await.unwrap();
    assert_eq!(list["items"][0]["id"], id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_is_a_problem_document_in_the_requested_language() {
    let api = Api::new().await;
    // No token, a wrong token, a revoked token.
    let r = reqwest::get(format!("{}/api/v1/scans", api.app.base))
        .await
        .unwrap();
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    problem(r, StatusCode::UNAUTHORIZED).await;
    let r = api
        .http
        .get(format!("{}/api/v1/scans", api.app.base))
        .header(AUTHORIZATION, "Bearer osk_nep")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNAUTHORIZED).await;

    // Unknown fields are rejected, not ignored.
    let mut body = scan_body();
    body["subject_naam"] = json!("typo");
    let doc = problem(
        api.post("/api/v1/scans", body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("subject_naam"),
        "{doc}"
    );
    // Rule violations name their fields, in Dutch by default and English on request.
    let mut body = scan_body();
    body["k"] = json!(1);
    body["subject_email"] = json!("geen-adres");
    let doc = problem(
        api.post("/api/v1/scans", body.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(doc["title"], "De invoer is ongeldig");
    let fields: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"k") && fields.contains(&"subject_email"),
        "{fields:?}"
    );
    let r = api
        .request(reqwest::Method::POST, "/api/v1/scans")
        .header(ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap();
    let doc = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(doc["title"], "The input is not valid");
    // Wrong content type, too large, malformed JSON.
    let r = api
        .request(reqwest::Method::POST, "/api/v1/scans")
        .header(CONTENT_TYPE, "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(5 * 1024 * 1024));
    // Its own connection: the server answers 413 without reading the rest of the body and then
    // closes the connection, which a pooled client would otherwise reuse for the next request.
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/scans", api.app.base))
        .header(AUTHORIZATION, format!("Bearer {}", api.token))
        .header(CONTENT_TYPE, "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::PAYLOAD_TOO_LARGE).await;
    let r = api
        .request(reqwest::Method::POST, "/api/v1/scans")
        .header(CONTENT_TYPE, "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Unknown routes and ids, wrong methods, bad pagination.
    let doc = problem(api.get("/api/v1/bestaat-niet").await, StatusCode::NOT_FOUND).await;
    assert_eq!(doc["type"], "urn:ontwikkelscan:problem:not-found");
    problem(api.get("/api/v1/scans/0123").await, StatusCode::NOT_FOUND).await;
    let r = api
        .request(reqwest::Method::PATCH, "/api/v1/scans")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::METHOD_NOT_ALLOWED).await;
    problem(
        api.get("/api/v1/scans?limit=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        api.get("/api/v1/scans?cursor=abc").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        api.app.db.list_scans(None).await.unwrap().is_empty(),
        "nothing was stored"
    );
    // Deleting needs a confirmation.
    let r = api.post("/api/v1/scans", scan_body()).await;
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = api
        .request(reqwest::Method::DELETE, &format!("/api/v1/scans/{id}"))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::BAD_REQUEST).await;
    let r = api
        .request(
            reqwest::Method::DELETE,
            &format!("/api/v1/scans/{id}?confirm=true"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    // A revoked token stops working at once.
    let user = api.app.db.list_accounts().await.unwrap().remove(0);
    let owner = app::domain::account::CurrentUser {
        id: user.id,
        email: user.email,
        role: user.role,
    };
    let tokens = app::auth::api_tokens::list(&api.app.db, &owner)
        .await
        .unwrap();
    assert!(tokens[0].last_used_at.is_some(), "last use is recorded");
    app::auth::api_tokens::revoke(&api.app.db, &owner, &tokens[0].id, unix_now())
        .await
        .unwrap();
    problem(api.get("/api/v1/scans").await, StatusCode::UNAUTHORIZED).await;
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_and_the_routes_match_both_ways() {
    let api = Api::new().await;
    let document: Value = api.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(
        document["openapi"].as_str().unwrap().chars().next(),
        Some('3')
    );
    // Every reference resolves: a dangling one makes clients and schemathesis reject the document.
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let mut references = Vec::new();
    collect_references(&document, &mut references);
    assert!(!references.is_empty());
    for reference in references {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected reference {reference}"));
        assert!(schemas.contains_key(name), "dangling reference {reference}");
    }
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.len() >= 12, "{}", paths.len());
    let docs = api.get("/api/v1/docs").await.text().await.unwrap();
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let concrete = path.replace("{id}", "0000").replace("{invitation}", "0000");
        for method in METHODS {
            let request = api.request(method.to_uppercase().parse().unwrap(), &concrete);
            let r = if method == "get" || method == "delete" {
                request
            } else {
                request.json(&json!({}))
            }
            .send()
            .await
            .unwrap();
            let status = r.status();
            let body: Value = r.json().await.unwrap_or(Value::Null);
            if item.get(method).is_some() {
                // Documented: the router serves it (never the catch-all's generic 404, never 405).
                assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
                assert_ne!(
                    body["type"], "urn:ontwikkelscan:problem:not-found",
                    "{method} {path}"
                );
                assert!(
                    docs.contains(&format!("{} {}", method.to_uppercase(), path)),
                    "{method} {path} on the docs page"
                );
            } else {
                // Not documented: not served either.
                assert_eq!(
                    status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is served but undocumented"
                );
            }
        }
    }
    // Paths the document does not name are not served (beyond the document itself and its page).
    for path in [
        "/api/v1/scans/0000/agreements",
        "/api/v1/accounts",
        "/api/v1/scans/0000/invitations/0000",
    ] {
        let r = api.get(path).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            body["type"], "urn:ontwikkelscan:problem:not-found",
            "{path}"
        );
    }
}

/// Every `$ref` string in a JSON document.
fn collect_references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => found.push(reference.clone()),
                    _ => collect_references(child, found),
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_references(item, found)),
        _ => {}
    }
}

/// The operation a link's `operationRef` (`#/paths/<escaped path>/<method>`) points to.
fn link_target<'a>(document: &'a Value, reference: &str) -> (String, String, &'a Value) {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("{reference} is not local"));
    let (path, method) = pointer
        .strip_prefix("/paths/")
        .and_then(|rest| rest.rsplit_once('/'))
        .unwrap_or_else(|| panic!("{reference} names no operation"));
    let path = path.replace("~1", "/").replace("~0", "~");
    let operation = document
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{reference} resolves to nothing"));
    (path, method.to_owned(), operation)
}

fn parameter_names(operation: &Value, location: &str) -> Vec<String> {
    operation["parameters"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter(|p| p["in"] == location)
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_links_name_real_operations_parameters_and_values() {
    let api = Api::new().await;
    let document: Value = api.get("/api/v1/openapi.json").await.json().await.unwrap();
    let mut targets_of_create = Vec::new();
    let mut count = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let Some(links) = response["links"].as_object() else {
                    continue;
                };
                assert!(
                    status.starts_with('2'),
                    "{method} {path} {status}: links on a failure"
                );
                for (name, link) in links {
                    count += 1;
                    let at = format!("{method} {path} {status} → {name}");
                    let (target_path, target_method, target) =
                        link_target(&document, link["operationRef"].as_str().unwrap());
                    if path == "/api/v1/scans" && method == "post" {
                        targets_of_create.push(format!("{target_method} {target_path}"));
                    }
                    for (parameter, expression) in link["parameters"].as_object().unwrap() {
                        let (location, parameter) = parameter.split_once('.').unwrap();
                        assert!(
                            parameter_names(target, location)
                                .iter()
                                .any(|p| p == parameter),
                            "{at}: {target_method} {target_path} has no {location} parameter {parameter}"
                        );
                        let expression = expression.as_str().unwrap();
                        if let Some(name) = expression.strip_prefix("$request.path.") {
                            assert!(
                                parameter_names(operation, "path").iter().any(|p| p == name),
                                "{at}: the source has no path parameter {name}"
                            );
                        } else if let Some(header) = expression.strip_prefix("$response.header.") {
                            assert!(
                                response["headers"].get(header).is_some(),
                                "{at}: the response documents no {header} header"
                            );
                        } else {
                            let pointer = expression
                                .strip_prefix("$response.body#")
                                .unwrap_or_else(|| panic!("{at}: unexpected {expression}"));
                            // The pointer names a property of the documented body.
                            let field = pointer.rsplit('/').next().unwrap();
                            let schema = response["content"]["application/json"]["schema"]["$ref"]
                                .as_str()
                                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                                .unwrap_or_else(|| panic!("{at}: no JSON body to point into"));
                            let schemas = &document["components"]["schemas"];
                            let object = if pointer.starts_with("/items/") {
                                // An item of the list: the schema of the list's items.
                                schemas[schema]["properties"]["items"]["items"]["$ref"]
                                    .as_str()
                                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                                    .unwrap()
                            } else {
                                schema
                            };
                            assert!(
                                schemas[object]["properties"].get(field).is_some(),
                                "{at}: {schema} has no {field}"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(count > 100, "{count} links");
    // From a newly created scan the fuzz test's stateful phase reaches every operation on it.
    for (path, item) in document["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/scans/{id}") || path.contains("{invitation}") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            assert!(
                targets_of_create.contains(&format!("{method} {path}")),
                "no link from a created scan to {method} {path}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_examples_are_accepted_and_the_links_lead_on() {
    let api = Api::new().await;
    let document: Value = api.get("/api/v1/openapi.json").await.json().await.unwrap();
    let example = |schema: &str| document["components"]["schemas"][schema]["examples"][0].clone();

    let created = api.post("/api/v1/scans", example("ScanInput")).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let etag = created.headers()[ETAG].to_str().unwrap().to_owned();
    let scan: Value = created.json().await.unwrap();
    // What the create response's links say: its id and its ETag lead on.
    let links = &document["paths"]["/api/v1/scans"]["post"]["responses"]["201"]["links"];
    assert_eq!(
        links["GetScan"]["parameters"]["path.id"],
        "$response.body#/id"
    );
    let id = scan["id"].as_str().unwrap();
    let updated = api
        .request(reqwest::Method::PUT, &format!("/api/v1/scans/{id}"))
        .header(IF_MATCH, etag)
        .json(&example("ScanInput"))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), StatusCode::OK);
    let added = api
        .post(
            &format!("/api/v1/scans/{id}/invitations"),
            example("InformantsInput"),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let opened = api
        .post(&format!("/api/v1/scans/{id}/open"), json!(null))
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let closed = api
        .post(&format!("/api/v1/scans/{id}/close"), json!(null))
        .await;
    assert_eq!(closed.status(), StatusCode::OK);
    let reopened = api
        .post(
            &format!("/api/v1/scans/{id}/reopen"),
            example("ReopenInput"),
        )
        .await;
    assert_eq!(reopened.status(), StatusCode::OK);
    // The framework file of the import's example is a framework.
    let framework = document["paths"]["/api/v1/frameworks"]["post"]["requestBody"]["content"]
        ["application/json"]["example"]
        .clone();
    let imported = api.post("/api/v1/frameworks", framework).await;
    assert_eq!(imported.status(), StatusCode::CREATED);
}
