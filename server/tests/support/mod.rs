//! The real application on a free port with a fresh SQLite database, for the HTTP tests.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::net::SocketAddr;

use reqwest::header::LOCATION;

#[path = "../../../app/tests/support/smtp.rs"]
pub mod smtp;

pub mod actions;
pub mod scans;

use app::state::AppState;
use app::storage::Db;
use server::config::Config;
use server::{router, startup};

pub struct TestApp {
    pub base: String,
    pub db: Db,
    /// The state the server was built with (to build another router on it).
    pub state: AppState,
    pub client: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// [`spawn_app`] with more configuration (`TRUSTED_PROXIES`, `SITE_ROOT`, another `BASE_URL`);
/// the test still talks to the local address.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut vars: HashMap<String, String> = [
        ("LISTEN_ADDR", addr.to_string()),
        ("BASE_URL", format!("http://{addr}")),
        ("DATA_DIR", dir.path().display().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (name, value) in extra {
        vars.insert((*name).to_owned(), (*value).to_owned());
    }
    let config = Config::from_vars(&vars).unwrap();
    let db = startup::open_database(&config).await.unwrap();
    let state = startup::state(
        &config,
        db.clone(),
        addr,
        &startup::secret_key(&config).unwrap(),
    );
    let app = router::build(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let client = browser_like_client();
    TestApp {
        base: format!("http://{addr}"),
        db,
        state,
        client,
        _dir: Some(dir),
    }
}

/// Sends `Accept: text/html` like a browser, so page redirects are real 302s.
pub fn browser_like_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("text/html,*/*;q=0.8"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A page whose render never finishes (see 0edd9de) must fail the test, not hang it:
        // the server's own 60 s timeout cannot end a body that is already streaming.
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

impl TestApp {
    /// A second visitor of the same server (own cookies); the temporary directory stays with
    /// the first.
    pub fn clone_without_client(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            db: self.db.clone(),
            state: self.state.clone(),
            client: browser_like_client(),
            _dir: None,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A one-time setup code, as the server prints on start while no account exists.
    pub async fn setup_code(&self) -> String {
        app::auth::setup_code::issue(&self.db, app::state::unix_now())
            .await
            .unwrap()
            .expect("no account yet")
    }

    pub async fn setup_admin(&self) {
        let code = self.setup_code().await;
        let r = self
            .act(
                "setup",
                "/setup",
                &[
                    ("email", ADMIN),
                    ("password", PASSWORD),
                    ("password_repeat", PASSWORD),
                    ("setup_code", &code),
                ],
            )
            .await;
        assert_eq!(location(&r), "/login?done=setup");
    }

    /// Posts the login form to its server function, from the login page.
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.act(
            "login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Posts the logout button's form to its server function, from the overview.
    pub async fn logout(&self) -> reqwest::Response {
        self.act("logout", "/", &[]).await
    }
}

pub const ADMIN: &str = "secretaris@gemeente.nl";
pub const PASSWORD: &str = "een-lang-wachtwoord";

pub fn location(response: &reqwest::Response) -> String {
    assert!(
        response.status().is_redirection(),
        "expected a redirect, got {}",
        response.status()
    );
    response.headers()[LOCATION].to_str().unwrap().to_owned()
}
