//! Property tests of the anonymity and determinism guarantees, on random scans.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::release::line_content;
use super::*;
use crate::domain::rating::{Rating, Score};

const GROUPS: [&str; 5] = ["self", "board", "staff", "peers", "external"];
const NON_SELF: [&str; 4] = ["board", "staff", "peers", "external"];

/// c1/l1: b1–b3, c1/l2: b4–b5, c2/l1: b6, c2/l2: b7–b10.
fn structure() -> ItemStructure {
    let cell = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    ItemStructure::new(BTreeMap::from([
        (
            "c1".to_string(),
            BTreeMap::from([
                ("l1".to_string(), cell(&["b1", "b2", "b3"])),
                ("l2".to_string(), cell(&["b4", "b5"])),
            ]),
        ),
        (
            "c2".to_string(),
            BTreeMap::from([
                ("l1".to_string(), cell(&["b6"])),
                ("l2".to_string(), cell(&["b7", "b8", "b9", "b10"])),
            ]),
        ),
    ]))
    .unwrap()
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        2 => Just(None),
        2 => Just(Some(Rating::CannotJudge)),
        6 => (1i64..=5).prop_map(|v| Some(Rating::Score(Score::new(v).unwrap()))),
    ]
}

fn comment() -> impl Strategy<Value = Option<String>> {
    prop_oneof![3 => Just(None), 2 => "[a-d ]{0,3}".prop_map(Some)]
}

fn response() -> impl Strategy<Value = Response> {
    (
        prop_oneof![1 => Just(0usize), 6 => 1usize..GROUPS.len()],
        proptest::collection::vec(rating(), 10),
        (comment(), comment()),
    )
        .prop_map(|(group, ratings, (c1, c2))| Response {
            id: String::new(),
            comments: [("c1", c1), ("c2", c2)]
                .into_iter()
                .filter_map(|(c, text)| text.map(|t| (c.to_string(), t)))
                .collect(),
            group: GROUPS[group].to_string(),
            ratings: ratings
                .into_iter()
                .enumerate()
                .filter_map(|(i, r)| r.map(|r| (format!("b{}", i + 1), r)))
                .collect(),
        })
}

fn config() -> impl Strategy<Value = ScanConfig> {
    (
        2usize..=5,
        proptest::collection::vec(any::<bool>(), NON_SELF.len()),
        prop_oneof![Just(0.5), 0.1f64..2.0],
    )
        .prop_map(|(k, identifiable, threshold)| {
            ScanConfig::new("self")
                .with_min_group_size(k)
                .unwrap()
                .with_agreement_threshold(threshold)
                .unwrap()
                .with_identifiable_groups(
                    NON_SELF
                        .iter()
                        .zip(identifiable)
                        .filter(|(_, marked)| *marked)
                        .map(|(g, _)| *g),
                )
        })
}

fn responses() -> impl Strategy<Value = Vec<Response>> {
    proptest::collection::vec(response(), 0..18).prop_map(numbered)
}

/// Gives every response a distinct id.
fn numbered(mut responses: Vec<Response>) -> Vec<Response> {
    for (i, r) in responses.iter_mut().enumerate() {
        r.id = format!("r{i:03}");
    }
    responses
}

/// Counted respondents per non-self group for one cell, computed independently of the code under
/// test (the half rule written out again).
fn counted_per_group(responses: &[Response], behaviours: &[String]) -> BTreeMap<String, usize> {
    let mut counted = BTreeMap::new();
    for r in responses.iter().filter(|r| r.group != "self") {
        let scored = behaviours
            .iter()
            .filter(|b| matches!(r.ratings.get(*b), Some(Rating::Score(_))))
            .count();
        if scored > 0 && scored * 2 >= behaviours.len() {
            *counted.entry(r.group.clone()).or_insert(0) += 1;
        }
    }
    counted
}

/// Groups that may appear in no figure of a cell: hidden and not poolable.
fn left_out_groups(config: &ScanConfig, counted: &BTreeMap<String, usize>) -> BTreeSet<String> {
    let k = config.min_group_size();
    let hidden: Vec<(&String, &usize)> = counted
        .iter()
        .filter(|(g, n)| !config.identifiable_groups().contains(*g) && **n < k)
        .collect();
    let hidden_total: usize = hidden.iter().map(|(_, n)| **n).sum();
    if hidden_total >= k {
        BTreeSet::new()
    } else {
        hidden.into_iter().map(|(g, _)| g.clone()).collect()
    }
}

fn cell_behaviours(items: &ItemStructure, competency: &str, level: &str) -> Vec<String> {
    items.tree()[competency][level].clone()
}

fn all_stats(report: &Report) -> Vec<&Stats> {
    let mut all = Vec::new();
    for c in &report.competencies {
        all.extend(c.figures.self_line.iter());
        all.extend(c.figures.groups.iter().map(|g| &g.stats));
        all.extend(c.figures.other_informants.iter());
        all.extend(c.figures.others.iter());
    }
    for b in &report.behaviours {
        all.extend(b.self_line.iter());
        all.extend(b.others.iter());
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// No shown line rests on fewer than k counted respondents unless it is self or identifiable.
    #[test]
    fn no_shown_line_below_k(config in config(), responses in responses()) {
        let items = structure();
        let report = build_report(&config, &items, &responses).unwrap();
        let k = config.min_group_size();
        for c in &report.competencies {
            for line in &c.figures.groups {
                prop_assert_ne!(&line.group, "self");
                prop_assert_eq!(line.identifiable, config.identifiable_groups().contains(&line.group));
                prop_assert!(line.identifiable || line.stats.n >= k, "{} has n = {}", line.group, line.stats.n);
            }
            if let Some(pooled) = &c.figures.other_informants {
                prop_assert!(pooled.n >= k);
            }
            if let Some(others) = &c.figures.others {
                let only_identifiable = c.figures.other_informants.is_none()
                    && c.figures.groups.iter().all(|g| g.identifiable);
                prop_assert!(others.n >= k || only_identifiable);
            }
        }
        for b in &report.behaviours {
            if let Some(others) = &b.others
                && others.n < k
            {
                    // Then every counted rater must come from an identifiable group.
                    let identifiable_raters = responses
                        .iter()
                        .filter(|r| config.identifiable_groups().contains(&r.group))
                        .filter(|r| matches!(r.ratings.get(&b.behaviour), Some(Rating::Score(_))))
                        .count();
                    prop_assert!(others.n <= identifiable_raters, "behaviour {} others n = {}", b.behaviour, others.n);
            }
        }
    }

    /// The subtraction attack: from others and every shown line, reconstruct the remainder. It
    /// must always be zero respondents, zero sum, zero answers — and others must be exactly the
    /// independently computed set of publishable respondents.
    #[test]
    fn subtraction_recovers_nothing(config in config(), responses in responses()) {
        let items = structure();
        let report = build_report(&config, &items, &responses).unwrap();
        for c in &report.competencies {
            let Some(others) = &c.figures.others else {
                prop_assert!(c.figures.groups.is_empty() && c.figures.other_informants.is_none());
                continue;
            };
            let lines: Vec<&Stats> = c.figures.groups.iter().map(|g| &g.stats)
                .chain(c.figures.other_informants.iter())
                .collect();
            let rest_n = others.n as i64 - lines.iter().map(|s| s.n as i64).sum::<i64>();
            let total = |s: &Stats| s.mean.map_or(0.0, |m| m * s.n as f64);
            let rest_sum = total(others) - lines.iter().map(|s| total(s)).sum::<f64>();
            prop_assert_eq!(rest_n, 0);
            prop_assert!(rest_sum.abs() < 1e-9, "remainder sum {}", rest_sum);
            for i in 0..5 {
                let rest = others.distribution.counts[i] as i64
                    - lines.iter().map(|s| s.distribution.counts[i] as i64).sum::<i64>();
                prop_assert_eq!(rest, 0);
            }
            let rest_cj = others.cannot_judge as i64
                - lines.iter().map(|s| s.cannot_judge as i64).sum::<i64>();
            prop_assert_eq!(rest_cj, 0);

            // Independent bound: others holds at most the counted non-self respondents of the
            // groups not left out on all answers (fewer when answers are withheld per behaviour).
            let behaviours = cell_behaviours(&items, &c.competency, &c.level);
            let counted = counted_per_group(&responses, &behaviours);
            let left_out = left_out_groups(&config, &counted);
            let bound: usize = counted.iter()
                .filter(|(g, _)| !left_out.contains(*g))
                .map(|(_, n)| n)
                .sum();
            prop_assert!(others.n <= bound, "others {} > {}", others.n, bound);
        }
    }

    /// Per-behaviour and per-competency figures cannot be played off against each other: the
    /// others' distributions per behaviour add up exactly to the competency's.
    #[test]
    fn behaviour_figures_add_up_to_competency_figures(config in config(), responses in responses()) {
        let items = structure();
        let report = build_report(&config, &items, &responses).unwrap();
        for c in &report.competencies {
            let mut sum = [0usize; 5];
            let mut cj = 0;
            for b in report.behaviours.iter().filter(|b| b.competency == c.competency && b.level == c.level) {
                if let Some(o) = &b.others {
                    for (s, x) in sum.iter_mut().zip(o.distribution.counts) { *s += x; }
                    cj += o.cannot_judge;
                }
            }
            let (expected, expected_cj) = c.figures.others.as_ref()
                .map_or(([0; 5], 0), |o| (o.distribution.counts, o.cannot_judge));
            prop_assert_eq!(sum, expected);
            prop_assert_eq!(cj, expected_cj);
        }
    }

    /// A hidden group that cannot be pooled has no influence on any figure of that cell: removing
    /// its responses leaves the cell's results identical, so nothing can be subtracted.
    #[test]
    fn left_out_groups_do_not_influence_their_cell(config in config(), responses in responses()) {
        let items = structure();
        let report = build_report(&config, &items, &responses).unwrap();
        for c in &report.competencies {
            let behaviours = cell_behaviours(&items, &c.competency, &c.level);
            let left_out = left_out_groups(&config, &counted_per_group(&responses, &behaviours));
            if left_out.is_empty() {
                continue;
            }
            let without: Vec<Response> = responses.iter()
                .filter(|r| !left_out.contains(&r.group))
                .cloned()
                .collect();
            let other = build_report(&config, &items, &without).unwrap();
            let same_cell = other.competencies.iter()
                .find(|o| o.competency == c.competency && o.level == c.level)
                .unwrap();
            prop_assert_eq!(same_cell, c);
            for b in report.behaviours.iter().filter(|b| behaviours.contains(&b.behaviour)) {
                let same = other.behaviours.iter().find(|o| o.behaviour == b.behaviour).unwrap();
                prop_assert_eq!(same, b);
            }
        }
    }

    /// Every mean, minimum and maximum stays on the 1–5 scale; gaps within ±4.
    #[test]
    fn figures_stay_on_the_scale(config in config(), responses in responses()) {
        let report = build_report(&config, &structure(), &responses).unwrap();
        for stats in all_stats(&report) {
            prop_assert_eq!(stats.mean.is_some(), stats.n > 0);
            prop_assert!(stats.sd.is_none() || stats.n > 1);
            if let (Some(mean), Some(min), Some(max)) = (stats.mean, stats.min, stats.max) {
                prop_assert!((1.0..=5.0).contains(&mean), "mean {}", mean);
                prop_assert!(1.0 <= min && min <= mean && mean <= max && max <= 5.0);
            }
            if let Some(sd) = stats.sd {
                prop_assert!((0.0..=4.0).contains(&sd));
            }
        }
        let gaps = report.competencies.iter().map(|c| c.figures.gap)
            .chain(report.behaviours.iter().map(|b| b.gap));
        for gap in gaps.flatten() {
            prop_assert!((-4.0..=4.0).contains(&gap));
        }
    }

    /// Shuffling the responses changes nothing, to the last bit.
    #[test]
    fn shuffling_changes_nothing(
        config in config(),
        (responses, shuffled) in responses().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle())),
    ) {
        let items = structure();
        let a = serde_json::to_string(&build_report(&config, &items, &responses).unwrap()).unwrap();
        let b = serde_json::to_string(&build_report(&config, &items, &shuffled).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Parsing accepts exactly the six codes and nothing else.
    #[test]
    fn rating_parse_accepts_only_the_scale(input in "\\PC{0,6}") {
        let valid = matches!(input.trim().to_ascii_lowercase().as_str(), "1" | "2" | "3" | "4" | "5" | "n" | "cannot_judge");
        prop_assert_eq!(Rating::parse(&input).is_ok(), valid);
    }
}

/// The spread rule: no lowest or highest score on a line protected by k, and an sd only from
/// k + 1 counted respondents.
fn check_spread(config: &ScanConfig, report: &Report) -> Result<(), TestCaseError> {
    let k = config.min_group_size();
    let protected = |stats: &Stats, protected_n: usize| -> Result<(), TestCaseError> {
        prop_assert_eq!((stats.min, stats.max), (None, None));
        prop_assert!(
            stats.sd.is_none() || protected_n > k,
            "sd on {} protected",
            protected_n
        );
        Ok(())
    };
    for c in &report.competencies {
        for line in c.figures.groups.iter().filter(|g| !g.identifiable) {
            protected(&line.stats, line.stats.n)?;
        }
        if let Some(pooled) = &c.figures.other_informants {
            protected(pooled, pooled.n)?;
        }
        if let Some(others) = &c.figures.others {
            let identifiable: usize = c
                .figures
                .groups
                .iter()
                .filter(|g| g.identifiable)
                .map(|g| g.stats.n)
                .sum();
            protected(others, others.n - identifiable)?;
        }
    }
    for b in &report.behaviours {
        if let Some(others) = &b.others {
            prop_assert_eq!((others.min, others.max), (None, None));
        }
    }
    Ok(())
}

/// No published figure or comment list rests on fewer than k respondents protected by k.
fn check_k_floor(config: &ScanConfig, version: &Version) -> Result<(), TestCaseError> {
    let k = config.min_group_size();
    for c in &version.report.competencies {
        for line in &c.figures.groups {
            prop_assert!(line.identifiable || line.stats.n >= k);
        }
        if let Some(pooled) = &c.figures.other_informants {
            prop_assert!(pooled.n >= k);
        }
    }
    for block in &version.comments {
        for (source, texts) in &block.lists {
            let exempt = match source {
                CommentSource::SelfComment => true,
                CommentSource::Group(g) => config.is_exempt(g),
                CommentSource::Unlabelled => false,
            };
            prop_assert!(
                exempt || texts.len() >= k,
                "{:?} has {} comments",
                source,
                texts.len()
            );
        }
    }
    // Every line protected by k holds none or at least k protected respondents.
    for (key, members) in &version.membership.as_ref().unwrap().lines {
        let n = members.protected.len();
        prop_assert!(n == 0 || n >= k, "{} holds {}", key, n);
    }
    Ok(())
}

/// Any two versions a reader saw: every line's respondents are the same (with the same
/// figures) or differ by at least k.
fn check_versions_differ_by_k(
    config: &ScanConfig,
    a: &Version,
    b: &Version,
    responses: &[Response],
) -> Result<(), TestCaseError> {
    let k = config.min_group_size();
    let (ma, mb) = (
        a.membership.as_ref().unwrap(),
        b.membership.as_ref().unwrap(),
    );
    let empty = LineMembers::default();
    for key in ma.lines.keys().chain(mb.lines.keys()) {
        let (la, lb) = (
            ma.lines.get(key).unwrap_or(&empty),
            mb.lines.get(key).unwrap_or(&empty),
        );
        let (pa, pb): (BTreeSet<&String>, BTreeSet<&String>) =
            (la.protected.iter().collect(), lb.protected.iter().collect());
        if la == lb {
            prop_assert_eq!(
                line_content(&a.report, &a.comments, key),
                line_content(&b.report, &b.comments, key),
                "{} kept its members but changed",
                key
            );
        } else {
            let difference = pa.symmetric_difference(&pb).count();
            prop_assert!(
                difference >= k,
                "{} differs by {} < k = {}",
                key,
                difference,
                k
            );
        }
        // Members are real responses of groups protected by k.
        for id in pa.iter().chain(&pb) {
            let response = responses.iter().find(|r| &&r.id == id).unwrap();
            prop_assert!(!config.is_exempt(&response.group));
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Event {
    Answer(Response),
    Release,
    Close,
    Reopen,
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => response().prop_map(Event::Answer),
        1 => Just(Event::Release),
        2 => Just(Event::Close),
        1 => Just(Event::Reopen),
    ]
}

/// The service's rules played in pure code: answers only while open, release once (frozen
/// figures) when every group with answers has k, closing, and reopening that freezes what
/// readers saw. Returns every version a reader could have seen, in order.
fn play(
    config: &ScanConfig,
    initial: Vec<Response>,
    events: Vec<Event>,
) -> (Vec<Version>, Vec<Response>) {
    let items = structure();
    let mut responses: Vec<Response> = Vec::new();
    let add = |responses: &mut Vec<Response>, mut r: Response| {
        r.id = format!("r{:03}", responses.len());
        responses.push(r);
    };
    for r in initial {
        add(&mut responses, r);
    }
    let mut open = true;
    let mut frozen: Option<Version> = None;
    let mut seen = Vec::new();
    for event in events {
        match event {
            Event::Answer(r) if open => add(&mut responses, r),
            Event::Answer(_) => {}
            Event::Release if open && frozen.is_none() => {
                let mut submitted: BTreeMap<String, usize> = BTreeMap::new();
                for r in &responses {
                    *submitted.entry(r.group.clone()).or_default() += 1;
                }
                if release::release_shortfall(config, &submitted).is_empty() {
                    frozen = Some(build_version(config, &items, &responses).unwrap());
                }
            }
            Event::Release => {}
            Event::Close => open = false,
            Event::Reopen if !open => {
                let current = build_version(config, &items, &responses).unwrap();
                frozen = match readers_see(
                    config,
                    ScanState::Closed { current: &current },
                    frozen.as_ref(),
                ) {
                    Shown::Final => Some(current),
                    _ => frozen,
                };
                open = true;
            }
            Event::Reopen => {}
        }
        let current = build_version(config, &items, &responses).unwrap();
        let state = if open {
            ScanState::Open
        } else {
            ScanState::Closed { current: &current }
        };
        match readers_see(config, state, frozen.as_ref()) {
            Shown::NotReadable => {}
            Shown::Released | Shown::FrozenAtRelease => seen.push(frozen.clone().unwrap()),
            Shown::Final => seen.push(current.clone()),
        }
    }
    (seen, responses)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Spread: no min/max on lines protected by k, sd only from k + 1.
    #[test]
    fn no_individual_scores_from_the_spread(config in config(), responses in responses()) {
        let report = build_report(&config, &structure(), &responses).unwrap();
        check_spread(&config, &report)?;
    }

    /// Over any sequence of answers, releases, closings and reopenings: every version a reader
    /// sees rests on at least k protected respondents per line and list, and any two versions
    /// differ in each line by nobody (with equal figures) or by at least k people.
    #[test]
    fn versions_readers_see_never_differ_by_fewer_than_k(
        config in config(),
        initial in proptest::collection::vec(response(), 0..12),
        events in proptest::collection::vec(event(), 0..16),
    ) {
        let (seen, responses) = play(&config, initial, events);
        for version in &seen {
            check_k_floor(&config, version)?;
            check_spread(&config, &version.report)?;
        }
        for (i, a) in seen.iter().enumerate() {
            for b in &seen[i + 1..] {
                check_versions_differ_by_k(&config, a, b, &responses)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Late answers on top of any scan: whenever the update is judged safe, every line kept its
    /// people and figures, or gained at least k people.
    #[test]
    fn a_safe_update_never_changes_a_line_by_fewer_than_k(
        config in config(),
        earlier in proptest::collection::vec(response(), 0..14),
        late in proptest::collection::vec(response(), 1..7),
    ) {
        let items = structure();
        let count = earlier.len();
        let all = numbered(earlier.into_iter().chain(late).collect());
        let before = build_version(&config, &items, &all[..count]).unwrap();
        let after = build_version(&config, &items, &all).unwrap();
        if release::update_is_safe(&config, &before, &after) {
            check_versions_differ_by_k(&config, &before, &after, &all)?;
        }
    }
}
