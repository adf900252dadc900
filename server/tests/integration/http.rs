//! The real application on a free port with a fresh SQLite database, driven over HTTP.

use crate::support;

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;

use support::actions::refusal_code;
use support::{
    ADMIN, PASSWORD, TestApp, browser_like_client, location, signed_in_admin, spawn_app,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_follows_the_database() {
    let app = spawn_app().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    app.db.close().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fresh_install_leads_to_setup_then_login() {
    let app = spawn_app().await;
    assert_eq!(location(&app.get("/").await), "/setup");
    let page = app.get("/setup").await.text().await.unwrap();
    assert!(page.contains("Eerste beheerder aanmaken"), "{page}");
    assert!(
        page.contains(r#"<html lang="nl""#),
        "the page declares Dutch"
    );

    // Bad input: back to the form with a clear refusal, and nothing created.
    let r = app
        .act(
            "setup",
            "/setup",
            &[
                ("email", "geen-adres"),
                ("password", PASSWORD),
                ("password_repeat", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("invalid_email"));
    let page = page_after(&app, &r).await;
    assert!(page.contains("Vul een geldig e-mailadres in"), "{page}");
    let r = app.act("setup", "/setup", &[("email", ADMIN)]).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("bad_form"));
    assert_eq!(app.db.count_accounts().await.unwrap(), 0);

    app.setup_admin().await;
    assert_eq!(location(&app.get("/").await), "/login");
    let r = app
        .act(
            "setup",
            "/setup",
            &[
                ("email", "tweede@gemeente.nl"),
                ("password", PASSWORD),
                ("password_repeat", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("setup_closed"));
    assert_eq!(app.db.count_accounts().await.unwrap(), 1);
}

/// The page a plain form post was sent on to (back to the form, or the next page).
async fn page_after(app: &TestApp, response: &reqwest::Response) -> String {
    let next = location(response);
    app.get(next.trim_start_matches(&app.base))
        .await
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_sets_a_safe_cookie_and_logout_ends_it() {
    let app = spawn_app().await;
    app.setup_admin().await;

    // A wrong password: back to the login page with the refusal, and no cookie.
    let r = app.login(ADMIN, "verkeerd-wachtwoord").await;
    assert_eq!(refusal_code(&r).as_deref(), Some("bad_credentials"));
    assert!(location(&r).contains("/login?"), "{}", location(&r));
    assert!(!r.headers().contains_key(SET_COOKIE));
    let page = page_after(&app, &r).await;
    assert!(
        page.contains("Het e-mailadres of wachtwoord klopt niet."),
        "{page}"
    );
    assert_eq!(location(&app.get("/").await), "/login");

    let r = app.login(ADMIN, PASSWORD).await;
    assert_eq!(location(&r), "/");
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("ontwikkelscan_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http base URL: {cookie}");

    let home = app.get("/").await;
    assert_eq!(home.status(), StatusCode::OK);
    let home = home.text().await.unwrap();
    assert!(home.contains(&format!("Welkom, {ADMIN}.")), "{home}");

    let r = app.logout().await;
    assert_eq!(location(&r), "/login?done=logout");
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("ontwikkelscan_session=;") && cookie.contains("Max-Age=0"),
        "the cookie is removed: {cookie}"
    );
    assert_eq!(location(&app.get("/").await), "/login");
    let page = app.get("/login?done=logout").await.text().await.unwrap();
    assert!(page.contains("U bent uitgelogd."), "the notice: {page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_in_the_database_too() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let r = app.login(ADMIN, PASSWORD).await;
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    let session = cookie.split(';').next().unwrap().to_owned();
    assert_eq!(location(&app.logout().await), "/login?done=logout");
    // The old cookie, kept by a browser that ignored the removal, signs in no one.
    let r = browser_like_client()
        .get(format!("{}/", app.base))
        .header(reqwest::header::COOKIE, session)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_doors_answer_the_webassembly_with_their_typed_outcome() {
    use app::domain::user_error::UserError;
    use app::server_fns::action_error::ActionError;
    use app::server_fns::sign_in::SignInDone;

    let app = spawn_app().await;
    app.setup_admin().await;
    let call = |endpoint: &'static str, form: Vec<(&'static str, &'static str)>| {
        app.client
            .post(format!("{}/api/{endpoint}", app.base))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
    };
    let r = call(
        "login",
        vec![("email", ADMIN), ("password", "verkeerd-wachtwoord")],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422, "a refusal is not a server error");
    assert!(!r.headers().contains_key(SET_COOKIE));
    let error: ActionError = r.json().await.unwrap();
    assert_eq!(error, ActionError::Refused(UserError::BadCredentials));

    let r = call("login", vec![("email", ADMIN), ("password", PASSWORD)])
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("serverfnredirect"));
    assert_eq!(r.headers()[reqwest::header::LOCATION], "/");
    assert!(r.headers().contains_key(SET_COOKIE));
    let done: SignInDone = r.json().await.unwrap();
    assert_eq!(done, SignInDone::SignedIn);
    assert_eq!(app.get("/").await.status(), StatusCode::OK);

    let r = call("logout", vec![]).await.unwrap();
    assert_eq!(r.headers()[reqwest::header::LOCATION], "/login?done=logout");
    let done: SignInDone = r.json().await.unwrap();
    assert_eq!(done, SignInDone::SignedOut);
    assert_eq!(location(&app.get("/").await), "/login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_is_rate_limited() {
    let app = spawn_app().await;
    app.setup_admin().await;
    for _ in 0..5 {
        assert_eq!(
            refusal_code(&app.login(ADMIN, "verkeerd-wachtwoord").await).as_deref(),
            Some("bad_credentials")
        );
    }
    let r = app.login(ADMIN, PASSWORD).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("rate_limited_15"));
    assert!(!r.headers().contains_key(SET_COOKIE));
    let page = page_after(&app, &r).await;
    assert!(page.contains("Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_is_remembered_and_safe() {
    let app = spawn_app().await;
    let r = app.get("/language?to=en&next=/login").await;
    assert_eq!(location(&r), "/login");
    assert!(
        r.headers()[SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("i18n_pref_locale=en")
    );
    let page = app.get("/login").await.text().await.unwrap();
    assert!(page.contains("Log in as an organiser"), "{page}");
    assert!(page.contains(r#"<html lang="en""#));

    let r = app.get("/language?to=nl&next=//evil.example/").await;
    assert_eq!(location(&r), "/");
    let page = app.get("/login").await.text().await.unwrap();
    assert!(page.contains("Log in als organisator"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_returns_to_the_page_with_its_query() {
    let app = signed_in_admin().await;
    let page = app
        .get("/admin/frameworks?report=ab12")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("next=/admin/frameworks%3Freport%3Dab12\""),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_page_is_for_admins_only() {
    let app = spawn_app().await;
    app.setup_admin().await;
    // Not logged in.
    assert_eq!(location(&app.get("/admin/users").await), "/login");
    let r = app
        .act(
            "accounts/invite",
            "/admin/users",
            &[("email", "hr@gemeente.nl")],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("forbidden"));

    app.login(ADMIN, PASSWORD).await;
    let r = app
        .act(
            "accounts/invite",
            "/admin/users",
            &[("email", "geen adres")],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("invalid_email"));
    let r = app
        .act(
            "accounts/invite",
            "/admin/users",
            &[("email", "hr@gemeente.nl")],
        )
        .await;
    let target = location(&r);
    assert!(target.starts_with("/admin/users?flash="), "{target}");
    assert!(
        !target.contains("invite"),
        "the invitation link never travels in the address: {target}"
    );
    let page = app.get(&target).await.text().await.unwrap();
    assert!(
        page.contains("Uitnodiging aangemaakt voor hr@gemeente.nl"),
        "{page}"
    );
    // Shown once: the flash entry is gone after the page took it.
    let again = app.get(&target).await.text().await.unwrap();
    assert!(!again.contains("Uitnodiging aangemaakt voor"));
    // The invitation email waits in the outbox (no worker runs in this test).
    let outbox = app.get("/admin/outbox").await.text().await.unwrap();
    assert!(
        outbox.contains("hr@gemeente.nl") && outbox.contains("wacht op verzending"),
        "{outbox}"
    );
    assert!(page.contains("hr@gemeente.nl") && page.contains("uitgenodigd"));

    // The invited organiser sets a password through the link and logs in.
    let start = page
        .find("/invite/")
        .expect("the page shows the invitation link");
    let link_start = page[..start].rfind("http").unwrap();
    let link_end = start + page[start..].find('<').unwrap();
    let link = page[link_start..link_end].to_owned();
    let token = link.rsplit('/').next().unwrap().to_owned();
    let organiser = browser_like_client();
    let page = organiser
        .get(&link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("U bent uitgenodigd als organisator voor hr@gemeente.nl"),
        "{page}"
    );
    let accept = |password_repeat: &'static str| {
        organiser
            .post(format!("{}/api/invite", app.base))
            .header(reqwest::header::REFERER, &link)
            .form(&[
                ("token", token.as_str()),
                ("password", PASSWORD),
                ("password_repeat", password_repeat),
            ])
            .send()
    };
    // Refused: back to the invitation's page with the refusal, the invitation still open.
    let r = accept("een-ander-wachtwoord").await.unwrap();
    assert_eq!(refusal_code(&r).as_deref(), Some("password_mismatch"));
    assert!(location(&r).starts_with(&link), "{}", location(&r));
    let r = accept(PASSWORD).await.unwrap();
    assert_eq!(location(&r), "/login?done=invite");
    let page = app.get("/login?done=invite").await.text().await.unwrap();
    assert!(
        page.contains("Uw account is geactiveerd."),
        "the notice: {page}"
    );
    let r = organiser
        .post(format!("{}/api/login", app.base))
        .header(reqwest::header::REFERER, format!("{}/login", app.base))
        .form(&[("email", "hr@gemeente.nl"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/");
    let page = organiser
        .get(format!("{}/admin/users", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("U heeft geen toegang tot deze pagina."),
        "{page}"
    );
    assert!(
        !page.contains(ADMIN),
        "an organiser must not see the account list"
    );
    let outbox = organiser
        .get(format!("{}/admin/outbox", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        outbox.contains("U heeft geen toegang tot deze pagina.")
            && !outbox.contains("wacht op verzending")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_are_404_in_dutch() {
    let app = spawn_app().await;
    let r = app.get("/bestaat/niet").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Pagina niet gevonden"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frameworks_api_needs_a_login_and_returns_the_catalog() {
    let app = spawn_app().await;
    let r = app.get("/api/v1/frameworks").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["content-type"], "application/problem+json");

    app.sign_in_new_admin().await;
    let list: serde_json::Value = app.get("/api/v1/frameworks").await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    let one: serde_json::Value = app
        .get("/api/v1/frameworks/maastricht-2014")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["id"], "maastricht-2014");
    assert_eq!(one["version"], 1);
    assert_eq!(one["levels"].as_array().unwrap().len(), 3);
    assert_eq!(one["levels"][0]["id"], "3-7");
    assert!(one["levels"][0]["label"].is_string());
    let competencies = one["competencies"].as_array().unwrap();
    assert_eq!(competencies.len(), 27);
    let first = &competencies[0];
    for field in ["id", "name", "cluster", "definition"] {
        assert!(first[field].is_string(), "{field}");
    }
    assert!(
        first["levels"]["8-10"]["behaviours"]
            .as_array()
            .unwrap()
            .len()
            > 1
    );
    assert!(first["levels"]["8-10"]["tips"].is_array());
    let profiles = one["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 16);
    assert!(profiles[0]["competencies"].is_array() && profiles[0]["own_choice"].is_number());
    let r = app.get("/api/v1/frameworks/bestaat-niet").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

async fn upload(app: &TestApp, file_name: &str, bytes: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
    let form = reqwest::multipart::Form::new().part("file", part);
    let r = app
        .client
        .post(format!("{}/api/frameworks/import", app.base))
        .header(
            reqwest::header::REFERER,
            format!("{}/admin/frameworks", app.base),
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    let target = location(&r);
    assert!(target.starts_with("/admin/frameworks?report="), "{target}");
    app.get(&target).await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_then_import_through_the_admin_page() {
    let app = signed_in_admin().await;

    let r = app.get("/frameworks/raadslid/export?format=toml").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("raadslid.toml")
    );
    let exported = r.text().await.unwrap();

    // Re-importing the export is accepted and stores nothing new.
    let page = upload(&app, "raadslid.toml", exported.clone().into_bytes()).await;
    assert!(page.contains("is geïmporteerd"), "{page}");
    assert_eq!(app.db.count_framework_versions().await.unwrap(), 3);

    // The same version with other content is refused with a message naming the file.
    let changed = exported.replacen("name = \"", "name = \"Gewijzigd ", 1);
    let page = upload(&app, "gewijzigd.toml", changed.into_bytes()).await;
    assert!(page.contains("Het bestand is niet geïmporteerd"), "{page}");
    assert!(
        page.contains("gewijzigd.toml") && page.contains("verhoog het versienummer"),
        "{page}"
    );

    let page = upload(&app, "groot.json", vec![b' '; 3 * 1024 * 1024]).await;
    assert!(page.contains("groot.json"), "{page}");
    assert_eq!(
        app.db.count_framework_versions().await.unwrap(),
        3,
        "nothing stored"
    );

    // A form without a file says so; a body over the import's limit is refused before it is
    // read. Nothing is stored either way.
    let page = upload(&app, "leeg.toml", Vec::new()).await;
    assert!(page.contains("kies eerst een bestand"), "{page}");
    let part =
        reqwest::multipart::Part::bytes(vec![b' '; 9 * 1024 * 1024]).file_name("te-groot.json");
    let r = app
        .client
        .post(format!("{}/api/frameworks/import", app.base))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.db.count_framework_versions().await.unwrap(), 3);

    let r = app.get("/frameworks/bestaat-niet/export").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalog_pages_browse_and_search() {
    let app = spawn_app().await;
    app.setup_admin().await;
    assert_eq!(location(&app.get("/frameworks").await), "/login");
    app.login(ADMIN, PASSWORD).await;
    let page = app.get("/frameworks").await.text().await.unwrap();
    assert!(
        page.contains("Competentiegids gemeente Maastricht 2014"),
        "{page}"
    );
    let page = app
        .get("/frameworks/maastricht-2014")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Samenwerken") && page.contains("Teammanager"),
        "{page}"
    );
    let page = app
        .get("/frameworks/maastricht-2014?q=klantgericht")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Zoekresultaten voor"), "{page}");
    let page = app
        .get("/frameworks/maastricht-2014/samenwerken?level=11-18")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Kenmerkend werkgedrag") && page.contains(r#"aria-current="page""#),
        "{page}"
    );
    let page = app
        .get("/frameworks/bestaat-niet")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Dit competentiekader bestaat niet."));
}

/// Building a router generates its route list by rendering the app once with resource loading
/// switched off, through a flag leptos keeps for the whole process. Pages another server in the
/// same process renders meanwhile must still finish (their resources once waited for ever).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_finish_while_another_server_starts() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    let app = signed_in_admin().await;

    let stop = Arc::new(AtomicBool::new(false));
    let builder = tokio::task::spawn_blocking({
        let (stop, state) = (stop.clone(), app.state.clone());
        move || {
            while !stop.load(Ordering::Relaxed) {
                drop(server::router::build(state.clone()));
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    });

    let mut requests = tokio::task::JoinSet::new();
    for i in 0..120 {
        let path = ["/scans", "/admin/frameworks", "/frameworks", "/login"][i % 4];
        let (client, url) = (app.client.clone(), format!("{}{path}", app.base));
        requests.spawn(async move {
            let answer = tokio::time::timeout(Duration::from_secs(10), async {
                let r = client.get(url).send().await?;
                let status = r.status();
                r.text().await.map(|_| status)
            })
            .await;
            (path, answer)
        });
    }
    let mut failures = Vec::new();
    while let Some(done) = requests.join_next().await {
        match done.unwrap() {
            (_, Ok(Ok(status))) if status == StatusCode::OK || status.is_redirection() => {}
            (path, answer) => failures.push(format!("{path}: {answer:?}")),
        }
    }
    stop.store(true, Ordering::Relaxed);
    builder.await.unwrap();
    assert!(
        failures.is_empty(),
        "{} of 120 pages did not finish: {failures:#?}",
        failures.len()
    );
}
