//! Which written comments the report shows, and under which label.
//!
//! A comment is written per competency. The rules, so that a comment never says more about who
//! wrote it than the figures do:
//!
//! - When the whole scan holds fewer than k comments, none is shown: with a handful of
//!   comments, who wrote which is easy to guess.
//! - A comment of self is labelled as self; a comment of a group the competency shows as itself
//!   (at every level asked, or marked identifiable) carries that group's label.
//! - Every other comment — of a pooled, hidden or left-out group — is shown without any group
//!   label, in one list per competency.
//! - Within each list the order is alphabetical, so it never reflects the order of submission.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::input::{CompetencyId, GroupId, ScanConfig};
use super::report::Report;

/// One respondent's comments, per competency, with their group.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentInput {
    pub group: GroupId,
    pub comments: BTreeMap<CompetencyId, String>,
}

/// Who a shown comment is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CommentSource {
    /// The subject.
    SelfComment,
    /// A group shown as itself.
    Group(GroupId),
    /// No label: a group too small to be named.
    Unlabelled,
}

/// The comments shown for one competency, grouped by source (self, groups by id, unlabelled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyComments {
    pub competency: CompetencyId,
    pub lists: Vec<(CommentSource, Vec<String>)>,
}

/// Applies the rules above. Competencies without a shown comment are left out; the result is
/// sorted by competency id.
pub fn publish_comments(
    config: &ScanConfig,
    report: &Report,
    inputs: &[CommentInput],
) -> Vec<CompetencyComments> {
    let total = inputs
        .iter()
        .flat_map(|i| i.comments.values())
        .filter(|c| !c.trim().is_empty())
        .count();
    if total < config.min_group_size() {
        return Vec::new();
    }
    let named = named_groups(report);
    let mut lists: BTreeMap<&CompetencyId, BTreeMap<CommentSource, Vec<String>>> = BTreeMap::new();
    for input in inputs {
        for (competency, text) in &input.comments {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let source = if input.group == config.self_group() {
                CommentSource::SelfComment
            } else if config.identifiable_groups().contains(&input.group)
                || named
                    .get(competency)
                    .is_some_and(|groups| groups.contains(&input.group))
            {
                CommentSource::Group(input.group.clone())
            } else {
                CommentSource::Unlabelled
            };
            lists
                .entry(competency)
                .or_default()
                .entry(source)
                .or_default()
                .push(text.to_owned());
        }
    }
    lists
        .into_iter()
        .map(|(competency, by_source)| CompetencyComments {
            competency: competency.clone(),
            lists: by_source
                .into_iter()
                .map(|(source, mut texts)| {
                    texts.sort();
                    (source, texts)
                })
                .collect(),
        })
        .collect()
}

/// Per competency, the groups shown as themselves at every level the report has for it.
fn named_groups(report: &Report) -> BTreeMap<&CompetencyId, BTreeSet<GroupId>> {
    let mut named: BTreeMap<&CompetencyId, BTreeSet<GroupId>> = BTreeMap::new();
    for result in &report.competencies {
        let shown: BTreeSet<GroupId> = result
            .figures
            .groups
            .iter()
            .map(|g| g.group.clone())
            .collect();
        named
            .entry(&result.competency)
            .and_modify(|groups| groups.retain(|g| shown.contains(g)))
            .or_insert(shown);
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::Rating;
    use crate::domain::scoring::{ItemStructure, Response, build_report};

    fn rated(group: &str, score: &str) -> Response {
        Response::new(group, [("b1", Rating::parse(score).unwrap())])
    }

    fn one_item() -> ItemStructure {
        let cell = BTreeMap::from([("l".to_owned(), vec!["b1".to_owned()])]);
        ItemStructure::new(BTreeMap::from([("c".to_owned(), cell)])).unwrap()
    }

    fn comment(group: &str, text: &str) -> CommentInput {
        CommentInput {
            group: group.into(),
            comments: BTreeMap::from([("c".to_owned(), text.to_owned())]),
        }
    }

    fn setup() -> (ScanConfig, Report) {
        let config = ScanConfig::new("self").with_min_group_size(3).unwrap();
        let items = one_item();
        // staff (3) is shown; peers (2) is hidden and cannot be pooled.
        let responses = vec![
            rated("self", "4"),
            rated("staff", "3"),
            rated("staff", "4"),
            rated("staff", "5"),
            rated("peers", "2"),
            rated("peers", "2"),
        ];
        let report = build_report(&config, &items, &responses).unwrap();
        (config, report)
    }

    #[test]
    fn shown_groups_are_labelled_and_hidden_groups_are_not() {
        let (config, report) = setup();
        let published = publish_comments(
            &config,
            &report,
            &[
                comment("peers", "Zeer betrokken"),
                comment("staff", "Luistert goed"),
                comment("self", "Ik wil beter delegeren"),
                comment("peers", "  "),
                comment("peers", "Afspraken nakomen"),
            ],
        );
        assert_eq!(published.len(), 1);
        assert_eq!(
            published[0].lists,
            vec![
                (
                    CommentSource::SelfComment,
                    vec!["Ik wil beter delegeren".to_owned()]
                ),
                (
                    CommentSource::Group("staff".into()),
                    vec!["Luistert goed".to_owned()]
                ),
                (
                    CommentSource::Unlabelled,
                    vec!["Afspraken nakomen".to_owned(), "Zeer betrokken".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn fewer_than_k_comments_in_the_scan_shows_none() {
        let (config, report) = setup();
        let two = [
            comment("staff", "a"),
            comment("peers", "b"),
            comment("peers", " "),
        ];
        assert!(publish_comments(&config, &report, &two).is_empty());
        let three = [
            comment("staff", "a"),
            comment("peers", "b"),
            comment("self", "c"),
        ];
        assert_eq!(publish_comments(&config, &report, &three).len(), 1);
    }

    #[test]
    fn order_of_submission_changes_nothing() {
        let (config, report) = setup();
        let mut inputs = vec![
            comment("peers", "b"),
            comment("peers", "a"),
            comment("staff", "z"),
            comment("staff", "y"),
        ];
        let first = publish_comments(&config, &report, &inputs);
        inputs.reverse();
        assert_eq!(first, publish_comments(&config, &report, &inputs));
    }

    #[test]
    fn identifiable_group_keeps_its_label_at_any_size() {
        let config = ScanConfig::new("self")
            .with_min_group_size(3)
            .unwrap()
            .with_identifiable_groups(["board"]);
        let items = one_item();
        let report = build_report(&config, &items, &[rated("board", "3")]).unwrap();
        let published = publish_comments(
            &config,
            &report,
            &[
                comment("board", "x"),
                comment("board", "y"),
                comment("staff", "z"),
            ],
        );
        assert_eq!(
            published[0].lists[0].0,
            CommentSource::Group("board".into())
        );
        assert_eq!(published[0].lists[1].0, CommentSource::Unlabelled);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn respondent() -> impl Strategy<Value = (String, Option<u8>, Option<String>)> {
            (
                prop::sample::select(vec!["self", "board", "staff", "peers", "partners"]),
                prop::option::of(1u8..=5),
                prop::option::of("[a-c]{0,2}"),
            )
                .prop_map(|(g, r, c)| (g.to_owned(), r, c))
        }

        proptest! {
            #[test]
            fn labels_follow_the_figures_and_order_never_matters(
                people in prop::collection::vec(respondent(), 0..14),
                k in 2usize..5,
                seed in any::<u64>(),
            ) {
                let config = ScanConfig::new("self")
                    .with_min_group_size(k)
                    .unwrap()
                    .with_identifiable_groups(["board"]);
                let responses: Vec<Response> = people
                    .iter()
                    .filter_map(|(g, r, _)| {
                        r.map(|r| rated(g, &r.to_string()))
                    })
                    .collect();
                let report = build_report(&config, &one_item(), &responses).unwrap();
                let inputs: Vec<CommentInput> = people
                    .iter()
                    .filter_map(|(g, _, c)| c.as_ref().map(|c| comment(g, c)))
                    .collect();
                let published = publish_comments(&config, &report, &inputs);
                let written = inputs.iter().filter(|i| !i.comments["c"].trim().is_empty()).count();
                if written < k {
                    prop_assert!(published.is_empty());
                }
                let shown: Vec<&GroupId> = report
                    .competencies
                    .iter()
                    .flat_map(|c| c.figures.groups.iter().map(|g| &g.group))
                    .collect();
                for block in &published {
                    for (source, texts) in &block.lists {
                        if let CommentSource::Group(group) = source {
                            prop_assert!(group == "board" || shown.contains(&group));
                        }
                        prop_assert!(texts.windows(2).all(|w| w[0] <= w[1]));
                    }
                }
                // Any other order of the same comments publishes exactly the same.
                let mut shuffled = inputs.clone();
                let len = shuffled.len().max(1);
                shuffled.rotate_left((seed as usize) % len);
                shuffled.reverse();
                prop_assert_eq!(publish_comments(&config, &report, &shuffled), published);
            }
        }
    }
}
