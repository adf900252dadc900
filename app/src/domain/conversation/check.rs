//! The one permission rule of a record: may this actor do this action in this state, and which
//! state follows. Every door (page, API, PDF, the view's list of buttons) asks [`check`], so the
//! life cycle lives in one table-tested function.
//!
//! The life cycle (issue 21's design):
//! - Planned --SendAgenda (planner)--> AgendaSent; Plan and EditAgenda (planner) and AddTopic
//!   (participants and the person discussed) while Planned or AgendaSent.
//! - MarkHeld (participant) from Planned or AgendaSent --> Held.
//! - WriteSummary (participant) in Held; ProposeSummary (participant) Held --> SummaryProposed.
//! - ChangeSummary (the person discussed, when the rules allow it) in SummaryProposed.
//! - Approve (the person discussed) SummaryProposed --> Approved.
//! - SignOff (participants and the person discussed) in SummaryProposed or Approved.
//! - Share (participant) in Approved or Archived; Archive (participant) Approved --> Archived.
//! - AttachScan (participant) before approval.
//! - Read and DownloadPdf: participants and the person discussed in every state but Removed,
//!   readers in Approved and Archived (a reader is a [`Actor::Reader`] only once shared).
//! - ReadAudit: participants and the person discussed, every state but Removed.
//! - A stranger is refused everything with [`Refusal::Unknown`] (the door answers 404, not 403,
//!   so that nobody learns a record exists); nothing is possible once Removed.
//!
//! The refusal says the most useful true thing, checked in this order: unknown record, removed
//! content, not for this actor, the type's rule, not in this state.

use serde::{Deserialize, Serialize};

use super::{Actor, RecordAction, RecordState};
use crate::domain::language::Language;

/// The rules of one record that do not follow from its state: resolved from its conversation
/// type and the answers to its preparation questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordRules {
    /// Whether the person discussed may change the proposed summary (otherwise they approve it
    /// as written or talk to the writer).
    pub subject_may_change: bool,
}

/// Why an action is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    /// The visitor is no party of the record (or a reader it was not shared with): answer as
    /// if the record did not exist (404).
    #[error("unknown conversation")]
    Unknown,
    /// The retention job removed the record's content.
    #[error("the record's content was removed")]
    Removed,
    /// This actor never does this action.
    #[error("{} may not {}", actor.label(Language::En), action.label(Language::En))]
    NotForActor { actor: Actor, action: RecordAction },
    /// The conversation type does not let the person discussed change the summary.
    #[error("the person discussed may not change the summary of this type of conversation")]
    SubjectMayNotChange,
    /// The action exists for this actor, but not in the record's current state.
    #[error("cannot {} while the record is {}", action.label(Language::En), state.as_str())]
    NotInState {
        state: RecordState,
        action: RecordAction,
    },
}

impl Refusal {
    /// The message for the visitor.
    pub fn message(&self, language: Language) -> String {
        match (self, language) {
            (Refusal::Unknown, Language::Nl) => "Dit gesprek bestaat niet.".to_string(),
            (Refusal::Unknown, Language::En) => "This conversation does not exist.".to_string(),
            (Refusal::Removed, Language::Nl) => {
                "De inhoud van dit gespreksverslag is verwijderd: de bewaartermijn is verstreken."
                    .to_string()
            }
            (Refusal::Removed, Language::En) => {
                "The content of this record was removed: its retention period has ended."
                    .to_string()
            }
            (Refusal::NotForActor { action, .. }, Language::Nl) => {
                format!("U kunt in dit gesprek niet {}.", action.label(Language::Nl))
            }
            (Refusal::NotForActor { action, .. }, Language::En) => format!(
                "Your role in this conversation does not let you {}.",
                action.label(Language::En)
            ),
            (Refusal::SubjectMayNotChange, Language::Nl) => {
                "Bij dit soort gesprek kunt u het verslag niet zelf wijzigen. Bespreek uw \
                 opmerkingen met de schrijver van het verslag of stel het vast."
                    .to_string()
            }
            (Refusal::SubjectMayNotChange, Language::En) => {
                "In this kind of conversation you cannot change the summary yourself. Discuss \
                 your remarks with its writer, or approve it."
                    .to_string()
            }
            (Refusal::NotInState { state, action }, Language::Nl) => format!(
                "U kunt nu niet {}: het gesprek staat op \u{2018}{}\u{2019}.",
                action.label(Language::Nl),
                state.label(Language::Nl)
            ),
            (Refusal::NotInState { state, action }, Language::En) => format!(
                "You cannot {} now: the conversation is \u{2018}{}\u{2019}.",
                action.label(Language::En),
                state.label(Language::En)
            ),
        }
    }

    /// Whether the door should answer 404 (as if the record did not exist) rather than with a
    /// refusal the visitor may read.
    pub fn hides_the_record(&self) -> bool {
        matches!(self, Refusal::Unknown)
    }
}

/// Who may do an action at all (in some state), before looking at the state.
fn actor_may(actor: Actor, action: RecordAction) -> bool {
    use RecordAction::*;
    let participant = actor.is_participant();
    let subject = actor == Actor::Subject;
    match action {
        Plan | EditAgenda | SendAgenda => actor == Actor::Planner,
        AddTopic | SignOff | ReadAudit => participant || subject,
        MarkHeld | WriteSummary | ProposeSummary | Share | Archive | AttachScan => participant,
        ChangeSummary | Approve => subject,
        Read | DownloadPdf => participant || subject || actor == Actor::Reader,
    }
}

/// In which states an action is possible, and the state after it (`None`: not in this state).
/// Only called once [`actor_may`] holds; the one actor-dependent case is reading by readers.
fn transition(state: RecordState, actor: Actor, action: RecordAction) -> Option<RecordState> {
    use RecordAction::*;
    use RecordState::*;
    let before_sending = matches!(state, Planned | AgendaSent);
    let stay = Some(state);
    match action {
        Plan | EditAgenda | AddTopic => before_sending.then_some(state),
        SendAgenda => (state == Planned).then_some(AgendaSent),
        MarkHeld => before_sending.then_some(Held),
        WriteSummary => (state == Held).then_some(Held),
        ProposeSummary => (state == Held).then_some(SummaryProposed),
        ChangeSummary => (state == SummaryProposed).then_some(SummaryProposed),
        Approve => (state == SummaryProposed).then_some(Approved),
        SignOff => matches!(state, SummaryProposed | Approved).then_some(state),
        Share => state.is_final().then_some(state),
        Archive => (state == Approved).then_some(Archived),
        AttachScan => {
            matches!(state, Planned | AgendaSent | Held | SummaryProposed).then_some(state)
        }
        Read | DownloadPdf if actor == Actor::Reader => state.is_final().then_some(state),
        Read | DownloadPdf | ReadAudit => stay,
    }
}

/// Whether `actor` may do `action` to a record in `state` under `rules`, and if so the state
/// the record is in afterwards (the same state for actions that do not move it).
pub fn check(
    state: RecordState,
    actor: Actor,
    action: RecordAction,
    rules: RecordRules,
) -> Result<RecordState, Refusal> {
    if actor == Actor::Stranger {
        return Err(Refusal::Unknown);
    }
    if state == RecordState::Removed {
        return Err(Refusal::Removed);
    }
    if !actor_may(actor, action) {
        return Err(Refusal::NotForActor { actor, action });
    }
    if action == RecordAction::ChangeSummary && !rules.subject_may_change {
        return Err(Refusal::SubjectMayNotChange);
    }
    transition(state, actor, action).ok_or(Refusal::NotInState { state, action })
}
