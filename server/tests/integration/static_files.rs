//! The compiled assets under `/pkg` as a browser gets them (issue 23): the Brotli copy to a
//! browser that accepts Brotli, the gzip copy to one that accepts only gzip, the file itself to
//! one that accepts neither — each the bytes the build wrote, with `Vary: Accept-Encoding`.
//! The content-hashed names are cached for a year as immutable; a name without a hash must be
//! revalidated, and gets a 304 when the copy a browser holds is still current. The files are
//! made by the test command (`.ci/build_site.sh`).

use crate::support;

use std::path::Path;

use app::site_assets::is_hashed_file_name;
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, IF_MODIFIED_SINCE, LAST_MODIFIED, VARY,
};
use support::spawn_app_with;

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");

/// The stylesheet's and the script's hashed names, from the build's manifest.
fn hashed_names(pkg: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(pkg.join("hash.txt"))
        .expect("pkg/hash.txt is written by the build (.ci/build_site.sh)");
    let hash = |kind: &str| {
        manifest
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{kind}: ")))
            .unwrap_or_else(|| panic!("no {kind} line in hash.txt:\n{manifest}"))
            .to_owned()
    };
    vec![
        format!("ontwikkelscan.{}.css", hash("css")),
        format!("ontwikkelscan.{}.js", hash("js")),
    ]
}

#[tokio::test]
async fn each_browser_gets_the_smallest_copy_it_accepts_and_revalidates_it() {
    let pkg = Path::new(SITE).join("pkg");
    let files = hashed_names(&pkg);
    for file in &files {
        for copy in ["br", "gz"] {
            assert!(
                pkg.join(format!("{file}.{copy}")).is_file(),
                "{file}.{copy} is made by the build (.ci/build_site.sh)"
            );
        }
    }
    let app = spawn_app_with(&[("SITE_ROOT", SITE)]).await;
    let client = reqwest::Client::new();
    for file in &files {
        let address = format!("{}/pkg/{file}", app.base);
        let plain = std::fs::read(pkg.join(file)).unwrap();
        for (accepts, encoding, copy) in [
            ("br, gzip", Some("br"), format!("{file}.br")),
            ("gzip", Some("gzip"), format!("{file}.gz")),
            ("identity", None, file.clone()),
        ] {
            let r = client
                .get(&address)
                .header(ACCEPT_ENCODING, accepts)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{file} ({accepts})");
            let headers = r.headers().clone();
            assert_eq!(
                headers.get(CONTENT_ENCODING).map(|v| v.to_str().unwrap()),
                encoding,
                "{file} ({accepts})"
            );
            assert_eq!(
                headers[CACHE_CONTROL], "public, max-age=31536000, immutable",
                "{file}: its name changes with its content"
            );
            assert!(
                headers[VARY].to_str().unwrap().contains("accept-encoding"),
                "{headers:?}"
            );
            let body = r.bytes().await.unwrap();
            assert_eq!(
                body.as_ref(),
                std::fs::read(pkg.join(&copy)).unwrap(),
                "{copy}"
            );
            if encoding.is_some() {
                assert!(body.len() < plain.len() / 2, "{copy} is not smaller");
            }
        }
    }
    // A name without a hash (the manifest itself; a site built by `cargo leptos watch`) may
    // change its content: revalidated each time, and a 304 while the browser's copy is current.
    let address = format!("{}/pkg/hash.txt", app.base);
    let r = client.get(&address).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CACHE_CONTROL], "public, no-cache");
    let since = r.headers()[LAST_MODIFIED].clone();
    let r = client
        .get(&address)
        .header(IF_MODIFIED_SINCE, since)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    // An asset that is not there: 404, and no page of the app rendered for it.
    let r = client
        .get(format!("{}/pkg/nergens.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// The organiser app's pages name the hashed files the build wrote (stylesheet, script and
/// WebAssembly), each served with the year-long caching.
#[tokio::test]
async fn the_pages_name_the_hashed_files() {
    let app = spawn_app_with(&[("SITE_ROOT", SITE)]).await;
    let page = app.get("/login").await.text().await.unwrap();
    let addresses: Vec<&str> = page
        .split("\"/pkg/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    for ext in ["css", "js", "wasm"] {
        assert!(
            addresses
                .iter()
                .any(|a| is_hashed_file_name(a) && a.ends_with(&format!(".{ext}"))),
            "the login page names no hashed .{ext}: {addresses:?}"
        );
    }
    for address in addresses {
        let r = app.get(&format!("/pkg/{address}")).await;
        assert_eq!(r.status(), StatusCode::OK, "/pkg/{address}");
        assert_eq!(
            r.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "/pkg/{address}"
        );
    }
}
