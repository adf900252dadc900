//! What a respondent's personal link opens. Unknown, malformed and revoked links all get the
//! same answer, so links cannot be probed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The welcome page's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub subject_name: String,
    pub subject_job_title: String,
    pub organiser: String,
    pub introduction: String,
    pub deadline: i64,
    pub group_nl: String,
    pub group_en: String,
    pub is_self: bool,
    pub identifiable: bool,
    pub k: usize,
    pub competencies: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// Unknown, malformed or revoked.
    NotValid,
    /// The scan is closed (or its deadline passed).
    Closed {
        subject_name: String,
    },
    /// Already submitted.
    Submitted {
        subject_name: String,
    },
    Open(Welcome),
}

/// Looks the link up and records the first time it was opened.
#[server]
pub async fn open_link(token: String) -> Result<LinkState, ServerFnError> {
    use crate::auth::token::{hash_token, looks_like_token};
    use crate::domain::scan::ScanStatus;

    let state = expect_context::<crate::state::AppState>();
    let internal = |error: crate::storage::StorageError| {
        tracing::error!(%error, "storage failure while opening a personal link");
        ServerFnError::new(crate::domain::user_error::UserError::Internal.code())
    };
    if !looks_like_token(&token) {
        return Ok(LinkState::NotValid);
    }
    let Some((scan_id, invitation)) = state
        .db
        .find_invitation_by_token(&hash_token(&token))
        .await
        .map_err(internal)?
    else {
        return Ok(LinkState::NotValid);
    };
    let Some(stored) = state.db.find_scan(&scan_id).await.map_err(internal)? else {
        return Ok(LinkState::NotValid);
    };
    let scan = &stored.scan;
    let now = crate::state::unix_now();
    if invitation.submitted_at.is_some() {
        return Ok(LinkState::Submitted {
            subject_name: scan.subject_name.clone(),
        });
    }
    if stored.status != ScanStatus::Open || scan.deadline <= now {
        return Ok(LinkState::Closed {
            subject_name: scan.subject_name.clone(),
        });
    }
    state
        .db
        .mark_invitation_opened(&invitation.id, now)
        .await
        .map_err(internal)?;
    let group = scan.group(&invitation.group_id);
    Ok(LinkState::Open(Welcome {
        subject_name: scan.subject_name.clone(),
        subject_job_title: scan.subject_job_title.clone(),
        organiser: stored.organiser_email.clone(),
        introduction: scan.introduction.clone(),
        deadline: scan.deadline,
        group_nl: group.map(|g| g.label_nl.clone()).unwrap_or_default(),
        group_en: group.map(|g| g.label_en.clone()).unwrap_or_default(),
        is_self: group.is_some_and(|g| g.is_self),
        identifiable: group.is_some_and(|g| g.identifiable && !g.is_self),
        k: scan.k,
        competencies: scan.competency_ids.len(),
    }))
}
