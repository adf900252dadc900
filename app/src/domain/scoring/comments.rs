//! Which written comments the report shows, and under which label.
//!
//! A comment is written per competency. The rules, so that a comment never says more about who
//! wrote it than the figures do:
//!
//! - A comment of **self** is shown as self's; a comment of a group the scan marks
//!   **identifiable** carries that group's label. Neither needs k authors: they were told.
//! - Any other comment is shown only when its author's group **reaches a published line** of
//!   that competency at every level the report has for it: under the group's own label when the
//!   group is shown as itself at every level, otherwise without a label ("other informants") when
//!   at every level it is shown or pooled. A comment of a group left out of any of the
//!   competency's figures is not shown at all — it would be the only trace of that group.
//! - A list (one competency, one label) of such comments is shown only when it holds comments of
//!   at least **k different respondents**; otherwise the whole list is left out.
//! - Within each list the order is alphabetical, so it never reflects the order of submission.
//! - Empty comments (only spaces) do not count and are not shown.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::anonymity::LineMembers;
use super::input::{CompetencyId, GroupId, Response, ResponseId, ScanConfig};
use super::release::line_key;

/// Who a shown comment is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CommentSource {
    /// The subject.
    SelfComment,
    /// A group shown as itself.
    Group(GroupId),
    /// No label: groups pooled into "other informants".
    Unlabelled,
}

/// The comments shown for one competency, grouped by source (self, groups by id, unlabelled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyComments {
    pub competency: CompetencyId,
    pub lists: Vec<(CommentSource, Vec<String>)>,
}

/// How the groups of one competency at one level reach its figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reach {
    /// Groups shown as themselves (identifiable groups included).
    pub(crate) shown: BTreeSet<GroupId>,
    /// Groups pooled into "other informants".
    pub(crate) pooled: BTreeSet<GroupId>,
}

/// One competency's comments by source, each with the response it came from.
type CommentLists<'a> = BTreeMap<CommentSource, Vec<(&'a ResponseId, String)>>;

/// Applies the rules above, given how the groups reach each competency's figures (one entry per
/// level). Competencies without a shown comment are left out; the result is sorted by competency
/// id. Also returns who wrote each list protected by k, keyed like the figures' lines.
pub(crate) fn publish_comments(
    config: &ScanConfig,
    reach: &BTreeMap<CompetencyId, Vec<Reach>>,
    responses: &[Response],
) -> (Vec<CompetencyComments>, BTreeMap<String, LineMembers>) {
    let mut lists: BTreeMap<&CompetencyId, CommentLists> = BTreeMap::new();
    for response in responses {
        for (competency, text) in &response.comments {
            let text = text.trim();
            let Some(levels) = reach.get(competency) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            let group = &response.group;
            let source = if *group == config.self_group() {
                CommentSource::SelfComment
            } else if config.identifiable_groups().contains(group)
                || levels.iter().all(|level| level.shown.contains(group))
            {
                // Labelled: a group told it is identifiable, or one whose figures show at
                // every level of the competency.
                CommentSource::Group(group.clone())
            } else if levels
                .iter()
                .all(|level| level.shown.contains(group) || level.pooled.contains(group))
            {
                CommentSource::Unlabelled
            } else {
                continue;
            };
            lists
                .entry(competency)
                .or_default()
                .entry(source)
                .or_default()
                .push((&response.id, text.to_owned()));
        }
    }
    let k = config.min_group_size();
    let mut members = BTreeMap::new();
    let mut published = Vec::new();
    for (competency, by_source) in lists {
        let mut shown = Vec::new();
        for (source, written) in by_source {
            let exempt = match &source {
                CommentSource::SelfComment => true,
                CommentSource::Group(group) => config.is_exempt(group),
                CommentSource::Unlabelled => false,
            };
            let mut authors: Vec<ResponseId> =
                written.iter().map(|(id, _)| (*id).clone()).collect();
            authors.sort();
            authors.dedup();
            if !exempt {
                if authors.len() < k {
                    continue;
                }
                let key = match &source {
                    CommentSource::Group(group) => {
                        line_key(&["comments", competency, "group", group])
                    }
                    _ => line_key(&["comments", competency, "unlabelled"]),
                };
                members.insert(
                    key,
                    LineMembers {
                        protected: authors,
                        identifiable: Vec::new(),
                    },
                );
            }
            let mut texts: Vec<String> = written.into_iter().map(|(_, text)| text).collect();
            texts.sort();
            shown.push((source, texts));
        }
        if !shown.is_empty() {
            published.push(CompetencyComments {
                competency: competency.clone(),
                lists: shown,
            });
        }
    }
    (published, members)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::Rating;
    use crate::domain::scoring::{ItemStructure, build_version};

    fn one_item() -> ItemStructure {
        let cell = BTreeMap::from([("l".to_owned(), vec!["b1".to_owned()])]);
        ItemStructure::new(BTreeMap::from([("c".to_owned(), cell)])).unwrap()
    }

    /// Respondent `id` of `group` rates b1 with 3 and writes `text` (if any) on c.
    fn person(id: usize, group: &str, text: Option<&str>) -> Response {
        let response = Response::new(
            format!("r{id}"),
            group,
            [("b1", Rating::parse("3").unwrap())],
        );
        match text {
            Some(text) => response.with_comment("c", text),
            None => response,
        }
    }

    fn config() -> ScanConfig {
        ScanConfig::new("self")
            .with_min_group_size(3)
            .unwrap()
            .with_identifiable_groups(["board"])
    }

    fn published(responses: &[Response]) -> Vec<(CommentSource, Vec<String>)> {
        let version = build_version(&config(), &one_item(), responses).unwrap();
        version.comments.into_iter().flat_map(|c| c.lists).collect()
    }

    fn texts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_one_person_hidden_group_writes_into_no_list() {
        // The case: external (1) is left out of every figure, so its comment must not
        // appear, not even without a label.
        let responses = vec![
            person(0, "self", Some("Ik wil beter delegeren")),
            person(1, "staff", Some("Luistert goed")),
            person(2, "staff", Some("Duidelijk")),
            person(3, "staff", Some("Open")),
            person(4, "external", Some("Als partner merk ik weinig")),
        ];
        assert_eq!(
            published(&responses),
            vec![
                (
                    CommentSource::SelfComment,
                    texts(&["Ik wil beter delegeren"])
                ),
                (
                    CommentSource::Group("staff".into()),
                    texts(&["Duidelijk", "Luistert goed", "Open"])
                ),
            ]
        );
    }

    #[test]
    fn pooled_groups_write_unlabelled_and_need_k_authors() {
        // peers (2) and external (1) are pooled to 3.
        let mut responses = vec![
            person(1, "staff", None),
            person(2, "staff", None),
            person(3, "staff", None),
            person(4, "peers", Some("b")),
            person(5, "peers", Some("a")),
            person(6, "external", Some("c")),
        ];
        assert_eq!(
            published(&responses),
            vec![(CommentSource::Unlabelled, texts(&["a", "b", "c"]))]
        );
        // Two authors in the unlabelled list are fewer than k: the whole list goes.
        responses[5] = person(6, "external", Some("  "));
        assert!(published(&responses).is_empty());
    }

    #[test]
    fn a_shown_group_with_fewer_than_k_writers_shows_no_list_self_and_identifiable_always() {
        let responses = vec![
            person(0, "self", Some("zelf")),
            person(1, "staff", Some("x")),
            person(2, "staff", Some("y")),
            person(3, "staff", None),
            person(4, "board", Some("bestuur")),
        ];
        assert_eq!(
            published(&responses),
            vec![
                (CommentSource::SelfComment, texts(&["zelf"])),
                (CommentSource::Group("board".into()), texts(&["bestuur"])),
            ]
        );
    }

    #[test]
    fn a_group_left_out_at_one_level_writes_into_no_list() {
        // Two levels; staff answer only level l1 with 3 people, so at l2 staff is absent.
        let items = ItemStructure::new(BTreeMap::from([(
            "c".to_owned(),
            BTreeMap::from([
                ("l1".to_owned(), vec!["b1".to_owned()]),
                ("l2".to_owned(), vec!["b2".to_owned()]),
            ]),
        )]))
        .unwrap();
        let responses: Vec<Response> = (0..3)
            .map(|i| person(i, "staff", Some(&format!("t{i}"))))
            .collect();
        let version = build_version(&config(), &items, &responses).unwrap();
        assert!(version.comments.is_empty());
    }

    #[test]
    fn order_of_submission_changes_nothing() {
        let mut responses: Vec<Response> = (0..4)
            .map(|i| person(i, "staff", Some(&format!("t{}", 9 - i))))
            .collect();
        let first = published(&responses);
        assert_eq!(first.len(), 1);
        responses.reverse();
        assert_eq!(first, published(&responses));
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
            fn every_list_rests_on_k_authors_of_groups_that_reach_the_figures(
                people in prop::collection::vec(respondent(), 0..14),
                k in 2usize..=5,
                seed in any::<u64>(),
            ) {
                let config = ScanConfig::new("self")
                    .with_min_group_size(k)
                    .unwrap()
                    .with_identifiable_groups(["board"]);
                let responses: Vec<Response> = people
                    .iter()
                    .enumerate()
                    .map(|(i, (g, r, c))| {
                        let ratings = r.map(|r| ("b1", Rating::parse(&r.to_string()).unwrap()));
                        let response = Response::new(format!("r{i:02}"), g.clone(), ratings);
                        match c {
                            Some(c) => response.with_comment("c", c.clone()),
                            None => response,
                        }
                    })
                    .collect();
                let version = build_version(&config, &one_item(), &responses).unwrap();
                let figures = version.report.competencies.first().map(|c| &c.figures);
                let shown: Vec<&GroupId> = figures
                    .map(|f| f.groups.iter().map(|g| &g.group).collect())
                    .unwrap_or_default();
                for block in &version.comments {
                    for (source, texts) in &block.lists {
                        prop_assert!(texts.windows(2).all(|w| w[0] <= w[1]));
                        match source {
                            CommentSource::SelfComment => {}
                            CommentSource::Group(group) if group == "board" => {}
                            CommentSource::Group(group) => {
                                prop_assert!(shown.contains(&group));
                                prop_assert!(texts.len() >= k, "{} comments of {}", texts.len(), group);
                            }
                            CommentSource::Unlabelled => {
                                prop_assert!(figures.is_some_and(|f| f.other_informants.is_some()));
                                prop_assert!(texts.len() >= k);
                            }
                        }
                    }
                }
                // Any other order of the same responses publishes exactly the same.
                let mut shuffled = responses.clone();
                let len = shuffled.len().max(1);
                shuffled.rotate_left((seed as usize) % len);
                shuffled.reverse();
                let again = build_version(&config, &one_item(), &shuffled).unwrap();
                prop_assert_eq!(again.comments, version.comments);
            }
        }
    }
}
