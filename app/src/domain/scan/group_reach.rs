//! Which rater groups can never appear in the report with the informants invited now: a group
//! is shown only from `k` answers (`domain::scoring::anonymity`), so a group with fewer
//! invitees than `k` stays hidden however many of them answer. The organiser is warned when
//! the scan is created or edited, before and after opening, and while following the response,
//! so a colleague invited alone is not a surprise in the report.
//!
//! Exempt, as in the report: the self group (shown as self) and groups the scan marks
//! identifiable (shown whatever their size). A group nobody is invited to is not warned about:
//! nobody's answers get lost there. The warning never blocks anything; the organiser decides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::RaterGroup;
use super::progress::{InvitationLine, InvitationStatus};

/// One group that cannot reach `k` with its invitees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupBelowK {
    pub group_id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Invitations whose link works or will work (pending on a draft, invited on an open scan).
    pub invited: usize,
}

/// The groups of a scan that cannot be shown on their own, with what may still happen to
/// their answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachWarning {
    /// The scan's anonymity minimum.
    pub k: usize,
    /// In the scan's group order.
    pub groups: Vec<GroupBelowK>,
    /// The small groups together have at least `k` invitees, so their answers may still be
    /// pooled into one "other informants" line; otherwise they count in no figure at all.
    pub may_pool: bool,
}

impl ReachWarning {
    /// Nothing to warn about.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The groups below `k`, from the number of working invitations per group id.
pub fn groups_below_k(
    groups: &[RaterGroup],
    invited: &BTreeMap<String, usize>,
    k: usize,
) -> ReachWarning {
    let below: Vec<GroupBelowK> = groups
        .iter()
        .filter(|g| !g.is_self && !g.identifiable)
        .filter_map(|g| {
            let count = invited.get(&g.id).copied().unwrap_or(0);
            (count > 0 && count < k).then(|| GroupBelowK {
                group_id: g.id.clone(),
                label_nl: g.label_nl.clone(),
                label_en: g.label_en.clone(),
                invited: count,
            })
        })
        .collect();
    let pooled: usize = below.iter().map(|g| g.invited).sum();
    ReachWarning {
        k,
        may_pool: !below.is_empty() && pooled >= k,
        groups: below,
    }
}

/// Working invitations per group: pending (a draft's, sent when it opens) and invited ones;
/// a revoked link brings no answers.
pub fn working_invitations<'a>(
    lines: impl IntoIterator<Item = (&'a str, InvitationStatus)>,
) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for (group, status) in lines {
        if status != InvitationStatus::Revoked {
            *counts.entry(group.to_owned()).or_default() += 1;
        }
    }
    counts
}

/// [`groups_below_k`] for the invitation table the organiser's scan page has.
pub fn reach_of_lines(groups: &[RaterGroup], lines: &[InvitationLine], k: usize) -> ReachWarning {
    let invited = working_invitations(lines.iter().map(|l| (l.group_id.as_str(), l.status)));
    groups_below_k(groups, &invited, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::default_groups;

    fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
        pairs.iter().map(|(g, n)| ((*g).to_owned(), *n)).collect()
    }

    fn ids(warning: &ReachWarning) -> Vec<(&str, usize)> {
        warning
            .groups
            .iter()
            .map(|g| (g.group_id.as_str(), g.invited))
            .collect()
    }

    #[test]
    fn one_colleague_with_k_three_is_at_risk() {
        let groups = default_groups("maastricht-2014");
        let warning = groups_below_k(&groups, &counts(&[("self", 1), ("colleagues", 1)]), 3);
        assert_eq!(ids(&warning), vec![("colleagues", 1)]);
        assert_eq!(warning.groups[0].label_nl, "Collega's");
        assert_eq!(warning.k, 3);
        assert!(!warning.may_pool);
    }

    #[test]
    fn a_group_of_k_or_more_is_fine_and_an_empty_one_is_not_warned_about() {
        let groups = default_groups("maastricht-2014");
        let warning = groups_below_k(&groups, &counts(&[("colleagues", 3), ("staff", 0)]), 3);
        assert!(warning.is_empty());
        assert!(!warning.may_pool);
    }

    #[test]
    fn self_and_identifiable_groups_are_exempt() {
        let mut groups = default_groups("gemeentesecretaris");
        let board = groups.iter_mut().find(|g| g.id == "board").unwrap();
        board.identifiable = true;
        let warning = groups_below_k(&groups, &counts(&[("self", 1), ("board", 2)]), 3);
        assert!(warning.is_empty(), "{warning:?}");
        // The same board, not marked identifiable, cannot be shown.
        let groups = default_groups("gemeentesecretaris");
        let warning = groups_below_k(&groups, &counts(&[("self", 1), ("board", 2)]), 3);
        assert_eq!(ids(&warning), vec![("board", 2)]);
    }

    #[test]
    fn small_groups_that_together_reach_k_may_be_pooled() {
        let groups = default_groups("maastricht-2014");
        let warning = groups_below_k(&groups, &counts(&[("colleagues", 2), ("others", 2)]), 4);
        assert_eq!(ids(&warning), vec![("colleagues", 2), ("others", 2)]);
        assert!(warning.may_pool);
        let warning = groups_below_k(&groups, &counts(&[("colleagues", 2), ("others", 1)]), 4);
        assert!(!warning.may_pool);
    }

    #[test]
    fn groups_keep_the_scans_order() {
        let groups = default_groups("maastricht-2014");
        let order: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
        let warning = groups_below_k(
            &groups,
            &counts(&[("others", 1), ("staff", 2), ("colleagues", 1)]),
            3,
        );
        let found: Vec<&str> = warning.groups.iter().map(|g| g.group_id.as_str()).collect();
        let mut expected = found.clone();
        expected.sort_by_key(|id| order.iter().position(|o| o == id));
        assert_eq!(found, expected);
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn revoked_invitations_do_not_count() {
        let counted = working_invitations([
            ("colleagues", InvitationStatus::Pending),
            ("colleagues", InvitationStatus::Invited),
            ("colleagues", InvitationStatus::Revoked),
        ]);
        assert_eq!(counted, counts(&[("colleagues", 2)]));
    }

    #[test]
    fn k_of_two_warns_only_about_single_invitees() {
        let groups = default_groups("maastricht-2014");
        let warning = groups_below_k(&groups, &counts(&[("colleagues", 2), ("staff", 1)]), 2);
        assert_eq!(ids(&warning), vec![("staff", 1)]);
    }
}
