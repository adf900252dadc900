//! One account's door to the JSON API: its own token, a request builder with the Bearer header.
//! The API tests add their resource's own steps to it in their files.

use reqwest::Method;
use reqwest::header::AUTHORIZATION;

use app::state::unix_now;

use super::TestApp;

pub struct Caller {
    pub base: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl Caller {
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.request(Method::GET, path).send().await.unwrap()
    }
}

/// A caller with an API token for `email`, made an organiser first unless it is the
/// administrator.
pub async fn caller(app: &TestApp, email: &str) -> Caller {
    if email != super::ADMIN {
        app.add_organiser(email).await;
    }
    let token = app::auth::api_tokens::create_for_email(&app.db, email, "tests", unix_now())
        .await
        .unwrap();
    Caller {
        base: app.base.clone(),
        token,
        http: reqwest::Client::new(),
    }
}
