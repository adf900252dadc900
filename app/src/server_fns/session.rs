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
    use crate::auth::service;

    let (state, user) = super::request_user().await?;
    let setup_open = match user {
        Some(_) => false,
        None => service::setup_open(&state.db)
            .await
            .map_err(|e| ServerFnError::new(e.code()))?,
    };
    Ok(VisitorSession { user, setup_open })
}
