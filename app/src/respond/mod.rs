//! The respondent's side: a personal link opens the questionnaire of one invitation, answers
//! are kept as a draft sealed with the link's own key (`auth::draft_seal`), and the submission
//! is stored once, durably, without anything that names the invitation: a keyed marker records
//! that it submitted (`LinkSecret::submission_marker`). Opening a link writes nothing.
//! Unknown, malformed and revoked links are indistinguishable. Server-only; the pages and form
//! handlers stay thin wrappers around these.

pub mod html;
pub mod legacy;
pub mod pages;

use std::net::IpAddr;
use std::time::Instant;

use crate::auth::draft_seal::DraftSeal;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::scan_link::LinkSecret;
use crate::auth::token::{hash_token, looks_like_token};
use crate::domain::language::Language;
use crate::domain::questionnaire::{self, AnswerError, Answers, Questionnaire};
use crate::domain::scan::ScanStatus;
use crate::storage::responses::{Submission, SubmitOutcome};
use crate::storage::{Db, LinkInvitation, LinkTarget, StorageError, StoredScan};

/// What a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Unknown, malformed or revoked: one answer for all, so links cannot be probed.
    NotValid,
    /// The scan is closed or past its deadline.
    Closed {
        subject_name: String,
        /// The scan's language, for the page that says so.
        language: Language,
    },
    /// Already submitted.
    Submitted {
        subject_name: String,
        language: Language,
    },
}

impl LinkError {
    /// The language of the scan the link belongs to, where it is known.
    pub fn scan_language(&self) -> Option<Language> {
        match self {
            LinkError::NotValid => None,
            LinkError::Closed { language, .. } | LinkError::Submitted { language, .. } => {
                Some(*language)
            }
        }
    }
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
    /// Built once per scan choice (`Db::questionnaire`); in the third person for informants.
    pub questionnaire: std::sync::Arc<Questionnaire>,
    pub answers: Answers,
    /// The respondent rates themselves (the self group).
    pub is_self: bool,
    /// Where the draft is kept and the key it is sealed with (from the link token).
    pub seal: DraftSeal,
    /// The marker a submission leaves (from the server secret and the invitation id).
    pub marker: String,
}

/// Looks a link up. `Ok` only while the invitation is invited, not submitted, and its scan is
/// open before the deadline.
pub async fn respondent(
    db: &Db,
    secret: &LinkSecret,
    token: &str,
    now: i64,
) -> Result<Respondent, RespondError> {
    if !looks_like_token(token) {
        return Err(LinkError::NotValid.into());
    }
    let seal = DraftSeal::for_token(token);
    let Some(LinkTarget {
        invitation,
        scan,
        sealed_draft,
    }) = db.find_link(&hash_token(token), seal.id()).await?
    else {
        return Err(LinkError::NotValid.into());
    };
    let subject_name = scan.scan.subject_name.clone();
    let language = scan.scan.language;
    let marker = secret.submission_marker(&invitation.id);
    if db.has_submitted(&marker).await? {
        return Err(LinkError::Submitted {
            subject_name,
            language,
        }
        .into());
    }
    if scan.status != ScanStatus::Open || scan.scan.deadline <= now {
        return Err(LinkError::Closed {
            subject_name,
            language,
        }
        .into());
    }
    let is_self = scan
        .scan
        .group(&invitation.group_id)
        .is_some_and(|g| g.is_self);
    let Some(questionnaire) = db.questionnaire(&scan.scan, is_self).await? else {
        return Err(StorageError::Corrupt("a scan's framework is missing".into()).into());
    };
    // Self reads "Ik …" (built so); everyone else reads about "de betrokkene". A rewrite of
    // a few dozen short sentences, cheaper than a second cache entry per scan.
    let questionnaire = if is_self {
        questionnaire
    } else {
        std::sync::Arc::new(questionnaire.for_informant())
    };
    let answers = open_draft(&seal, &scan.id, sealed_draft);
    Ok(Respondent {
        invitation,
        scan,
        questionnaire,
        answers,
        is_self,
        seal,
        marker,
    })
}

/// The answers of a sealed draft; none for no draft or one that does not open (a draft is a
/// convenience: a broken one starts the questionnaire afresh rather than locking the link).
fn open_draft(seal: &DraftSeal, scan_id: &str, sealed: Option<String>) -> Answers {
    sealed
        .and_then(|sealed| seal.open(scan_id, &sealed).ok())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// [`respondent`] for a request from `client`. An address that tried too many unknown links
/// lately is refused those, but a real link is always looked up and always let through: a
/// well-formed link is checked first and only a failure is counted or refused, so a storm of
/// bad links from one address (a proxy's, a shared office's) never locks out a respondent.
/// Malformed links cost no lookup and are refused at once while the address is limited. The
/// brake is for load, not secrecy: a link's 256 random bits cannot be guessed at any speed.
pub async fn respondent_from(
    db: &Db,
    secret: &LinkSecret,
    limiter: &LoginLimiter,
    client: IpAddr,
    token: &str,
    now: i64,
) -> Result<Respondent, RespondError> {
    let keys = [format!("link:{client}")];
    if !looks_like_token(token) && limiter.check(&keys, Instant::now()).is_err() {
        return Err(RespondError::RateLimited);
    }
    let found = respondent(db, secret, token, now).await;
    if let Err(RespondError::Link(LinkError::NotValid)) = found {
        let clock = Instant::now();
        let limited = limiter.check(&keys, clock).is_err();
        limiter.record_failure(&keys, clock);
        if limited {
            return Err(RespondError::RateLimited);
        }
    }
    found
}

/// Applies one section's posted answers to the latest stored draft and stores it, in one
/// transaction per respondent (see `Db::change_draft`). Refused answers change nothing.
pub async fn save_section(
    db: &Db,
    respondent: &mut Respondent,
    section: usize,
    pairs: &[(String, String)],
    ignored: &[&str],
) -> Result<(), RespondError> {
    let section = section_of(respondent, section)?;
    let latest = change_answers(db, respondent, |answers| {
        questionnaire::apply_section(&section, pairs, ignored, answers)
    })
    .await?;
    respondent.answers = latest;
    Ok(())
}

/// Sets one field of a section (an answer as it is given) on the latest stored draft.
pub async fn save_field(
    db: &Db,
    respondent: &Respondent,
    section: usize,
    field: &str,
    value: &str,
) -> Result<(), RespondError> {
    let section = section_of(respondent, section)?;
    // Only this field: the section's other answers stay as they are.
    let pairs = [(field.to_owned(), value.to_owned())];
    change_answers(db, respondent, |answers| {
        questionnaire::apply_section(&section, &pairs, &[], answers)
    })
    .await?;
    Ok(())
}

fn section_of(
    respondent: &Respondent,
    index: usize,
) -> Result<questionnaire::Section, RespondError> {
    respondent
        .questionnaire
        .sections
        .get(index)
        .cloned()
        .ok_or(RespondError::NoSuchSection)
}

/// Opens the latest stored draft, applies `apply` and stores it sealed again; returns the new
/// answers. Nothing is stored when `apply` refuses, the respondent submitted meanwhile, or the
/// scan closed.
async fn change_answers(
    db: &Db,
    respondent: &Respondent,
    apply: impl FnOnce(&mut Answers) -> Result<(), Vec<AnswerError>>,
) -> Result<Answers, RespondError> {
    let scan_id = &respondent.scan.id;
    let mut latest = Answers::default();
    let outcome = db
        .change_draft(
            respondent.seal.id(),
            scan_id,
            &respondent.marker,
            |stored| {
                let mut answers = open_draft(&respondent.seal, scan_id, stored);
                apply(&mut answers)?;
                let json = serde_json::to_string(&answers).expect("answers serialise");
                latest = answers;
                Ok(respondent.seal.seal(scan_id, &json))
            },
        )
        .await?;
    let subject_name = || respondent.scan.scan.subject_name.clone();
    match outcome {
        Some(Ok(())) => Ok(latest),
        Some(Err(problems)) => Err(RespondError::Answers(problems)),
        None if db.has_submitted(&respondent.marker).await? => Err(LinkError::Submitted {
            subject_name: subject_name(),
            language: respondent.scan.scan.language,
        }
        .into()),
        None => Err(LinkError::Closed {
            subject_name: subject_name(),
            language: respondent.scan.scan.language,
        }
        .into()),
    }
}

/// Submits the draft as the response, once: the draft as stored when the submission takes the
/// scan's lock, so an answer saved a moment before is included.
pub async fn submit(db: &Db, respondent: &Respondent, now: i64) -> Result<(), RespondError> {
    let scan_id = &respondent.scan.id;
    let answers = |sealed: Option<String>| {
        let mut answers = open_draft(&respondent.seal, scan_id, sealed);
        questionnaire::retain_known(&respondent.questionnaire, &mut answers);
        serde_json::to_string(&answers).expect("answers serialise")
    };
    let subject_name = respondent.scan.scan.subject_name.clone();
    let language = respondent.scan.scan.language;
    match db
        .submit_response(
            &Submission {
                invitation_id: &respondent.invitation.id,
                marker: &respondent.marker,
                draft_id: respondent.seal.id(),
                scan_id: &respondent.scan.id,
                group_id: &respondent.invitation.group_id,
            },
            now,
            answers,
        )
        .await?
    {
        SubmitOutcome::Stored => Ok(()),
        SubmitOutcome::AlreadySubmitted => Err(LinkError::Submitted {
            subject_name,
            language,
        }
        .into()),
        SubmitOutcome::NotOpen => Err(LinkError::Closed {
            subject_name,
            language,
        }
        .into()),
        SubmitOutcome::Revoked => Err(LinkError::NotValid.into()),
    }
}
