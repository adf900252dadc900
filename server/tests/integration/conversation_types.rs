//! Conversation types through the real application: the JSON API (list, one type, the
//! administrator's TOML import and each way it refuses) and the administrator's pages (import
//! by a plain multipart post, the read-only page of a type).

use crate::support;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE};
use serde_json::Value;

use app::state::unix_now;
use support::{TestApp, location, signed_in_admin, spawn_app};

const SECRETARY: &str = "functioneringsgesprek-secretaris";

fn own_type(version: u32, prompt: &str) -> String {
    format!(
        r#"id = "jaargesprek"
version = {version}
name = "Jaargesprek"
name_en = "Annual conversation"
source = "Gemeente Voorbeeld"
description = "Het jaarlijkse gesprek."
subject_role = "medewerker"
planner_roles = ["leidinggevende"]
retention_months = 24
subject_may_change = "always"

[[roles]]
id = "leidinggevende"
name = "Leidinggevende"
name_en = "Manager"
required = true

[[roles]]
id = "medewerker"
name = "Medewerker"
name_en = "Employee"
required = true

[[sections]]
id = "werk"
number = 1
title = "Werk"
prompts = ["{prompt}"]
"#
    )
}

async fn token_for(app: &TestApp, email: &str) -> String {
    app::auth::api_tokens::create_for_email(&app.db, email, "tests", unix_now())
        .await
        .unwrap()
}

struct Api {
    base: String,
    token: String,
    http: reqwest::Client,
}

impl Api {
    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(format!("{}{path}", self.base))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
    }

    async fn import(&self, body: &str, content_type: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/conversation-types", self.base))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, content_type)
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }
}

async fn problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    response.json().await.unwrap()
}

async fn stored_versions(app: &TestApp) -> i64 {
    app.db.count_conversation_type_versions().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_lists_shows_and_imports_conversation_types() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let admin = Api {
        base: app.base.clone(),
        token: app.admin_api_token().await,
        http: reqwest::Client::new(),
    };

    let list: Value = admin
        .get("/api/v1/conversation-types")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [SECRETARY, "raadslid-gesprek"]);
    assert_eq!(list["items"][0]["origin"], "builtin");
    assert_eq!(list["items"][0]["sections"], 9);
    assert_eq!(list["items"][0]["retention_months"], 36);

    let one: Value = admin
        .get(&format!("/api/v1/conversation-types/{SECRETARY}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["origin"], "builtin");
    assert_eq!(one["subject_role"], "secretaris");
    assert_eq!(one["min_duration_minutes"], 90);
    assert_eq!(one["sections"][6]["kind"], "agreements");
    assert_eq!(one["sections"][8]["title"], "Voor accoord");
    assert_eq!(
        one["sections"][0]["prompts"][0],
        "Hoe verloopt de vertaling van het bestuurlijke niveau naar dat van de bedrijfsvoering?"
    );
    let council: Value = admin
        .get("/api/v1/conversation-types/raadslid-gesprek")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(council["subject_may_change"]["setting"], "verslag-wijzigen");
    let missing = admin
        .get("/api/v1/conversation-types/bestaat-niet")
        .send()
        .await
        .unwrap();
    let body = problem(missing, StatusCode::NOT_FOUND).await;
    assert_eq!(
        body["type"],
        "urn:ontwikkelscan:problem:unknown-conversation-type"
    );

    // Import: stored (201), the same again unchanged (200), then the newest version is listed.
    let r = admin
        .import(&own_type(1, "Hoe gaat het?"), "application/toml")
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (body["id"].as_str(), body["outcome"].as_str()),
        (Some("jaargesprek"), Some("stored"))
    );
    let r = admin
        .import(
            &format!("# opnieuw\n{}", own_type(1, "Hoe gaat het?")),
            "application/toml; charset=utf-8",
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["outcome"], "unchanged");
    assert_eq!(stored_versions(&app).await, 1);

    // The same version with other content: refused, nothing stored.
    let r = admin
        .import(&own_type(1, "Wat gaat goed?"), "application/toml")
        .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("verhoog het versienummer"),
        "{body}"
    );
    // An invalid file: every problem listed, in the request's language.
    let broken = own_type(2, "")
        .replace("retention_months = 24", "retention_months = 240")
        .replace(
            "planner_roles = [\"leidinggevende\"]",
            "planner_roles = [\"wethouder\"]",
        );
    let r = admin
        .http
        .post(format!("{}/api/v1/conversation-types", admin.base))
        .header(AUTHORIZATION, format!("Bearer {}", admin.token))
        .header(CONTENT_TYPE, "application/toml")
        .header(ACCEPT_LANGUAGE, "en")
        .body(broken)
        .send()
        .await
        .unwrap();
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let messages: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("wethouder")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("retention_months is 240"))
    );
    assert!(messages.iter().any(|m| m.contains("prompts is empty")));
    // Not TOML by its media type: 415.
    let r = admin
        .import(&own_type(2, "Hoe gaat het?"), "application/json")
        .await;
    problem(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_eq!(stored_versions(&app).await, 1, "nothing stored by refusals");

    let r = admin
        .import(&own_type(2, "Wat gaat goed?"), "application/toml")
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let one: Value = admin
        .get("/api/v1/conversation-types/jaargesprek")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (one["version"].as_u64(), one["origin"].as_str()),
        (Some(2), Some("imported"))
    );
    let old: Value = admin
        .get("/api/v1/conversation-types/jaargesprek?version=1")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(old["sections"][0]["prompts"][0], "Hoe gaat het?");
    // An older version after a newer one: refused.
    let r = admin
        .import(&own_type(1, "Hoe gaat het?"), "application/toml")
        .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY).await;

    // An organiser reads but does not import.
    app.add_organiser("organisator@gemeente.nl").await;
    let organiser = Api {
        base: app.base.clone(),
        token: token_for(&app, "organisator@gemeente.nl").await,
        http: reqwest::Client::new(),
    };
    let r = organiser
        .get("/api/v1/conversation-types")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = organiser
        .import(&own_type(3, "Hoe gaat het?"), "application/toml")
        .await;
    problem(r, StatusCode::FORBIDDEN).await;
    assert_eq!(stored_versions(&app).await, 2);

    // Without a token: 401.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/conversation-types", app.base))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNAUTHORIZED).await;
}

async fn upload(app: &TestApp, file_name: &str, bytes: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
    let form = reqwest::multipart::Form::new().part("file", part);
    let r = app
        .client
        .post(format!("{}/api/conversation-types/import", app.base))
        .header(
            reqwest::header::REFERER,
            format!("{}/admin/conversation-types", app.base),
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    let target = location(&r);
    assert!(
        target.starts_with("/admin/conversation-types?report="),
        "{target}"
    );
    app.get(&target).await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_imports_on_the_page_and_reads_a_type() {
    let app = signed_in_admin().await;

    let page = app
        .get("/admin/conversation-types")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Gesprekstypen beheren"), "{page}");
    assert!(page.contains("Functioneringsgesprek raadslid"), "{page}");
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");

    let page = upload(
        &app,
        "jaargesprek.toml",
        own_type(1, "Hoe gaat het?").into_bytes(),
    )
    .await;
    assert!(page.contains("is geïmporteerd"), "{page}");
    assert!(page.contains("Jaargesprek"), "{page}");
    assert_eq!(stored_versions(&app).await, 1);

    let broken =
        own_type(2, "Hoe gaat het?").replace("retention_months = 24", "retention_months = 0");
    let page = upload(&app, "kapot.toml", broken.into_bytes()).await;
    assert!(page.contains("Het bestand is niet geïmporteerd"), "{page}");
    assert!(
        page.contains("kapot.toml") || page.contains("retention_months is 0"),
        "{page}"
    );
    let page = upload(&app, "leeg.toml", Vec::new()).await;
    assert!(page.contains("kies eerst een bestand"), "{page}");
    assert_eq!(stored_versions(&app).await, 1, "nothing stored by refusals");

    let page = app
        .get(&format!("/conversation-types/{SECRETARY}"))
        .await
        .text()
        .await
        .unwrap();
    for expected in [
        "Functioneringsgesprek B&amp;W – secretaris",
        "Samenvatting afspraken",
        "Toelichting/opmerkingen",
        "a. in het college/de raad(scommissies);",
        "Terugblik op de afspraken tijdens het vorige gesprek.",
        "36 maanden",
        "90 minuten",
        "Wethouder P&amp;O",
    ] {
        assert!(page.contains(expected), "{expected} missing");
    }
    let page = app
        .get("/conversation-types/raadslid-gesprek")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Wordt het verslag met derden gedeeld, bijvoorbeeld de kandidatencommissie?")
    );
    let page = app
        .get("/conversation-types/bestaat-niet")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Dit gesprekstype bestaat niet."), "{page}");

    // An organiser may read a type but not manage them.
    let (organiser, _) = app.other_organiser("organisator@gemeente.nl").await;
    let page = organiser
        .get("/admin/conversation-types")
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("enctype=\"multipart/form-data\""), "{page}");
    upload(
        &organiser,
        "jaargesprek.toml",
        own_type(2, "Hoe?").into_bytes(),
    )
    .await;
    assert_eq!(stored_versions(&app).await, 1);
}
