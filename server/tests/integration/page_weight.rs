//! The page-weight budget of a respondent (issue 23): the welcome page and a questionnaire page,
//! each with everything it loads, fetched from the real server as a browser would (the page,
//! then every stylesheet, script and preload it names), stay within 60 KB as served — and never
//! name the organiser app's WebAssembly or its JavaScript glue. It fails when the pages creep
//! back; the figures are printed with the test. The organiser app's bundle has a budget too.

use crate::support;

use std::path::Path;

use support::scans::create_scan;
use support::{TestApp, signed_in_admin_with};

/// A respondent's page with all it loads, in bytes as served.
const RESPONDENT_BUDGET: usize = 60 * 1024;

/// The 64-hex-digit token after `/s/` in a message (quoted-printable soft breaks removed).
fn personal_token(message: &str) -> Option<String> {
    let text = message.replace("=\r\n", "").replace("=\n", "");
    let at = text.find("/s/")? + 3;
    let token = text.get(at..at + 64)?;
    token
        .chars()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| token.to_owned())
}

/// The same-site addresses a page makes the browser load: stylesheets, preloads and scripts.
fn loaded_assets(page: &str) -> Vec<String> {
    let mut assets = Vec::new();
    for tag in page.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let attribute = |name: &str| {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            tag[start..].split('"').next().map(str::to_owned)
        };
        let address = if tag.starts_with("link ") {
            let rel = attribute("rel").unwrap_or_default();
            ["stylesheet", "preload", "modulepreload", "icon"]
                .contains(&rel.as_str())
                .then(|| attribute("href"))
                .flatten()
        } else if tag.starts_with("script ") || tag.starts_with("img ") {
            attribute("src")
        } else {
            None
        };
        if let Some(address) = address.filter(|a| a.starts_with('/')) {
            assets.push(address);
        }
    }
    assets
}

/// The page's bytes plus each asset's, with a line per file.
async fn weight(app: &TestApp, path: &str) -> (usize, String) {
    let page = app.get(path).await;
    assert!(page.status().is_success(), "{path}: {}", page.status());
    let page = page.bytes().await.unwrap();
    let html = String::from_utf8_lossy(&page).into_owned();
    let mut total = page.len();
    let mut lines = format!("{path}: {} bytes\n", page.len());
    for asset in loaded_assets(&html) {
        let organiser_bundle = asset.ends_with(".wasm")
            || (asset.starts_with("/pkg/ontwikkelscan") && asset.ends_with(".js"));
        assert!(!organiser_bundle, "{path} loads the organiser app: {asset}");
        let r = app.get(&asset).await;
        assert!(r.status().is_success(), "{asset}: {}", r.status());
        let bytes = r.bytes().await.unwrap().len();
        lines.push_str(&format!("  {asset}: {bytes} bytes\n"));
        total += bytes;
    }
    (total, lines)
}

#[tokio::test]
async fn a_respondents_pages_with_all_they_load_stay_within_60_kb() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");
    assert!(
        Path::new(site).join("pkg").is_dir(),
        "the stylesheet is built first: .ci/build_site.sh (the README's test command does)"
    );
    let app = signed_in_admin_with(&[("SITE_ROOT", site)]).await;
    let id = create_scan(&app).await;
    app.add_informant(&id, "Anna", "anna@gemeente.nl", "colleagues")
        .await;
    app.scan_action("open", &id).await;
    let mail = tempfile::tempdir().unwrap();
    app.send_outbox_to_files(mail.path()).await;
    let token = std::fs::read_dir(mail.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|m| m.contains("To: anna@gemeente.nl"))
        .find_map(|m| personal_token(&m))
        .expect("Anna's invitation");

    for path in [format!("/s/{token}"), format!("/s/{token}/q/0")] {
        let (total, lines) = weight(&app, &path).await;
        println!("{lines}  total: {total} bytes (budget {RESPONDENT_BUDGET})");
        assert!(
            lines.lines().count() >= 2,
            "{path} loads its stylesheet:\n{lines}"
        );
        assert!(
            total <= RESPONDENT_BUDGET,
            "{path} with all it loads is {total} bytes, over the budget of {RESPONDENT_BUDGET}:\n{lines}"
        );
    }
}

#[test]
fn the_asset_list_finds_stylesheets_scripts_and_preloads_only() {
    let page = r#"<link rel="stylesheet" href="/pkg/a.css"><link rel="icon" href="data:,">
        <link rel="modulepreload" href="/pkg/a.js"><a href="/s/x">x</a>
        <script type="module" src="/pkg/b.js"></script><link rel="preload" href="/pkg/a.wasm" as="fetch">"#;
    assert_eq!(
        loaded_assets(page),
        ["/pkg/a.css", "/pkg/a.js", "/pkg/b.js", "/pkg/a.wasm"]
    );
}

/// The organiser app's script and WebAssembly, gzip as served: issue 23's budget. The pages
/// are Leptos islands (only the `#[island]` parts are in the WebAssembly), so the bundle no
/// longer holds every page; about 82 KB when the budget was set, from 1.7 MB hydrated.
const ORGANISER_BUDGET: usize = 250 * 1024;

/// Weighs the bundle an organiser's page loads (the login page's preload and module script),
/// with `Accept-Encoding: gzip` as a browser asks. Needs the release build of the site
/// (`.ci/build_site.sh`, as the test command runs it): a debug build is twenty times larger.
#[tokio::test]
async fn the_organiser_bundle_stays_within_its_budget() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");
    let app = signed_in_admin_with(&[("SITE_ROOT", site)]).await;
    let login = app.get("/login").await.text().await.unwrap();
    let bundle: Vec<String> = loaded_assets(&login)
        .into_iter()
        .filter(|a| a.ends_with(".wasm") || a.ends_with(".js"))
        .collect();
    assert_eq!(
        bundle.len(),
        2,
        "a script and a WebAssembly file: {bundle:?}"
    );
    let mut total = 0;
    let mut lines = String::new();
    for asset in &bundle {
        let r = app
            .client
            .get(format!("{}{asset}", app.base))
            .header(reqwest::header::ACCEPT_ENCODING, "gzip")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{asset}: {}", r.status());
        assert_eq!(r.headers()[reqwest::header::CONTENT_ENCODING], "gzip");
        let bytes = r.bytes().await.unwrap().len();
        lines.push_str(&format!("  {asset}: {bytes} bytes gzip\n"));
        total += bytes;
    }
    println!("{lines}  total: {total} bytes (budget {ORGANISER_BUDGET})");
    assert!(
        total <= ORGANISER_BUDGET,
        "the organiser app's bundle is {total} bytes gzip, over its budget of \
         {ORGANISER_BUDGET} (is target/site a release build? .ci/build_site.sh):\n{lines}"
    );
}
