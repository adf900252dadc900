//! The respondent's side: a personal link opens the questionnaire of one invitation, answers
//! are kept as a draft per section, and the submission is stored once, durably, without any
//! link back to the invitation. Unknown, malformed and revoked links are indistinguishable.
//! Server-only; the pages and form handlers stay thin wrappers around these.

pub mod html;
pub mod pages;

use std::net::IpAddr;
use std::time::Instant;

use crate::auth::rate_limit::LoginLimiter;
use crate::auth::token::{hash_token, looks_like_token};
use crate::domain::questionnaire::{self, AnswerError, Answers, Questionnaire};
use crate::domain::scan::ScanStatus;
use crate::storage::responses::SubmitOutcome;
use crate::storage::{Db, LinkInvitation, LinkTarget, StorageError, StoredScan};

/// What a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Unknown, malformed or revoked: one answer for all, so links cannot be probed.
    NotValid,
    /// The scan is closed or past its deadline.
    Closed { subject_name: String },
    /// Already submitted.
    Submitted { subject_name: String },
}

#[derive(Debug, thiserror::Error)]
pub enum RespondError {
    #[error("link: {0:?}")]
    Link(LinkError),
    #[error("answers refused")]
    Answers(Vec<AnswerError>),
    #[error("no such section")]
    NoSuchSection,
    /// Too many unknown links from this client address lately: no lookup was made.
    #[error("too many unknown links from this address")]
    RateLimited,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<LinkError> for RespondError {
    fn from(error: LinkError) -> Self {
        RespondError::Link(error)
    }
}

/// An open invitation with its scan, questionnaire and draft answers.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub invitation: LinkInvitation,
    pub scan: StoredScan,
    /// Shared: built once per scan choice (`Db::questionnaire`).
    pub questionnaire: std::sync::Arc<Questionnaire>,
    pub answers: Answers,
    /// The respondent rates themselves (the self group).
    pub is_self: bool,
}

/// Looks a link up. `Ok` only while the invitation is invited, not submitted, and its scan is
/// open before the deadline.
pub async fn respondent(db: &Db, token: &str, now: i64) -> Result<Respondent, RespondError> {
    if !looks_like_token(token) {
        return Err(LinkError::NotValid.into());
    }
    let Some(LinkTarget {
        invitation,
        scan,
        draft,
    }) = db.find_link(&hash_token(token)).await?
    else {
        return Err(LinkError::NotValid.into());
    };
    let subject_name = scan.scan.subject_name.clone();
    if invitation.submitted_at.is_some() {
        return Err(LinkError::Submitted { subject_name }.into());
    }
    if scan.status != ScanStatus::Open || scan.scan.deadline <= now {
        return Err(LinkError::Closed { subject_name }.into());
    }
    let is_self = scan
        .scan
        .group(&invitation.group_id)
        .is_some_and(|g| g.is_self);
    let Some(questionnaire) = db.questionnaire(&scan.scan, is_self).await? else {
        return Err(StorageError::Corrupt("a scan's framework is missing".into()).into());
    };
    let answers = match draft {
        Some(json) => serde_json::from_str(&json).unwrap_or_default(),
        None => Answers::default(),
    };
    Ok(Respondent {
        invitation,
        scan,
        questionnaire,
        answers,
        is_self,
    })
}

/// [`respondent`] for a request from `client`: an address that tried too many unknown links
/// is refused without a lookup for a while, so tokens cannot be guessed at speed.
pub async fn respondent_from(
    db: &Db,
    limiter: &LoginLimiter,
    client: IpAddr,
    token: &str,
    now: i64,
) -> Result<Respondent, RespondError> {
    let keys = [format!("link:{client}")];
    if limiter.check(&keys, Instant::now()).is_err() {
        return Err(RespondError::RateLimited);
    }
    let found = respondent(db, token, now).await;
    if let Err(RespondError::Link(LinkError::NotValid)) = found {
        limiter.record_failure(&keys, Instant::now());
    }
    found
}

/// Records that the link was opened (the first time only).
pub async fn mark_opened(db: &Db, respondent: &Respondent, now: i64) -> Result<(), StorageError> {
    db.mark_invitation_opened(&respondent.invitation.id, now)
        .await
}

/// Applies one section's posted answers to the latest stored draft and stores it, in one
/// transaction per respondent (see `Db::change_draft`). Refused answers change nothing.
pub async fn save_section(
    db: &Db,
    respondent: &mut Respondent,
    section: usize,
    pairs: &[(String, String)],
    ignored: &[&str],
    now: i64,
) -> Result<(), RespondError> {
    let section = respondent
        .questionnaire
        .sections
        .get(section)
        .ok_or(RespondError::NoSuchSection)?
        .clone();
    let mut latest = Answers::default();
    let outcome = db
        .change_draft(&respondent.invitation.id, now, |stored| {
            let mut answers: Answers = stored
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            questionnaire::apply_section(&section, pairs, ignored, &mut answers)?;
            let json = serde_json::to_string(&answers).expect("answers serialise");
            latest = answers;
            Ok(json)
        })
        .await?;
    match outcome {
        Some(Ok(())) => {
            respondent.answers = latest;
            Ok(())
        }
        Some(Err(problems)) => Err(RespondError::Answers(problems)),
        None => Err(LinkError::Submitted {
            subject_name: respondent.scan.scan.subject_name.clone(),
        }
        .into()),
    }
}

/// Sets one field of a section (an answer as it is given) on the latest stored draft.
pub async fn save_field(
    db: &Db,
    respondent: &Respondent,
    section: usize,
    field: &str,
    value: &str,
    now: i64,
) -> Result<(), RespondError> {
    let section = respondent
        .questionnaire
        .sections
        .get(section)
        .ok_or(RespondError::NoSuchSection)?
        .clone();
    let outcome = db
        .change_draft(&respondent.invitation.id, now, |stored| {
            let mut answers: Answers = stored
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            // Only this field: the section's other answers stay as they are.
            let pairs = [(field.to_owned(), value.to_owned())];
            questionnaire::apply_section(&section, &pairs, &[], &mut answers)?;
            Ok(serde_json::to_string(&answers).expect("answers serialise"))
        })
        .await?;
    match outcome {
        Some(Ok(())) => Ok(()),
        Some(Err(problems)) => Err(RespondError::Answers(problems)),
        None => Err(LinkError::Submitted {
            subject_name: respondent.scan.scan.subject_name.clone(),
        }
        .into()),
    }
}

/// Submits the draft as the response, once.
pub async fn submit(db: &Db, respondent: &Respondent, now: i64) -> Result<(), RespondError> {
    let mut answers = respondent.answers.clone();
    questionnaire::retain_known(&respondent.questionnaire, &mut answers);
    let json = serde_json::to_string(&answers).expect("answers serialise");
    let subject_name = respondent.scan.scan.subject_name.clone();
    match db
        .submit_response(
            &respondent.invitation.id,
            &respondent.scan.id,
            &respondent.invitation.group_id,
            &json,
            now,
        )
        .await?
    {
        SubmitOutcome::Stored => Ok(()),
        SubmitOutcome::AlreadySubmitted => Err(LinkError::Submitted { subject_name }.into()),
        SubmitOutcome::NotOpen => Err(LinkError::Closed { subject_name }.into()),
    }
}
