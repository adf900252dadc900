//! The proposed final qualification (eindkwalificatie) of an assessment, seed 004 art. 6 lid 4–7.
//!
//! The rules, and how the product computes them:
//! * Art. 6 lid 4: the manager assesses (a) the work agreements (werkafspraken) and (b) "het
//!   kennis- en competentieniveau en de daarover gemaakte ontwikkelingsafspraken". Career
//!   agreements (loopbaanafspraken) are evaluated "deze wegen niet mee in de eindbeoordeling":
//!   they have no place in [`AssessmentRatings`] at all ([`ItemKind::part`] routes them nowhere).
//! * Art. 6 lid 5: each work agreement, each competency and the knowledge level gets one of the
//!   five [`Qualification`]s, scored 1–5.
//! * Art. 4 lid 2: everything weighs equally unless another weight is set *per work agreement*.
//!   So (a) is the weighted mean of the work agreements, and (b) the plain mean of the knowledge
//!   level and the competencies, the knowledge level counting as one item like a competency (the
//!   regulation does not split (b) further; this reading is documented in `ARITHMETIC.md`).
//! * Art. 6 lid 6: (a) and (b) each count for 50 %: the score is `(a + b) / 2`.
//! * The score is rounded to the nearest label, a half rounding **up** (see
//!   [`round_to_qualification`]). The regulation gives no rounding rule; the result is only a
//!   proposal, since the manager sets the final qualification with a motivation (art. 6 lid 6
//!   and 8, [`super::final_setting`]).
//! * Art. 6 lid 7: an "onvoldoende" on a competency marked crucial *allows* the manager to set
//!   "onvoldoende" as final. The proposal offers it ([`Proposal::crucial_rule`]); it never
//!   overrides the computed label by itself.
//!
//! All arithmetic is exact: weights are whole ten-thousandths and every mean a fraction of
//! integers, so a score of exactly 3.5 is exactly 3.5 and rounds the same on every machine.

use std::cmp::Ordering;
use std::fmt;

use super::qualification::Qualification;
use super::weight::Weight;
use crate::domain::language::Language;

/// The kind of an item in an assessment, to route it to its part (art. 6 lid 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A work agreement (werkafspraak), part (a).
    WorkAgreement,
    /// The knowledge level (kennisniveau), part (b).
    KnowledgeLevel,
    /// A competency with its development agreements (ontwikkelingsafspraken), part (b).
    Competency,
    /// A career or life-phase agreement (loopbaanafspraak): evaluated, never weighed.
    CareerAgreement,
}

/// The two halves of the final qualification (art. 6 lid 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// (a) "de realisatie van de gemaakte afspraken over de uit te voeren werkzaamheden".
    WorkAgreements,
    /// (b) "het kennis- en competentieniveau en de daarover gemaakte ontwikkelingsafspraken".
    KnowledgeAndCompetencies,
}

impl ItemKind {
    /// The part an item counts in; `None` for a career agreement (art. 6 lid 4: "deze wegen niet
    /// mee in de eindbeoordeling").
    pub fn part(self) -> Option<Part> {
        match self {
            ItemKind::WorkAgreement => Some(Part::WorkAgreements),
            ItemKind::KnowledgeLevel | ItemKind::Competency => Some(Part::KnowledgeAndCompetencies),
            ItemKind::CareerAgreement => None,
        }
    }
}

/// One rated work agreement with its weight (art. 4 lid 2, art. 6 lid 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkAgreementRating {
    /// The qualification given to the agreement's realisation.
    pub qualification: Qualification,
    /// Its weight; [`Weight::EQUAL`] unless another was set after consultation.
    pub weight: Weight,
}

impl WorkAgreementRating {
    /// A work agreement with the equal weight of art. 4 lid 2.
    pub fn equal(qualification: Qualification) -> WorkAgreementRating {
        WorkAgreementRating {
            qualification,
            weight: Weight::EQUAL,
        }
    }
}

/// One rated competency (art. 6 lid 5), and whether it is crucial for doing the job well
/// (art. 6 lid 7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompetencyRating {
    /// The competency's id in the framework (e.g. "samenwerken").
    pub competency: String,
    /// The qualification given.
    pub qualification: Qualification,
    /// "Cruciaal voor een goede functievervulling" (art. 6 lid 7).
    pub crucial: bool,
}

/// Everything that is weighed in an assessment. Career agreements are deliberately absent
/// (art. 6 lid 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRatings {
    /// Part (a): at least one.
    pub work_agreements: Vec<WorkAgreementRating>,
    /// Part (b): the knowledge level, always rated (art. 6 lid 5).
    pub knowledge_level: Qualification,
    /// Part (b): the profile's competencies, at least one.
    pub competencies: Vec<CompetencyRating>,
}

/// Why no proposal can be computed. Nothing is guessed: the caller shows the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProposalError {
    /// No work agreement to weigh, so the weights sum to zero and part (a) has no mean.
    WeightsSumToZero,
    /// No competency rated, so part (b) would be the knowledge level alone.
    NoCompetencies,
}

impl fmt::Display for ProposalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProposalError::WeightsSumToZero => f.write_str(
                "the weights of the work agreements sum to zero: rate at least one work agreement",
            ),
            ProposalError::NoCompetencies => {
                f.write_str("no competency is rated: rate the competencies of the profile")
            }
        }
    }
}

impl std::error::Error for ProposalError {}

/// An exact score between 1 and 5: a fraction in lowest terms.
#[derive(Clone, Copy, Debug)]
pub struct ExactScore {
    numerator: u128,
    denominator: u128,
}

impl ExactScore {
    /// `numerator / denominator`, reduced. The denominator must not be zero (callers in this
    /// module guarantee it).
    fn new(numerator: u128, denominator: u128) -> ExactScore {
        debug_assert!(denominator > 0);
        let divisor = gcd(numerator, denominator).max(1);
        ExactScore {
            numerator: numerator / divisor,
            denominator: denominator / divisor,
        }
    }

    /// A whole score 1–5.
    pub fn whole(score: u8) -> ExactScore {
        ExactScore::new(u128::from(score), 1)
    }

    /// The numerator in lowest terms.
    pub fn numerator(self) -> u128 {
        self.numerator
    }

    /// The denominator in lowest terms (never zero).
    pub fn denominator(self) -> u128 {
        self.denominator
    }

    /// The score in hundredths, rounded half up: for display only, never for a decision.
    pub fn hundredths(self) -> u128 {
        (200 * self.numerator + self.denominator) / (2 * self.denominator)
    }

    /// The score with two decimals: "3,25" in Dutch, "3.25" in English (display only).
    pub fn format(self, language: Language) -> String {
        let hundredths = self.hundredths();
        let separator = language.pick(",", ".");
        format!("{}{separator}{:02}", hundredths / 100, hundredths % 100)
    }
}

impl PartialEq for ExactScore {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ExactScore {}

impl PartialOrd for ExactScore {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ExactScore {
    /// Compares by cross-multiplication: exact.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.numerator * other.denominator).cmp(&(other.numerator * self.denominator))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The offer of art. 6 lid 7: one or more competencies marked crucial were rated
/// "onvoldoende", so the manager *may* set "onvoldoende" as the final qualification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrucialRule {
    /// The crucial competencies rated "onvoldoende", in the order they were given.
    pub competencies: Vec<String>,
}

impl CrucialRule {
    /// The final qualification the rule allows: always "onvoldoende".
    pub fn qualification(&self) -> Qualification {
        Qualification::Onvoldoende
    }
}

/// The computed proposal: both parts, the combined score, its label, and the crucial-competency
/// option when it applies. The manager's setting ([`super::final_setting`]) is what counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// (a) The weighted mean of the work agreements.
    pub work_agreements: ExactScore,
    /// (b) The mean of the knowledge level and the competencies.
    pub knowledge_and_competencies: ExactScore,
    /// `(a + b) / 2` (art. 6 lid 6: each part 50 %).
    pub score: ExactScore,
    /// The score rounded to a label ([`round_to_qualification`]).
    pub qualification: Qualification,
    /// The art. 6 lid 7 option, when a crucial competency was rated "onvoldoende".
    pub crucial_rule: Option<CrucialRule>,
}

/// Computes the proposal of art. 6 lid 6 (see the module doc for every step).
pub fn propose(ratings: &AssessmentRatings) -> Result<Proposal, ProposalError> {
    let work_agreements = work_agreements_part(&ratings.work_agreements)?;
    let knowledge_and_competencies =
        knowledge_and_competencies_part(ratings.knowledge_level, &ratings.competencies)?;
    let score = half_and_half(work_agreements, knowledge_and_competencies);
    let crucial: Vec<String> = ratings
        .competencies
        .iter()
        .filter(|c| c.crucial && c.qualification == Qualification::Onvoldoende)
        .map(|c| c.competency.clone())
        .collect();
    Ok(Proposal {
        work_agreements,
        knowledge_and_competencies,
        score,
        qualification: round_to_qualification(score),
        crucial_rule: (!crucial.is_empty()).then_some(CrucialRule {
            competencies: crucial,
        }),
    })
}

/// Part (a): `Σ weight × score / Σ weight` (art. 4 lid 2, art. 6 lid 4a).
pub fn work_agreements_part(ratings: &[WorkAgreementRating]) -> Result<ExactScore, ProposalError> {
    let total: u128 = ratings
        .iter()
        .map(|r| u128::from(r.weight.ten_thousandths()))
        .sum();
    if total == 0 {
        return Err(ProposalError::WeightsSumToZero);
    }
    let weighted: u128 = ratings
        .iter()
        .map(|r| u128::from(r.weight.ten_thousandths()) * u128::from(r.qualification.score()))
        .sum();
    Ok(ExactScore::new(weighted, total))
}

/// Part (b): the plain mean of the knowledge level and every competency, each counting once
/// (art. 4 lid 2: competencies weigh equally; art. 6 lid 4b).
pub fn knowledge_and_competencies_part(
    knowledge_level: Qualification,
    competencies: &[CompetencyRating],
) -> Result<ExactScore, ProposalError> {
    if competencies.is_empty() {
        return Err(ProposalError::NoCompetencies);
    }
    let sum: u128 = u128::from(knowledge_level.score())
        + competencies
            .iter()
            .map(|c| u128::from(c.qualification.score()))
            .sum::<u128>();
    Ok(ExactScore::new(sum, competencies.len() as u128 + 1))
}

/// Art. 6 lid 6: "Beide onderdelen wegen ieder voor 50% mee": `(a + b) / 2`.
pub fn half_and_half(a: ExactScore, b: ExactScore) -> ExactScore {
    ExactScore::new(
        a.numerator * b.denominator + b.numerator * a.denominator,
        2 * a.denominator * b.denominator,
    )
}

/// Rounds a score to the nearest label, a half rounding up: below 1.5 onvoldoende, from 1.5
/// enigszins onvoldoende, from 2.5 normaal, from 3.5 goed, from 4.5 uitstekend. Computed as
/// `⌊score + ½⌋ = ⌊(2n + d) / 2d⌋` in integers, clamped to 1–5.
///
/// Why half up: the regulation has no rounding rule; "5,5 wordt 6" is the Dutch convention
/// everyone knows from school marks, and the result is only a proposal that the manager sets
/// with a motivation (art. 6 lid 6 and 8), so the benefit of the doubt goes to the employee.
pub fn round_to_qualification(score: ExactScore) -> Qualification {
    let rounded = (2 * score.numerator + score.denominator) / (2 * score.denominator);
    let clamped = rounded.clamp(1, 5) as u8;
    Qualification::from_score(clamped).unwrap_or(Qualification::Normaal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualification::*;
    use proptest::prelude::*;

    fn competency(id: &str, q: Qualification) -> CompetencyRating {
        CompetencyRating {
            competency: id.into(),
            qualification: q,
            crucial: false,
        }
    }

    fn crucial(id: &str, q: Qualification) -> CompetencyRating {
        CompetencyRating {
            crucial: true,
            ..competency(id, q)
        }
    }

    fn weighted(q: Qualification, weight: u64) -> WorkAgreementRating {
        WorkAgreementRating {
            qualification: q,
            weight: Weight::whole(weight).unwrap(),
        }
    }

    fn ratings(
        work: Vec<WorkAgreementRating>,
        knowledge: Qualification,
        competencies: Vec<CompetencyRating>,
    ) -> AssessmentRatings {
        AssessmentRatings {
            work_agreements: work,
            knowledge_level: knowledge,
            competencies,
        }
    }

    fn frac(n: u128, d: u128) -> ExactScore {
        ExactScore::new(n, d)
    }

    #[test]
    fn article_6_6_everything_normaal_proposes_normaal() {
        let p = propose(&ratings(
            vec![WorkAgreementRating::equal(Normaal); 3],
            Normaal,
            vec![competency("samenwerken", Normaal); 7],
        ))
        .unwrap();
        assert_eq!(p.score, ExactScore::whole(3));
        assert_eq!(p.qualification, Normaal);
        assert_eq!(p.crucial_rule, None);
    }

    #[test]
    fn article_4_2_work_agreements_weigh_equally_unless_set_otherwise() {
        let equal = work_agreements_part(&[
            WorkAgreementRating::equal(Goed),
            WorkAgreementRating::equal(EnigszinsOnvoldoende),
        ])
        .unwrap();
        assert_eq!(equal, ExactScore::whole(3));
        let set =
            work_agreements_part(&[weighted(Goed, 3), weighted(EnigszinsOnvoldoende, 1)]).unwrap();
        assert_eq!(set, frac(14, 4)); // (3×4 + 1×2) / 4 = 3.5
    }

    #[test]
    fn article_4_2_weights_that_sum_to_zero_are_refused() {
        assert_eq!(
            propose(&ratings(vec![], Goed, vec![competency("x", Goed)])),
            Err(ProposalError::WeightsSumToZero)
        );
        assert!(ProposalError::WeightsSumToZero.to_string().contains("zero"));
    }

    #[test]
    fn article_6_5_knowledge_and_competencies_are_required() {
        assert_eq!(
            propose(&ratings(
                vec![WorkAgreementRating::equal(Goed)],
                Goed,
                vec![]
            )),
            Err(ProposalError::NoCompetencies)
        );
    }

    #[test]
    fn article_6_4_b_knowledge_level_counts_as_one_item_with_the_competencies() {
        let b = knowledge_and_competencies_part(
            Uitstekend,
            &[
                competency("a", Normaal),
                competency("b", Normaal),
                competency("c", Normaal),
            ],
        )
        .unwrap();
        assert_eq!(b, frac(14, 4)); // (5 + 3 + 3 + 3) / 4
    }

    #[test]
    fn article_6_6_each_part_counts_fifty_percent() {
        // Part (a) all uitstekend, part (b) all onvoldoende: exactly the middle.
        let p = propose(&ratings(
            vec![WorkAgreementRating::equal(Uitstekend); 5],
            Onvoldoende,
            vec![competency("a", Onvoldoende); 9],
        ))
        .unwrap();
        assert_eq!(p.work_agreements, ExactScore::whole(5));
        assert_eq!(p.knowledge_and_competencies, ExactScore::whole(1));
        assert_eq!(p.score, ExactScore::whole(3));
        assert_eq!(p.qualification, Normaal);
    }

    #[test]
    fn article_6_6_many_competencies_do_not_outweigh_one_work_agreement() {
        let p = propose(&ratings(
            vec![WorkAgreementRating::equal(Goed)],
            Normaal,
            vec![competency("a", Normaal); 9],
        ))
        .unwrap();
        assert_eq!(p.score, frac(7, 2));
        assert_eq!(p.qualification, Goed);
    }

    #[test]
    fn article_6_6_rounding_half_up_at_every_boundary() {
        assert_eq!(round_to_qualification(frac(149, 100)), Onvoldoende);
        assert_eq!(round_to_qualification(frac(3, 2)), EnigszinsOnvoldoende);
        assert_eq!(
            round_to_qualification(frac(249_999, 100_000)),
            EnigszinsOnvoldoende
        );
        assert_eq!(round_to_qualification(frac(5, 2)), Normaal);
        assert_eq!(round_to_qualification(frac(7, 2)), Goed);
        assert_eq!(round_to_qualification(frac(349, 100)), Normaal);
        assert_eq!(round_to_qualification(frac(9, 2)), Uitstekend);
        assert_eq!(round_to_qualification(frac(449, 100)), Goed);
        assert_eq!(round_to_qualification(ExactScore::whole(1)), Onvoldoende);
        assert_eq!(round_to_qualification(ExactScore::whole(5)), Uitstekend);
    }

    #[test]
    fn article_6_6_thirds_are_exact_not_floating_point() {
        // (2 + 3 + 3) / 3 = 2.666…, and 0.1-style weights do not drift.
        let a = work_agreements_part(&[
            WorkAgreementRating::equal(EnigszinsOnvoldoende),
            WorkAgreementRating::equal(Normaal),
            WorkAgreementRating::equal(Normaal),
        ])
        .unwrap();
        assert_eq!(a, frac(8, 3));
        assert_eq!((a.numerator(), a.denominator()), (8, 3));
        let tenth = |q| WorkAgreementRating {
            qualification: q,
            weight: Weight::parse("0,1").unwrap(),
        };
        let b = work_agreements_part(&[tenth(Normaal), tenth(Goed)]).unwrap();
        assert_eq!(b, frac(7, 2));
        assert_eq!(round_to_qualification(b), Goed);
    }

    #[test]
    fn article_6_7_crucial_onvoldoende_offers_onvoldoende_as_final() {
        let p = propose(&ratings(
            vec![WorkAgreementRating::equal(Goed); 2],
            Goed,
            vec![
                crucial("integriteit", Onvoldoende),
                competency("samenwerken", Goed),
                crucial("klantgericht-werken", Goed),
            ],
        ))
        .unwrap();
        // Not an automatic override: the computed label stands (a = 4, b = 13/4, score 3.625)…
        assert_eq!(p.qualification, Goed);
        // …and the option is offered, naming the competency.
        let rule = p.crucial_rule.expect("offered");
        assert_eq!(rule.competencies, vec!["integriteit".to_string()]);
        assert_eq!(rule.qualification(), Onvoldoende);
    }

    #[test]
    fn article_6_7_only_onvoldoende_on_a_crucial_competency_offers_the_rule() {
        let base = |c: Vec<CompetencyRating>| {
            propose(&ratings(
                vec![WorkAgreementRating::equal(Normaal)],
                Onvoldoende,
                c,
            ))
            .unwrap()
            .crucial_rule
        };
        // Not crucial, or crucial but "enigszins onvoldoende": no offer.
        assert_eq!(base(vec![competency("a", Onvoldoende)]), None);
        assert_eq!(base(vec![crucial("a", EnigszinsOnvoldoende)]), None);
        // The knowledge level "onvoldoende" (above) is not a competency: no offer either.
        let two = base(vec![crucial("a", Onvoldoende), crucial("b", Onvoldoende)]).unwrap();
        assert_eq!(two.competencies, vec!["a".to_string(), "b".to_string()]);
    }

    #[test]
    fn article_6_4_career_agreements_are_in_neither_part() {
        assert_eq!(ItemKind::CareerAgreement.part(), None);
        assert_eq!(ItemKind::WorkAgreement.part(), Some(Part::WorkAgreements));
        assert_eq!(
            ItemKind::KnowledgeLevel.part(),
            Some(Part::KnowledgeAndCompetencies)
        );
        assert_eq!(
            ItemKind::Competency.part(),
            Some(Part::KnowledgeAndCompetencies)
        );
    }

    #[test]
    fn scores_format_with_the_language_separator() {
        assert_eq!(frac(13, 4).format(Language::Nl), "3,25");
        assert_eq!(frac(13, 4).format(Language::En), "3.25");
        assert_eq!(frac(8, 3).format(Language::Nl), "2,67");
        assert_eq!(ExactScore::whole(5).format(Language::En), "5.00");
    }

    // ---- properties ----

    fn qualification() -> impl Strategy<Value = Qualification> {
        (0usize..5).prop_map(|i| Qualification::ALL[i])
    }

    fn work() -> impl Strategy<Value = Vec<WorkAgreementRating>> {
        prop::collection::vec(
            (qualification(), 1u64..=1_000_000).prop_map(|(q, units)| WorkAgreementRating {
                qualification: q,
                weight: Weight::from_ten_thousandths(units).unwrap(),
            }),
            1..12,
        )
    }

    fn competencies() -> impl Strategy<Value = Vec<CompetencyRating>> {
        prop::collection::vec(
            (qualification(), any::<bool>()).prop_map(|(q, c)| CompetencyRating {
                competency: "c".into(),
                qualification: q,
                crucial: c,
            }),
            1..10,
        )
    }

    fn assessment() -> impl Strategy<Value = AssessmentRatings> {
        (work(), qualification(), competencies()).prop_map(|(w, k, c)| ratings(w, k, c))
    }

    /// The unrounded score as an f64, only to cross-check the exact arithmetic.
    fn approx(s: ExactScore) -> f64 {
        s.numerator() as f64 / s.denominator() as f64
    }

    proptest! {
        #[test]
        fn article_4_2_scaling_all_weights_keeps_the_proposal(
            r in assessment(), factor in 1u64..=10,
        ) {
            let mut scaled = r.clone();
            for w in &mut scaled.work_agreements {
                w.weight = Weight::from_ten_thousandths(w.weight.ten_thousandths() * factor)
                    .unwrap();
            }
            prop_assert_eq!(propose(&r).unwrap(), propose(&scaled).unwrap());
        }

        #[test]
        fn article_6_6_every_combination_gives_a_label_within_the_ratings(r in assessment()) {
            let p = propose(&r).unwrap();
            let all: Vec<Qualification> = r.work_agreements.iter().map(|w| w.qualification)
                .chain(std::iter::once(r.knowledge_level))
                .chain(r.competencies.iter().map(|c| c.qualification))
                .collect();
            let lowest = *all.iter().min().unwrap();
            let highest = *all.iter().max().unwrap();
            prop_assert!(lowest <= p.qualification && p.qualification <= highest);
            prop_assert!(ExactScore::whole(1) <= p.score && p.score <= ExactScore::whole(5));
        }

        #[test]
        fn article_6_6_score_is_the_mean_of_the_two_parts(r in assessment()) {
            let p = propose(&r).unwrap();
            // 2 × score = a + b, by cross-multiplication.
            let (a, b, s) = (p.work_agreements, p.knowledge_and_competencies, p.score);
            prop_assert_eq!(
                2 * s.numerator() * a.denominator() * b.denominator(),
                s.denominator() * (a.numerator() * b.denominator() + b.numerator() * a.denominator())
            );
            let expected = (approx(a) + approx(b)) / 2.0;
            prop_assert!((approx(s) - expected).abs() < 1e-9);
        }

        #[test]
        fn article_6_6_rounding_is_exact_at_each_half(k in 1u128..=4, offset in 1u128..=1_000_000) {
            // k + ½ rounds up; k + ½ − ε rounds down, however small ε.
            let half = frac(2 * k + 1, 2);
            prop_assert_eq!(round_to_qualification(half).score() as u128, k + 1);
            let below = frac((2 * k + 1) * offset - 1, 2 * offset);
            prop_assert_eq!(round_to_qualification(below).score() as u128, k);
        }

        #[test]
        fn article_6_6_raising_one_rating_never_lowers_the_proposal(
            r in assessment(), which in any::<prop::sample::Index>(),
        ) {
            let before = propose(&r).unwrap();
            let total = r.work_agreements.len() + 1 + r.competencies.len();
            let i = which.index(total);
            let mut raised = r.clone();
            let raise = |q: Qualification| Qualification::from_score((q.score() + 1).min(5)).unwrap();
            if i < r.work_agreements.len() {
                raised.work_agreements[i].qualification = raise(r.work_agreements[i].qualification);
            } else if i == r.work_agreements.len() {
                raised.knowledge_level = raise(r.knowledge_level);
            } else {
                let j = i - r.work_agreements.len() - 1;
                raised.competencies[j].qualification = raise(r.competencies[j].qualification);
            }
            let after = propose(&raised).unwrap();
            prop_assert!(after.score >= before.score);
            prop_assert!(after.qualification >= before.qualification);
        }

        #[test]
        fn article_6_7_the_offer_appears_exactly_when_a_crucial_competency_is_onvoldoende(
            r in assessment(),
        ) {
            let p = propose(&r).unwrap();
            let expected = r.competencies.iter()
                .any(|c| c.crucial && c.qualification == Onvoldoende);
            prop_assert_eq!(p.crucial_rule.is_some(), expected);
            // Never an automatic override: the label is the rounding of the score.
            prop_assert_eq!(p.qualification, round_to_qualification(p.score));
        }
    }
}
