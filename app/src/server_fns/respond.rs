//! What a respondent's personal link shows: the welcome page, one section of the questionnaire,
//! and the summary before submitting. Unknown, malformed and revoked links all get the same
//! answer, so links cannot be probed; repeated misses from one client address are slowed down.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::questionnaire::Section;

/// The welcome page's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    /// The link's token, for the page's own links (read from here rather than from the route
    /// inside async rendering).
    pub token: String,
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
    /// Where a returning respondent continues (`None`: everything answered).
    pub resume_at: Option<usize>,
    /// Whether anything was answered already.
    pub started: bool,
}

/// Why a link shows no questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Closed {
    /// Unknown, malformed or revoked (also: too many misses from this address).
    NotValid,
    Closed {
        subject_name: String,
    },
    Submitted {
        subject_name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Open(Welcome),
    Unavailable(Closed),
}

/// One section, with the respondent's answers so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionPage {
    pub token: String,
    pub subject_name: String,
    pub is_self: bool,
    pub index: usize,
    pub total: usize,
    pub section: Section,
    /// The form value (`1`–`5` or `x`) per item key, where answered.
    pub answers: Vec<(String, String)>,
    pub comment: String,
    /// Problems with the last post of this page, in Dutch and English.
    pub problems: Vec<(String, String)>,
}

/// One section's unanswered statements, for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unanswered {
    pub index: usize,
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub token: String,
    pub subject_name: String,
    pub total_items: usize,
    pub answered: usize,
    pub sections: usize,
    pub unanswered: Vec<Unanswered>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page<T> {
    Ready(T),
    Unavailable(Closed),
}

#[cfg(feature = "ssr")]
async fn respondent(
    token: &str,
) -> Result<Result<crate::respond::Respondent, Closed>, ServerFnError> {
    use crate::respond::{LinkError, RespondError};
    use std::time::Instant;

    let state = expect_context::<crate::state::AppState>();
    let client = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let keys = [format!("link:{client}")];
    if state.link_limiter.check(&keys, Instant::now()).is_err() {
        return Ok(Err(Closed::NotValid));
    }
    match crate::respond::respondent(&state.db, token, crate::state::unix_now()).await {
        Ok(r) => Ok(Ok(r)),
        Err(RespondError::Link(LinkError::NotValid)) => {
            state.link_limiter.record_failure(&keys, Instant::now());
            Ok(Err(Closed::NotValid))
        }
        Err(RespondError::Link(LinkError::Closed { subject_name })) => {
            Ok(Err(Closed::Closed { subject_name }))
        }
        Err(RespondError::Link(LinkError::Submitted { subject_name })) => {
            Ok(Err(Closed::Submitted { subject_name }))
        }
        Err(error) => {
            tracing::error!(%error, "failure while opening a personal link");
            Err(ServerFnError::new(
                crate::domain::user_error::UserError::Internal.code(),
            ))
        }
    }
}

/// The welcome page; records the first time the link was opened.
#[server]
pub async fn open_link(token: String) -> Result<LinkState, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let r = match respondent(&token).await? {
        Ok(r) => r,
        Err(closed) => return Ok(LinkState::Unavailable(closed)),
    };
    if let Err(error) = crate::respond::mark_opened(&state.db, &r, crate::state::unix_now()).await {
        tracing::warn!(%error, "could not record that a link was opened");
    }
    let scan = &r.scan.scan;
    let group = scan.group(&r.invitation.group_id);
    Ok(LinkState::Open(Welcome {
        token: token.clone(),
        subject_name: scan.subject_name.clone(),
        subject_job_title: scan.subject_job_title.clone(),
        organiser: r.scan.organiser_email.clone(),
        introduction: scan.introduction.clone(),
        deadline: scan.deadline,
        group_nl: group.map(|g| g.label_nl.clone()).unwrap_or_default(),
        group_en: group.map(|g| g.label_en.clone()).unwrap_or_default(),
        is_self: r.is_self,
        identifiable: group.is_some_and(|g| g.identifiable && !g.is_self),
        k: scan.k,
        competencies: r.questionnaire.sections.len(),
        resume_at: r.questionnaire.resume_at(&r.answers),
        started: !r.answers.ratings.is_empty() || !r.answers.comments.is_empty(),
    }))
}

/// One section of the questionnaire.
#[server]
pub async fn load_section(
    token: String,
    index: usize,
    flash: String,
) -> Result<Page<SectionPage>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let r = match respondent(&token).await? {
        Ok(r) => r,
        Err(closed) => return Ok(Page::Unavailable(closed)),
    };
    let total = r.questionnaire.sections.len();
    let Some(section) = r.questionnaire.sections.get(index).cloned() else {
        return Ok(Page::Unavailable(Closed::NotValid));
    };
    let answers = section
        .items
        .iter()
        .filter_map(|item| {
            r.answers
                .ratings
                .get(&item.key)
                .map(|a| (item.key.clone(), a.form_value()))
        })
        .collect();
    let comment = r
        .answers
        .comments
        .get(&section.competency_id)
        .cloned()
        .unwrap_or_default();
    let problems: Vec<(String, String)> = (!flash.is_empty())
        .then(|| state.flash.get(&flash))
        .flatten()
        .and_then(|payload| serde_json::from_str(&payload).ok())
        .unwrap_or_default();
    Ok(Page::Ready(SectionPage {
        token: token.clone(),
        subject_name: r.scan.scan.subject_name.clone(),
        is_self: r.is_self,
        index,
        total,
        section,
        answers,
        comment,
        problems,
    }))
}

/// The summary before submitting: what is still unanswered.
#[server]
pub async fn load_summary(token: String) -> Result<Page<SummaryPage>, ServerFnError> {
    let r = match respondent(&token).await? {
        Ok(r) => r,
        Err(closed) => return Ok(Page::Unavailable(closed)),
    };
    let q = &r.questionnaire;
    let unanswered: Vec<Unanswered> = q
        .unanswered(&r.answers)
        .into_iter()
        .map(|(index, items)| Unanswered {
            index,
            name: q.sections[index].name.clone(),
            count: items.len(),
        })
        .collect();
    let missing: usize = unanswered.iter().map(|u| u.count).sum();
    Ok(Page::Ready(SummaryPage {
        token: token.clone(),
        subject_name: r.scan.scan.subject_name.clone(),
        total_items: q.item_count(),
        answered: q.item_count() - missing,
        sections: q.sections.len(),
        unanswered,
    }))
}

/// Saves one changed field of a part as you go (used once the page is hydrated): the part's
/// saved answers with this one field replaced. `false` when the change was refused (the page's
/// own submit then shows why).
#[server]
pub async fn save_field(
    token: String,
    index: usize,
    field: String,
    value: String,
) -> Result<bool, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let r = match respondent(&token).await? {
        Ok(r) => r,
        Err(_) => return Ok(false),
    };
    Ok(crate::respond::save_field(
        &state.db,
        &r,
        index,
        &field,
        &value,
        crate::state::unix_now(),
    )
    .await
    .is_ok())
}
