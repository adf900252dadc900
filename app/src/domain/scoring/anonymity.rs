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

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::input::{GroupId, ScanConfig};
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

impl Breakdown {
    /// Applies the rules above to the contributions of one cell (or behaviour), each tagged with
    /// the respondent's group.
    pub(crate) fn build(config: &ScanConfig, contributions: Vec<(GroupId, Contribution)>) -> Self {
        Self::build_with_published(config, contributions).0
    }

    /// As [`Breakdown::build`], also returning the groups whose answers reach a figure (self,
    /// shown groups and pooled groups), so other levels of the report can use the same set.
    pub(crate) fn build_with_published(
        config: &ScanConfig,
        contributions: Vec<(GroupId, Contribution)>,
    ) -> (Self, BTreeSet<GroupId>) {
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
        let mut groups = Vec::new();
        let mut hidden_groups = Vec::new();
        let mut hidden: Vec<Contribution> = Vec::new();
        let mut published: Vec<Contribution> = Vec::new();
        for (group, members) in by_group {
            let counted = members.iter().filter(|c| c.is_counted()).count();
            let identifiable = config.identifiable_groups().contains(&group);
            if identifiable || counted >= k {
                published_groups.insert(group.clone());
                groups.push(GroupLine {
                    group,
                    identifiable,
                    stats: Stats::from_contributions(&members),
                });
                published.extend(members);
            } else {
                hidden_groups.push(group);
                hidden.extend(members);
            }
        }

        let hidden_counted = hidden.iter().filter(|c| c.is_counted()).count();
        let other_informants = (hidden_counted >= k).then(|| {
            let stats = Stats::from_contributions(&hidden);
            published.extend(hidden);
            published_groups.extend(hidden_groups);
            stats
        });
        // Hidden groups below k (when not pooled) are dropped here: they reach no figure.

        let others = (!published.is_empty()).then(|| Stats::from_contributions(&published));
        let self_line = (!self_contributions.is_empty())
            .then(|| Stats::from_contributions(&self_contributions));
        let gap = match (&others, &self_line) {
            (Some(others), Some(own)) => others.mean.zip(own.mean).map(|(o, s)| o - s),
            _ => None,
        };
        let breakdown = Breakdown {
            self_line,
            groups,
            other_informants,
            others,
            gap,
        };
        (breakdown, published_groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::stats::Distribution;

    fn scored(group: &str, score: f64) -> (GroupId, Contribution) {
        (
            group.to_string(),
            Contribution {
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
}
