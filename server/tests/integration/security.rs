//! The hardened web surface of issue 19 over HTTP: cross-site writes refused and changing
//! nothing, the security headers on every kind of response, rate limits keyed on the client
//! behind a trusted proxy without ever refusing a real link, flash entries bound to their
//! session and read once, the setup code, and a configuration whose `Debug` hides its secrets.

use crate::support;

use std::collections::HashMap;

use reqwest::header::{AUTHORIZATION, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use app::state::unix_now;
use support::actions::refusal_code;
use support::scans::{create_scan, open_scan_with_anna, scan_form};
use support::{
    ADMIN, PASSWORD, TestApp, location, signed_in_admin, signed_in_admin_with, spawn_app,
    spawn_app_with,
};

const FOREIGN: &str = "https://kwaad.example";

/// The two ways a browser says a request was made by another site.
fn cross_site_headers() -> [(&'static str, String); 2] {
    [
        ("origin", FOREIGN.to_owned()),
        ("sec-fetch-site", "cross-site".to_owned()),
    ]
}

/// Sends `method path` with the app's cookies, `form` as the body, from the scan list page
/// (the `Referer` a server function posted by a plain form goes back to), with one extra
/// header.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    form: &[(&str, &str)],
    header: Option<(&str, &str)>,
) -> reqwest::Response {
    let mut request = app
        .client
        .request(method, format!("{}{path}", app.base))
        .header("referer", format!("{}/scans", app.base))
        .form(form);
    if let Some((name, value)) = header {
        request = request.header(name, value);
    }
    request.send().await.unwrap()
}

/// Whether the app's browser is signed in (the overview does not send it to the login page).
async fn signed_in(app: &TestApp) -> bool {
    let r = app.get("/").await;
    r.status() == StatusCode::OK
}

/// The scan as the API shows it, read with the browser's cookie (reads need no token).
async fn scan_status(app: &TestApp, id: &str) -> String {
    let r = app.get(&format!("/api/v1/scans/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Value>().await.unwrap()["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// How many scans the API lists (read with the browser's cookie).
async fn scan_count(app: &TestApp) -> usize {
    let r = app.get("/api/v1/scans").await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Value>().await.unwrap()["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_writes_are_refused_and_change_nothing() {
    let app = signed_in_admin().await;
    let (id, anna, _) = open_scan_with_anna(&app).await;
    let scan_form = scan_form(&[]);
    let scan_form: Vec<(&str, &str)> = scan_form
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    for (name, value) in cross_site_headers() {
        let header = Some((name, value.as_str()));
        // A form's server function: creating a scan.
        let r = send(&app, Method::POST, "/api/scans/create", &scan_form, header).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        let text = r.text().await.unwrap();
        assert!(
            text.contains("Geweigerd") && text.contains("Refused"),
            "{text}"
        );
        // A Leptos server function (`/api/{fn}`), cookie-authenticated.
        let r = send(
            &app,
            Method::POST,
            "/api/scans/close",
            &[("id", id.as_str())],
            header,
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        // A cookie-authenticated API call: refused as a problem document.
        let r = send(
            &app,
            Method::POST,
            &format!("/api/v1/scans/{id}/close"),
            &[],
            header,
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["type"], "urn:ontwikkelscan:problem:cross-site");
        // The respondent's form: no other site can submit for someone holding a link.
        let r = send(
            &app,
            Method::POST,
            &format!("/s/{anna}/versturen"),
            &[],
            header,
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        // Logging out is a write too.
        let r = send(&app, Method::POST, "/api/logout", &[], header).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        // So is logging in: another site cannot sign the visitor in to an account it chose
        // (login CSRF), even with the right password.
        let r = send(
            &app,
            Method::POST,
            "/api/login",
            &[("email", ADMIN), ("password", PASSWORD)],
            header,
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");
        assert!(!r.headers().contains_key("set-cookie"), "{name}");
    }

    // `Origin: null` (a form on a page without a referrer) counts only with the browser's own
    // same-origin fetch metadata.
    let null_origin = |fetch_site: Option<&'static str>| {
        let mut request = app
            .client
            .post(format!("{}/s/{anna}/q/0", app.base))
            .header("origin", "null")
            .form(&[("action", "next")]);
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    assert_eq!(
        null_origin(None).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let r = null_origin(Some("same-origin")).await.unwrap();
    assert!(
        location(&r).starts_with(&format!("/s/{anna}/q/1")),
        "{}",
        location(&r)
    );

    // Nothing changed: no new scan, the scan still open, still signed in, Anna not submitted.
    assert_eq!(scan_count(&app).await, 1);
    assert_eq!(scan_status(&app, &id).await, "open");
    assert!(signed_in(&app).await);
    let welcome = reqwest::get(format!("{}/s/{anna}", app.base))
        .await
        .unwrap();
    assert!(
        welcome
            .text()
            .await
            .unwrap()
            .contains("Feedback over Piet Jansen")
    );

    // The same requests from the app's own pages do what they say.
    let own = app.base.clone();
    let header = Some(("origin", own.as_str()));
    let r = send(&app, Method::POST, "/api/scans/create", &scan_form, header).await;
    assert!(location(&r).starts_with("/scans/"), "{}", location(&r));
    assert_eq!(scan_count(&app).await, 2);
    // A cookie alone does not change anything through the API, even from the own origin: the
    // API's writes need the Bearer token.
    let r = send(
        &app,
        Method::POST,
        &format!("/api/v1/scans/{id}/close"),
        &[],
        header,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["type"], "urn:ontwikkelscan:problem:bearer-required");
    assert_eq!(scan_status(&app, &id).await, "open");
    let header = Some(("sec-fetch-site", "same-origin"));
    let r = send(
        &app,
        Method::POST,
        "/api/scans/close",
        &[("id", id.as_str())],
        header,
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(scan_status(&app, &id).await, "closed");
    let r = send(
        &app,
        Method::POST,
        "/api/logout",
        &[],
        Some(("origin", own.as_str())),
    )
    .await;
    assert_eq!(location(&r), "/login?done=logout");
    assert!(!signed_in(&app).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_takes_writes_with_a_bearer_token_from_anywhere() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    let token = app.admin_api_token().await;
    // An HR system's script sends no Origin; a Bearer token cannot be forged by another site.
    let r = reqwest::Client::new()
        .delete(format!("{}/api/v1/scans/{id}?confirm=true", app.base))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header("origin", FOREIGN)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        app.get(&format!("/api/v1/scans/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

fn assert_security_headers(what: &str, headers: &HeaderMap) {
    let csp = headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("'unsafe-inline' 'wasm"), "{what}: {csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    let referrer = headers["referrer-policy"].to_str().unwrap();
    assert!(
        matches!(referrer, "same-origin" | "no-referrer"),
        "{what}: {referrer}"
    );
}

fn no_store(headers: &HeaderMap) -> bool {
    headers
        .get("cache-control")
        .is_some_and(|v| v.to_str().unwrap().contains("no-store"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/ontwikkelscan.css"), "body{}").unwrap();
    let root = site.path().display().to_string();
    let app = spawn_app_with(&[("SITE_ROOT", &root)]).await;
    let anonymous = app.clone_without_client();

    // Before anyone signs in: a page, a static file, a 404, the API's error and document.
    for path in [
        "/login",
        "/setup",
        "/bestaat-niet",
        "/pkg/ontwikkelscan.css",
    ] {
        let r = anonymous.get(path).await;
        assert_security_headers(path, r.headers());
    }
    let r = anonymous.get("/pkg/ontwikkelscan.css").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!no_store(r.headers()), "static files keep their caching");
    assert_eq!(
        anonymous.get("/bestaat-niet").await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!no_store(anonymous.get("/login").await.headers()));
    for path in ["/api/v1/openapi.json", "/api/v1/scans", "/api/v1/onbekend"] {
        let r = anonymous.get(path).await;
        assert_security_headers(path, r.headers());
        assert!(no_store(r.headers()), "{path}");
    }
    assert!(app.get("/api/v1/scans").await.status().is_client_error());
    // No HSTS on a plain-http address.
    assert!(
        !anonymous
            .get("/login")
            .await
            .headers()
            .contains_key("strict-transport-security")
    );

    // A page Leptos renders: its inline scripts carry the nonce the policy names, and nothing
    // else is inline.
    let r = anonymous.get("/setup").await;
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = r.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {csp}"));
    // Every script with something to run carries it (an empty `<script></script>`, which
    // Leptos leaves at the end of the body, runs nothing and is not checked by browsers).
    let scripts: Vec<(&str, &str)> = html
        .match_indices("<script")
        .map(|(at, _)| {
            let rest = &html[at..];
            let open = &rest[..rest.find('>').unwrap() + 1];
            let body = &rest[open.len()..rest.find("</script>").unwrap()];
            (open, body)
        })
        .collect();
    assert!(scripts.iter().any(|(_, body)| !body.is_empty()), "{html}");
    for (open, body) in &scripts {
        assert!(
            body.is_empty() || open.contains(&format!(" nonce=\"{nonce}\"")),
            "an inline script without this page's nonce: {open}{body}"
        );
    }
    let again = anonymous.get("/setup").await;
    assert!(
        !again.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(nonce),
        "a fresh nonce per page"
    );

    // Signed in: pages, the server functions and refusals are never stored by a cache.
    app.sign_in_new_admin().await;
    for path in ["/", "/scans", "/account/tokens", "/bestaat-niet"] {
        let r = app.get(path).await;
        assert_security_headers(path, r.headers());
        assert!(no_store(r.headers()), "{path}");
    }
    let r = app.get("/pkg/ontwikkelscan.css").await;
    assert!(
        !no_store(r.headers()),
        "static files keep their caching, cookie or not"
    );
    let r = send(
        &app,
        Method::POST,
        "/api/logout",
        &[],
        Some(("origin", FOREIGN)),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_security_headers("refusal", r.headers());

    // The respondent's pages: no cache, no referrer, whatever the link.
    let r = anonymous.get(&format!("/s/{}", "0".repeat(64))).await;
    assert_security_headers("respondent page", r.headers());
    assert!(no_store(r.headers()));
    assert_eq!(r.headers()["referrer-policy"], "same-origin");
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("'sha256-"),
        "the start-up script by its hash: {csp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_addresses_get_strict_transport_security() {
    let app = spawn_app_with(&[("BASE_URL", "https://scan.gemeente.nl")]).await;
    for path in ["/login", "/api/v1/openapi.json", "/bestaat-niet"] {
        let r = app.get(path).await;
        assert_eq!(
            r.headers()["strict-transport-security"],
            "max-age=31536000",
            "{path}"
        );
    }
}

/// `n` unknown, well-formed links asked for on behalf of `client` (through the proxy).
async fn bad_links(app: &TestApp, client: &str, n: usize) {
    let http = reqwest::Client::new();
    for i in 0..n {
        let r = http
            .get(format!("{}/s/{i:064}", app.base))
            .header("x-forwarded-for", client)
            .send()
            .await
            .unwrap();
        assert!(r.text().await.unwrap().contains("Deze link werkt niet"));
    }
}

async fn welcome(app: &TestApp, client: &str, token: &str) -> String {
    reqwest::Client::new()
        .get(format!("{}/s/{token}", app.base))
        .header("x-forwarded-for", client)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn limited(app: &TestApp, client: &str) -> bool {
    app.state
        .link_limiter
        .check(&[format!("link:{client}")], std::time::Instant::now())
        .is_err()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_limit_keys_on_the_client_and_real_links_always_work() {
    // The tests' connections come from 127.0.0.1: the proxy.
    let app = signed_in_admin_with(&[("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]).await;
    let (_, anna, piet) = open_scan_with_anna(&app).await;
    let (a, b) = ("203.0.113.7", "198.51.100.2");

    // A storm of bad links from client A, with a proxy hop between it and ours.
    bad_links(&app, &format!("{a}, 10.1.2.3"), 25).await;
    assert!(limited(&app, a), "client A is limited");
    assert!(
        !limited(&app, "127.0.0.1"),
        "not the proxy everyone comes through"
    );
    assert!(!limited(&app, b));

    // Client B's real link works, and so does A's own: a real link is never refused.
    assert!(
        welcome(&app, b, &anna)
            .await
            .contains("Feedback over Piet Jansen")
    );
    assert!(welcome(&app, a, &piet).await.contains("Uw zelfbeoordeling"));
    // A's unknown links are still refused (the same page, without a lookup of a bad one).
    bad_links(&app, a, 1).await;
    assert!(limited(&app, a));
    // A forwarded address the client wrote itself (left of the proxy's) is not believed.
    bad_links(&app, &format!("192.0.2.1, {b}"), 3).await;
    assert!(!limited(&app, "192.0.2.1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_trusted_proxies_forwarded_addresses_are_ignored() {
    let app = signed_in_admin().await;
    let (_, anna, _) = open_scan_with_anna(&app).await;
    bad_links(&app, "203.0.113.7", 21).await;
    assert!(
        !limited(&app, "203.0.113.7"),
        "a client cannot choose its key"
    );
    assert!(limited(&app, "127.0.0.1"));
    assert!(
        welcome(&app, "203.0.113.7", &anna)
            .await
            .contains("Feedback over Piet Jansen")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flash_is_for_its_own_session_and_read_once() {
    let app = signed_in_admin().await;
    let (_, anna, piet) = open_scan_with_anna(&app).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = |token: &str, flash: &str| {
        let url = format!("{}/s/{token}/q/0?flash={flash}", app.base);
        let http = http.clone();
        async move { http.get(url).send().await.unwrap().text().await.unwrap() }
    };
    // Anna's refused answer: its messages wait under a key bound to her link (a respondent has
    // no session; the link is what the entry belongs to).
    let refused = [("r:bestaat:-:0", "3")];
    let r = http
        .post(format!("{}/s/{anna}/q/0", app.base))
        .form(&refused)
        .send()
        .await
        .unwrap();
    let next = location(&r);
    let key = next.split("flash=").nth(1).unwrap().to_owned();
    let message = "niet bij deze pagina hoort";

    // Another link with the key: nothing (and the entry stays for its owner).
    assert!(!page(&piet, &key).await.contains(message));
    // Her own page shows it once; a reload shows it no more.
    assert!(page(&anna, &key).await.contains(message));
    assert!(!page(&anna, &key).await.contains(message), "read twice");

    // The organiser's entries the same way, by session (through the store every server
    // process shares: the database).
    let store = app::flash::FlashStore::new(app.db.clone());
    let key = app.state.flash.put("sessie-een", "hallo".into()).await;
    assert_eq!(store.take("sessie-twee", &key).await, None);
    assert_eq!(store.take("", &key).await, None);
    assert_eq!(
        store.take("sessie-een", &key).await.as_deref(),
        Some("hallo")
    );
    assert_eq!(app.state.flash.take("sessie-een", &key).await, None);
    // Without a session nothing is stored at all.
    let key = app.state.flash.put("", "x".into()).await;
    assert_eq!(app.state.flash.take("", &key).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_flash_entries_are_removed() {
    let app = spawn_app().await;
    let db = &app.db;
    db.put_flash("oud", "h", "x", 1_000, 1_600).await.unwrap();
    assert_eq!(
        db.take_flash("oud", "h", 1_700).await.unwrap(),
        None,
        "expired"
    );
    // A later entry sweeps the expired one away, even for a reader whose clock is earlier.
    db.put_flash("nieuw", "h", "y", 2_000, 2_600).await.unwrap();
    assert_eq!(
        db.take_flash("oud", "h", 1_500).await.unwrap(),
        None,
        "removed"
    );
    assert_eq!(
        db.take_flash("nieuw", "h", 2_100).await.unwrap().as_deref(),
        Some("y")
    );
}

fn setup_form(code: &str) -> [(&'static str, &str); 4] {
    [
        ("email", ADMIN),
        ("password", PASSWORD),
        ("password_repeat", PASSWORD),
        ("setup_code", code),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_needs_the_one_time_code() {
    let app = spawn_app().await;
    let page = app.get("/setup").await.text().await.unwrap();
    assert!(page.contains("name=\"setup_code\""), "{page}");
    let code = app.setup_code().await;
    for wrong in ["", "ABCD-EFGH-JKMN-PQRS-TVWX"] {
        let r = app.act("setup", "/setup", &setup_form(wrong)).await;
        assert_eq!(refusal_code(&r).as_deref(), Some("bad_setup_code"));
    }
    let r = app.act("setup", "/setup", &setup_form("")[..3]).await;
    assert_eq!(
        refusal_code(&r).as_deref(),
        Some("bad_setup_code"),
        "no code field at all"
    );
    assert_eq!(app.db.count_accounts().await.unwrap(), 0);
    // Back on the setup page, which says why.
    let back = location(&r);
    assert!(back.contains("/setup?"), "{back}");
    let page = app
        .get(back.trim_start_matches(&app.base))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("De eenmalige installatiecode klopt niet"),
        "{page}"
    );

    let r = app.act("setup", "/setup", &setup_form(&code)).await;
    assert_eq!(location(&r), "/login?done=setup");
    assert_eq!(app.db.count_accounts().await.unwrap(), 1);
    // Once set up, no code is issued any more (the server prints none, the CLI refuses).
    assert_eq!(
        app::auth::setup_code::issue(&app.db, unix_now())
            .await
            .unwrap(),
        None
    );
}

#[test]
fn the_configuration_never_prints_its_secrets() {
    let secret_key = "de-geheime-sleutel-van-deze-server-0123456789";
    let smtp_password = "smtp-wachtwoord-heel-geheim";
    let vars: HashMap<String, String> = [
        ("SECRET_KEY", secret_key),
        ("SMTP_HOST", "smtp.gemeente.nl"),
        ("SMTP_USERNAME", "scan"),
        ("SMTP_PASSWORD", smtp_password),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let config = server::config::Config::from_vars(&vars).unwrap();
    let printed = format!("{config:?} {config:#?} {:?}", config.smtp);
    assert!(!printed.contains(secret_key), "{printed}");
    assert!(!printed.contains(smtp_password), "{printed}");
    assert!(printed.contains("[verborgen]") && printed.contains("smtp.gemeente.nl"));
}
