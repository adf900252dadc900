//! The signed-in user's personal API tokens (never the tokens themselves, except once, right
//! after creation, through the flash store).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensPageData {
    pub tokens: Vec<TokenRow>,
    /// The token just created, shown this once.
    pub created: Option<String>,
}

#[server]
pub async fn load_tokens(flash: String) -> Result<TokensPageData, ActionError> {
    let (state, user) = super::signed_in().await?;
    let tokens = crate::auth::api_tokens::list(&state.db, &user).await?;
    let created = crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .filter(|t| t.starts_with(crate::auth::api_tokens::PREFIX));
    Ok(TokensPageData {
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
            })
            .collect(),
        created,
    })
}
