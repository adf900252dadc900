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
//! - At closing, the frozen figures are replaced by the final ones only when no published count
//!   moved by fewer than k ([`update_is_safe`]); otherwise the frozen figures stay, so the
//!   difference between two versions never rests on fewer than k people.

use std::collections::BTreeMap;

use super::anonymity::Breakdown;
use super::input::{GroupId, ScanConfig};
use super::report::Report;

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

/// Whether readers who saw `shown` may now see `current`: every published count (group lines
/// other than self and identifiable groups, the pooled line and "others" without its
/// identifiable members, per competency; "others" per behaviour) either stayed the same or grew by at least k.
pub fn update_is_safe(config: &ScanConfig, shown: &Report, current: &Report) -> bool {
    let k = config.min_group_size();
    let safe = |before: usize, after: usize| before == after || after.abs_diff(before) >= k;
    let cells_match = shown.competencies.len() == current.competencies.len()
        && shown.behaviours.len() == current.behaviours.len();
    if !cells_match {
        return false;
    }
    let competencies =
        shown
            .competencies
            .iter()
            .zip(&current.competencies)
            .all(|(before, after)| {
                let (before_counts, after_counts) = (
                    published_counts(config, &before.figures),
                    published_counts(config, &after.figures),
                );
                before_counts.keys().chain(after_counts.keys()).all(|line| {
                    safe(
                        before_counts.get(line).copied().unwrap_or(0),
                        after_counts.get(line).copied().unwrap_or(0),
                    )
                })
            });
    let behaviours = shown
        .behaviours
        .iter()
        .zip(&current.behaviours)
        .all(|(before, after)| {
            safe(
                before.others.as_ref().map_or(0, |s| s.n),
                after.others.as_ref().map_or(0, |s| s.n),
            )
        });
    competencies && behaviours
}

/// The respondent count of every published line of a cell that is protected by k.
fn published_counts(config: &ScanConfig, figures: &Breakdown) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = figures
        .groups
        .iter()
        .filter(|line| !config.is_exempt(&line.group))
        .map(|line| (format!("group:{}", line.group), line.stats.n))
        .collect();
    if let Some(pooled) = &figures.other_informants {
        counts.insert("pooled".into(), pooled.n);
    }
    if let Some(others) = &figures.others {
        // Identifiable groups were told they can be recognised; only the rest is protected.
        let identifiable: usize = figures
            .groups
            .iter()
            .filter(|line| config.is_exempt(&line.group))
            .map(|line| line.stats.n)
            .sum();
        counts.insert("others".into(), others.n - identifiable);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::Rating;
    use crate::domain::scoring::{ItemStructure, Response, build_report};

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

    fn staff(n: usize) -> Vec<Response> {
        (0..n)
            .map(|i| {
                let score = Rating::parse(&(1 + i % 5).to_string()).unwrap();
                Response::new("staff", [("b1", score), ("b2", score)])
            })
            .collect()
    }

    fn report(responses: &[Response]) -> Report {
        build_report(&config(), &items(), responses).unwrap()
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
        let shown = report(&staff(3));
        assert!(update_is_safe(&config(), &shown, &report(&staff(3))));
        assert!(!update_is_safe(&config(), &shown, &report(&staff(4))));
        assert!(!update_is_safe(&config(), &shown, &report(&staff(5))));
        assert!(update_is_safe(&config(), &shown, &report(&staff(6))));
    }

    #[test]
    fn self_and_identifiable_groups_may_change_freely() {
        let mut before = staff(3);
        before.push(Response::new(
            "board",
            [("b1", Rating::parse("4").unwrap())],
        ));
        let mut after = before.clone();
        after.push(Response::new("self", [("b1", Rating::parse("2").unwrap())]));
        assert!(update_is_safe(&config(), &report(&before), &report(&after)));
        // Board is identifiable: a second member moves the competency's "others" by one, which
        // is allowed; per behaviour no group lines are published, so there it is refused.
        after.push(Response::new(
            "board",
            [("b2", Rating::parse("5").unwrap())],
        ));
        let (before, after) = (report(&before), report(&after));
        assert!(
            published_counts(&config(), &before.competencies[0].figures)
                == published_counts(&config(), &after.competencies[0].figures)
        );
        assert!(!update_is_safe(&config(), &before, &after));
    }

    #[test]
    fn a_group_appearing_with_fewer_than_k_new_people_is_not_safe() {
        // Two peers are hidden (left out); a third makes them shown: others grows by 3 — safe.
        let mut before = staff(3);
        before
            .extend((0..2).map(|_| Response::new("peers", [("b1", Rating::parse("2").unwrap())])));
        let mut after = before.clone();
        after.push(Response::new(
            "peers",
            [("b1", Rating::parse("2").unwrap())],
        ));
        assert!(update_is_safe(&config(), &report(&before), &report(&after)));
        // One more staff member on top: staff moves by 1 — not safe.
        after.extend(staff(1));
        assert!(!update_is_safe(
            &config(),
            &report(&before),
            &report(&after)
        ));
    }
}
