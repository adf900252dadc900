//! Pages and JSON are sent compressed where that cannot leak a secret (issue 23; the rule is in
//! `server/src/security/compression.rs`): a signed-in organiser's page that the site itself
//! asked for is Brotli, the same page asked for by another site is sent as it is, and a
//! respondent's page — its address is the personal link — never compressed. Checked on the
//! bytes: the Brotli body unpacks to the page the server renders.

use crate::support;

use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, VARY};
use support::scans::create_scan;
use support::{TestApp, signed_in_admin};

/// GET `path` with the session's cookies, accepting Brotli, with `Sec-Fetch-Site: site`.
async fn fetch(app: &TestApp, path: &str, site: Option<&str>) -> (Option<String>, Vec<u8>) {
    let mut request = app
        .client
        .get(format!("{}{path}", app.base))
        .header(ACCEPT_ENCODING, "br, gzip");
    if let Some(site) = site {
        request = request.header("sec-fetch-site", site);
    }
    let r = request.send().await.unwrap();
    assert!(r.status().is_success(), "{path}: {}", r.status());
    let encoding = r
        .headers()
        .get(CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_owned());
    if encoding.is_some() {
        assert!(
            r.headers()[VARY]
                .to_str()
                .unwrap()
                .contains("accept-encoding"),
            "{path}"
        );
    }
    (encoding, r.bytes().await.unwrap().to_vec())
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).expect("valid Brotli");
    out
}

#[tokio::test]
async fn pages_are_compressed_only_where_no_secret_can_leak() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;

    // The site's own navigation, signed in: Brotli, and the same page once unpacked.
    let (encoding, body) = fetch(&app, "/scans", Some("same-origin")).await;
    assert_eq!(encoding.as_deref(), Some("br"));
    let page = String::from_utf8(unbrotli(&body)).unwrap();
    assert!(page.contains("<html") && page.contains("</html>"), "{page}");
    let (encoding, body) = fetch(&app, &format!("/api/v1/scans/{id}"), Some("none")).await;
    assert_eq!(encoding.as_deref(), Some("br"));
    let json: serde_json::Value = serde_json::from_slice(&unbrotli(&body)).unwrap();
    assert_eq!(json["id"], id.as_str());

    // Signed in, but possibly started by another site: as it is.
    for site in [Some("cross-site"), Some("same-site"), None] {
        let (encoding, body) = fetch(&app, "/scans", site).await;
        assert_eq!(encoding, None, "{site:?}");
        assert!(String::from_utf8(body).unwrap().contains("</html>"));
    }

    // Nobody signed in: nothing personal on the page, compressed whoever started it.
    let anonymous = app.clone_without_client();
    let (encoding, _) = fetch(&anonymous, "/login", Some("cross-site")).await;
    assert_eq!(encoding.as_deref(), Some("br"));

    // A respondent's page, even the site's own request for it: never.
    app.add_informant(&id, "Anna", "anna@gemeente.nl", "colleagues")
        .await;
    app.scan_action("open", &id).await;
    let [token] = app.personal_links(["anna@gemeente.nl"]).await;
    let respondent = app.clone_without_client();
    for path in [format!("/s/{token}"), format!("/s/{token}/q/0")] {
        let (encoding, body) = fetch(&respondent, &path, Some("none")).await;
        assert_eq!(encoding, None, "{path}");
        let page = String::from_utf8(body).unwrap();
        assert!(
            page.contains("</html>") && !page.contains("link-invalid"),
            "{path}: {page}"
        );
    }
}
