//! The permission rule as an explicit matrix (every state, actor and action) and as
//! properties over random inputs and random walks through a record's life.

use proptest::prelude::*;

use super::*;
use crate::domain::language::Language;

const STATES: [RecordState; 7] = RecordState::ALL;

/// One cell of the matrix: `=` allowed, state unchanged; `>code` allowed, moving to that
/// state; `A` not for this actor; `S` not in this state; `R` removed; `U` unknown (404);
/// `C` the type does not let the subject change the summary.
fn expected(
    cell: &str,
    state: RecordState,
    actor: Actor,
    action: RecordAction,
) -> Result<RecordState, Refusal> {
    match cell {
        "=" => Ok(state),
        "A" => Err(Refusal::NotForActor { actor, action }),
        "S" => Err(Refusal::NotInState { state, action }),
        "R" => Err(Refusal::Removed),
        "U" => Err(Refusal::Unknown),
        "C" => Err(Refusal::SubjectMayNotChange),
        moved => {
            Ok(RecordState::parse(moved.strip_prefix('>').expect("cell")).expect("state code"))
        }
    }
}

const NONE: [&str; 7] = ["A", "A", "A", "A", "A", "A", "R"];
const STRANGER: [&str; 7] = ["U"; 7];

/// Columns: Planned, AgendaSent, Held, SummaryProposed, Approved, Archived, Removed.
/// Rows per action: Planner, Participant, Subject, Reader, Stranger.
fn matrix(subject_may_change: bool) -> Vec<(RecordAction, [[&'static str; 7]; 5])> {
    use RecordAction::*;
    let before = ["=", "=", "S", "S", "S", "S", "R"];
    let always = ["=", "=", "=", "=", "=", "=", "R"];
    let change_by_subject = if subject_may_change {
        ["S", "S", "S", "=", "S", "S", "R"]
    } else {
        ["C", "C", "C", "C", "C", "C", "R"]
    };
    vec![
        (Plan, [before, NONE, NONE, NONE, STRANGER]),
        (EditAgenda, [before, NONE, NONE, NONE, STRANGER]),
        (
            SendAgenda,
            [
                [">agenda_sent", "S", "S", "S", "S", "S", "R"],
                NONE,
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (AddTopic, [before, before, before, NONE, STRANGER]),
        (
            MarkHeld,
            [
                [">held", ">held", "S", "S", "S", "S", "R"],
                [">held", ">held", "S", "S", "S", "S", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            WriteSummary,
            [
                ["S", "S", "=", "S", "S", "S", "R"],
                ["S", "S", "=", "S", "S", "S", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            ProposeSummary,
            [
                ["S", "S", ">summary_proposed", "S", "S", "S", "R"],
                ["S", "S", ">summary_proposed", "S", "S", "S", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            ChangeSummary,
            [NONE, NONE, change_by_subject, NONE, STRANGER],
        ),
        (
            Approve,
            [
                NONE,
                NONE,
                ["S", "S", "S", ">approved", "S", "S", "R"],
                NONE,
                STRANGER,
            ],
        ),
        (
            SignOff,
            [
                ["S", "S", "S", "=", "=", "S", "R"],
                ["S", "S", "S", "=", "=", "S", "R"],
                ["S", "S", "S", "=", "=", "S", "R"],
                NONE,
                STRANGER,
            ],
        ),
        (
            Share,
            [
                ["S", "S", "S", "S", "=", "=", "R"],
                ["S", "S", "S", "S", "=", "=", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            Archive,
            [
                ["S", "S", "S", "S", ">archived", "S", "R"],
                ["S", "S", "S", "S", ">archived", "S", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            AttachScan,
            [
                ["=", "=", "=", "=", "S", "S", "R"],
                ["=", "=", "=", "=", "S", "S", "R"],
                NONE,
                NONE,
                STRANGER,
            ],
        ),
        (
            Read,
            [
                always,
                always,
                always,
                ["S", "S", "S", "S", "=", "=", "R"],
                STRANGER,
            ],
        ),
        (
            DownloadPdf,
            [
                always,
                always,
                always,
                ["S", "S", "S", "S", "=", "=", "R"],
                STRANGER,
            ],
        ),
        (ReadAudit, [always, always, always, NONE, STRANGER]),
    ]
}

fn assert_matrix(subject_may_change: bool) {
    let rules = RecordRules { subject_may_change };
    let matrix = matrix(subject_may_change);
    let actions: Vec<RecordAction> = matrix.iter().map(|(action, _)| *action).collect();
    assert_eq!(
        actions,
        RecordAction::ALL,
        "the matrix covers every action once"
    );
    let mut cells = 0;
    for (action, rows) in matrix {
        for (actor, row) in Actor::ALL.into_iter().zip(rows) {
            for (state, cell) in STATES.into_iter().zip(row) {
                assert_eq!(
                    check(state, actor, action, rules),
                    expected(cell, state, actor, action),
                    "{state:?} {actor:?} {action:?} (subject_may_change {subject_may_change})"
                );
                cells += 1;
            }
        }
    }
    assert_eq!(cells, 7 * 5 * 16);
}

#[test]
fn every_state_actor_and_action_when_the_subject_may_change() {
    assert_matrix(true);
}

#[test]
fn every_state_actor_and_action_when_the_subject_may_not_change() {
    assert_matrix(false);
}

#[test]
fn the_life_of_a_record_from_plan_to_archive() {
    let rules = RecordRules {
        subject_may_change: true,
    };
    let steps = [
        (Actor::Planner, RecordAction::Plan, RecordState::Planned),
        (Actor::Subject, RecordAction::AddTopic, RecordState::Planned),
        (
            Actor::Planner,
            RecordAction::SendAgenda,
            RecordState::AgendaSent,
        ),
        (
            Actor::Participant,
            RecordAction::AttachScan,
            RecordState::AgendaSent,
        ),
        (
            Actor::Participant,
            RecordAction::MarkHeld,
            RecordState::Held,
        ),
        (
            Actor::Participant,
            RecordAction::WriteSummary,
            RecordState::Held,
        ),
        (
            Actor::Planner,
            RecordAction::ProposeSummary,
            RecordState::SummaryProposed,
        ),
        (
            Actor::Subject,
            RecordAction::ChangeSummary,
            RecordState::SummaryProposed,
        ),
        (
            Actor::Planner,
            RecordAction::SignOff,
            RecordState::SummaryProposed,
        ),
        (Actor::Subject, RecordAction::Approve, RecordState::Approved),
        (
            Actor::Participant,
            RecordAction::SignOff,
            RecordState::Approved,
        ),
        (Actor::Planner, RecordAction::Share, RecordState::Approved),
        (Actor::Reader, RecordAction::Read, RecordState::Approved),
        (Actor::Planner, RecordAction::Archive, RecordState::Archived),
        (
            Actor::Reader,
            RecordAction::DownloadPdf,
            RecordState::Archived,
        ),
        (
            Actor::Subject,
            RecordAction::ReadAudit,
            RecordState::Archived,
        ),
    ];
    let mut state = RecordState::Planned;
    for (actor, action, after) in steps {
        state = check(state, actor, action, rules)
            .unwrap_or_else(|refusal| panic!("{actor:?} {action:?} in {state:?}: {refusal:?}"));
        assert_eq!(state, after, "{actor:?} {action:?}");
    }
}

#[test]
fn allowed_actions_are_the_buttons_of_each_viewer() {
    let rules = RecordRules {
        subject_may_change: false,
    };
    use RecordAction::*;
    assert_eq!(
        allowed_actions(RecordState::Planned, Actor::Planner, rules),
        [
            Plan,
            EditAgenda,
            SendAgenda,
            AddTopic,
            MarkHeld,
            AttachScan,
            Read,
            DownloadPdf,
            ReadAudit
        ]
    );
    assert_eq!(
        allowed_actions(RecordState::SummaryProposed, Actor::Subject, rules),
        [Approve, SignOff, Read, DownloadPdf, ReadAudit]
    );
    assert_eq!(
        allowed_actions(RecordState::Approved, Actor::Reader, rules),
        [Read, DownloadPdf]
    );
    assert_eq!(allowed_actions(RecordState::Held, Actor::Reader, rules), []);
    assert_eq!(
        allowed_actions(RecordState::Archived, Actor::Stranger, rules),
        []
    );
    assert_eq!(
        allowed_actions(RecordState::Removed, Actor::Subject, rules),
        []
    );
}

#[test]
fn refusals_speak_dutch_and_english() {
    let refusals = [
        Refusal::Unknown,
        Refusal::Removed,
        Refusal::NotForActor {
            actor: Actor::Reader,
            action: RecordAction::Approve,
        },
        Refusal::SubjectMayNotChange,
        Refusal::NotInState {
            state: RecordState::Held,
            action: RecordAction::Approve,
        },
    ];
    for refusal in &refusals {
        let nl = refusal.message(Language::Nl);
        let en = refusal.message(Language::En);
        assert_ne!(nl, en);
        assert!(!nl.is_empty() && !en.is_empty());
        assert!(!refusal.to_string().is_empty());
    }
    assert_eq!(
        refusals[4].message(Language::Nl),
        "U kunt nu niet het verslag vaststellen: het gesprek staat op \u{2018}Gevoerd\u{2019}."
    );
    assert!(refusals[0].hides_the_record());
    assert!(refusals[1..].iter().all(|r| !r.hides_the_record()));
}

#[test]
fn refusals_travel_as_tagged_json() {
    let refusal = Refusal::NotInState {
        state: RecordState::Held,
        action: RecordAction::Approve,
    };
    let json = serde_json::to_value(&refusal).unwrap();
    assert_eq!(json["code"], "not_in_state");
    assert_eq!(json["state"], "held");
    assert_eq!(json["action"], "approve");
    assert_eq!(serde_json::from_value::<Refusal>(json).unwrap(), refusal);
}

fn any_state() -> impl Strategy<Value = RecordState> {
    proptest::sample::select(RecordState::ALL.to_vec())
}

fn any_actor() -> impl Strategy<Value = Actor> {
    proptest::sample::select(Actor::ALL.to_vec())
}

fn any_action() -> impl Strategy<Value = RecordAction> {
    proptest::sample::select(RecordAction::ALL.to_vec())
}

fn any_rules() -> impl Strategy<Value = RecordRules> {
    any::<bool>().prop_map(|subject_may_change| RecordRules { subject_may_change })
}

fn life_index(state: RecordState) -> usize {
    RecordState::ALL.iter().position(|s| *s == state).unwrap()
}

proptest! {
    #[test]
    fn a_stranger_is_refused_everything_as_unknown(
        state in any_state(), action in any_action(), rules in any_rules()
    ) {
        prop_assert_eq!(check(state, Actor::Stranger, action, rules), Err(Refusal::Unknown));
    }

    #[test]
    fn only_a_stranger_is_told_the_record_is_unknown(
        state in any_state(), actor in any_actor(), action in any_action(), rules in any_rules()
    ) {
        let unknown = check(state, actor, action, rules) == Err(Refusal::Unknown);
        prop_assert_eq!(unknown, actor == Actor::Stranger);
    }

    #[test]
    fn no_action_leads_out_of_removed(
        actor in any_actor(), action in any_action(), rules in any_rules()
    ) {
        prop_assert!(check(RecordState::Removed, actor, action, rules).is_err());
    }

    #[test]
    fn no_action_removes_a_record(
        state in any_state(), actor in any_actor(), action in any_action(), rules in any_rules()
    ) {
        prop_assert_ne!(check(state, actor, action, rules), Ok(RecordState::Removed));
    }

    #[test]
    fn a_reader_never_changes_anything(
        state in any_state(), action in any_action(), rules in any_rules()
    ) {
        if let Ok(after) = check(state, Actor::Reader, action, rules) {
            prop_assert!(!action.changes_record(), "{:?}", action);
            prop_assert_eq!(after, state);
            prop_assert!(state.is_final());
        }
    }

    #[test]
    fn reading_never_moves_a_record(
        state in any_state(), actor in any_actor(), action in any_action(), rules in any_rules()
    ) {
        if let (false, Ok(after)) = (action.changes_record(), check(state, actor, action, rules)) {
            prop_assert_eq!(after, state);
        }
    }

    #[test]
    fn a_record_never_goes_back_in_its_life(
        state in any_state(), actor in any_actor(), action in any_action(), rules in any_rules()
    ) {
        if let Ok(after) = check(state, actor, action, rules) {
            prop_assert!(life_index(after) >= life_index(state));
        }
    }

    #[test]
    fn only_the_subject_approves(
        state in any_state(), actor in any_actor(), rules in any_rules()
    ) {
        let approved = check(state, actor, RecordAction::Approve, rules).is_ok();
        prop_assert_eq!(
            approved,
            actor == Actor::Subject && state == RecordState::SummaryProposed
        );
    }

    #[test]
    fn the_rules_only_matter_for_the_subject_changing_the_summary(
        state in any_state(), actor in any_actor(), action in any_action()
    ) {
        let with = check(state, actor, action, RecordRules { subject_may_change: true });
        let without = check(state, actor, action, RecordRules { subject_may_change: false });
        if action != RecordAction::ChangeSummary || actor != Actor::Subject {
            prop_assert_eq!(with, without);
        }
    }

    #[test]
    fn allowed_actions_agree_with_check(
        state in any_state(), actor in any_actor(), rules in any_rules()
    ) {
        let allowed = allowed_actions(state, actor, rules);
        for action in RecordAction::ALL {
            prop_assert_eq!(allowed.contains(&action), check(state, actor, action, rules).is_ok());
        }
    }

    /// Random parties trying random actions: whatever they do, an approved summary was
    /// approved by the subject after it was proposed, and only a participant proposed it after
    /// the conversation was held.
    #[test]
    fn random_walks_follow_the_life_cycle(
        steps in proptest::collection::vec((any_actor(), any_action()), 0..60),
        rules in any_rules(),
    ) {
        let mut state = RecordState::Planned;
        let mut path = vec![state];
        for (actor, action) in steps {
            if let Ok(after) = check(state, actor, action, rules) {
                if after != state {
                    let expected = match (state, after) {
                        (RecordState::Planned, RecordState::AgendaSent) => actor == Actor::Planner,
                        (RecordState::Planned | RecordState::AgendaSent, RecordState::Held)
                        | (RecordState::Held, RecordState::SummaryProposed)
                        | (RecordState::Approved, RecordState::Archived) => actor.is_participant(),
                        (RecordState::SummaryProposed, RecordState::Approved) => actor == Actor::Subject,
                        _ => false,
                    };
                    prop_assert!(expected, "{:?} {:?}: {:?} -> {:?}", actor, action, state, after);
                    path.push(after);
                }
                state = after;
            }
        }
        if let Some(approved) = path.iter().position(|s| *s == RecordState::Approved) {
            prop_assert_eq!(path[approved - 1], RecordState::SummaryProposed);
            prop_assert_eq!(path[approved - 2], RecordState::Held);
        }
    }
}
