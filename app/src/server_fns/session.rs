use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;
use crate::domain::account::CurrentUser;

/// What every page needs to decide between the setup page, the login page and itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitorSession {
    pub user: Option<CurrentUser>,
    pub setup_open: bool,
}

#[server]
pub async fn session_info() -> Result<VisitorSession, ActionError> {
    use crate::auth::service;

    let (state, user) = super::visitor().await?;
    let setup_open = match user {
        Some(_) => false,
        None => service::setup_open(&state.db).await?,
    };
    Ok(VisitorSession { user, setup_open })
}
