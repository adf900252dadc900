//! One employee's cycle and the conversations it asks for, with their last days (seed 004 art. 2,
//! 4, 5 and 6): the regular two-year cycle, the one-year variant (the manager's choice or the
//! aanloopschaal), a new employee's shortened first cycle, and the probation year with its two
//! assessments. What the cycle page and the manager's overview show.

use std::fmt;

use super::deadlines::{Cycle, CycleLength, EntrantSchedule, ProbationError, ProbationSchedule};
use crate::domain::calendar::Date;
use crate::domain::language::Language;

/// The kind of cycle, stored as [`CycleKind::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CycleKind {
    /// Art. 2 lid 1: three conversations in two calendar years.
    TwoYears,
    /// Art. 2 lid 2 and 4: one calendar year (the manager's choice, or not yet in the scale).
    OneYear,
    /// Art. 2 lid 7 and toelichting: a new employee's first cycle, from entry to the end of the
    /// organisation's two-year cycle.
    Entrant,
    /// Art. 2 lid 3 and 6 lid 2: one planning and two assessments before the decision.
    Probation,
}

impl CycleKind {
    pub const ALL: [CycleKind; 4] = [
        CycleKind::TwoYears,
        CycleKind::OneYear,
        CycleKind::Entrant,
        CycleKind::Probation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CycleKind::TwoYears => "two_years",
            CycleKind::OneYear => "one_year",
            CycleKind::Entrant => "entrant",
            CycleKind::Probation => "probation",
        }
    }

    pub fn parse(code: &str) -> Option<CycleKind> {
        CycleKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
    }

    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            CycleKind::TwoYears => (
                "Tweejarige cyclus (art. 2 lid 1)",
                "Two-year cycle (art. 2(1))",
            ),
            CycleKind::OneYear => (
                "Eenjarige cyclus (art. 2 lid 2 en 4)",
                "One-year cycle (art. 2(2), (4))",
            ),
            CycleKind::Entrant => (
                "Nieuwe medewerker (art. 2 lid 7)",
                "New employee (art. 2(7))",
            ),
            CycleKind::Probation => ("Proeftijd (art. 2 lid 3)", "Probation (art. 2(3))"),
        };
        language.pick(nl, en)
    }

    /// How many assessments the cycle ends with (art. 2 lid 3: two in probation).
    pub fn assessments(self) -> usize {
        match self {
            CycleKind::Probation => 2,
            _ => 1,
        }
    }
}

/// What a conversation of the cycle is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConversationKind {
    Planning,
    Progress,
    Assessment,
}

impl ConversationKind {
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            ConversationKind::Planning => ("Planningsgesprek", "Planning conversation"),
            ConversationKind::Progress => ("Voortgangsgesprek", "Progress conversation"),
            ConversationKind::Assessment => ("Beoordelingsgesprek", "Assessment conversation"),
        };
        language.pick(nl, en)
    }
}

/// One conversation the cycle asks for, with its last day (`by`) or, for progress, the day it
/// is due around (art. 5 lid 1 names no deadline: "halverwege").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Planned {
    pub kind: ConversationKind,
    /// 1 for the first of its kind, 2 for the second assessment of a probation.
    pub number: u8,
    pub by: Date,
    /// `false` for a guide date (progress), `true` for a deadline of the regulation.
    pub is_deadline: bool,
}

/// Why the cycle cannot be planned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    /// A probation needs the day of the decision on a permanent appointment.
    DecisionMissing,
    Probation(ProbationError),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::DecisionMissing => {
                f.write_str("a probation cycle needs the day of the decision (art. 2 lid 3)")
            }
            PlanError::Probation(inner) => inner.fmt(f),
        }
    }
}

impl std::error::Error for PlanError {}

/// The cycle's first and last day and its conversations in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CyclePlan {
    pub starts: Date,
    pub ends: Date,
    pub conversations: Vec<Planned>,
}

/// Plans the cycle of `kind` starting on `start` (the entry day for a new employee and a
/// probation; any day of the cycle's first year otherwise), with `decision` for a probation.
pub fn plan(kind: CycleKind, start: Date, decision: Option<Date>) -> Result<CyclePlan, PlanError> {
    let regular = |length: CycleLength| {
        let cycle = Cycle::containing(start, length);
        CyclePlan {
            starts: cycle.start(),
            ends: cycle.end(),
            conversations: vec![
                planned(
                    ConversationKind::Planning,
                    1,
                    cycle.planning_deadline(),
                    true,
                ),
                planned(
                    ConversationKind::Progress,
                    1,
                    cycle.progress_midpoint(),
                    false,
                ),
                planned(
                    ConversationKind::Assessment,
                    1,
                    cycle.assessment_deadline(),
                    true,
                ),
            ],
        }
    };
    match kind {
        CycleKind::TwoYears => Ok(regular(CycleLength::TwoYears)),
        CycleKind::OneYear => Ok(regular(CycleLength::OneYear)),
        CycleKind::Entrant => {
            let schedule = EntrantSchedule::new(start, CycleLength::TwoYears);
            let mut conversations = vec![planned(
                ConversationKind::Planning,
                1,
                schedule.planning_deadline,
                true,
            )];
            let midpoint = schedule.cycle.progress_midpoint();
            if midpoint > schedule.planning_deadline {
                conversations.push(planned(ConversationKind::Progress, 1, midpoint, false));
            }
            conversations.push(planned(
                ConversationKind::Assessment,
                1,
                schedule.assessment_deadline,
                true,
            ));
            Ok(CyclePlan {
                starts: start,
                ends: schedule.cycle.end(),
                conversations,
            })
        }
        CycleKind::Probation => {
            let decision = decision.ok_or(PlanError::DecisionMissing)?;
            let schedule = ProbationSchedule::new(start, decision).map_err(PlanError::Probation)?;
            Ok(CyclePlan {
                starts: start,
                ends: decision,
                conversations: vec![
                    planned(
                        ConversationKind::Planning,
                        1,
                        schedule.planning_deadline,
                        true,
                    ),
                    planned(
                        ConversationKind::Assessment,
                        1,
                        schedule.first_assessment_deadline,
                        true,
                    ),
                    planned(
                        ConversationKind::Assessment,
                        2,
                        schedule.second_assessment_deadline,
                        true,
                    ),
                ],
            })
        }
    }
}

fn planned(kind: ConversationKind, number: u8, by: Date, is_deadline: bool) -> Planned {
    Planned {
        kind,
        number,
        by,
        is_deadline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn art_2_1_and_4_1_two_year_cycle_planning_before_31_may_assessment_by_year_end() {
        let plan = plan(CycleKind::TwoYears, d(2027, 2, 3), None).unwrap();
        assert_eq!((plan.starts, plan.ends), (d(2026, 1, 1), d(2027, 12, 31)));
        let days: Vec<_> = plan.conversations.iter().map(|p| (p.kind, p.by)).collect();
        assert_eq!(
            days,
            vec![
                (ConversationKind::Planning, d(2026, 5, 30)),
                (ConversationKind::Progress, d(2027, 1, 1)),
                (ConversationKind::Assessment, d(2027, 12, 31)),
            ]
        );
        assert!(!plan.conversations[1].is_deadline);
    }

    #[test]
    fn art_2_2_one_year_cycle_is_its_own_calendar_year() {
        let plan = plan(CycleKind::OneYear, d(2028, 8, 1), None).unwrap();
        assert_eq!((plan.starts, plan.ends), (d(2028, 1, 1), d(2028, 12, 31)));
        assert_eq!(plan.conversations[0].by, d(2028, 5, 30));
    }

    #[test]
    fn art_2_7_a_new_employee_plans_within_a_month_and_is_assessed_with_the_organisation() {
        let plan = plan(CycleKind::Entrant, d(2027, 1, 31), None).unwrap();
        assert_eq!(plan.starts, d(2027, 1, 31));
        assert_eq!(plan.conversations[0].by, d(2027, 2, 28));
        assert_eq!(plan.conversations.last().unwrap().by, d(2027, 12, 31));
        // Entering after the midpoint: no separate progress conversation is asked for.
        assert_eq!(plan.conversations.len(), 2);
        let early = super::plan(CycleKind::Entrant, d(2026, 3, 1), None).unwrap();
        assert_eq!(early.conversations.len(), 3);
    }

    #[test]
    fn art_2_3_and_6_2_probation_has_one_planning_and_two_assessments() {
        let plan = plan(CycleKind::Probation, d(2027, 4, 1), Some(d(2028, 4, 1))).unwrap();
        let days: Vec<_> = plan
            .conversations
            .iter()
            .map(|p| (p.kind, p.number, p.by))
            .collect();
        assert_eq!(
            days,
            vec![
                (ConversationKind::Planning, 1, d(2027, 5, 1)),
                (ConversationKind::Assessment, 1, d(2027, 9, 1)),
                (ConversationKind::Assessment, 2, d(2028, 3, 1)),
            ]
        );
        assert_eq!(CycleKind::Probation.assessments(), 2);
        assert_eq!(plan.ends, d(2028, 4, 1));
    }

    #[test]
    fn art_2_3_probation_without_a_decision_or_too_short_is_refused() {
        assert_eq!(
            plan(CycleKind::Probation, d(2027, 4, 1), None),
            Err(PlanError::DecisionMissing)
        );
        assert!(matches!(
            plan(CycleKind::Probation, d(2027, 4, 1), Some(d(2027, 6, 1))),
            Err(PlanError::Probation(
                ProbationError::ProbationTooShort { .. }
            ))
        ));
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in CycleKind::ALL {
            assert_eq!(CycleKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(CycleKind::parse("yearly"), None);
    }
}
