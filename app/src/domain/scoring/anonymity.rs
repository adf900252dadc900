//! Which groups a line of the report may show, so that no informant can be singled out — not
//! even by subtracting one published figure from another.
//!
//! Applied separately to every competency × level cell and to every behaviour:
//!
//! 1. **Self** is shown as self, whatever its size, and is never part of "others".
//! 2. A group the scan marks **identifiable** (its members were told, e.g. a board of two) is
//!    shown as itself whatever its size.
//! 3. Any other group is **shown** only when at least k of its respondents are counted for this
//!    cell (or behaviour).
//! 4. The remaining **hidden** groups are **pooled** into one "other informants" line when
//!    together they have at least k counted respondents. Because the pooled line only ever
//!    publishes their combined figures, no single hidden group can be recovered from it.
//! 5. Hidden groups that cannot be pooled to k are **left out of every figure, "others"
//!    included**. Otherwise "others" minus the shown groups would reveal them.
//! 6. **Others** is computed from every respondent of the shown groups and of the pooled line
//!    (self excluded), each respondent weighing equally — not the mean of the group means.
//!    "Others" therefore always equals exactly the sum of the published lines: subtracting them
//!    leaves zero respondents.
//! 7. **Gap** = mean of others − mean of self.
//! 8. **Spread**: lines protected by k (shown groups not identifiable, the pooled line, others)
//!    never carry a lowest or highest score, and an sd only from k + 1 counted respondents
//!    protected by k; others' sd is also withheld when exactly one protected line inside it
//!    lacks its own sd and those lines are published next to it, since subtracting the sums of
//!    squares would give that line's. Self and identifiable lines keep every figure.
//! 9. Every line protected by k lists who is in it ([`LineMembers`]) so two versions of the
//!    report can be compared by people, not by counts (see `release`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::input::{GroupId, ResponseId, ScanConfig};
use super::stats::{Contribution, Stats};

/// One rater group shown on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    /// The group's id as configured in the scan.
    pub group: GroupId,
    /// True when the group is shown below k because its members agreed to be identifiable, so
    /// the page can say so.
    pub identifiable: bool,
    /// The group's figures.
    pub stats: Stats,
}

/// The anonymised lines of one cell or behaviour: everything the report may publish about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The subject's own answers; absent when self did not answer this cell at all.
    pub self_line: Option<Stats>,
    /// The groups shown as themselves, sorted by group id (self not included).
    pub groups: Vec<GroupLine>,
    /// Hidden groups pooled to reach k ("overige informanten"); absent when no pooling happened.
    pub other_informants: Option<Stats>,
    /// Everyone in `groups` and `other_informants`, each respondent weighing equally; absent when
    /// nobody but self may be shown.
    pub others: Option<Stats>,
    /// Others' mean − self's mean; absent when either is missing.
    pub gap: Option<f64>,
}

/// A published line of a cell, named so that two versions of the report can be compared line by
/// line (see `release`). Self and identifiable lines are not listed: they may change freely.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LineId {
    Group(GroupId),
    Pooled,
    Others,
}

/// Who is in one published line: the responses that add anything to its figures (a counted
/// score, a rating in the distribution or a "cannot judge"), split into those protected by k and
/// those of identifiable groups (only "others" has the latter). Sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineMembers {
    /// Respondents of groups protected by k.
    pub protected: Vec<ResponseId>,
    /// Respondents of identifiable groups in the line ("others" only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiable: Vec<ResponseId>,
}

/// A cell's (or behaviour's) lines with what the rest of the report needs to know about them.
pub(crate) struct Lines {
    pub(crate) breakdown: Breakdown,
    /// Groups whose answers reach a figure: self, shown groups and pooled groups.
    pub(crate) published: BTreeSet<GroupId>,
    /// Hidden groups pooled into "other informants".
    pub(crate) pooled: BTreeSet<GroupId>,
    /// Who is in each line protected by k (group lines not identifiable, pooled, others).
    pub(crate) members: BTreeMap<LineId, LineMembers>,
}

/// Whether the lines inside "others" are published next to it (competencies) or not
/// (behaviours, where only self and others are published). Decides the rule for others' sd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parts {
    Published,
    Unpublished,
}

impl Breakdown {
    /// Applies the rules above to the contributions of one cell (or behaviour), each tagged with
    /// the respondent's group.
    #[cfg(test)]
    pub(crate) fn build(config: &ScanConfig, contributions: Vec<(GroupId, Contribution)>) -> Self {
        Lines::build(config, contributions, Parts::Published).breakdown
    }
}

impl Lines {
    /// As [`Breakdown::build`], also returning which groups reach a figure, which were pooled and
    /// who is in each line, so other levels of the report can use the same sets.
    pub(crate) fn build(
        config: &ScanConfig,
        contributions: Vec<(GroupId, Contribution)>,
        parts: Parts,
    ) -> Lines {
        let k = config.min_group_size();
        let mut self_contributions = Vec::new();
        let mut by_group: BTreeMap<GroupId, Vec<Contribution>> = BTreeMap::new();
        for (group, contribution) in contributions {
            if group == config.self_group() {
                self_contributions.push(contribution);
            } else {
                by_group.entry(group).or_default().push(contribution);
            }
        }

        let mut published_groups = BTreeSet::new();
        if !self_contributions.is_empty() {
            published_groups.insert(config.self_group().to_owned());
        }
        let mut members = BTreeMap::new();
        let mut groups = Vec::new();
        let mut hidden_groups = BTreeSet::new();
        let mut hidden: Vec<Contribution> = Vec::new();
        // Everyone in "others", split by whether k protects them.
        let mut protected: Vec<Contribution> = Vec::new();
        let mut identifiable_members: Vec<Contribution> = Vec::new();
        // Protected lines inside "others" whose sd is withheld (see `withhold_individual_scores`).
        let mut without_sd = 0;
        for (group, group_members) in by_group {
            let counted = group_members.iter().filter(|c| c.is_counted()).count();
            let identifiable = config.identifiable_groups().contains(&group);
            if identifiable || counted >= k {
                published_groups.insert(group.clone());
                let mut stats = Stats::from_contributions(&group_members);
                if !identifiable {
                    stats.withhold_individual_scores(stats.n, k, true);
                    without_sd += usize::from(stats.sd.is_none());
                    members.insert(
                        LineId::Group(group.clone()),
                        LineMembers::of(&group_members, &[]),
                    );
                }
                groups.push(GroupLine {
                    group,
                    identifiable,
                    stats,
                });
                if identifiable {
                    identifiable_members.extend(group_members);
                } else {
                    protected.extend(group_members);
                }
            } else {
                hidden_groups.insert(group);
                hidden.extend(group_members);
            }
        }

        let hidden_counted = hidden.iter().filter(|c| c.is_counted()).count();
        let pooled = hidden_counted >= k;
        let other_informants = pooled.then(|| {
            let mut stats = Stats::from_contributions(&hidden);
            stats.withhold_individual_scores(stats.n, k, true);
            without_sd += usize::from(stats.sd.is_none());
            members.insert(LineId::Pooled, LineMembers::of(&hidden, &[]));
            protected.extend(hidden);
            published_groups.extend(hidden_groups.iter().cloned());
            stats
        });
        // Hidden groups below k (when not pooled) are dropped here: they reach no figure.

        let others = (!protected.is_empty() || !identifiable_members.is_empty()).then(|| {
            let mut stats =
                Stats::from_contributions(protected.iter().chain(&identifiable_members));
            let protected_n = protected.iter().filter(|c| c.is_counted()).count();
            // With the parts published, others' sum of squares minus the parts' would give the
            // sum of squares of a single part whose sd is withheld.
            let exposes_a_part = parts == Parts::Published && without_sd == 1;
            stats.withhold_individual_scores(protected_n, k, !exposes_a_part);
            members.insert(
                LineId::Others,
                LineMembers::of(&protected, &identifiable_members),
            );
            stats
        });
        let self_line = (!self_contributions.is_empty())
            .then(|| Stats::from_contributions(&self_contributions));
        let gap = match (&others, &self_line) {
            (Some(others), Some(own)) => others.mean.zip(own.mean).map(|(o, s)| o - s),
            _ => None,
        };
        Lines {
            breakdown: Breakdown {
                self_line,
                groups,
                other_informants,
                others,
                gap,
            },
            published: published_groups,
            pooled: if pooled {
                hidden_groups
            } else {
                BTreeSet::new()
            },
            members,
        }
    }
}

impl LineMembers {
    fn of(protected: &[Contribution], identifiable: &[Contribution]) -> LineMembers {
        fn ids(list: &[Contribution]) -> Vec<ResponseId> {
            let mut ids: Vec<ResponseId> = list
                .iter()
                .filter(|c| c.adds_anything())
                .map(|c| c.respondent.clone())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        }
        LineMembers {
            protected: ids(protected),
            identifiable: ids(identifiable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::stats::Distribution;

    fn scored(group: &str, score: f64) -> (GroupId, Contribution) {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (
            group.to_string(),
            Contribution {
                respondent: format!("r{id}"),
                score: Some(score),
                distribution: Distribution::default(),
                cannot_judge: 0,
            },
        )
    }

    fn config(k: usize) -> ScanConfig {
        ScanConfig::new("self")
            .with_min_group_size(k)
            .unwrap()
            .with_identifiable_groups(["board"])
    }

    #[test]
    fn exactly_k_is_shown_and_k_minus_one_is_hidden() {
        let b = Breakdown::build(
            &config(3),
            vec![
                scored("staff", 2.0),
                scored("staff", 3.0),
                scored("staff", 4.0),
                scored("peers", 5.0),
                scored("peers", 5.0),
            ],
        );
        assert_eq!(b.groups.len(), 1);
        assert_eq!(b.groups[0].group, "staff");
        assert_eq!(b.groups[0].stats.mean, Some(3.0));
        assert_eq!(b.other_informants, None);
        // peers (2 < k) are left out of others as well.
        let others = b.others.unwrap();
        assert_eq!((others.n, others.mean), (3, Some(3.0)));
    }

    #[test]
    fn hidden_groups_pool_when_together_they_reach_k() {
        let b = Breakdown::build(
            &config(3),
            vec![
                scored("peers", 4.0),
                scored("peers", 5.0),
                scored("external", 3.0),
                scored("staff", 1.0),
                scored("staff", 2.0),
                scored("staff", 3.0),
            ],
        );
        assert_eq!(b.groups.len(), 1);
        let pooled = b.other_informants.unwrap();
        assert_eq!((pooled.n, pooled.mean), (3, Some(4.0)));
        // Others: (1+2+3+4+5+3)/6 = 3.
        let others = b.others.unwrap();
        assert_eq!((others.n, others.mean), (6, Some(3.0)));
    }

    #[test]
    fn identifiable_group_of_two_and_self_are_shown_below_k() {
        let b = Breakdown::build(
            &config(3),
            vec![
                scored("self", 4.0),
                scored("board", 2.0),
                scored("board", 3.0),
            ],
        );
        assert_eq!(b.self_line.as_ref().unwrap().mean, Some(4.0));
        assert_eq!(b.groups.len(), 1);
        assert!(b.groups[0].identifiable);
        assert_eq!(b.groups[0].stats.n, 2);
        let others = b.others.unwrap();
        assert_eq!((others.n, others.mean), (2, Some(2.5)));
        assert_eq!(b.gap, Some(-1.5));
    }

    #[test]
    fn only_self_gives_no_others_and_no_gap() {
        let b = Breakdown::build(&config(2), vec![scored("self", 4.0), scored("staff", 3.0)]);
        assert!(b.groups.is_empty());
        assert_eq!(b.others, None);
        assert_eq!(b.gap, None);
    }

    #[test]
    fn no_min_or_max_on_lines_protected_by_k_and_sd_only_from_k_plus_one() {
        // A line of exactly k: n, mean, sd, min and max would give every score of three.
        let three = [2.0, 3.0, 5.0].map(|s| scored("staff", s));
        let b = Breakdown::build(&config(3), three.to_vec());
        let staff = &b.groups[0].stats;
        assert_eq!(
            (staff.n, staff.min, staff.max, staff.sd),
            (3, None, None, None)
        );
        let others = b.others.unwrap();
        assert_eq!((others.min, others.max, others.sd), (None, None, None));
        // k + 1 leaves as many unknowns with the sd as k leave with the mean alone.
        let four = [2.0, 3.0, 5.0, 4.0].map(|s| scored("staff", s));
        let b = Breakdown::build(&config(3), four.to_vec());
        assert!(b.groups[0].stats.sd.is_some());
        assert_eq!((b.groups[0].stats.min, b.groups[0].stats.max), (None, None));
        assert!(b.others.unwrap().sd.is_some());
    }

    #[test]
    fn self_and_identifiable_lines_keep_every_figure() {
        let b = Breakdown::build(
            &config(3),
            vec![
                scored("self", 4.0),
                scored("board", 2.0),
                scored("board", 3.0),
            ],
        );
        let own = b.self_line.unwrap();
        assert_eq!((own.min, own.max), (Some(4.0), Some(4.0)));
        let board = &b.groups[0].stats;
        assert_eq!((board.min, board.max), (Some(2.0), Some(3.0)));
        assert!(board.sd.is_some());
        // Others holds only the identifiable board: nothing protected, so no sd, min or max.
        let others = b.others.unwrap();
        assert_eq!((others.sd, others.min, others.max), (None, None, None));
    }

    #[test]
    fn others_sd_is_withheld_when_it_would_give_one_parts_sd() {
        // staff (4) shows its sd, pooled (3) does not; others' sd minus staff's would give the
        // pooled line's sum of squares, so others has none either.
        let mut contributions: Vec<_> = [1.0, 2.0, 4.0, 5.0].map(|s| scored("staff", s)).to_vec();
        contributions.extend([
            scored("peers", 2.0),
            scored("peers", 5.0),
            scored("external", 3.0),
        ]);
        let b = Breakdown::build(&config(3), contributions.clone());
        assert!(b.groups[0].stats.sd.is_some());
        assert_eq!(b.other_informants.as_ref().unwrap().sd, None);
        assert_eq!(b.others.as_ref().unwrap().sd, None);
        // Two parts without sd (staff of 3, pooled of 3): others' sd mixes both, 2k − 3 ≥ k − 1
        // unknowns remain.
        contributions.remove(0);
        let b = Breakdown::build(&config(3), contributions);
        assert_eq!(b.groups[0].stats.sd, None);
        assert!(b.others.unwrap().sd.is_some());
    }

    #[test]
    fn lines_list_their_members_protected_and_identifiable() {
        let lines = Lines::build(
            &config(2),
            vec![
                scored("self", 4.0),
                scored("board", 2.0),
                scored("staff", 3.0),
                scored("staff", 3.0),
                scored("peers", 5.0),
            ],
            Parts::Published,
        );
        let staff = &lines.members[&LineId::Group("staff".into())];
        assert_eq!(staff.protected.len(), 2);
        assert!(staff.identifiable.is_empty());
        // peers (1 < k) alone cannot be pooled: in no line.
        assert!(!lines.members.contains_key(&LineId::Pooled));
        let others = &lines.members[&LineId::Others];
        assert_eq!((others.protected.len(), others.identifiable.len()), (2, 1));
        assert!(!lines.members.contains_key(&LineId::Group("board".into())));
        assert_eq!(
            lines.published,
            BTreeSet::from(["self", "board", "staff"].map(String::from))
        );
    }
}
