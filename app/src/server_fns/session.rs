use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::account::CurrentUser;

/// What every page needs to decide between the setup page, the login page and itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitorSession {
    pub user: Option<CurrentUser>,
    pub setup_open: bool,
}

#[server]
pub async fn session_info() -> Result<VisitorSession, ServerFnError> {
    use crate::auth::{SESSION_COOKIE, service};
    use crate::state::{AppState, cookie_value, unix_now};

    let state = expect_context::<AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract().await?;
    let token = cookie_value(&headers, SESSION_COOKIE);
    let user = service::current_user(&state.db, token.as_deref(), unix_now())
        .await
        .map_err(|e| ServerFnError::new(e.code()))?;
    let setup_open = match user {
        Some(_) => false,
        None => service::setup_open(&state.db)
            .await
            .map_err(|e| ServerFnError::new(e.code()))?,
    };
    Ok(VisitorSession { user, setup_open })
}
