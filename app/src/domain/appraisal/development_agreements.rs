//! Which competencies an employee's development agreements (ontwikkelingsafspraken) are made on:
//! the count rule of seed 004 art. 3 lid 2–3, its toelichting, and part 2 of the competency guide.
//!
//! * Every profile holds the **3 core competencies** (kerncompetenties: samenwerken,
//!   klantgericht werken, integriteit; art. 1 sub d, art. 3 lid 2).
//! * An ordinary profile holds **4 job-specific competencies** (functiespecifieke; art. 3 lid 2
//!   "in beginsel vier"), and the manager "kan nog maximaal twee competenties uit de
//!   competentiegids hieraan toevoegen na overleg met de medewerker": **0 to 2 of the manager's
//!   choice** (keuzecompetenties; the guide adds "alleen … als het echt noodzakelijk is").
//! * **Vakspecialist** (art. 3 lid 3 and its toelichting): the profile names no specific
//!   competencies, so the manager sets the four after consultation, and may still add up to two
//!   (art. 3 lid 2). The guide's matrix says "(Team)manager vult naar eigen inzicht 6
//!   competenties in": read together, 4 required plus 0–2 optional, 6 at most.
//! * **Management profiles** (sturende functies; toelichting art. 3 lid 2 and the guide's
//!   "Uitzonderingen"): 6 job-oriented competencies are fixed and nothing may be added, since
//!   "al het maximale aantal van 9 competenties is toegewezen".
//! * Never more than **9** in all, and no competency twice.
//!
//! Plain inputs (a profile kind and a list of ids with their source), so this rule does not
//! depend on the catalog's types; a caller maps a catalog `Profile` with
//! [`ProfileKind::from_profile_shape`].

use std::collections::HashSet;
use std::fmt;

/// The number of core competencies of every profile (art. 3 lid 2).
pub const CORE_COUNT: usize = 3;
/// The most competencies any employee has development agreements on (toelichting art. 3 lid 2).
pub const MAX_TOTAL: usize = 9;

/// The kind of competency profile, which decides the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileKind {
    /// 3 core + 4 specific from the profile + 0–2 of the manager's choice (art. 3 lid 2).
    Ordinary,
    /// 3 core + 4 specific set by the manager + 0–2 of the manager's choice (art. 3 lid 3).
    Vakspecialist,
    /// 3 core + 6 fixed, no choice (toelichting art. 3 lid 2: sturende functies).
    Management,
}

/// The counts a profile kind allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountRule {
    /// Exactly this many core competencies.
    pub core: usize,
    /// Exactly this many job-specific ones (for a Vakspecialist: set by the manager).
    pub specific: usize,
    /// At most this many of the manager's own choice.
    pub manager_choice_max: usize,
}

impl ProfileKind {
    /// The kind of a catalog profile, from its shape: a fixed selection is a management profile;
    /// one without specific competencies is the Vakspecialist case; any other is ordinary.
    pub fn from_profile_shape(specific_listed: usize, fixed: bool) -> ProfileKind {
        if fixed {
            ProfileKind::Management
        } else if specific_listed == 0 {
            ProfileKind::Vakspecialist
        } else {
            ProfileKind::Ordinary
        }
    }

    /// The counts this kind allows.
    pub fn count_rule(self) -> CountRule {
        match self {
            ProfileKind::Ordinary | ProfileKind::Vakspecialist => CountRule {
                core: CORE_COUNT,
                specific: 4,
                manager_choice_max: 2,
            },
            ProfileKind::Management => CountRule {
                core: CORE_COUNT,
                specific: 6,
                manager_choice_max: 0,
            },
        }
    }
}

/// Where a competency in the selection comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompetencySource {
    /// One of the three core competencies.
    Core,
    /// A job-specific competency: from the profile, or set by the manager for a Vakspecialist.
    Specific,
    /// Added by the manager after consultation (keuzecompetentie).
    ManagerChoice,
}

/// One competency of the selection: its framework id and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectedCompetency<'a> {
    /// The competency's id in the framework.
    pub id: &'a str,
    /// Why it is in the selection.
    pub source: CompetencySource,
}

/// One broken count rule. All are reported at once, so a form can show every problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectionError {
    /// Not exactly the required number of core competencies (art. 3 lid 2).
    CoreCount {
        /// The required number.
        expected: usize,
        /// The number given.
        found: usize,
    },
    /// Not exactly the required number of specific competencies (art. 3 lid 2–3).
    SpecificCount {
        /// The required number.
        expected: usize,
        /// The number given.
        found: usize,
    },
    /// More of the manager's choice than allowed (art. 3 lid 2; none for management profiles).
    TooManyManagerChoices {
        /// The most allowed.
        max: usize,
        /// The number given.
        found: usize,
    },
    /// More than nine in all.
    TooMany {
        /// The number given.
        found: usize,
    },
    /// The same competency more than once.
    Duplicate(String),
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectionError::CoreCount { expected, found } => write!(
                f,
                "{expected} core competencies are required (art. 3 lid 2), not {found}"
            ),
            SelectionError::SpecificCount { expected, found } => write!(
                f,
                "{expected} job-specific competencies are required (art. 3 lid 2-3), not {found}"
            ),
            SelectionError::TooManyManagerChoices { max, found } => write!(
                f,
                "at most {max} competencies of the manager's choice may be added (art. 3 lid 2), \
                 not {found}"
            ),
            SelectionError::TooMany { found } => {
                write!(f, "at most {MAX_TOTAL} competencies in all, not {found}")
            }
            SelectionError::Duplicate(id) => write!(f, "competency {id:?} is chosen twice"),
        }
    }
}

impl std::error::Error for SelectionError {}

/// The counts of a selection that keeps the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectionSummary {
    /// Core competencies (always 3).
    pub core: usize,
    /// Job-specific competencies.
    pub specific: usize,
    /// Competencies of the manager's choice.
    pub manager_choice: usize,
}

impl SelectionSummary {
    /// All competencies development agreements are made on.
    pub fn total(self) -> usize {
        self.core + self.specific + self.manager_choice
    }
}

/// Checks a selection against the count rule of its profile kind; returns every problem.
pub fn check_selection(
    kind: ProfileKind,
    selection: &[SelectedCompetency<'_>],
) -> Result<SelectionSummary, Vec<SelectionError>> {
    let rule = kind.count_rule();
    let count = |source| selection.iter().filter(|s| s.source == source).count();
    let summary = SelectionSummary {
        core: count(CompetencySource::Core),
        specific: count(CompetencySource::Specific),
        manager_choice: count(CompetencySource::ManagerChoice),
    };
    let mut errors = Vec::new();
    if summary.core != rule.core {
        errors.push(SelectionError::CoreCount {
            expected: rule.core,
            found: summary.core,
        });
    }
    if summary.specific != rule.specific {
        errors.push(SelectionError::SpecificCount {
            expected: rule.specific,
            found: summary.specific,
        });
    }
    if summary.manager_choice > rule.manager_choice_max {
        errors.push(SelectionError::TooManyManagerChoices {
            max: rule.manager_choice_max,
            found: summary.manager_choice,
        });
    }
    if summary.total() > MAX_TOTAL {
        errors.push(SelectionError::TooMany {
            found: summary.total(),
        });
    }
    let mut seen = HashSet::new();
    for selected in selection {
        if !seen.insert(selected.id) {
            errors.push(SelectionError::Duplicate(selected.id.to_string()));
        }
    }
    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompetencySource::*;
    use proptest::prelude::*;

    const CORE: [&str; 3] = ["samenwerken", "klantgericht-werken", "integriteit"];
    const OTHERS: [&str; 10] = [
        "analyseren",
        "initiatief",
        "luisteren",
        "motiveren",
        "presentatie",
        "vernieuwen",
        "besluitvaardigheid",
        "flexibel-zijn",
        "vasthoudendheid",
        "oordeelsvorming",
    ];

    fn selection(specific: usize, choice: usize) -> Vec<SelectedCompetency<'static>> {
        let core = CORE
            .iter()
            .map(|id| SelectedCompetency { id, source: Core });
        let specific_ones = OTHERS[..specific].iter().map(|id| SelectedCompetency {
            id,
            source: Specific,
        });
        let choices = OTHERS[specific..specific + choice]
            .iter()
            .map(|id| SelectedCompetency {
                id,
                source: ManagerChoice,
            });
        core.chain(specific_ones).chain(choices).collect()
    }

    #[test]
    fn article_3_2_ordinary_profile_three_core_four_specific_up_to_two_choices() {
        for choice in 0..=2 {
            let summary = check_selection(ProfileKind::Ordinary, &selection(4, choice)).unwrap();
            assert_eq!(summary.total(), 7 + choice);
        }
        assert_eq!(
            check_selection(ProfileKind::Ordinary, &selection(4, 3)),
            Err(vec![
                SelectionError::TooManyManagerChoices { max: 2, found: 3 },
                SelectionError::TooMany { found: 10 },
            ])
        );
        assert_eq!(
            check_selection(ProfileKind::Ordinary, &selection(3, 0)),
            Err(vec![SelectionError::SpecificCount {
                expected: 4,
                found: 3
            }])
        );
    }

    #[test]
    fn article_3_2_core_competencies_are_always_three() {
        let mut two_core = selection(4, 0);
        two_core.remove(0);
        assert_eq!(
            check_selection(ProfileKind::Ordinary, &two_core),
            Err(vec![SelectionError::CoreCount {
                expected: 3,
                found: 2
            }])
        );
    }

    #[test]
    fn article_3_3_vakspecialist_manager_sets_four_and_may_add_two() {
        assert_eq!(
            ProfileKind::from_profile_shape(0, false),
            ProfileKind::Vakspecialist
        );
        assert!(check_selection(ProfileKind::Vakspecialist, &selection(4, 2)).is_ok());
        assert!(check_selection(ProfileKind::Vakspecialist, &selection(4, 0)).is_ok());
        let errors = check_selection(ProfileKind::Vakspecialist, &selection(0, 6)).unwrap_err();
        assert!(errors.contains(&SelectionError::SpecificCount {
            expected: 4,
            found: 0
        }));
    }

    #[test]
    fn toelichting_article_3_2_management_profiles_have_six_fixed_and_no_choice() {
        assert_eq!(
            ProfileKind::from_profile_shape(6, true),
            ProfileKind::Management
        );
        assert_eq!(
            check_selection(ProfileKind::Management, &selection(6, 0)).map(|s| s.total()),
            Ok(MAX_TOTAL)
        );
        let errors = check_selection(ProfileKind::Management, &selection(6, 1)).unwrap_err();
        assert!(errors.contains(&SelectionError::TooManyManagerChoices { max: 0, found: 1 }));
        assert!(errors.contains(&SelectionError::TooMany { found: 10 }));
    }

    #[test]
    fn article_3_2_a_competency_counts_once() {
        let mut twice = selection(4, 0);
        twice.push(SelectedCompetency {
            id: "analyseren",
            source: ManagerChoice,
        });
        assert_eq!(
            check_selection(ProfileKind::Ordinary, &twice),
            Err(vec![SelectionError::Duplicate("analyseren".into())])
        );
    }

    #[test]
    fn article_3_2_ordinary_profile_shape() {
        assert_eq!(
            ProfileKind::from_profile_shape(4, false),
            ProfileKind::Ordinary
        );
        assert!(
            SelectionError::TooMany { found: 10 }
                .to_string()
                .contains('9')
        );
    }

    proptest! {
        #[test]
        fn article_3_2_accepted_selections_never_exceed_nine(
            kind in prop_oneof![
                Just(ProfileKind::Ordinary),
                Just(ProfileKind::Vakspecialist),
                Just(ProfileKind::Management),
            ],
            specific in 0usize..=7, choice in 0usize..=3,
        ) {
            let rule = kind.count_rule();
            let result = check_selection(kind, &selection(specific, choice));
            let allowed = specific == rule.specific && choice <= rule.manager_choice_max;
            prop_assert_eq!(result.is_ok(), allowed);
            if let Ok(summary) = result {
                prop_assert!(summary.total() <= MAX_TOTAL);
                prop_assert_eq!(summary.core, CORE_COUNT);
            }
        }
    }
}
