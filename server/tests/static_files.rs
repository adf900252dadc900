//! The compiled assets under `/pkg` as a browser gets them (issue 23): the Brotli copy to a
//! browser that accepts Brotli, the gzip copy to one that accepts only gzip, the file itself to
//! one that accepts neither — each the bytes the build wrote, with `Vary: Accept-Encoding`,
//! `Cache-Control: public, no-cache` and a 304 when the copy a browser holds is still current.
//! The copies are made by the test command (`precompress_site` in `.ci/tools.sh`).

mod support;

use std::path::Path;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, IF_MODIFIED_SINCE, LAST_MODIFIED, VARY,
};
use support::spawn_app_with;

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");

#[tokio::test]
async fn each_browser_gets_the_smallest_copy_it_accepts_and_revalidates_it() {
    let pkg = Path::new(SITE).join("pkg");
    for file in ["ontwikkelscan.css", "ontwikkelscan.js"] {
        for copy in ["br", "gz"] {
            assert!(
                pkg.join(format!("{file}.{copy}")).is_file(),
                "{file}.{copy} is made by the build (.ci/tools.sh precompress_site)"
            );
        }
    }
    let app = spawn_app_with(&[("SITE_ROOT", SITE)]).await;
    let client = reqwest::Client::new();
    for file in ["ontwikkelscan.css", "ontwikkelscan.js"] {
        let address = format!("{}/pkg/{file}", app.base);
        let plain = std::fs::read(pkg.join(file)).unwrap();
        for (accepts, encoding, copy) in [
            ("br, gzip", Some("br"), format!("{file}.br")),
            ("gzip", Some("gzip"), format!("{file}.gz")),
            ("identity", None, file.to_owned()),
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
            assert_eq!(headers[CACHE_CONTROL], "public, no-cache");
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
            // The copy a browser holds is current: 304, nothing sent again.
            let since = headers[LAST_MODIFIED].clone();
            let r = client
                .get(&address)
                .header(ACCEPT_ENCODING, accepts)
                .header(IF_MODIFIED_SINCE, since)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::NOT_MODIFIED, "{file} ({accepts})");
        }
    }
    // An asset that is not there: 404, and no page of the app rendered for it.
    let r = client
        .get(format!("{}/pkg/nergens.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
