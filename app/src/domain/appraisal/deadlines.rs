//! The deadlines of the cycle "het goede gesprek" (seed 004 art. 2, 4, 5 and 6).
//!
//! Every deadline is a whole calendar day: the **last day** on which the step is still in time
//! (inclusive). How each is read:
//!
//! | rule | article | last day |
//! |---|---|---|
//! | planning conversation "vóór 31 mei", every cycle | 4 lid 1 | 30 May of the cycle's first year |
//! | progress conversation "halverwege de cyclus" | 5 lid 1 | no deadline; the midpoint is shown as a guide |
//! | assessment conversation "vóór het einde van de cyclus" | 6 lid 1 | 31 December of the cycle's last year |
//! | cycle starts "binnen een maand" after entry | 2 lid 7 | entry + 1 month |
//! | concept "minimaal één week" before the conversation | 6 lid 3 | conversation − 7 days |
//! | objections "binnen twee weken na het beoordelingsgesprek" | 6 lid 11 | conversation + 14 days |
//! | objection conversation "binnen twee weken" after filing | 6 lid 12 | filing + 14 days |
//! | assessment set "uiterlijk vier weken na het bedenkingengesprek" | 6 lid 12 | that conversation + 28 days |
//! | probation: first assessment "maximaal 5 maanden na indiensttreding" | 6 lid 2 | entry + 5 months |
//! | probation: second assessment "één maand voor de beslissing" | 6 lid 2 | decision − 1 month |
//!
//! Weeks are exactly seven days. Months follow [`super::month_arithmetic`] (same day number, or
//! the last day of a shorter month). A deadline that falls on a Saturday, Sunday or public
//! holiday stays there: the regulation does not move it (it does not invoke the Algemene
//! termijnenwet), so the product does not either.
//!
//! Cycles are calendar years (toelichting art. 2 lid 1: "in principe 2 kalenderjaren"). The
//! two-year cycles of the organisation run from even years (2014–2015, 2016–2017, …): the
//! regulation took effect on 1 January 2014 (art. 8 lid 2) and the toelichting's example has a new
//! cycle start "begin 2016". A one-year cycle (art. 2 lid 2 and 4) is a single calendar year.

use std::fmt;

use super::month_arithmetic::add_months;
use crate::domain::calendar::Date;

/// The first year of the first two-year cycle: the regulation took effect on 1 January 2014
/// (art. 8 lid 2).
pub const FIRST_CYCLE_YEAR: i32 = 2014;

/// How long a cycle runs (art. 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CycleLength {
    /// The rule: three conversations per two years (art. 2 lid 1).
    TwoYears,
    /// The manager's choice (art. 2 lid 2), or an employee not yet in the salary scale of the
    /// job ("aanloopschaal", art. 2 lid 4).
    OneYear,
}

impl CycleLength {
    fn years(self) -> i32 {
        match self {
            CycleLength::TwoYears => 2,
            CycleLength::OneYear => 1,
        }
    }
}

/// One cycle: whole calendar years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cycle {
    /// The calendar year the cycle starts in (1 January).
    pub first_year: i32,
    /// One or two years.
    pub length: CycleLength,
}

impl Cycle {
    /// The cycle that contains `date`. Two-year cycles start in even years, counted from
    /// [`FIRST_CYCLE_YEAR`]; a one-year cycle is the date's own year.
    pub fn containing(date: Date, length: CycleLength) -> Cycle {
        let offset = (date.year - FIRST_CYCLE_YEAR).rem_euclid(length.years());
        Cycle {
            first_year: date.year - offset,
            length,
        }
    }

    /// The cycle after this one, of the same length.
    pub fn next(self) -> Cycle {
        Cycle {
            first_year: self.first_year + self.length.years(),
            length: self.length,
        }
    }

    /// 1 January of the first year.
    pub fn start(self) -> Date {
        Date {
            year: self.first_year,
            month: 1,
            day: 1,
        }
    }

    /// 31 December of the last year: the last day of the cycle.
    pub fn end(self) -> Date {
        Date {
            year: self.first_year + self.length.years() - 1,
            month: 12,
            day: 31,
        }
    }

    /// Art. 4 lid 1: the planning agreements are made "vóór 31 mei": the last day is 30 May of
    /// the first year. The article says "iedere twee jaar"; a one-year cycle has its own planning
    /// conversation, so its deadline is 30 May of its one year.
    pub fn planning_deadline(self) -> Date {
        Date {
            year: self.first_year,
            month: 5,
            day: 30,
        }
    }

    /// Art. 5 lid 1: progress is discussed "halverwege de cyclus" at least once. Not a deadline:
    /// the middle day of the cycle, shown as a guide (1 January of the second year of a
    /// two-year cycle; 2 July of a one-year cycle, leap year or not).
    pub fn progress_midpoint(self) -> Date {
        let first = self.start().days_since_epoch();
        let last = self.end().days_since_epoch();
        Date::from_days_since_epoch(first + (last - first + 1) / 2)
    }

    /// Art. 6 lid 1: the assessment conversation is held "vóór het einde van de cyclus": the
    /// last day is the cycle's last day, 31 December.
    pub fn assessment_deadline(self) -> Date {
        self.end()
    }
}

/// Art. 2 lid 7: "Na indiensttreding start de gesprekscyclus binnen een maand": the first
/// (planning) conversation is held by entry + 1 month. Toelichting art. 2 lid 1: the first cycle
/// is shortened to end with the organisation's cycle ([`Cycle::containing`] the entry date), so
/// the 30 May deadline does not apply to it.
pub fn cycle_start_deadline(entry: Date) -> Date {
    add_months(entry, 1)
}

/// The first cycle of an employee who enters during a cycle (not on probation): the planning
/// conversation within a month of entry (art. 2 lid 7), and the cycle shortened so that it ends
/// with the organisation's cycle (toelichting art. 2 lid 1), with the assessment by its last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntrantSchedule {
    /// The day of entry.
    pub entry: Date,
    /// The organisation's cycle the entry falls in; the employee's first cycle ends with it.
    pub cycle: Cycle,
    /// Art. 2 lid 7: entry + 1 month.
    pub planning_deadline: Date,
    /// Art. 6 lid 1: the last day of the (shortened) cycle.
    pub assessment_deadline: Date,
}

impl EntrantSchedule {
    /// The first cycle of an employee entering on `entry`, in cycles of `length`.
    pub fn new(entry: Date, length: CycleLength) -> EntrantSchedule {
        let cycle = Cycle::containing(entry, length);
        EntrantSchedule {
            entry,
            cycle,
            planning_deadline: cycle_start_deadline(entry),
            assessment_deadline: cycle.assessment_deadline(),
        }
    }
}

/// Art. 6 lid 3: the employee receives the concept assessment "minimaal één week" before the
/// assessment conversation: the last day of release is 7 days before the conversation.
pub fn concept_release_deadline(conversation: Date) -> Date {
    conversation.add_days(-7)
}

/// Art. 6 lid 3, the other way round: the earliest day the assessment conversation may be held
/// after the concept was released: 7 days later.
pub fn earliest_assessment_conversation(concept_released: Date) -> Date {
    concept_released.add_days(7)
}

/// Why an assessment conversation may not be held on a day (art. 6 lid 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConceptNotReleasedInTime {
    /// The concept has not been released at all.
    NotReleased,
    /// Released, but less than a week before; the conversation may be held from `earliest`.
    TooLate {
        /// The earliest allowed conversation day.
        earliest: Date,
    },
}

impl fmt::Display for ConceptNotReleasedInTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConceptNotReleasedInTime::NotReleased => f.write_str(
                "the concept assessment must be released at least a week before the \
                 conversation (art. 6 lid 3); it has not been released",
            ),
            ConceptNotReleasedInTime::TooLate { earliest } => write!(
                f,
                "the concept assessment was released less than a week before (art. 6 lid 3); \
                 the conversation can be held from {}",
                earliest.iso()
            ),
        }
    }
}

impl std::error::Error for ConceptNotReleasedInTime {}

/// Art. 6 lid 3: may the assessment conversation be held on `conversation`, given the day the
/// concept was released? Released exactly 7 days before is in time.
pub fn check_concept_released(
    concept_released: Option<Date>,
    conversation: Date,
) -> Result<(), ConceptNotReleasedInTime> {
    let released = concept_released.ok_or(ConceptNotReleasedInTime::NotReleased)?;
    let earliest = earliest_assessment_conversation(released);
    if conversation >= earliest {
        Ok(())
    } else {
        Err(ConceptNotReleasedInTime::TooLate { earliest })
    }
}

/// Art. 6 lid 11: objections (bedenkingen) are filed "binnen twee weken na het
/// beoordelingsgesprek": the last day is the conversation + 14 days.
pub fn objections_deadline(conversation: Date) -> Date {
    conversation.add_days(14)
}

/// Art. 6 lid 11: without objections in time, the manager sets the assessment: from the day
/// after [`objections_deadline`].
pub fn set_without_objections_from(conversation: Date) -> Date {
    objections_deadline(conversation).add_days(1)
}

/// Art. 6 lid 12: the employee is given the chance to explain the objections "binnen twee weken
/// nadat hij dit heeft gedaan": the last day is the filing + 14 days.
pub fn objection_conversation_deadline(objections_filed: Date) -> Date {
    objections_filed.add_days(14)
}

/// Art. 6 lid 12: the manager sets the assessment "uiterlijk vier weken na het
/// bedenkingengesprek": the last day is that conversation + 28 days. The article states this
/// limit for the case where the manager does not (fully) share the objections; when he meets them
/// in full it names no limit, and the product applies the same four weeks as the outer limit.
pub fn final_decision_deadline(objection_conversation: Date) -> Date {
    objection_conversation.add_days(28)
}

/// The schedule of a probation appointment (aanstelling bij wijze van proef): one planning and
/// two assessment conversations within one year (art. 2 lid 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbationSchedule {
    /// The day of entry (indiensttreding).
    pub entry: Date,
    /// The day of the decision on a permanent appointment.
    pub decision: Date,
    /// Art. 2 lid 7: planning within a month of entry.
    pub planning_deadline: Date,
    /// Art. 6 lid 2: first assessment "maximaal 5 maanden na indiensttreding".
    pub first_assessment_deadline: Date,
    /// Art. 6 lid 2: second assessment "één maand voor de beslissing" (read as: at the latest).
    pub second_assessment_deadline: Date,
}

/// Why a probation schedule cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbationError {
    /// The decision is not after entry.
    DecisionNotAfterEntry,
    /// The second assessment (decision − 1 month) would fall before the last day of the first
    /// (entry + 5 months): the regulation's schedule does not fit such a short probation, which
    /// is for the College to decide (art. 7, hardheidsclausule).
    ProbationTooShort {
        /// The earliest decision day for which the schedule fits.
        earliest_decision: Date,
    },
}

impl fmt::Display for ProbationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbationError::DecisionNotAfterEntry => {
                f.write_str("the decision on a permanent appointment must come after entry")
            }
            ProbationError::ProbationTooShort { earliest_decision } => write!(
                f,
                "the probation is too short for two assessments (art. 6 lid 2); the decision \
                 must be on or after {}",
                earliest_decision.iso()
            ),
        }
    }
}

impl std::error::Error for ProbationError {}

impl ProbationSchedule {
    /// The schedule for a probation from `entry` with the decision on `decision`.
    pub fn new(entry: Date, decision: Date) -> Result<ProbationSchedule, ProbationError> {
        if decision <= entry {
            return Err(ProbationError::DecisionNotAfterEntry);
        }
        let first = add_months(entry, 5);
        let second = add_months(decision, -1);
        if second < first {
            // The smallest decision whose "minus one month" is not before `first`. Month steps
            // are monotone, so walk up from one month after `first` until it fits (a month end
            // such as 31 January needs 1 March), then down while the day before still fits.
            let mut earliest_decision = add_months(first, 1);
            while add_months(earliest_decision, -1) < first {
                earliest_decision = earliest_decision.add_days(1);
            }
            while add_months(earliest_decision.add_days(-1), -1) >= first {
                earliest_decision = earliest_decision.add_days(-1);
            }
            return Err(ProbationError::ProbationTooShort { earliest_decision });
        }
        Ok(ProbationSchedule {
            entry,
            decision,
            planning_deadline: cycle_start_deadline(entry),
            first_assessment_deadline: first,
            second_assessment_deadline: second,
        })
    }

    /// The usual probation of one year (art. 2 lid 3, toelichting art. 2 lid 1: entry on
    /// 1 April 2014, conversations "tot 1 april 2015"): the decision on entry + 12 months.
    pub fn one_year(entry: Date) -> ProbationSchedule {
        let decision = add_months(entry, 12);
        // A year always leaves room: second (entry + 11 months) is after first (entry + 5).
        ProbationSchedule::new(entry, decision).unwrap_or(ProbationSchedule {
            entry,
            decision,
            planning_deadline: cycle_start_deadline(entry),
            first_assessment_deadline: add_months(entry, 5),
            second_assessment_deadline: add_months(decision, -1),
        })
    }

    /// The regular cycle the employee joins after probation (toelichting art. 2 lid 1: after
    /// probation from 1 April 2014, "einde 2015 volgt dan opnieuw een beoordeling en begin 2016
    /// start een nieuwe cyclus"): the two-year cycle containing the decision.
    pub fn following_cycle(&self) -> Cycle {
        Cycle::containing(self.decision, CycleLength::TwoYears)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::appraisal::month_arithmetic::days_in_month;
    use proptest::prelude::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn article_4_1_planning_before_31_may_is_30_may_of_the_first_year() {
        let cycle = Cycle::containing(date(2027, 8, 1), CycleLength::TwoYears);
        assert_eq!(cycle.first_year, 2026);
        assert_eq!(cycle.planning_deadline(), date(2026, 5, 30));
        assert_eq!(cycle.next().planning_deadline(), date(2028, 5, 30));
        let one = Cycle::containing(date(2027, 8, 1), CycleLength::OneYear);
        assert_eq!(one.planning_deadline(), date(2027, 5, 30));
    }

    #[test]
    fn article_4_1_planning_deadline_is_not_moved_off_a_weekend() {
        // 30 May 2026 is a Saturday, 30 May 2027 a Sunday: both stay.
        assert_eq!(date(2026, 5, 30).weekday(), 5);
        assert_eq!(date(2027, 5, 30).weekday(), 6);
        let cycle = Cycle::containing(date(2026, 1, 1), CycleLength::TwoYears);
        assert_eq!(cycle.planning_deadline(), date(2026, 5, 30));
        assert_eq!(
            Cycle::containing(date(2027, 1, 1), CycleLength::OneYear).planning_deadline(),
            date(2027, 5, 30)
        );
    }

    #[test]
    fn article_2_1_two_year_cycles_run_from_even_years_since_2014() {
        for (year, first) in [
            (2014, 2014),
            (2015, 2014),
            (2016, 2016),
            (2027, 2026),
            (2013, 2012),
        ] {
            let cycle = Cycle::containing(date(year, 6, 1), CycleLength::TwoYears);
            assert_eq!(cycle.first_year, first, "{year}");
            assert_eq!(cycle.start(), date(first, 1, 1));
            assert_eq!(cycle.end(), date(first + 1, 12, 31));
        }
    }

    #[test]
    fn article_2_2_and_2_4_one_year_cycle_is_one_calendar_year() {
        let cycle = Cycle::containing(date(2027, 3, 3), CycleLength::OneYear);
        assert_eq!(
            (cycle.start(), cycle.end()),
            (date(2027, 1, 1), date(2027, 12, 31))
        );
        assert_eq!(cycle.next().first_year, 2028);
    }

    #[test]
    fn article_5_1_progress_midpoint_is_halfway() {
        let two = Cycle::containing(date(2026, 1, 1), CycleLength::TwoYears);
        assert_eq!(two.progress_midpoint(), date(2027, 1, 1));
        let one = Cycle::containing(date(2027, 1, 1), CycleLength::OneYear);
        assert_eq!(one.progress_midpoint(), date(2027, 7, 2));
        let leap = Cycle::containing(date(2028, 1, 1), CycleLength::OneYear);
        assert_eq!(leap.progress_midpoint(), date(2028, 7, 2));
    }

    #[test]
    fn article_6_1_assessment_before_the_end_of_the_cycle() {
        let cycle = Cycle::containing(date(2026, 1, 1), CycleLength::TwoYears);
        assert_eq!(cycle.assessment_deadline(), date(2027, 12, 31));
    }

    #[test]
    fn article_2_7_cycle_starts_within_a_month_of_entry() {
        assert_eq!(cycle_start_deadline(date(2026, 3, 15)), date(2026, 4, 15));
        assert_eq!(cycle_start_deadline(date(2026, 1, 31)), date(2026, 2, 28));
        assert_eq!(cycle_start_deadline(date(2028, 1, 31)), date(2028, 2, 29));
        assert_eq!(cycle_start_deadline(date(2026, 12, 20)), date(2027, 1, 20));
    }

    #[test]
    fn article_2_7_entrant_plans_within_a_month_and_the_first_cycle_is_shortened() {
        let s = EntrantSchedule::new(date(2026, 9, 14), CycleLength::TwoYears);
        assert_eq!(s.planning_deadline, date(2026, 10, 14));
        assert_eq!(s.cycle.first_year, 2026);
        assert_eq!(s.assessment_deadline, date(2027, 12, 31));
        let one = EntrantSchedule::new(date(2027, 9, 14), CycleLength::OneYear);
        assert_eq!(one.assessment_deadline, date(2027, 12, 31));
    }

    #[test]
    fn article_6_3_concept_at_least_one_week_before() {
        assert_eq!(
            concept_release_deadline(date(2026, 12, 11)),
            date(2026, 12, 4)
        );
        assert_eq!(
            concept_release_deadline(date(2027, 1, 5)),
            date(2026, 12, 29)
        );
        assert_eq!(
            earliest_assessment_conversation(date(2028, 2, 25)),
            date(2028, 3, 3)
        );
        assert_eq!(
            check_concept_released(Some(date(2026, 12, 4)), date(2026, 12, 11)),
            Ok(())
        );
        assert_eq!(
            check_concept_released(Some(date(2026, 11, 1)), date(2026, 12, 11)),
            Ok(())
        );
        assert_eq!(
            check_concept_released(Some(date(2026, 12, 5)), date(2026, 12, 11)),
            Err(ConceptNotReleasedInTime::TooLate {
                earliest: date(2026, 12, 12)
            })
        );
        assert_eq!(
            check_concept_released(None, date(2026, 12, 11)),
            Err(ConceptNotReleasedInTime::NotReleased)
        );
    }

    #[test]
    fn article_6_11_objections_within_two_weeks() {
        assert_eq!(objections_deadline(date(2026, 12, 21)), date(2027, 1, 4));
        assert_eq!(
            set_without_objections_from(date(2026, 12, 21)),
            date(2027, 1, 5)
        );
        // 14 days after a Saturday is a Saturday, and stays one.
        assert_eq!(objections_deadline(date(2026, 12, 5)).weekday(), 5);
    }

    #[test]
    fn article_6_12_objection_conversation_within_two_weeks_and_decision_within_four() {
        assert_eq!(
            objection_conversation_deadline(date(2028, 2, 20)),
            date(2028, 3, 5)
        );
        assert_eq!(
            objection_conversation_deadline(date(2027, 2, 20)),
            date(2027, 3, 6)
        );
        assert_eq!(final_decision_deadline(date(2028, 2, 1)), date(2028, 2, 29));
        assert_eq!(final_decision_deadline(date(2027, 2, 1)), date(2027, 3, 1));
    }

    #[test]
    fn article_6_2_probation_from_the_toelichting_example() {
        // Toelichting art. 2 lid 1: entry 1 April 2014, conversations until 1 April 2015.
        let s = ProbationSchedule::one_year(date(2014, 4, 1));
        assert_eq!(s.decision, date(2015, 4, 1));
        assert_eq!(s.planning_deadline, date(2014, 5, 1));
        assert_eq!(s.first_assessment_deadline, date(2014, 9, 1));
        assert_eq!(s.second_assessment_deadline, date(2015, 3, 1));
        // "Einde 2015 volgt dan opnieuw een beoordeling en begin 2016 start een nieuwe cyclus."
        let cycle = s.following_cycle();
        assert_eq!(cycle.assessment_deadline(), date(2015, 12, 31));
        assert_eq!(cycle.next().start(), date(2016, 1, 1));
    }

    #[test]
    fn article_6_2_probation_at_month_ends_and_leap_years() {
        let s = ProbationSchedule::one_year(date(2027, 9, 30));
        assert_eq!(s.first_assessment_deadline, date(2028, 2, 29));
        let s = ProbationSchedule::one_year(date(2028, 2, 29));
        assert_eq!(s.decision, date(2029, 2, 28));
        assert_eq!(s.second_assessment_deadline, date(2029, 1, 28));
        assert_eq!(s.first_assessment_deadline, date(2028, 7, 29));
        let s = ProbationSchedule::one_year(date(2026, 1, 31));
        assert_eq!(s.planning_deadline, date(2026, 2, 28));
        assert_eq!(s.first_assessment_deadline, date(2026, 6, 30));
        assert_eq!(s.second_assessment_deadline, date(2026, 12, 31));
    }

    #[test]
    fn article_6_2_probation_too_short_for_two_assessments_is_refused() {
        let entry = date(2026, 1, 15);
        assert_eq!(
            ProbationSchedule::new(entry, entry),
            Err(ProbationError::DecisionNotAfterEntry)
        );
        assert_eq!(
            ProbationSchedule::new(entry, date(2026, 7, 14)),
            Err(ProbationError::ProbationTooShort {
                earliest_decision: date(2026, 7, 15)
            })
        );
        let fits = ProbationSchedule::new(entry, date(2026, 7, 15)).unwrap();
        assert_eq!(
            fits.first_assessment_deadline,
            fits.second_assessment_deadline
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1970i32..=2400, 1u8..=12, 1u8..=31)
            .prop_map(|(y, m, d)| date(y, m, d.min(days_in_month(y, m))))
    }

    proptest! {
        #[test]
        fn article_4_1_planning_is_always_30_may_whatever_the_weekday(
            d in any_date(), two in any::<bool>(),
        ) {
            let length = if two { CycleLength::TwoYears } else { CycleLength::OneYear };
            let cycle = Cycle::containing(d, length);
            let planning = cycle.planning_deadline();
            prop_assert_eq!((planning.month, planning.day), (5, 30));
            prop_assert_eq!(planning.year, cycle.first_year);
            prop_assert!(cycle.start() <= d && d <= cycle.end());
            prop_assert!(cycle.start() < planning && planning < cycle.assessment_deadline());
            prop_assert!(planning < cycle.progress_midpoint());
            prop_assert_eq!(cycle.next().start(), cycle.end().add_days(1));
            if two {
                prop_assert_eq!((cycle.first_year - FIRST_CYCLE_YEAR).rem_euclid(2), 0);
            }
        }

        #[test]
        fn article_6_day_periods_are_exact_days_and_never_shifted(d in any_date()) {
            let days = |a: Date, b: Date| b.days_since_epoch() - a.days_since_epoch();
            prop_assert_eq!(days(concept_release_deadline(d), d), 7);
            prop_assert_eq!(days(d, objections_deadline(d)), 14);
            prop_assert_eq!(days(d, objection_conversation_deadline(d)), 14);
            prop_assert_eq!(days(d, final_decision_deadline(d)), 28);
            // Whole weeks keep the weekday: a weekday is never moved, a weekend day neither.
            prop_assert_eq!(concept_release_deadline(d).weekday(), d.weekday());
            prop_assert_eq!(objections_deadline(d).weekday(), d.weekday());
            prop_assert_eq!(final_decision_deadline(d).weekday(), d.weekday());
        }

        #[test]
        fn article_6_3_released_a_week_before_is_exactly_the_boundary(
            released in any_date(), delta in -30i64..=30,
        ) {
            let conversation = released.add_days(7 + delta);
            prop_assert_eq!(
                check_concept_released(Some(released), conversation).is_ok(),
                delta >= 0
            );
            prop_assert_eq!(
                concept_release_deadline(conversation) >= released,
                delta >= 0
            );
        }

        #[test]
        fn article_6_2_probation_schedule_is_ordered(entry in any_date()) {
            let s = ProbationSchedule::one_year(entry);
            prop_assert!(s.entry < s.planning_deadline);
            prop_assert!(s.planning_deadline < s.first_assessment_deadline);
            prop_assert!(s.first_assessment_deadline < s.second_assessment_deadline);
            prop_assert!(s.second_assessment_deadline < s.decision);
            // Art. 2 lid 3: all within one year.
            prop_assert!(s.decision <= add_months(entry, 12));
            prop_assert_eq!(ProbationSchedule::new(entry, s.decision), Ok(s));
        }

        #[test]
        fn article_6_2_probation_of_any_length_is_ordered_or_refused(
            entry in any_date(), days in 1i64..=800,
        ) {
            let decision = entry.add_days(days);
            match ProbationSchedule::new(entry, decision) {
                Ok(s) => {
                    prop_assert!(s.first_assessment_deadline <= s.second_assessment_deadline);
                    prop_assert!(s.second_assessment_deadline < s.decision);
                    prop_assert!(s.planning_deadline < s.first_assessment_deadline);
                }
                Err(ProbationError::ProbationTooShort { earliest_decision }) => {
                    prop_assert!(decision < earliest_decision);
                    prop_assert!(ProbationSchedule::new(entry, earliest_decision).is_ok());
                    let before = earliest_decision.add_days(-1);
                    prop_assert!(ProbationSchedule::new(entry, before).is_err());
                }
                Err(ProbationError::DecisionNotAfterEntry) => prop_assert!(false),
            }
        }

        #[test]
        fn article_2_7_cycle_start_is_one_month_on_leap_years_included(d in any_date()) {
            let start = cycle_start_deadline(d);
            prop_assert!(start > d);
            prop_assert!(start.days_since_epoch() - d.days_since_epoch() <= 31);
            prop_assert!(start.days_since_epoch() - d.days_since_epoch() >= 28);
            if d.month == 1 && d.day >= 29 {
                let feb = days_in_month(d.year, 2);
                prop_assert_eq!(start, date(d.year, 2, feb));
            }
        }
    }
}
