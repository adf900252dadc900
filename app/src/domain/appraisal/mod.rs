//! The computable rules of Maastricht's "Regeling gesprekscyclus het goede gesprek" (seed 004,
//! articles 1–6 and the toelichting): the assessment cycle that ends in a formal final
//! qualification. Pure logic: no I/O, no Leptos, no database.
//!
//! * [`qualification`]: the five qualifications of art. 6 lid 5 (onvoldoende … uitstekend) with
//!   their definitions word for word, parsed at the boundary, scored 1–5.
//! * [`weight`]: the weight of a work agreement (art. 4 lid 2): equal unless set otherwise,
//!   strictly positive, an exact decimal.
//! * [`final_qualification`]: the proposal of art. 6 lid 6. Part (a) is the weighted mean of
//!   the work agreements; part (b) the plain mean of the knowledge level and the competencies
//!   (the knowledge level counting as one item); the score is `(a + b) / 2`; it is rounded to the
//!   nearest label with a half rounding up (1.5, 2.5, 3.5 and 4.5 go up). Career agreements are
//!   never weighed (art. 6 lid 4). An "onvoldoende" on a crucial competency *offers* "onvoldoende"
//!   as final (art. 6 lid 7); it never overrides the proposal by itself. All arithmetic is exact
//!   (integers and fractions), so the boundaries are exact.
//! * [`final_setting`]: what the manager sets, which is what counts: a qualification with a
//!   non-empty motivation (art. 6 lid 8), the basis (as proposed, deviating, or the crucial
//!   rule) and the deviation from the proposal in label steps.
//! * [`deadlines`]: the calendar of the cycle. Cycles are calendar years (two, or one in the
//!   variants of art. 2 lid 2 and 4); planning by 30 May ("vóór 31 mei", art. 4 lid 1); the
//!   assessment by 31 December of the last year (art. 6 lid 1); the cycle starts within a month
//!   of entry (art. 2 lid 7); the concept a week before the conversation (art. 6 lid 3);
//!   objections within two weeks, the objection conversation within two weeks, the final
//!   setting within four weeks after it (art. 6 lid 11–12); the probation schedule (art. 2 lid 3,
//!   6 lid 2). Deadlines are inclusive last days and are never moved off a weekend.
//! * [`month_arithmetic`]: a month after 31 January is the last day of February (the same day
//!   number, or the last day of a shorter month); leap years as in the Gregorian calendar.
//! * [`development_agreements`]: the count rule of art. 3 lid 2–3: 3 core + 4 specific + at most
//!   2 of the manager's choice; a Vakspecialist's 4 specific set by the manager; management
//!   profiles 3 + 6 fixed; never more than 9.
//! * [`competency_choice`]: a cycle's profile from the competency guide, read at the level of
//!   the job's salary scale, with the manager's choices, checked by that count rule.
//!
//! `ARITHMETIC.md` next to this file explains the arithmetic with two worked examples (which are
//! tested below).

pub mod assessment_flow;
pub mod command;
pub mod competency_choice;
pub mod cycle_plan;
pub mod deadlines;
pub mod development_agreements;
pub mod final_qualification;
pub mod final_setting;
pub mod month_arithmetic;
pub mod overview;
pub mod qualification;
pub mod view;
pub mod weight;

#[cfg(test)]
mod tests {
    use super::final_qualification::{
        AssessmentRatings, CompetencyRating, ExactScore, WorkAgreementRating, propose,
    };
    use super::final_setting::{Basis, FinalChoice, FinalQualification};
    use super::qualification::Qualification::{self, *};
    use super::weight::Weight;
    use crate::domain::language::Language;

    fn competencies(list: &[(&str, Qualification, bool)]) -> Vec<CompetencyRating> {
        list.iter()
            .map(|&(id, qualification, crucial)| CompetencyRating {
                competency: id.into(),
                qualification,
                crucial,
            })
            .collect()
    }

    #[test]
    fn arithmetic_md_example_1_article_6_6_set_weights() {
        let work = [(Goed, 50), (Normaal, 30), (EnigszinsOnvoldoende, 20)]
            .map(|(qualification, weight)| WorkAgreementRating {
                qualification,
                weight: Weight::whole(weight).unwrap(),
            })
            .to_vec();
        let p = propose(&AssessmentRatings {
            work_agreements: work,
            knowledge_level: Normaal,
            competencies: competencies(&[
                ("samenwerken", Goed, false),
                ("klantgericht-werken", Goed, false),
                ("integriteit", Normaal, false),
                ("analyseren", Normaal, false),
                ("initiatief", Normaal, false),
                ("vernieuwen", Uitstekend, false),
                ("luisteren", Normaal, false),
            ]),
        })
        .unwrap();
        assert_eq!(p.work_agreements.format(Language::En), "3.30");
        assert_eq!(p.knowledge_and_competencies.format(Language::En), "3.50");
        assert_eq!(p.score.format(Language::Nl), "3,40");
        assert_eq!(p.qualification, Normaal);
        assert_eq!(p.crucial_rule, None);
    }

    #[test]
    fn arithmetic_md_example_2_article_6_7_crucial_competency() {
        let p = propose(&AssessmentRatings {
            work_agreements: vec![WorkAgreementRating::equal(Goed); 3],
            knowledge_level: Goed,
            competencies: competencies(&[
                ("integriteit", Onvoldoende, true),
                ("samenwerken", Normaal, false),
                ("klantgericht-werken", Normaal, false),
                ("analyseren", Normaal, false),
                ("initiatief", Normaal, false),
                ("vernieuwen", Goed, false),
                ("luisteren", Goed, false),
            ]),
        })
        .unwrap();
        assert_eq!(p.work_agreements, ExactScore::whole(4));
        assert_eq!(
            (
                p.knowledge_and_competencies.numerator(),
                p.knowledge_and_competencies.denominator()
            ),
            (25, 8)
        );
        assert_eq!((p.score.numerator(), p.score.denominator()), (57, 16));
        assert_eq!(p.qualification, Goed);
        let rule = p.crucial_rule.clone().expect("art. 6 lid 7 offered");
        assert_eq!(rule.competencies, vec!["integriteit".to_string()]);

        let set = FinalQualification::set(
            &p,
            FinalChoice::CrucialCompetencyRule,
            "Integriteit is cruciaal voor deze functie en werd onvoldoende beoordeeld.",
        )
        .unwrap();
        assert_eq!(set.qualification(), Onvoldoende);
        assert_eq!(set.basis(), Basis::CrucialCompetencyRule);
        assert_eq!(set.deviation().steps(), -3);
    }

    #[test]
    fn arithmetic_md_boundary_article_6_6_exactly_three_and_a_half_is_goed() {
        let p = propose(&AssessmentRatings {
            work_agreements: vec![WorkAgreementRating::equal(Goed); 2],
            knowledge_level: Normaal,
            competencies: competencies(&[("a", Normaal, false); 7]),
        })
        .unwrap();
        assert_eq!(p.qualification, Goed);
        let lower = propose(&AssessmentRatings {
            competencies: {
                let mut c = competencies(&[("a", Normaal, false); 7]);
                c[0].qualification = EnigszinsOnvoldoende;
                c
            },
            ..AssessmentRatings {
                work_agreements: vec![WorkAgreementRating::equal(Goed); 2],
                knowledge_level: Normaal,
                competencies: vec![],
            }
        })
        .unwrap();
        assert_eq!(lower.qualification, Normaal);
    }
}
