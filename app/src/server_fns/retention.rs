//! The organisation's scan retention period (issue 21), for administrators: read it and change
//! it (1 to 120 months). Thin doors onto `retention::settings`, used through `ActionForm`
//! (pages/retention.rs): without JavaScript a plain post and a redirect back to the page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;
use super::outcome::Done;

/// The administrator's page: the period and its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSetting {
    pub months: u32,
    pub default_months: u32,
    pub min_months: u32,
    pub max_months: u32,
}

/// The period, for administrators only.
#[server]
pub async fn load_retention_setting() -> Result<RetentionSetting, ActionError> {
    use crate::domain::retention::{
        DEFAULT_SCAN_RETENTION_MONTHS, MAX_SCAN_RETENTION_MONTHS, MIN_SCAN_RETENTION_MONTHS,
    };
    use crate::domain::user_error::UserError;
    let (state, user) = super::signed_in().await?;
    if !user.is_admin() {
        return Err(UserError::Forbidden.into());
    }
    Ok(RetentionSetting {
        months: crate::retention::scan_retention_months(&state.db).await?,
        default_months: DEFAULT_SCAN_RETENTION_MONTHS,
        min_months: MIN_SCAN_RETENTION_MONTHS,
        max_months: MAX_SCAN_RETENTION_MONTHS,
    })
}

/// Changes the period; back to the page with "opgeslagen".
#[server(endpoint = "admin/retention/save")]
pub async fn save_retention_setting(months: String) -> Result<Done, ActionError> {
    use crate::domain::user_error::UserError;
    use crate::retention::RetentionSettingError;
    let (state, user) = super::signed_in().await?;
    crate::retention::set_scan_retention_months(
        &state.db,
        &user,
        &months,
        crate::state::unix_now(),
    )
    .await
    .map_err(|error| match error {
        RetentionSettingError::NotAllowed => ActionError::from(UserError::Forbidden),
        RetentionSettingError::Invalid(_) => ActionError::from(UserError::BadForm),
        RetentionSettingError::Storage(e) => ActionError::from(e),
    })?;
    leptos_axum::redirect(RETENTION_SAVED_PAGE);
    Ok(Done::Saved)
}

/// Where a saved period lands: the page, saying it was saved.
#[cfg(feature = "ssr")]
const RETENTION_SAVED_PAGE: &str = "/admin/bewaartermijnen?gedaan=opgeslagen";
