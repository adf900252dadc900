//! The life of one assessment (beoordeling) from concept to the final setting (seed 004 art. 6
//! lid 3, 8, 11–12): one rule table, asked by every door before anything is stored.
//!
//! ```text
//! Concept ─release─► ConceptReleased ─hold (≥ 7 days later)─► Held ─set final─► FinalSet
//! FinalSet ─approve (employee)─────────────────────────────────────────────► Approved
//! FinalSet ─"voor gezien" + bedenkingen (within 2 weeks)─► Objected
//! Objected ─objection conversation (within 2 weeks)─► ObjectionHeld ─set again─► Settled
//! FinalSet ─no objections after 2 weeks: settle (manager)─► Settled
//! ```
//!
//! The manager writes and sets; the employee approves or signs "voor gezien" and objects.
//! Nobody else acts on an assessment: they get the refusal the door turns into "not found".

use std::fmt;

use super::deadlines::{
    ConceptNotReleasedInTime, check_concept_released, concept_release_deadline,
    objection_conversation_deadline, objections_deadline, set_without_objections_from,
};
use crate::domain::calendar::Date;

/// Where an assessment stands. Stored as [`Stage::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The manager writes the concept; the employee does not see it yet.
    Concept,
    /// The concept is released to the employee (art. 6 lid 3).
    ConceptReleased,
    /// The assessment conversation was held.
    Held,
    /// The manager set the final qualification with a motivation (art. 6 lid 8); the employee
    /// approves or signs "voor gezien".
    FinalSet,
    /// Both approved: the assessment is final.
    Approved,
    /// The employee signed "voor gezien" and filed objections (art. 6 lid 11).
    Objected,
    /// The objection conversation was held (art. 6 lid 12).
    ObjectionHeld,
    /// The manager set the assessment after objections, or after two weeks without them.
    Settled,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Concept,
        Stage::ConceptReleased,
        Stage::Held,
        Stage::FinalSet,
        Stage::Approved,
        Stage::Objected,
        Stage::ObjectionHeld,
        Stage::Settled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Concept => "concept",
            Stage::ConceptReleased => "concept_released",
            Stage::Held => "held",
            Stage::FinalSet => "final_set",
            Stage::Approved => "approved",
            Stage::Objected => "objected",
            Stage::ObjectionHeld => "objection_held",
            Stage::Settled => "settled",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.code() == code)
    }

    /// The final qualification counts: approved by both, or set after the objection procedure.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Approved | Stage::Settled)
    }

    /// The employee sees the assessment from the concept's release on.
    pub fn visible_to_employee(self) -> bool {
        self != Stage::Concept
    }

    /// Dutch first, then English.
    pub fn label(self, language: crate::domain::language::Language) -> &'static str {
        let (nl, en) = match self {
            Stage::Concept => ("Concept in voorbereiding", "Concept in preparation"),
            Stage::ConceptReleased => ("Concept vrijgegeven", "Concept released"),
            Stage::Held => ("Gesprek gevoerd", "Conversation held"),
            Stage::FinalSet => ("Eindkwalificatie gegeven", "Final qualification given"),
            Stage::Approved => ("Vastgesteld (akkoord)", "Set (approved)"),
            Stage::Objected => ("Bedenkingen ingediend", "Objections filed"),
            Stage::ObjectionHeld => ("Bedenkingengesprek gevoerd", "Objection conversation held"),
            Stage::Settled => ("Vastgesteld", "Set"),
        };
        language.pick(nl, en)
    }
}

/// Who acts on an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The manager (leidinggevende) who runs the cycle.
    Manager,
    /// The employee assessed.
    Employee,
    /// Anyone else.
    Other,
}

/// What an actor asks to do. Dates are the days the actor states (conversation days) or today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Change the concept's ratings or the planned conversation day (not after the conversation).
    EditConcept,
    /// Release the concept for a conversation on `conversation`, `today`.
    ReleaseConcept { today: Date, conversation: Date },
    /// The assessment conversation was held on `held`.
    Hold {
        released: Date,
        held: Date,
        today: Date,
    },
    /// Set the final qualification (the motivation is checked by `final_setting`).
    SetFinal,
    /// The employee agrees.
    Approve,
    /// The employee signs "voor gezien" and files objections, `today`.
    SignSeenAndObject { held: Date, today: Date },
    /// The objection conversation was held on `held`.
    HoldObjectionConversation {
        objected: Date,
        held: Date,
        today: Date,
    },
    /// After the objection conversation: set, changed or with a motivation why not.
    SettleAfterObjections,
    /// No objections two weeks after the conversation: the manager sets the assessment.
    SettleWithoutObjections { held: Date, today: Date },
}

/// Why a step is refused. Says the most useful true thing; nothing is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not the manager or the employee of this cycle.
    NotAParty,
    /// Only the manager does this.
    ManagerOnly,
    /// Only the employee does this.
    EmployeeOnly,
    /// Not in this stage.
    WrongStage { stage: Stage },
    /// Art. 6 lid 3: the concept must be released at least a week before the conversation; it
    /// can be released for a conversation from `earliest_conversation` on.
    ReleaseTooLate { earliest_conversation: Date },
    /// Art. 6 lid 3: the conversation is held a week after release at the earliest.
    ConceptNotReleasedInTime(ConceptNotReleasedInTime),
    /// A conversation day in the future cannot be recorded as held.
    HeldInFuture,
    /// Art. 6 lid 11: objections are filed within two weeks of the conversation.
    ObjectionsTooLate { deadline: Date },
    /// Art. 6 lid 11: the employee still has until `deadline` to object.
    ObjectionPeriodOpen { deadline: Date },
    /// The objection conversation cannot be before the objections.
    ObjectionConversationBeforeObjections,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAParty => {
                f.write_str("only the manager and the employee act on an assessment")
            }
            Refusal::ManagerOnly => f.write_str("only the manager does this"),
            Refusal::EmployeeOnly => f.write_str("only the employee does this"),
            Refusal::WrongStage { stage } => write!(f, "not possible in stage {}", stage.code()),
            Refusal::ReleaseTooLate {
                earliest_conversation,
            } => write!(
                f,
                "the concept must be released at least a week before the conversation (art. 6 lid \
                 3); released today, the conversation can be held from {}",
                earliest_conversation.iso()
            ),
            Refusal::ConceptNotReleasedInTime(inner) => inner.fmt(f),
            Refusal::HeldInFuture => f.write_str("a conversation in the future cannot be held yet"),
            Refusal::ObjectionsTooLate { deadline } => write!(
                f,
                "objections are filed within two weeks of the conversation (art. 6 lid 11); the \
                 last day was {}",
                deadline.iso()
            ),
            Refusal::ObjectionPeriodOpen { deadline } => write!(
                f,
                "the employee may object until {} (art. 6 lid 11)",
                deadline.iso()
            ),
            Refusal::ObjectionConversationBeforeObjections => {
                f.write_str("the objection conversation comes after the objections")
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// The one rule: may `actor` take `step` on an assessment in `stage`, and where does it go?
pub fn check(stage: Stage, actor: Actor, step: Step) -> Result<Stage, Refusal> {
    if actor == Actor::Other {
        return Err(Refusal::NotAParty);
    }
    let employee_step = matches!(step, Step::Approve | Step::SignSeenAndObject { .. });
    match (employee_step, actor) {
        (true, Actor::Manager) => return Err(Refusal::EmployeeOnly),
        (false, Actor::Employee) => return Err(Refusal::ManagerOnly),
        _ => {}
    }
    let wrong = Err(Refusal::WrongStage { stage });
    match step {
        // Until the final setting: after the conversation the manager may still correct the
        // ratings the conversation changed.
        Step::EditConcept => match stage {
            Stage::Concept | Stage::ConceptReleased | Stage::Held => Ok(stage),
            _ => wrong,
        },
        Step::ReleaseConcept {
            today,
            conversation,
        } => {
            if stage != Stage::Concept {
                return wrong;
            }
            if today > concept_release_deadline(conversation) {
                return Err(Refusal::ReleaseTooLate {
                    earliest_conversation: today.add_days(7),
                });
            }
            Ok(Stage::ConceptReleased)
        }
        Step::Hold {
            released,
            held,
            today,
        } => {
            if stage != Stage::ConceptReleased {
                return wrong;
            }
            if held > today {
                return Err(Refusal::HeldInFuture);
            }
            check_concept_released(Some(released), held)
                .map_err(Refusal::ConceptNotReleasedInTime)?;
            Ok(Stage::Held)
        }
        Step::SetFinal => match stage {
            Stage::Held => Ok(Stage::FinalSet),
            _ => wrong,
        },
        Step::Approve => match stage {
            Stage::FinalSet => Ok(Stage::Approved),
            _ => wrong,
        },
        Step::SignSeenAndObject { held, today } => {
            if stage != Stage::FinalSet {
                return wrong;
            }
            let deadline = objections_deadline(held);
            if today > deadline {
                return Err(Refusal::ObjectionsTooLate { deadline });
            }
            Ok(Stage::Objected)
        }
        Step::HoldObjectionConversation {
            objected,
            held,
            today,
        } => {
            if stage != Stage::Objected {
                return wrong;
            }
            if held > today {
                return Err(Refusal::HeldInFuture);
            }
            if held < objected {
                return Err(Refusal::ObjectionConversationBeforeObjections);
            }
            Ok(Stage::ObjectionHeld)
        }
        Step::SettleAfterObjections => match stage {
            Stage::ObjectionHeld => Ok(Stage::Settled),
            _ => wrong,
        },
        Step::SettleWithoutObjections { held, today } => {
            if stage != Stage::FinalSet {
                return wrong;
            }
            if today < set_without_objections_from(held) {
                return Err(Refusal::ObjectionPeriodOpen {
                    deadline: objections_deadline(held),
                });
            }
            Ok(Stage::Settled)
        }
    }
}

/// A released concept's conversation day may move, but never closer than a week after the
/// release (art. 6 lid 3).
pub fn check_concept_day(released: Date, conversation: Date) -> Result<(), Refusal> {
    check_concept_released(Some(released), conversation).map_err(Refusal::ConceptNotReleasedInTime)
}

/// The deadline the assessment waits on in `stage`, if any: what the cycle page and the
/// manager's overview show, and what the reminder mails name.
pub fn next_deadline(
    stage: Stage,
    conversation: Option<Date>,
    held: Option<Date>,
    objected: Option<Date>,
    objection_held: Option<Date>,
) -> Option<(Deadline, Date)> {
    match stage {
        Stage::Concept => {
            conversation.map(|c| (Deadline::ReleaseConcept, concept_release_deadline(c)))
        }
        Stage::FinalSet => held.map(|h| (Deadline::Objections, objections_deadline(h))),
        Stage::Objected => objected.map(|o| {
            (
                Deadline::ObjectionConversation,
                objection_conversation_deadline(o),
            )
        }),
        Stage::ObjectionHeld => objection_held.map(|h| {
            (
                Deadline::FinalDecision,
                super::deadlines::final_decision_deadline(h),
            )
        }),
        _ => None,
    }
}

/// How many days before a deadline its reminder goes out (and it goes out once, also when the
/// deadline has passed and nobody was reminded yet).
pub const REMIND_DAYS_BEFORE: i64 = 3;

/// Whether a reminder of a deadline on `by` is due on `today`.
pub fn reminder_due(by: Date, today: Date) -> bool {
    today >= by.add_days(-REMIND_DAYS_BEFORE)
}

/// What a deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// Art. 6 lid 3.
    ReleaseConcept,
    /// Art. 6 lid 11.
    Objections,
    /// Art. 6 lid 12.
    ObjectionConversation,
    /// Art. 6 lid 12.
    FinalDecision,
}

impl Deadline {
    /// Stored in the reminder's key.
    pub fn code(self) -> &'static str {
        match self {
            Deadline::ReleaseConcept => "release_concept",
            Deadline::Objections => "objections",
            Deadline::ObjectionConversation => "objection_conversation",
            Deadline::FinalDecision => "final_decision",
        }
    }

    /// Who must act before it: the employee files objections, the manager does the rest.
    pub fn for_employee(self) -> bool {
        self == Deadline::Objections
    }

    pub fn label(self, language: crate::domain::language::Language) -> &'static str {
        let (nl, en) = match self {
            Deadline::ReleaseConcept => (
                "concept vrijgeven (art. 6 lid 3)",
                "release the concept (art. 6(3))",
            ),
            Deadline::Objections => (
                "bedenkingen indienen (art. 6 lid 11)",
                "file objections (art. 6(11))",
            ),
            Deadline::ObjectionConversation => (
                "bedenkingengesprek (art. 6 lid 12)",
                "objection conversation (art. 6(12))",
            ),
            Deadline::FinalDecision => (
                "beoordeling vaststellen (art. 6 lid 12)",
                "set the assessment (art. 6(12))",
            ),
        };
        language.pick(nl, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn art_6_3_concept_released_exactly_a_week_before_is_in_time() {
        let step = Step::ReleaseConcept {
            today: d(2027, 3, 1),
            conversation: d(2027, 3, 8),
        };
        assert_eq!(
            check(Stage::Concept, Actor::Manager, step),
            Ok(Stage::ConceptReleased)
        );
    }

    #[test]
    fn art_6_3_concept_released_six_days_before_is_refused_and_names_the_earliest_day() {
        let step = Step::ReleaseConcept {
            today: d(2027, 3, 2),
            conversation: d(2027, 3, 8),
        };
        assert_eq!(
            check(Stage::Concept, Actor::Manager, step),
            Err(Refusal::ReleaseTooLate {
                earliest_conversation: d(2027, 3, 9)
            })
        );
    }

    #[test]
    fn art_6_3_conversation_held_before_the_concept_was_out_a_week_is_refused() {
        let step = Step::Hold {
            released: d(2027, 3, 1),
            held: d(2027, 3, 7),
            today: d(2027, 3, 7),
        };
        assert!(matches!(
            check(Stage::ConceptReleased, Actor::Manager, step),
            Err(Refusal::ConceptNotReleasedInTime(
                ConceptNotReleasedInTime::TooLate { .. }
            ))
        ));
        let step = Step::Hold {
            released: d(2027, 3, 1),
            held: d(2027, 3, 8),
            today: d(2027, 3, 9),
        };
        assert_eq!(
            check(Stage::ConceptReleased, Actor::Manager, step),
            Ok(Stage::Held)
        );
    }

    #[test]
    fn art_6_3_an_unreleased_concept_cannot_be_discussed() {
        let step = Step::Hold {
            released: d(2027, 3, 1),
            held: d(2027, 3, 20),
            today: d(2027, 3, 20),
        };
        assert_eq!(
            check(Stage::Concept, Actor::Manager, step),
            Err(Refusal::WrongStage {
                stage: Stage::Concept
            })
        );
    }

    #[test]
    fn a_conversation_in_the_future_is_not_held_yet() {
        let step = Step::Hold {
            released: d(2027, 3, 1),
            held: d(2027, 3, 20),
            today: d(2027, 3, 19),
        };
        assert_eq!(
            check(Stage::ConceptReleased, Actor::Manager, step),
            Err(Refusal::HeldInFuture)
        );
    }

    #[test]
    fn art_6_8_only_the_manager_sets_the_final_qualification() {
        assert_eq!(
            check(Stage::Held, Actor::Manager, Step::SetFinal),
            Ok(Stage::FinalSet)
        );
        assert_eq!(
            check(Stage::Held, Actor::Employee, Step::SetFinal),
            Err(Refusal::ManagerOnly)
        );
        assert_eq!(
            check(Stage::Held, Actor::Other, Step::SetFinal),
            Err(Refusal::NotAParty)
        );
    }

    #[test]
    fn art_6_8_approval_is_the_employees_and_nobody_elses() {
        assert_eq!(
            check(Stage::FinalSet, Actor::Employee, Step::Approve),
            Ok(Stage::Approved)
        );
        assert_eq!(
            check(Stage::FinalSet, Actor::Manager, Step::Approve),
            Err(Refusal::EmployeeOnly)
        );
        assert_eq!(
            check(Stage::FinalSet, Actor::Other, Step::Approve),
            Err(Refusal::NotAParty)
        );
        for stage in Stage::ALL {
            if stage != Stage::FinalSet {
                assert!(
                    check(stage, Actor::Employee, Step::Approve).is_err(),
                    "{stage:?}"
                );
            }
        }
    }

    #[test]
    fn art_6_11_objections_within_two_weeks_of_the_conversation() {
        let held = d(2027, 3, 10);
        let in_time = Step::SignSeenAndObject {
            held,
            today: d(2027, 3, 24),
        };
        assert_eq!(
            check(Stage::FinalSet, Actor::Employee, in_time),
            Ok(Stage::Objected)
        );
        let late = Step::SignSeenAndObject {
            held,
            today: d(2027, 3, 25),
        };
        assert_eq!(
            check(Stage::FinalSet, Actor::Employee, late),
            Err(Refusal::ObjectionsTooLate {
                deadline: d(2027, 3, 24)
            })
        );
    }

    #[test]
    fn art_6_11_without_objections_the_manager_settles_after_the_two_weeks() {
        let held = d(2027, 3, 10);
        let early = Step::SettleWithoutObjections {
            held,
            today: d(2027, 3, 24),
        };
        assert_eq!(
            check(Stage::FinalSet, Actor::Manager, early),
            Err(Refusal::ObjectionPeriodOpen {
                deadline: d(2027, 3, 24)
            })
        );
        let after = Step::SettleWithoutObjections {
            held,
            today: d(2027, 3, 25),
        };
        assert_eq!(
            check(Stage::FinalSet, Actor::Manager, after),
            Ok(Stage::Settled)
        );
    }

    #[test]
    fn art_6_12_objection_conversation_then_the_manager_settles() {
        let step = Step::HoldObjectionConversation {
            objected: d(2027, 3, 20),
            held: d(2027, 3, 19),
            today: d(2027, 3, 30),
        };
        assert_eq!(
            check(Stage::Objected, Actor::Manager, step),
            Err(Refusal::ObjectionConversationBeforeObjections)
        );
        let step = Step::HoldObjectionConversation {
            objected: d(2027, 3, 20),
            held: d(2027, 3, 27),
            today: d(2027, 3, 30),
        };
        assert_eq!(
            check(Stage::Objected, Actor::Manager, step),
            Ok(Stage::ObjectionHeld)
        );
        assert_eq!(
            check(
                Stage::ObjectionHeld,
                Actor::Manager,
                Step::SettleAfterObjections
            ),
            Ok(Stage::Settled)
        );
        assert_eq!(
            check(Stage::Objected, Actor::Manager, Step::SettleAfterObjections),
            Err(Refusal::WrongStage {
                stage: Stage::Objected
            })
        );
    }

    #[test]
    fn a_final_assessment_takes_no_further_step() {
        let today = d(2027, 6, 1);
        let steps = [
            Step::EditConcept,
            Step::ReleaseConcept {
                today,
                conversation: today.add_days(10),
            },
            Step::SetFinal,
            Step::SettleAfterObjections,
            Step::SettleWithoutObjections {
                held: d(2027, 1, 1),
                today,
            },
        ];
        for stage in [Stage::Approved, Stage::Settled] {
            assert!(stage.is_final());
            for step in steps {
                assert!(
                    check(stage, Actor::Manager, step).is_err(),
                    "{stage:?} {step:?}"
                );
            }
            assert!(check(stage, Actor::Employee, Step::Approve).is_err());
        }
    }

    #[test]
    fn a_reminder_is_due_three_days_ahead_and_after_the_deadline() {
        let by = d(2027, 3, 10);
        assert!(!reminder_due(by, d(2027, 3, 6)));
        assert!(reminder_due(by, d(2027, 3, 7)));
        assert!(reminder_due(by, d(2027, 3, 12)));
        assert!(Deadline::Objections.for_employee());
        assert!(!Deadline::FinalDecision.for_employee());
    }

    #[test]
    fn stage_codes_round_trip_and_only_the_concept_is_hidden_from_the_employee() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.code()), Some(stage));
            assert_eq!(stage.visible_to_employee(), stage != Stage::Concept);
        }
        assert_eq!(Stage::parse("Approved"), None);
    }

    #[test]
    fn art_6_11_12_the_deadline_each_stage_waits_on() {
        let c = d(2027, 3, 10);
        assert_eq!(
            next_deadline(Stage::Concept, Some(c), None, None, None),
            Some((Deadline::ReleaseConcept, d(2027, 3, 3)))
        );
        assert_eq!(
            next_deadline(Stage::FinalSet, Some(c), Some(c), None, None),
            Some((Deadline::Objections, d(2027, 3, 24)))
        );
        assert_eq!(
            next_deadline(
                Stage::Objected,
                Some(c),
                Some(c),
                Some(d(2027, 3, 20)),
                None
            ),
            Some((Deadline::ObjectionConversation, d(2027, 4, 3)))
        );
        assert_eq!(
            next_deadline(Stage::ObjectionHeld, None, None, None, Some(d(2027, 4, 1))),
            Some((Deadline::FinalDecision, d(2027, 4, 29)))
        );
        assert_eq!(
            next_deadline(Stage::Approved, Some(c), Some(c), None, None),
            None
        );
    }
}
