//! The final qualification as the manager sets it (seed 004 art. 6 lid 6–8, 12).
//!
//! The computed [`Proposal`] is advice; the manager's setting is what counts. Article 6 lid 8
//! asks that "de (eind)kwalificatie(s) … voldoende concreet toegelicht/gemotiveerd" be, so every
//! setting carries a non-empty [`Motivation`], whether it follows the proposal, deviates from it,
//! or uses the crucial-competency rule of lid 7. What the setting records is *why* it is what it
//! is ([`Basis`]) and how far it is from the proposal ([`FinalQualification::deviation`]), so the
//! record and the employee see any deviation.

use std::fmt;

use super::final_qualification::Proposal;
use super::qualification::Qualification;
use crate::domain::language::Language;

/// The longest motivation accepted, in characters: a page of text, enough for "voldoende
/// concreet" and small enough for the record and its PDF.
pub const MAX_MOTIVATION_CHARS: usize = 5_000;

/// A manager's written motivation (art. 6 lid 8): trimmed, not empty, at most
/// [`MAX_MOTIVATION_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Motivation(String);

impl Motivation {
    /// Parses the text a manager typed.
    pub fn parse(text: &str) -> Result<Motivation, SetFinalError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(SetFinalError::MotivationMissing);
        }
        let length = trimmed.chars().count();
        if length > MAX_MOTIVATION_CHARS {
            return Err(SetFinalError::MotivationTooLong { length });
        }
        Ok(Motivation(trimmed.to_string()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the manager chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalChoice {
    /// A qualification chosen on the weighing of art. 6 lid 6: the proposal's or another one.
    Qualification(Qualification),
    /// "Onvoldoende" under art. 6 lid 7, because a crucial competency was rated "onvoldoende".
    CrucialCompetencyRule,
}

/// Why the final qualification is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The manager set the proposed label (art. 6 lid 6).
    FollowsProposal,
    /// The manager set another label than the proposal (art. 6 lid 6 and 8).
    DeviatesFromProposal,
    /// The manager set "onvoldoende" under the crucial-competency rule (art. 6 lid 7).
    CrucialCompetencyRule,
}

impl Basis {
    /// A short label for the record, Dutch first.
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Basis::FollowsProposal => language.pick(
                "conform het voorstel (art. 6 lid 6)",
                "as proposed (art. 6(6))",
            ),
            Basis::DeviatesFromProposal => language.pick(
                "afwijkend van het voorstel (art. 6 lid 6)",
                "deviating from the proposal (art. 6(6))",
            ),
            Basis::CrucialCompetencyRule => language.pick(
                "onvoldoende op een cruciale competentie (art. 6 lid 7)",
                "insufficient on a crucial competency (art. 6(7))",
            ),
        }
    }
}

/// Why a setting is refused. Nothing is stored when it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetFinalError {
    /// No motivation given (art. 6 lid 8).
    MotivationMissing,
    /// A motivation longer than [`MAX_MOTIVATION_CHARS`].
    MotivationTooLong {
        /// Its length in characters.
        length: usize,
    },
    /// The crucial-competency rule was chosen, but no crucial competency was rated
    /// "onvoldoende" (art. 6 lid 7).
    CrucialRuleNotAvailable,
}

impl fmt::Display for SetFinalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetFinalError::MotivationMissing => {
                f.write_str("the final qualification needs a motivation (art. 6 lid 8)")
            }
            SetFinalError::MotivationTooLong { length } => write!(
                f,
                "the motivation has {length} characters; at most {MAX_MOTIVATION_CHARS} are allowed"
            ),
            SetFinalError::CrucialRuleNotAvailable => f.write_str(
                "the crucial-competency rule applies only when a crucial competency is rated \
                 onvoldoende (art. 6 lid 7)",
            ),
        }
    }
}

impl std::error::Error for SetFinalError {}

/// The final qualification the manager set, with the proposal it was set against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinalQualification {
    qualification: Qualification,
    proposed: Qualification,
    basis: Basis,
    motivation: Motivation,
}

impl FinalQualification {
    /// Sets the final qualification against `proposal`. Refused without a motivation, with an
    /// oversized one, or with the crucial rule when the proposal does not offer it.
    pub fn set(
        proposal: &Proposal,
        choice: FinalChoice,
        motivation: &str,
    ) -> Result<FinalQualification, SetFinalError> {
        let (qualification, basis) = match choice {
            FinalChoice::CrucialCompetencyRule => match &proposal.crucial_rule {
                Some(rule) => (rule.qualification(), Basis::CrucialCompetencyRule),
                None => return Err(SetFinalError::CrucialRuleNotAvailable),
            },
            FinalChoice::Qualification(q) if q == proposal.qualification => {
                (q, Basis::FollowsProposal)
            }
            FinalChoice::Qualification(q) => (q, Basis::DeviatesFromProposal),
        };
        let motivation = Motivation::parse(motivation)?;
        Ok(FinalQualification {
            qualification,
            proposed: proposal.qualification,
            basis,
            motivation,
        })
    }

    /// The qualification that counts.
    pub fn qualification(&self) -> Qualification {
        self.qualification
    }

    /// The label the proposal gave.
    pub fn proposed(&self) -> Qualification {
        self.proposed
    }

    /// Why it is what it is.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// The manager's motivation.
    pub fn motivation(&self) -> &Motivation {
        &self.motivation
    }

    /// How the setting differs from the proposal.
    pub fn deviation(&self) -> Deviation {
        Deviation {
            proposed: self.proposed,
            set: self.qualification,
        }
    }
}

/// The difference between the proposed and the set final qualification, in label steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deviation {
    /// The computed proposal.
    pub proposed: Qualification,
    /// What the manager set.
    pub set: Qualification,
}

impl Deviation {
    /// Steps up (positive) or down (negative) from the proposal: −4 to 4, 0 when equal.
    pub fn steps(self) -> i8 {
        self.set.score() as i8 - self.proposed.score() as i8
    }

    /// Whether the set qualification differs from the proposal.
    pub fn is_deviation(self) -> bool {
        self.steps() != 0
    }

    /// One line for the record: "2 stappen lager dan het voorstel (Goed)".
    pub fn describe(self, language: Language) -> String {
        let steps = self.steps();
        let count = steps.unsigned_abs();
        let label = self.proposed.label();
        match (language, steps.signum()) {
            (Language::Nl, 0) => format!("gelijk aan het voorstel ({})", label.nl),
            (Language::En, 0) => format!("the same as the proposal ({})", label.en),
            (Language::Nl, sign) => format!(
                "{count} {} {} dan het voorstel ({})",
                if count == 1 { "stap" } else { "stappen" },
                if sign > 0 { "hoger" } else { "lager" },
                label.nl
            ),
            (Language::En, sign) => format!(
                "{count} {} {} the proposal ({})",
                if count == 1 { "step" } else { "steps" },
                if sign > 0 { "above" } else { "below" },
                label.en
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::appraisal::final_qualification::{
        AssessmentRatings, CompetencyRating, WorkAgreementRating, propose,
    };
    use Qualification::*;
    use proptest::prelude::*;

    fn proposal(work: Qualification, crucial_onvoldoende: bool) -> Proposal {
        propose(&AssessmentRatings {
            work_agreements: vec![WorkAgreementRating::equal(work)],
            knowledge_level: work,
            competencies: vec![CompetencyRating {
                competency: "integriteit".into(),
                qualification: if crucial_onvoldoende {
                    Onvoldoende
                } else {
                    work
                },
                crucial: true,
            }],
        })
        .unwrap()
    }

    #[test]
    fn article_6_6_following_the_proposal_is_no_deviation() {
        let p = proposal(Goed, false);
        let set = FinalQualification::set(&p, FinalChoice::Qualification(Goed), "Zie toelichting.")
            .unwrap();
        assert_eq!(set.basis(), Basis::FollowsProposal);
        assert!(!set.deviation().is_deviation());
        assert_eq!(
            set.deviation().describe(Language::Nl),
            "gelijk aan het voorstel (Goed)"
        );
    }

    #[test]
    fn article_6_6_the_managers_setting_is_what_counts_and_shows_its_deviation() {
        let p = proposal(Goed, false);
        let set = FinalQualification::set(
            &p,
            FinalChoice::Qualification(EnigszinsOnvoldoende),
            "  Afspraak 2 niet gehaald.  ",
        )
        .unwrap();
        assert_eq!(set.qualification(), EnigszinsOnvoldoende);
        assert_eq!(set.proposed(), Goed);
        assert_eq!(set.basis(), Basis::DeviatesFromProposal);
        assert_eq!(set.motivation().as_str(), "Afspraak 2 niet gehaald.");
        assert_eq!(set.deviation().steps(), -2);
        assert_eq!(
            set.deviation().describe(Language::Nl),
            "2 stappen lager dan het voorstel (Goed)"
        );
        assert_eq!(
            set.deviation().describe(Language::En),
            "2 steps below the proposal (Good)"
        );
    }

    #[test]
    fn article_6_8_every_final_qualification_needs_a_motivation() {
        let p = proposal(Normaal, true);
        for choice in [
            FinalChoice::Qualification(Normaal),
            FinalChoice::Qualification(Goed),
            FinalChoice::CrucialCompetencyRule,
        ] {
            assert_eq!(
                FinalQualification::set(&p, choice, " \n\t "),
                Err(SetFinalError::MotivationMissing)
            );
        }
        let long = "a".repeat(MAX_MOTIVATION_CHARS + 1);
        assert_eq!(
            FinalQualification::set(&p, FinalChoice::Qualification(Normaal), &long),
            Err(SetFinalError::MotivationTooLong {
                length: MAX_MOTIVATION_CHARS + 1
            })
        );
        let longest = "é".repeat(MAX_MOTIVATION_CHARS);
        assert!(FinalQualification::set(&p, FinalChoice::Qualification(Normaal), &longest).is_ok());
    }

    #[test]
    fn article_6_7_crucial_rule_sets_onvoldoende_when_offered() {
        let p = proposal(Goed, true);
        assert_ne!(p.qualification, Onvoldoende);
        let set = FinalQualification::set(
            &p,
            FinalChoice::CrucialCompetencyRule,
            "Integriteit is cruciaal voor deze functie.",
        )
        .unwrap();
        assert_eq!(set.qualification(), Onvoldoende);
        assert_eq!(set.basis(), Basis::CrucialCompetencyRule);
        assert!(set.deviation().is_deviation());
        assert!(
            Basis::CrucialCompetencyRule
                .label(Language::Nl)
                .contains("art. 6 lid 7")
        );
    }

    #[test]
    fn article_6_7_crucial_rule_refused_when_not_offered() {
        let p = proposal(Goed, false);
        assert_eq!(
            FinalQualification::set(&p, FinalChoice::CrucialCompetencyRule, "Motivatie"),
            Err(SetFinalError::CrucialRuleNotAvailable)
        );
    }

    #[test]
    fn article_6_7_manager_may_decline_the_crucial_rule() {
        let p = proposal(Goed, true);
        let set =
            FinalQualification::set(&p, FinalChoice::Qualification(p.qualification), "Ok").unwrap();
        assert_eq!(set.basis(), Basis::FollowsProposal);
        assert_eq!(set.qualification(), p.qualification);
    }

    proptest! {
        #[test]
        fn article_6_6_deviation_is_set_minus_proposed(
            proposed in 0usize..5, chosen in 0usize..5,
        ) {
            let p = proposal(Qualification::ALL[proposed], false);
            let q = Qualification::ALL[chosen];
            let set = FinalQualification::set(&p, FinalChoice::Qualification(q), "m").unwrap();
            let d = set.deviation();
            prop_assert_eq!(i32::from(d.steps()), chosen as i32 - proposed as i32);
            prop_assert_eq!(d.is_deviation(), set.basis() == Basis::DeviatesFromProposal);
        }
    }
}
