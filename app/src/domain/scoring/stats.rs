//! Descriptive statistics of one line of the report (one group, the pooled line, or others).
//!
//! - A **respondent's score** on a competency at a level is the mean of their scores on its
//!   behaviours, "cannot judge" excluded, and only on behaviours where the report publishes the
//!   respondent's answers (see `report`). A respondent who has such a score on fewer than half of
//!   those behaviours is **not counted** for it: one or two answers would say too little about a
//!   whole competency. Per behaviour, a rater is counted when they gave a score (not "cannot
//!   judge").
//! - **n** is the number of counted respondents; **mean**, **min** and **max** are over their
//!   scores, so every respondent weighs equally however many behaviours they rated.
//! - **sd** is the *sample* standard deviation (divisor n − 1) of those scores: the informants are
//!   a sample of the people who work with the subject. It is absent when n < 2.
//! - On lines protected by k, **min** and **max** are withheld, and **sd** is withheld below
//!   k + 1 counted respondents ([`Stats::withhold_individual_scores`]; the rule is in the module
//!   docs of `scoring`): n, mean, sd, min and max of a line of three give all three scores.
//! - **distribution** counts the individual behaviour ratings per label (1–5), and
//!   **cannot_judge** the individual "cannot judge" answers, of every respondent of the line who
//!   answered the cell, counted or not — that is where "cannot judge" concentrates. The line is
//!   still shown or hidden on the counted n alone. Like the scores, they take only answers on
//!   behaviours for which the respondent's group is published (see `report`), so the
//!   per-behaviour figures cannot be subtracted from these.
//! - Scores are sorted before they are summed, so the order of the responses cannot change a
//!   figure, not even in the last bit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::input::{BehaviourId, ResponseId};
use crate::domain::rating::{Rating, Score};

/// How many individual ratings fell on each of the five labels; index 0 is "onvoldoende".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    /// Counts for scores 1..=5, in scale order.
    pub counts: [usize; 5],
}

impl Distribution {
    /// How many ratings gave this score.
    pub fn count(&self, score: Score) -> usize {
        self.counts[score.index()]
    }

    /// All scored ratings ("cannot judge" not included).
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    fn add(&mut self, other: &Distribution) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }
}

/// Which standard deviation the report shows, stated in the report so readers need not guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spread {
    /// Divisor n − 1; absent for a single respondent.
    SampleStandardDeviation,
}

/// The figures of one line. `mean` is present exactly when `n ≥ 1`; on self and identifiable
/// lines `min` and `max` too, and `sd` when `n ≥ 2`; on lines protected by k `min` and `max` are
/// absent and `sd` is present only from k + 1 (see the module docs). A line with `n = 0` can
/// still be shown for self or an identifiable group to say that they could not judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Counted respondents: the number the anonymity rule looks at.
    pub n: usize,
    /// Mean of the counted respondents' scores, each weighing equally.
    pub mean: Option<f64>,
    /// Sample standard deviation of those scores.
    pub sd: Option<f64>,
    /// Lowest respondent score.
    pub min: Option<f64>,
    /// Highest respondent score.
    pub max: Option<f64>,
    /// Individual behaviour ratings per label.
    pub distribution: Distribution,
    /// Individual "cannot judge" answers.
    pub cannot_judge: usize,
}

/// What one respondent adds to one line: their score (if counted) and their individual answers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contribution {
    /// The response this comes from, so lines can say who is in them (see `release`).
    pub(crate) respondent: ResponseId,
    pub(crate) score: Option<f64>,
    pub(crate) distribution: Distribution,
    pub(crate) cannot_judge: usize,
}

impl Contribution {
    /// A respondent's contribution to a competency × level cell, or `None` when they answered
    /// none of its behaviours (then they are not part of the cell at all). The score, the
    /// distribution and the "cannot judge" count all use only the answers on behaviours for which
    /// `publishes_answers` holds (see the module docs of `report` for why); the half rule counts
    /// those answers too.
    pub(crate) fn for_cell(
        respondent: &str,
        ratings: &BTreeMap<BehaviourId, Rating>,
        behaviours: &[BehaviourId],
        publishes_answers: impl Fn(&BehaviourId) -> bool,
    ) -> Option<Contribution> {
        let mut distribution = Distribution::default();
        let mut cannot_judge = 0;
        let mut sum = 0u32;
        let mut scored = 0usize;
        let mut answered = false;
        for behaviour in behaviours {
            let published = publishes_answers(behaviour);
            match ratings.get(behaviour) {
                Some(Rating::Score(score)) => {
                    answered = true;
                    // An answer withheld for this behaviour reaches no figure, the competency's
                    // mean included: otherwise the two levels could be played off.
                    if published {
                        distribution.counts[score.index()] += 1;
                        sum += u32::from(score.value());
                        scored += 1;
                    }
                }
                Some(Rating::CannotJudge) => {
                    answered = true;
                    if published {
                        cannot_judge += 1;
                    }
                }
                None => {}
            }
        }
        if !answered {
            return None;
        }
        let counted = scored > 0 && 2 * scored >= behaviours.len();
        Some(Contribution {
            respondent: respondent.to_owned(),
            score: counted.then(|| f64::from(sum) / scored as f64),
            distribution,
            cannot_judge,
        })
    }

    /// A rater's contribution to one behaviour, or `None` when they left it unanswered.
    pub(crate) fn for_behaviour(respondent: &str, rating: Option<&Rating>) -> Option<Contribution> {
        let rating = rating?;
        let mut distribution = Distribution::default();
        let mut cannot_judge = 0;
        let score = match rating {
            Rating::Score(score) => {
                distribution.counts[score.index()] += 1;
                Some(f64::from(score.value()))
            }
            Rating::CannotJudge => {
                cannot_judge = 1;
                None
            }
        };
        Some(Contribution {
            respondent: respondent.to_owned(),
            score,
            distribution,
            cannot_judge,
        })
    }

    pub(crate) fn is_counted(&self) -> bool {
        self.score.is_some()
    }

    /// Whether any figure of a line holding this contribution depends on it.
    pub(crate) fn adds_anything(&self) -> bool {
        self.score.is_some() || self.distribution.total() > 0 || self.cannot_judge > 0
    }
}

impl Stats {
    /// The figures of a line made of these contributions. Order-independent: scores are sorted
    /// before any arithmetic.
    pub(crate) fn from_contributions<'a>(
        contributions: impl IntoIterator<Item = &'a Contribution>,
    ) -> Stats {
        let mut scores = Vec::new();
        let mut distribution = Distribution::default();
        let mut cannot_judge = 0;
        for contribution in contributions {
            scores.extend(contribution.score);
            distribution.add(&contribution.distribution);
            cannot_judge += contribution.cannot_judge;
        }
        scores.sort_by(f64::total_cmp);
        let n = scores.len();
        let (mean, sd, min, max) = match (scores.first(), scores.last()) {
            (Some(&min), Some(&max)) => {
                let sum: f64 = scores.iter().sum();
                // A mean always lies between min and max; clamping removes rounding noise.
                let mean = (sum / n as f64).clamp(min, max);
                let sd = (n >= 2).then(|| {
                    let squares: f64 = scores.iter().map(|x| (x - mean) * (x - mean)).sum();
                    (squares / (n - 1) as f64).sqrt()
                });
                (Some(mean), sd, Some(min), Some(max))
            }
            _ => (None, None, None, None),
        };
        Stats {
            n,
            mean,
            sd,
            min,
            max,
            distribution,
            cannot_judge,
        }
    }
}

impl Stats {
    /// Applies the spread rule (module docs) to a line protected by k: no lowest or highest
    /// score, and an sd only when `allow_sd` holds and the line has at least k + 1 protected
    /// counted respondents (`protected_n`).
    pub(crate) fn withhold_individual_scores(
        &mut self,
        protected_n: usize,
        k: usize,
        allow_sd: bool,
    ) {
        self.min = None;
        self.max = None;
        if !(allow_sd && protected_n > k) {
            self.sd = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings(pairs: &[(&str, &str)]) -> BTreeMap<BehaviourId, Rating> {
        pairs
            .iter()
            .map(|(b, r)| (b.to_string(), Rating::parse(r).unwrap()))
            .collect()
    }

    fn all(_: &BehaviourId) -> bool {
        true
    }

    fn behaviours(ids: &[&str]) -> Vec<BehaviourId> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn respondent_score_is_mean_without_cannot_judge() {
        let b = behaviours(&["a", "b", "c", "d"]);
        let c = Contribution::for_cell(
            "r",
            &ratings(&[("a", "2"), ("b", "5"), ("c", "n")]),
            &b,
            all,
        )
        .unwrap();
        assert_eq!(c.score, Some(3.5));
        assert_eq!(c.distribution.counts, [0, 1, 0, 0, 1]);
        assert_eq!(c.cannot_judge, 1);
    }

    #[test]
    fn fewer_than_half_rated_is_not_counted() {
        let b = behaviours(&["a", "b", "c", "d", "e"]);
        // 2 of 5 is fewer than half.
        let c = Contribution::for_cell(
            "r",
            &ratings(&[("a", "4"), ("b", "4"), ("c", "n")]),
            &b,
            all,
        )
        .unwrap();
        assert_eq!(c.score, None);
        assert_eq!(c.distribution.counts, [0, 0, 0, 2, 0]);
        assert_eq!(c.cannot_judge, 1);
        // 3 of 5 is enough.
        let c = Contribution::for_cell(
            "r",
            &ratings(&[("a", "4"), ("b", "4"), ("c", "1")]),
            &b,
            all,
        )
        .unwrap();
        assert_eq!(c.score, Some(3.0));
        // Exactly half (2 of 4) is enough.
        let b4 = behaviours(&["a", "b", "c", "d"]);
        let c = Contribution::for_cell("r", &ratings(&[("a", "1"), ("b", "2")]), &b4, all).unwrap();
        assert_eq!(c.score, Some(1.5));
    }

    #[test]
    fn withheld_answers_reach_neither_the_score_nor_the_half_rule() {
        let b = behaviours(&["a", "b", "c", "d"]);
        let r = ratings(&[("a", "1"), ("b", "5"), ("c", "5"), ("d", "n")]);
        // Only a and b are published for this respondent's group: score over those alone.
        let only_ab = |behaviour: &BehaviourId| behaviour == "a" || behaviour == "b";
        let c = Contribution::for_cell("r", &r, &b, only_ab).unwrap();
        assert_eq!(c.score, Some(3.0));
        assert_eq!(c.distribution.counts, [1, 0, 0, 0, 1]);
        assert_eq!(c.cannot_judge, 0);
        // Only c published: one scored answer of four is fewer than half, so not counted; the
        // respondent is still part of the cell (they answered) but adds only that rating.
        let only_c = |behaviour: &BehaviourId| behaviour == "c";
        let c = Contribution::for_cell("r", &r, &b, only_c).unwrap();
        assert_eq!(c.score, None);
        assert!(c.adds_anything());
        let none = |_: &BehaviourId| false;
        let c = Contribution::for_cell("r", &r, &b, none).unwrap();
        assert!(!c.adds_anything());
    }

    #[test]
    fn all_cannot_judge_is_part_of_cell_but_not_counted() {
        let b = behaviours(&["a", "b"]);
        let c = Contribution::for_cell("r", &ratings(&[("a", "n"), ("b", "n")]), &b, all).unwrap();
        assert_eq!(c.score, None);
        assert_eq!(c.cannot_judge, 2);
        assert!(Contribution::for_cell("r", &ratings(&[("z", "3")]), &b, all).is_none());
    }

    #[test]
    fn stats_hand_computed() {
        // Scores 2, 3, 4, 5: mean 3.5, sample variance (2.25+0.25+0.25+2.25)/3 = 5/3.
        let contributions: Vec<_> = [2.0, 5.0, 3.0, 4.0]
            .into_iter()
            .map(|s| Contribution {
                respondent: String::new(),
                score: Some(s),
                distribution: Distribution {
                    counts: [0, 0, 1, 0, 0],
                },
                cannot_judge: 1,
            })
            .collect();
        let stats = Stats::from_contributions(&contributions);
        assert_eq!(stats.n, 4);
        assert_eq!(stats.mean, Some(3.5));
        assert!((stats.sd.unwrap() - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(stats.min, Some(2.0));
        assert_eq!(stats.max, Some(5.0));
        assert_eq!(stats.distribution.counts, [0, 0, 4, 0, 0]);
        assert_eq!(stats.cannot_judge, 4);
    }

    #[test]
    fn single_respondent_has_no_sd_and_empty_line_has_no_mean() {
        let one = [Contribution {
            respondent: String::new(),
            score: Some(4.0),
            distribution: Distribution::default(),
            cannot_judge: 0,
        }];
        let stats = Stats::from_contributions(&one);
        assert_eq!((stats.n, stats.mean, stats.sd), (1, Some(4.0), None));
        let none = [Contribution {
            respondent: String::new(),
            score: None,
            distribution: Distribution::default(),
            cannot_judge: 3,
        }];
        let stats = Stats::from_contributions(&none);
        assert_eq!(
            (stats.n, stats.mean, stats.min, stats.max),
            (0, None, None, None)
        );
        assert_eq!(stats.cannot_judge, 3);
    }
}
