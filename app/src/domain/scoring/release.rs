//! When a report may be read, and when the figures readers have seen may change.
//!
//! A report that changes answer by answer would show who answered: a reader who sees a group's
//! mean move after one colleague said "done" knows that colleague's scores. So:
//!
//! - The report is readable once the scan is closed, or earlier when the organiser *releases*
//!   it, which is allowed only while every invited group that is not self or identifiable has
//!   at least k submitted responses ([`release_shortfall`]).
//! - Released figures are frozen: readers see exactly what was released while the scan stays
//!   open. Reopening a closed scan freezes what readers saw at closing in the same way.
//! - Once closed, readers see the figures from every response only when the change from the
//!   frozen figures is safe ([`update_is_safe`]); otherwise the frozen figures stay.
//!   [`readers_see`] is that whole decision.
//! - **Safe** is decided per published line protected by k — a group line (not identifiable),
//!   the pooled line, "others" (per competency and level, and per behaviour) and each comment list
//!   not of self or an identifiable group — by **who is in it**, not by its count: its set of
//!   respondents must be exactly the same, with exactly the same figures (n, mean, sd,
//!   distribution, "cannot judge", comments), or the old set must be contained in the new one
//!   with at least k respondents added. A line that appears must hold at least k; a line that
//!   shrinks or disappears is never safe. Self and identifiable lines may change freely; but
//!   "others" mixes them in, so a change of "others" that adds fewer than k protected
//!   respondents is not safe either. Two versions a reader can see therefore never differ by
//!   fewer than k people in any line.
//! - A frozen version kept before lines carried their members cannot be compared that way: it
//!   is replaced only when the new figures and comments are exactly the same.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::anonymity::{Breakdown, LineMembers};
use super::comments::CompetencyComments;
use super::input::{GroupId, ScanConfig};
use super::report::Report;
use super::stats::Stats;

/// Who is in every published line protected by k, keyed by [`line_key`]. Kept with a frozen
/// version (response ids are random and say nothing about who answered); never shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub lines: BTreeMap<String, LineMembers>,
}

/// The key of one line: its parts as a JSON array, so no id can make two keys equal.
pub(crate) fn line_key(parts: &[&str]) -> String {
    serde_json::to_string(parts).expect("strings always serialise")
}

/// What readers may see at one moment, as it is frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub report: Report,
    pub comments: Vec<CompetencyComments>,
    /// Absent in versions frozen before lines carried their members.
    #[serde(default)]
    pub membership: Option<Membership>,
}

/// Where the scan stands, for [`readers_see`].
#[derive(Debug, Clone, Copy)]
pub enum ScanState<'a> {
    /// Open: answers may still come in.
    Open,
    /// Closed, with the version built from every response now.
    Closed { current: &'a Version },
}

/// What readers see, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Nothing yet: open and never released.
    NotReadable,
    /// The frozen version while the scan is open.
    Released,
    /// The frozen version of a closed scan: the current one would not be safe.
    FrozenAtRelease,
    /// The current version of a closed scan.
    Final,
}

/// The whole decision of what readers see, given the frozen version (if any) and the scan's
/// state. Pure, so the property tests can play any sequence of releases, closings, reopenings
/// and late answers through it.
pub fn readers_see(config: &ScanConfig, state: ScanState<'_>, frozen: Option<&Version>) -> Shown {
    match (state, frozen) {
        (ScanState::Open, None) => Shown::NotReadable,
        (ScanState::Open, Some(_)) => Shown::Released,
        (ScanState::Closed { .. }, None) => Shown::Final,
        (ScanState::Closed { current }, Some(frozen)) => {
            if update_is_safe(config, frozen, current) {
                Shown::Final
            } else {
                Shown::FrozenAtRelease
            }
        }
    }
}

impl Version {
    /// A version frozen before lines carried their members also predates the spread rule: its
    /// lines protected by k lose their lowest, highest score and sd before anyone reads them
    /// again (more than the rule withholds today, as the parts' sd cannot be judged afterwards).
    pub fn withhold_old_spread(&mut self) {
        if self.membership.is_some() {
            return;
        }
        let strip = |stats: &mut Stats| {
            stats.min = None;
            stats.max = None;
            stats.sd = None;
        };
        for result in &mut self.report.competencies {
            let figures = &mut result.figures;
            figures
                .groups
                .iter_mut()
                .filter(|line| !line.identifiable)
                .for_each(|line| strip(&mut line.stats));
            figures.other_informants.iter_mut().for_each(strip);
            figures.others.iter_mut().for_each(strip);
        }
        for behaviour in &mut self.report.behaviours {
            behaviour.others.iter_mut().for_each(strip);
        }
    }
}

/// The invited groups (self and identifiable groups excepted) with fewer than k submitted
/// responses, each with its count; empty when the report may be released.
pub fn release_shortfall(
    config: &ScanConfig,
    submitted_per_invited_group: &BTreeMap<GroupId, usize>,
) -> Vec<(GroupId, usize)> {
    submitted_per_invited_group
        .iter()
        .filter(|(group, _)| !config.is_exempt(group))
        .filter(|(_, submitted)| **submitted < config.min_group_size())
        .map(|(group, submitted)| (group.clone(), *submitted))
        .collect()
}

/// Whether readers who saw `shown` may now see `current` (module docs).
pub fn update_is_safe(config: &ScanConfig, shown: &Version, current: &Version) -> bool {
    let (Some(before), Some(after)) = (&shown.membership, &current.membership) else {
        // No members to compare: only an identical version is safe.
        return shown.report == current.report && shown.comments == current.comments;
    };
    let k = config.min_group_size();
    let cells_match = shown.report.competencies.len() == current.report.competencies.len()
        && shown.report.behaviours.len() == current.report.behaviours.len();
    if !cells_match {
        return false;
    }
    let empty = LineMembers::default();
    before.lines.keys().chain(after.lines.keys()).all(|key| {
        let old = before.lines.get(key).unwrap_or(&empty);
        let new = after.lines.get(key).unwrap_or(&empty);
        if old == new {
            // Same people: any change of the figures would be a change of their answers
            // that became visible (or invisible), which can rest on one person.
            line_content(&shown.report, &shown.comments, key)
                == line_content(&current.report, &current.comments, key)
        } else {
            grew_by_at_least(&old.protected, &new.protected, k)
                && contains_all(&new.identifiable, &old.identifiable)
        }
    })
}

/// `after` holds all of `before` and at least k more.
fn grew_by_at_least(before: &[String], after: &[String], k: usize) -> bool {
    contains_all(after, before) && after.len() - before.len() >= k
}

/// Whether sorted `outer` contains every element of sorted `inner`.
fn contains_all(outer: &[String], inner: &[String]) -> bool {
    inner.iter().all(|id| outer.binary_search(id).is_ok())
}

/// What a line publishes, for comparing two versions whose line has the same members.
#[derive(Debug, PartialEq)]
pub(crate) enum Content<'a> {
    Figures(Option<&'a Stats>),
    Comments(Option<&'a Vec<String>>),
    /// "Others" of a cell: its own figures and those of the identifiable lines mixed into it.
    Others(Option<&'a Stats>, Vec<&'a Stats>),
}

pub(crate) fn line_content<'a>(
    report: &'a Report,
    comments: &'a [CompetencyComments],
    key: &str,
) -> Option<Content<'a>> {
    let parts: Vec<String> = serde_json::from_str(key).ok()?;
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let cell = |competency: &str, level: &str| -> Option<&'a Breakdown> {
        report
            .competencies
            .iter()
            .find(|c| c.competency == competency && c.level == level)
            .map(|c| &c.figures)
    };
    Some(match parts.as_slice() {
        ["cell", competency, level, "group", group] => Content::Figures(
            cell(competency, level)
                .and_then(|f| f.groups.iter().find(|g| g.group == *group))
                .map(|g| &g.stats),
        ),
        ["cell", competency, level, "pooled"] => {
            Content::Figures(cell(competency, level).and_then(|f| f.other_informants.as_ref()))
        }
        ["cell", competency, level, "others"] => {
            let figures = cell(competency, level);
            Content::Others(
                figures.and_then(|f| f.others.as_ref()),
                figures.map_or_else(Vec::new, |f| {
                    f.groups
                        .iter()
                        .filter(|g| g.identifiable)
                        .map(|g| &g.stats)
                        .collect()
                }),
            )
        }
        ["behaviour", behaviour, "others"] => Content::Figures(
            report
                .behaviours
                .iter()
                .find(|b| b.behaviour == *behaviour)
                .and_then(|b| b.others.as_ref()),
        ),
        ["comments", competency, rest @ ..] => {
            let source = match rest {
                ["group", group] => super::CommentSource::Group((*group).to_owned()),
                _ => super::CommentSource::Unlabelled,
            };
            Content::Comments(
                comments
                    .iter()
                    .find(|c| c.competency == *competency)
                    .and_then(|c| c.lists.iter().find(|(s, _)| *s == source))
                    .map(|(_, texts)| texts),
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::Rating;
    use crate::domain::scoring::{ItemStructure, Response, build_version};

    fn config() -> ScanConfig {
        ScanConfig::new("self")
            .with_min_group_size(3)
            .unwrap()
            .with_identifiable_groups(["board"])
    }

    fn items() -> ItemStructure {
        let cell = BTreeMap::from([("l".to_owned(), vec!["b1".to_owned(), "b2".to_owned()])]);
        ItemStructure::new(BTreeMap::from([("c".to_owned(), cell)])).unwrap()
    }

    fn rate(id: &str, group: &str, b1: &str, b2: &str) -> Response {
        Response::new(
            id,
            group,
            [
                ("b1", Rating::parse(b1).unwrap()),
                ("b2", Rating::parse(b2).unwrap()),
            ],
        )
    }

    /// Staff members s0, s1, …: the same people whenever `n` grows.
    fn staff(n: usize) -> Vec<Response> {
        (0..n)
            .map(|i| {
                let score = (1 + i % 5).to_string();
                rate(&format!("s{i}"), "staff", &score, &score)
            })
            .collect()
    }

    fn version(responses: &[Response]) -> Version {
        build_version(&config(), &items(), responses).unwrap()
    }

    fn safe(before: &[Response], after: &[Response]) -> bool {
        update_is_safe(&config(), &version(before), &version(after))
    }

    #[test]
    fn release_needs_k_in_every_invited_group_but_self_and_identifiable() {
        let counts = BTreeMap::from([
            ("self".to_owned(), 0),
            ("board".to_owned(), 1),
            ("staff".to_owned(), 3),
            ("peers".to_owned(), 2),
        ]);
        assert_eq!(
            release_shortfall(&config(), &counts),
            vec![("peers".to_owned(), 2)]
        );
        let enough = BTreeMap::from([("staff".to_owned(), 3), ("peers".to_owned(), 4)]);
        assert!(release_shortfall(&config(), &enough).is_empty());
    }

    #[test]
    fn one_more_respondent_is_not_safe_k_more_are() {
        assert!(safe(&staff(3), &staff(3)));
        assert!(!safe(&staff(3), &staff(4)));
        assert!(!safe(&staff(3), &staff(5)));
        assert!(safe(&staff(3), &staff(6)));
    }

    #[test]
    fn lines_that_reform_with_the_same_counts_are_not_safe() {
        // Pooled: peers p1, p2 and external e1. A third peer makes peers shown; external alone
        // is then left out. Every count stays or moves by k (others 6 → 6, pooled 3 → 0, peers
        // 0 → 3), but "others" swapped e1 for p3: the two versions differ by two people.
        let mut before = staff(3);
        before.extend([
            rate("p1", "peers", "2", "2"),
            rate("p2", "peers", "2", "2"),
            rate("e1", "external", "5", "5"),
        ]);
        let mut after = before.clone();
        after.push(rate("p3", "peers", "1", "1"));
        let (shown, current) = (version(&before), version(&after));
        let others_n = |v: &Version| v.report.competencies[0].figures.others.as_ref().unwrap().n;
        assert_eq!(others_n(&shown), others_n(&current));
        assert!(!update_is_safe(&config(), &shown, &current));
    }

    #[test]
    fn a_late_answer_that_moves_no_count_is_not_safe() {
        // A fourth staff member who could not judge anything: n stays 3, but the "cannot judge"
        // counts would show exactly their answers.
        let mut after = staff(3);
        after.push(rate("late", "staff", "n", "n"));
        let (shown, current) = (version(&staff(3)), version(&after));
        let n = |v: &Version| v.report.competencies[0].figures.groups[0].stats.n;
        assert_eq!(n(&shown), n(&current));
        assert!(!update_is_safe(&config(), &shown, &current));
    }

    #[test]
    fn a_late_comment_alone_is_not_safe() {
        let with_comments = |n: usize| -> Vec<Response> {
            staff(n)
                .into_iter()
                .map(|r| {
                    let text = format!("{} schreef", r.id);
                    r.with_comment("c", text)
                })
                .collect()
        };
        let before = with_comments(3);
        let mut after = before.clone();
        // A fourth staff member who rated nothing but wrote a comment: the figures stay, the
        // staff list would grow by one.
        after.push(
            Response::new("late", "staff", Vec::<(String, Rating)>::new())
                .with_comment("c", "Nieuw"),
        );
        let (shown, current) = (version(&before), version(&after));
        assert_eq!(shown.report, current.report);
        assert!(!update_is_safe(&config(), &shown, &current));
    }

    #[test]
    fn the_same_people_with_other_figures_is_not_safe() {
        let shown = version(&staff(3));
        let mut current = shown.clone();
        current.report.competencies[0].figures.groups[0]
            .stats
            .distribution
            .counts[0] += 1;
        assert!(!update_is_safe(&config(), &shown, &current));
    }

    #[test]
    fn self_may_change_freely_identifiable_only_with_k_protected_more() {
        let mut before = staff(3);
        before.push(rate("b1", "board", "4", "4"));
        let mut after = before.clone();
        after.push(rate("me", "self", "2", "2"));
        assert!(safe(&before, &after));
        // A second board member changes "others" while no protected member is added: refused,
        // which keeps the rule simple (the protected part of others must grow by k).
        after.push(rate("b2", "board", "5", "5"));
        assert!(!safe(&before, &after));
        after.extend(staff(6).split_off(3));
        assert!(safe(&before, &after));
    }

    #[test]
    fn a_group_appearing_with_fewer_than_k_new_people_is_not_safe() {
        // Two peers are hidden (left out); a third makes them shown: others grows by 3 — safe.
        let mut before = staff(3);
        before.extend([rate("p1", "peers", "2", "2"), rate("p2", "peers", "2", "2")]);
        let mut after = before.clone();
        after.push(rate("p3", "peers", "2", "2"));
        assert!(safe(&before, &after));
        // One more staff member on top: staff moves by 1 — not safe.
        after.push(rate("s9", "staff", "4", "4"));
        assert!(!safe(&before, &after));
    }

    #[test]
    fn a_version_frozen_without_members_is_replaced_only_by_the_same_figures() {
        let mut old = version(&staff(3));
        old.membership = None;
        // As stored before members were kept: loads, with no membership.
        let json = serde_json::json!({"report": old.report, "comments": old.comments});
        let loaded: Version = serde_json::from_value(json).unwrap();
        assert_eq!(loaded, old);
        assert!(update_is_safe(&config(), &loaded, &version(&staff(3))));
        // Its protected lines lose min, max and sd when read again.
        let mut loaded = loaded;
        loaded.report.competencies[0].figures.groups[0].stats.min = Some(1.0);
        loaded.withhold_old_spread();
        assert_eq!(
            loaded.report.competencies[0].figures.groups[0].stats.min,
            None
        );
        assert!(!update_is_safe(&config(), &loaded, &version(&staff(6))));
    }

    #[test]
    fn readers_see_the_frozen_version_until_the_closed_one_is_safe() {
        let frozen = version(&staff(3));
        let config = config();
        assert_eq!(
            readers_see(&config, ScanState::Open, None),
            Shown::NotReadable
        );
        assert_eq!(
            readers_see(&config, ScanState::Open, Some(&frozen)),
            Shown::Released
        );
        let four = version(&staff(4));
        let six = version(&staff(6));
        assert_eq!(
            readers_see(&config, ScanState::Closed { current: &four }, Some(&frozen)),
            Shown::FrozenAtRelease
        );
        assert_eq!(
            readers_see(&config, ScanState::Closed { current: &six }, Some(&frozen)),
            Shown::Final
        );
        assert_eq!(
            readers_see(&config, ScanState::Closed { current: &four }, None),
            Shown::Final
        );
    }
}
