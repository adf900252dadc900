//! The organiser's actions as a browser without JavaScript sends them: a plain form post to the
//! action's server function, from the page it was pressed on (the `Referer` Leptos sends a
//! refusal back to).

use app::server_fns::action_error::ActionError;
use leptos::server_fn::error::ServerFnUrlError;

use super::{TestApp, location};

impl TestApp {
    /// Posts `form` to the server function at `/api/<endpoint>` from `page`.
    pub async fn act(
        &self,
        endpoint: &str,
        page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.base))
            .header(reqwest::header::REFERER, format!("{}{page}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A life-cycle action (`open`, `remind`, `release`, `close`, `delete`) on scan `id`, from
    /// its confirmation step.
    pub async fn scan_action(&self, action: &str, id: &str) -> reqwest::Response {
        self.act(
            &format!("scans/{action}"),
            &format!("/scans/{id}?confirm={action}"),
            &[("id", id)],
        )
        .await
    }
}

/// The refusal a plain form post came back with (`None`: the action was done).
pub fn refusal(response: &reqwest::Response) -> Option<ActionError> {
    let next = location(response);
    let url = reqwest::Url::parse(&next)
        .or_else(|_| reqwest::Url::parse(&format!("http://host{next}")))
        .unwrap();
    let encoded = url
        .query_pairs()
        .find(|(key, _)| key == "__err")
        .map(|(_, value)| value.into_owned())?;
    Some(ServerFnUrlError::<ActionError>::decode_err(&encoded))
}

/// The refusal as the code pages translate.
pub fn refusal_code(response: &reqwest::Response) -> Option<String> {
    refusal(response).map(|error| error.user_error().code())
}
