//! The real application on a free port with a fresh SQLite database, for the HTTP tests.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;

use reqwest::header::LOCATION;

use app::auth::password;
use app::domain::account::{Email, NewPassword, Role};
use app::email::{MailSettings, Mailer, run_once};
use app::state::unix_now;
use app::storage::ClaimedMessage;

/// The app's test support, shared: fresh databases, an open scan made through the services,
/// the local SMTP server.
#[path = "../../../app/tests/support/mod.rs"]
pub mod app_support;
pub use app_support::smtp;

pub mod actions;
pub mod api_caller;
pub mod binary;
pub mod logs;
pub mod responses;
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

    /// Posts `form` as a browser without JavaScript does to the server function at
    /// `/api/<endpoint>`, from `page` (the `Referer`); the answer is the redirect.
    pub async fn post_plain(
        &self,
        endpoint: &str,
        page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(reqwest::header::REFERER, format!("{}{page}", self.base))
            .header(reqwest::header::ACCEPT, "text/html")
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

    /// Sets up the first administrator and signs them in: the overview.
    pub async fn sign_in_new_admin(&self) {
        self.setup_admin().await;
        assert_eq!(location(&self.login(ADMIN, PASSWORD).await), "/");
    }

    /// Creates an organiser account for `email` with [`PASSWORD`]; its id.
    pub async fn add_organiser(&self, email: &str) -> String {
        let hash = password::hash(&NewPassword::parse(PASSWORD, PASSWORD).unwrap()).unwrap();
        self.db
            .create_account(
                &Email::parse(email).unwrap(),
                Some(&hash),
                Role::Organiser,
                unix_now(),
            )
            .await
            .unwrap()
    }

    /// Another visitor of the same server, signed in as `email` (own cookies).
    pub async fn signed_in_as(&self, email: &str) -> TestApp {
        let visitor = self.clone_without_client();
        assert_eq!(location(&visitor.login(email, PASSWORD).await), "/");
        visitor
    }

    /// A second organiser on the same server, signed in with their own cookies; their account
    /// id.
    pub async fn other_organiser(&self, email: &str) -> (TestApp, String) {
        let id = self.add_organiser(email).await;
        (self.signed_in_as(email).await, id)
    }

    /// An API token of the administrator (`osk_…`).
    pub async fn admin_api_token(&self) -> String {
        app::auth::api_tokens::create_for_email(&self.db, ADMIN, "tests", unix_now())
            .await
            .unwrap()
    }

    /// Claims every message due in the outbox, as the worker does before sending them.
    pub async fn claim_outbox(&self) -> Vec<ClaimedMessage> {
        self.db
            .claim_due("test", unix_now() + 1, 600, 100)
            .await
            .unwrap()
    }

    /// The personal link token of a claimed invitation. The outbox holds no token: it is
    /// derived from the invitation and link generation the message names, as the worker does.
    pub fn link_token(&self, message: &ClaimedMessage) -> String {
        let link = message.link.as_ref().expect("an invitation names its link");
        self.state
            .settings
            .link_secret
            .token(&link.invitation_id, link.generation)
    }

    /// Claims the outbox (see [`TestApp::claim_outbox`]); the personal link token of
    /// `recipient`'s invitation among them, for each of `recipients`.
    pub async fn personal_links<const N: usize>(&self, recipients: [&str; N]) -> [String; N] {
        let messages = self.claim_outbox().await;
        recipients.map(|recipient| {
            let message = messages
                .iter()
                .find(|m| m.recipient == recipient)
                .unwrap_or_else(|| panic!("no invitation for {recipient} in the outbox"));
            self.link_token(message)
        })
    }

    /// Runs the outbox worker until nothing is due, with the file transport: every message an
    /// `.eml` file in `dir`.
    pub async fn send_outbox_to_files(&self, dir: &Path) {
        let mailer = Mailer::from_settings(&MailSettings {
            smtp: None,
            from: smtp::FROM.into(),
            outbox_dir: dir.to_owned(),
        })
        .unwrap();
        let secret = &self.state.settings.link_secret;
        while run_once(
            &self.db,
            &mailer,
            smtp::FROM,
            secret,
            "test",
            unix_now() + 1,
        )
        .await
        .unwrap()
        .handled()
            > 0
        {}
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

/// A fresh server with the first administrator set up and signed in.
pub async fn signed_in_admin() -> TestApp {
    signed_in_admin_with(&[]).await
}

/// [`signed_in_admin`] on a server with more configuration (see [`spawn_app_with`]).
pub async fn signed_in_admin_with(extra: &[(&str, &str)]) -> TestApp {
    let app = spawn_app_with(extra).await;
    app.sign_in_new_admin().await;
    app
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
