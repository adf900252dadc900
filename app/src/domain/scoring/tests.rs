//! Hand-computed scenarios for the whole report.

use std::collections::BTreeMap;

use super::*;
use crate::domain::rating::Rating;

fn items(cells: &[(&str, &str, &[&str])]) -> ItemStructure {
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (competency, level, behaviours) in cells {
        tree.entry(competency.to_string()).or_default().insert(
            level.to_string(),
            behaviours.iter().map(|b| b.to_string()).collect(),
        );
    }
    ItemStructure::new(tree).unwrap()
}

/// A response with a fresh id (ids only matter for comparing versions).
fn response(group: &str, ratings: &[(&str, &str)]) -> Response {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Response::new(
        format!("r{id:06}"),
        group,
        ratings.iter().map(|(b, r)| (*b, Rating::parse(r).unwrap())),
    )
}

fn config() -> ScanConfig {
    ScanConfig::new("self")
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

fn only(report: &Report) -> &CompetencyResult {
    assert_eq!(report.competencies.len(), 1);
    &report.competencies[0]
}

fn line<'a>(result: &'a CompetencyResult, group: &str) -> Option<&'a GroupLine> {
    result.figures.groups.iter().find(|g| g.group == group)
}

/// The worked example: staff shown, peers (2) and external (1) pooled to 3.
fn worked_example() -> Vec<Response> {
    vec![
        response("self", &[("b1", "4"), ("b2", "5")]),
        response("staff", &[("b1", "3"), ("b2", "4")]),
        response("staff", &[("b1", "2"), ("b2", "2")]),
        response("staff", &[("b1", "4"), ("b2", "n")]),
        response("peers", &[("b1", "5"), ("b2", "5")]),
        response("peers", &[("b1", "4"), ("b2", "3")]),
        response("external", &[("b1", "1"), ("b2", "2")]),
    ]
}

#[test]
fn worked_example_hand_computed() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let report = build_report(&config(), &structure, &worked_example()).unwrap();
    let result = only(&report);

    let own = result.figures.self_line.as_ref().unwrap();
    assert_eq!(own.n, 1);
    close(own.mean, 4.5);
    assert_eq!(own.sd, None);

    // Staff respondent scores 3.5, 2, 4 (the third: 4, "cannot judge" left out).
    let staff = &line(result, "staff").unwrap().stats;
    assert_eq!(staff.n, 3);
    close(staff.mean, 9.5 / 3.0);
    // A line of exactly k: no sd, lowest or highest score, which with n and the mean would
    // give all three scores.
    assert_eq!((staff.sd, staff.min, staff.max), (None, None, None));
    assert_eq!(staff.distribution.counts, [0, 2, 1, 2, 0]);
    assert_eq!(staff.cannot_judge, 1);

    // Peers (2) and external (1) are hidden, pooled: scores 5, 3.5, 1.5.
    assert!(line(result, "peers").is_none());
    assert!(line(result, "external").is_none());
    let pooled = result.figures.other_informants.as_ref().unwrap();
    assert_eq!(pooled.n, 3);
    close(pooled.mean, 10.0 / 3.0);
    assert_eq!(pooled.distribution.counts, [1, 1, 1, 1, 2]);

    // Others: 3.5, 2, 4, 5, 3.5, 1.5 → 19.5 / 6 = 3.25 (not the mean of the group means).
    let others = result.figures.others.as_ref().unwrap();
    assert_eq!(others.n, 6);
    close(others.mean, 3.25);
    assert_eq!(others.distribution.counts, [1, 3, 2, 3, 2]);
    assert_eq!(others.cannot_judge, 1);
    // Both parts (staff, pooled) lack their sd, so others' sd gives neither part's:
    // mean 3.25, squares 0.0625 + 1.5625 + 0.5625 + 3.0625 + 0.0625 + 3.0625 = 8.375; / 5.
    close(others.sd, (8.375f64 / 5.0).sqrt());
    assert_eq!((others.min, others.max), (None, None));
    close(result.figures.gap, 3.25 - 4.5);
    assert_eq!(
        result.agreement,
        Some(AgreementCategory::OverEstimationAtStandard)
    );

    // Per behaviour. b1: staff 3 shown, peers 2 + external 1 pooled → 3,2,4,5,4,1.
    let b1 = &report.behaviours[0];
    assert_eq!(b1.behaviour, "b1");
    let b1_others = b1.others.as_ref().unwrap();
    assert_eq!(b1_others.n, 6);
    close(b1_others.mean, 19.0 / 6.0);
    close(b1.gap, 19.0 / 6.0 - 4.0);
    // b2: staff has 2 counted raters, so all three groups are hidden; together 5 ≥ k: pooled.
    let b2 = &report.behaviours[1];
    let b2_others = b2.others.as_ref().unwrap();
    assert_eq!(b2_others.n, 5);
    close(b2_others.mean, 16.0 / 5.0);
    assert_eq!(b2_others.cannot_judge, 1);
    close(b2.gap, 3.2 - 5.0);
}

#[test]
fn others_weigh_each_respondent_not_each_group() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let mut responses: Vec<_> = (0..3).map(|_| response("staff", &[("b1", "2")])).collect();
    responses.extend((0..4).map(|_| response("peers", &[("b1", "4")])));
    let report = build_report(&config(), &structure, &responses).unwrap();
    let others = only(&report).figures.others.clone().unwrap();
    // (3 × 2 + 4 × 4) / 7, not (2 + 4) / 2.
    assert_eq!(others.n, 7);
    close(others.mean, 22.0 / 7.0);
}

#[test]
fn hidden_groups_that_cannot_be_pooled_are_left_out_of_others() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let responses = vec![
        response("staff", &[("b1", "2")]),
        response("staff", &[("b1", "3")]),
        response("staff", &[("b1", "4")]),
        response("peers", &[("b1", "5")]),
        response("external", &[("b1", "5")]),
    ];
    let report = build_report(&config(), &structure, &responses).unwrap();
    let result = only(&report);
    assert_eq!(result.figures.groups.len(), 1);
    assert_eq!(result.figures.other_informants, None);
    let others = result.figures.others.as_ref().unwrap();
    assert_eq!(others.n, 3);
    close(others.mean, 3.0);
    assert_eq!(others.distribution.counts, [0, 1, 1, 1, 0]);
    let b1 = report.behaviours[0].others.as_ref().unwrap();
    assert_eq!((b1.n, b1.mean), (3, Some(3.0)));
}

#[test]
fn exactly_k_is_shown_and_k_minus_one_is_not() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    for k in 2..=5 {
        let config = ScanConfig::new("self").with_min_group_size(k).unwrap();
        let at_k: Vec<_> = (0..k).map(|_| response("staff", &[("b1", "4")])).collect();
        let report = build_report(&config, &structure, &at_k).unwrap();
        assert_eq!(line(only(&report), "staff").unwrap().stats.n, k);

        let below: Vec<_> = (1..k).map(|_| response("staff", &[("b1", "4")])).collect();
        let report = build_report(&config, &structure, &below).unwrap();
        assert!(only(&report).figures.groups.is_empty());
        assert_eq!(only(&report).figures.others, None);
        assert_eq!(report.behaviours[0].others, None);
        assert!(report.highlights.highest.is_empty());
    }
}

#[test]
fn pooling_exactly_reaching_k_and_falling_short() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    // 2 + 1 = 3 = k: pooled.
    let reaching = vec![
        response("peers", &[("b1", "1")]),
        response("peers", &[("b1", "2")]),
        response("external", &[("b1", "3")]),
    ];
    let report = build_report(&config(), &structure, &reaching).unwrap();
    let pooled = only(&report).figures.other_informants.clone().unwrap();
    assert_eq!((pooled.n, pooled.mean), (3, Some(2.0)));
    assert_eq!(only(&report).figures.others.as_ref().unwrap().n, 3);

    // 1 + 1 = 2 < k: nothing at all.
    let short = vec![
        response("peers", &[("b1", "1")]),
        response("external", &[("b1", "3")]),
    ];
    let report = build_report(&config(), &structure, &short).unwrap();
    assert_eq!(only(&report).figures.other_informants, None);
    assert_eq!(only(&report).figures.others, None);
}

#[test]
fn identifiable_group_of_two_is_shown_and_counts_in_others() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let config = config().with_identifiable_groups(["board"]);
    let responses = vec![
        response("self", &[("b1", "5")]),
        response("board", &[("b1", "2")]),
        response("board", &[("b1", "3")]),
        response("staff", &[("b1", "4")]),
    ];
    let report = build_report(&config, &structure, &responses).unwrap();
    let result = only(&report);
    let board = line(result, "board").unwrap();
    assert!(board.identifiable);
    assert_eq!((board.stats.n, board.stats.mean), (2, Some(2.5)));
    assert!(line(result, "staff").is_none());
    let others = result.figures.others.as_ref().unwrap();
    assert_eq!((others.n, others.mean), (2, Some(2.5)));
    close(result.figures.gap, -2.5);
    assert_eq!(
        result.agreement,
        Some(AgreementCategory::OverEstimationBelowStandard)
    );
}

#[test]
fn no_self_response_gives_no_gap_and_no_agreement() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let responses: Vec<_> = (0..3).map(|_| response("staff", &[("b1", "3")])).collect();
    let report = build_report(&config(), &structure, &responses).unwrap();
    let result = only(&report);
    assert_eq!(result.figures.self_line, None);
    assert_eq!(result.figures.gap, None);
    assert_eq!(result.agreement, None);
    assert!(report.highlights.largest_gaps.is_empty());
    assert_eq!(report.highlights.highest.len(), 1);
}

#[test]
fn all_cannot_judge_shows_no_scores() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let mut responses = vec![response("self", &[("b1", "n"), ("b2", "n")])];
    responses.extend((0..4).map(|_| response("staff", &[("b1", "n"), ("b2", "n")])));
    let report = build_report(&config(), &structure, &responses).unwrap();
    let result = only(&report);
    let own = result.figures.self_line.as_ref().unwrap();
    assert_eq!((own.n, own.mean, own.cannot_judge), (0, None, 2));
    // Nobody is counted, so staff is hidden and cannot even be pooled.
    assert!(result.figures.groups.is_empty());
    assert_eq!(result.figures.others, None);
    assert_eq!(result.agreement, None);
    assert!(report.behaviours.iter().all(|b| b.others.is_none()));
    assert_eq!(report.highlights, Highlights::default());
}

#[test]
fn respondent_rating_fewer_than_half_does_not_count_towards_k() {
    let structure = items(&[("c1", "l1", &["b1", "b2", "b3", "b4"])]);
    let responses = vec![
        response("staff", &[("b1", "4"), ("b2", "4")]),
        response(
            "staff",
            &[("b1", "2"), ("b2", "2"), ("b3", "2"), ("b4", "2")],
        ),
        response(
            "staff",
            &[("b1", "5"), ("b2", "n"), ("b3", "n"), ("b4", "n")],
        ),
    ];
    let report = build_report(&config(), &structure, &responses).unwrap();
    // Only 2 counted: below k = 3.
    assert!(only(&report).figures.groups.is_empty());

    let k2 = ScanConfig::new("self").with_min_group_size(2).unwrap();
    let report = build_report(&k2, &structure, &responses).unwrap();
    let staff = &line(only(&report), "staff").unwrap().stats;
    assert_eq!(staff.n, 2);
    close(staff.mean, 3.0);
}

#[test]
fn answers_hidden_per_behaviour_are_left_out_of_the_competency_distribution() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let responses = vec![
        response("staff", &[("b1", "4"), ("b2", "4")]),
        response("staff", &[("b1", "3"), ("b2", "3")]),
        response("staff", &[("b1", "5"), ("b2", "n")]),
    ];
    let report = build_report(&config(), &structure, &responses).unwrap();
    let staff = &line(only(&report), "staff").unwrap().stats;
    // The mean uses only the published answers (b1): 4, 3, 5.
    assert_eq!(staff.n, 3);
    close(staff.mean, 4.0);
    // Staff has only 2 raters on b2, so b2 is hidden per behaviour, and its answers are not in
    // the competency distribution (otherwise distribution − b1 would reveal them).
    assert_eq!(report.behaviours[1].others, None);
    assert_eq!(staff.distribution.counts, [0, 0, 1, 1, 1]);
    assert_eq!(staff.cannot_judge, 0);
}

#[test]
fn a_competency_mean_rests_only_on_answers_published_per_behaviour() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let responses = vec![
        response("staff", &[("b1", "4"), ("b2", "2")]),
        response("staff", &[("b1", "3"), ("b2", "1")]),
        response("staff", &[("b1", "5"), ("b2", "n")]),
    ];
    let report = build_report(&config(), &structure, &responses).unwrap();
    // b2 has two staff raters: withheld there, so not in the competency either. With b2 the
    // mean would be (3 + 2 + 5) / 3, and minus the b1 figures it would give b2's answers.
    assert_eq!(report.behaviours[1].others, None);
    let staff = &line(only(&report), "staff").unwrap().stats;
    assert_eq!(staff.n, 3);
    close(staff.mean, 4.0);
    close(only(&report).figures.others.as_ref().unwrap().mean, 4.0);
}

#[test]
fn a_group_whose_answers_are_all_withheld_per_behaviour_leaves_the_competency() {
    // Each staff member rated half the behaviours, so all three count for the competency on
    // their answers; but every behaviour has only two staff raters, so no answer is published,
    // and the competency then has no counted staff member either.
    let structure = items(&[("c1", "l1", &["b1", "b2", "b3", "b4"])]);
    let responses = vec![
        response(
            "staff",
            &[("b1", "5"), ("b2", "5"), ("b3", "5"), ("b4", "5")],
        ),
        response(
            "staff",
            &[("b1", "1"), ("b2", "1"), ("b3", "n"), ("b4", "n")],
        ),
        response(
            "staff",
            &[("b1", "n"), ("b2", "n"), ("b3", "3"), ("b4", "3")],
        ),
    ];
    let report = build_report(&config(), &structure, &responses).unwrap();
    let result = only(&report);
    assert!(result.figures.groups.is_empty());
    assert_eq!(result.figures.others, None);
    assert!(report.behaviours.iter().all(|b| b.others.is_none()));
}

#[test]
fn levels_are_scored_separately() {
    let structure = items(&[("c1", "l1", &["b1"]), ("c1", "l2", &["b2"])]);
    let responses: Vec<_> = [("1", "5"), ("2", "5"), ("3", "5")]
        .iter()
        .map(|(a, b)| response("staff", &[("b1", a), ("b2", b)]))
        .collect();
    let report = build_report(&config(), &structure, &responses).unwrap();
    assert_eq!(report.competencies.len(), 2);
    close(
        report.competencies[0].figures.others.as_ref().unwrap().mean,
        2.0,
    );
    assert_eq!(report.competencies[0].level, "l1");
    close(
        report.competencies[1].figures.others.as_ref().unwrap().mean,
        5.0,
    );
    // Three staff at k = 3: no sd (n, mean and sd would give all three scores).
    assert_eq!(
        report.competencies[1].figures.others.as_ref().unwrap().sd,
        None
    );
}

#[test]
fn highlights_pick_five_highest_lowest_and_gaps() {
    let ids: Vec<String> = (0..12).map(|i| format!("b{i:02}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let structure = items(&[("c1", "l1", &id_refs)]);
    // Others rate b00..b11 as 1,1,2,2,3,3,4,4,5,5,5,5 (three identical raters each).
    let others_scores = ["1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "5", "5"];
    let mut responses = Vec::new();
    for _ in 0..3 {
        let ratings: Vec<(&str, &str)> = id_refs
            .iter()
            .copied()
            .zip(others_scores.iter().copied())
            .collect();
        responses.push(response("staff", &ratings));
    }
    // Self rates all 3: gaps are others − 3.
    let own: Vec<(&str, &str)> = id_refs.iter().map(|b| (*b, "3")).collect();
    responses.push(response("self", &own));
    let report = build_report(&config(), &structure, &responses).unwrap();
    let names = |list: &[BehaviourHighlight]| -> Vec<String> {
        list.iter().map(|h| h.behaviour.clone()).collect()
    };
    assert_eq!(
        names(&report.highlights.highest),
        ["b08", "b09", "b10", "b11", "b06"]
    );
    assert_eq!(
        names(&report.highlights.lowest),
        ["b00", "b01", "b02", "b03", "b04"]
    );
    // |gap| = 2 for b00, b01, b08..b11; ties by id.
    assert_eq!(
        names(&report.highlights.largest_gaps),
        ["b00", "b01", "b08", "b09", "b10"]
    );
    close(report.highlights.largest_gaps[0].gap, -2.0);
}

#[test]
fn highlights_never_repeat_a_behaviour_when_there_are_few() {
    let structure = items(&[("c1", "l1", &["b1", "b2", "b3"])]);
    let responses: Vec<_> = (0..3)
        .map(|_| response("staff", &[("b1", "1"), ("b2", "3"), ("b3", "5")]))
        .collect();
    let report = build_report(&config(), &structure, &responses).unwrap();
    let highest: Vec<_> = report
        .highlights
        .highest
        .iter()
        .map(|h| h.behaviour.as_str())
        .collect();
    let lowest: Vec<_> = report
        .highlights
        .lowest
        .iter()
        .map(|h| h.behaviour.as_str())
        .collect();
    assert_eq!(highest, ["b3", "b2"]);
    assert_eq!(lowest, ["b1"]);
}

#[test]
fn unknown_behaviour_is_an_error() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let responses = vec![response("staff", &[("b1", "3"), ("zz", "3"), ("b9", "1")])];
    assert_eq!(
        build_report(&config(), &structure, &responses),
        Err(ScoringError::UnknownBehaviour("b9".into()))
    );
}

#[test]
fn empty_scan_gives_an_empty_report() {
    let structure = items(&[("c1", "l1", &["b1"])]);
    let report = build_report(&config(), &structure, &[]).unwrap();
    assert_eq!(only(&report).figures.others, None);
    assert_eq!(only(&report).figures.self_line, None);
    assert_eq!(report.method.min_group_size, 3);
}

#[test]
fn order_of_responses_changes_nothing() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let responses = worked_example();
    let mut reversed = responses.clone();
    reversed.reverse();
    assert_eq!(
        build_report(&config(), &structure, &responses),
        build_report(&config(), &structure, &reversed)
    );
}

#[test]
fn report_round_trips_through_json() {
    let structure = items(&[("c1", "l1", &["b1", "b2"])]);
    let report = build_report(&config(), &structure, &worked_example()).unwrap();
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"agreement\":\"over_estimation_at_standard\""));
    assert!(json.contains("\"spread\":\"sample_standard_deviation\""));
    let back: Report = serde_json::from_str(&json).unwrap();
    // serde_json (without `float_roundtrip`) may parse the last bit of a float differently, so
    // compare what a second round trip gives.
    assert_eq!(back.competencies.len(), report.competencies.len());
    assert_eq!(
        back.highlights.highest.len(),
        report.highlights.highest.len()
    );
    let again = serde_json::to_string(&back).unwrap();
    let parsed = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    assert_eq!(parsed(&again), parsed(&json));
}

/// The scan of the issue: self, 3 board members, 4 colleagues and 2 staff with k = 3, six
/// competencies of two behaviours, one per agreement category. Staff (2) is hidden and, alone,
/// left out of every figure; in c6 one board member judged nothing, so board (2 counted) and
/// staff (2) are pooled into "other informants" (4 ≥ k).
fn issue_example() -> (ScanConfig, ItemStructure, Vec<Response>) {
    let cells: Vec<(String, Vec<&str>)> =
        (1..=6).map(|c| (format!("c{c}"), vec!["1", "2"])).collect();
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (competency, behaviours) in &cells {
        tree.entry(competency.clone()).or_default().insert(
            "l".into(),
            behaviours
                .iter()
                .map(|b| format!("{competency}.{b}"))
                .collect(),
        );
    }
    let items = ItemStructure::new(tree).unwrap();
    // Per respondent: the two ratings for c1..c6.
    let raters: [(&str, [(&str, &str); 6]); 10] = [
        (
            "self",
            [
                ("5", "5"),
                ("4", "4"),
                ("4", "4"),
                ("2", "3"),
                ("3", "3"),
                ("1", "1"),
            ],
        ),
        (
            "board",
            [
                ("4", "4"),
                ("2", "3"),
                ("4", "4"),
                ("2", "2"),
                ("4", "4"),
                ("n", "n"),
            ],
        ),
        (
            "board",
            [
                ("4", "4"),
                ("2", "3"),
                ("4", "4"),
                ("2", "2"),
                ("4", "4"),
                ("2", "2"),
            ],
        ),
        (
            "board",
            [
                ("4", "4"),
                ("2", "3"),
                ("4", "4"),
                ("2", "2"),
                ("4", "4"),
                ("3", "2"),
            ],
        ),
        (
            "colleagues",
            [
                ("3", "4"),
                ("2", "2"),
                ("4", "5"),
                ("3", "2"),
                ("4", "5"),
                ("2", "3"),
            ],
        ),
        (
            "colleagues",
            [
                ("3", "4"),
                ("2", "2"),
                ("4", "n"),
                ("3", "2"),
                ("4", "5"),
                ("2", "3"),
            ],
        ),
        (
            "colleagues",
            [
                ("3", "4"),
                ("2", "2"),
                ("n", "n"),
                ("3", "2"),
                ("4", "5"),
                ("2", "3"),
            ],
        ),
        (
            "colleagues",
            [
                ("3", "4"),
                ("2", "2"),
                ("3", "4"),
                ("3", "2"),
                ("4", "5"),
                ("2", "3"),
            ],
        ),
        (
            "staff",
            [
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "3"),
            ],
        ),
        (
            "staff",
            [
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "2"),
                ("2", "3"),
            ],
        ),
    ];
    let responses = raters
        .iter()
        .map(|(group, ratings)| {
            let pairs: Vec<(String, String)> = ratings
                .iter()
                .enumerate()
                .flat_map(|(c, (first, second))| {
                    [
                        (format!("c{}.1", c + 1), first.to_string()),
                        (format!("c{}.2", c + 1), second.to_string()),
                    ]
                })
                .collect();
            let refs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(b, r)| (b.as_str(), r.as_str()))
                .collect();
            response(group, &refs)
        })
        .collect();
    let config = config().with_min_group_size(3).unwrap();
    (config, items, responses)
}

#[test]
fn issue_example_hand_computed() {
    let (config, items, responses) = issue_example();
    let report = build_report(&config, &items, &responses).unwrap();
    let cell = |c: &str| {
        report
            .competencies
            .iter()
            .find(|r| r.competency == c)
            .unwrap()
    };
    let categories: Vec<_> = (1..=6)
        .map(|c| cell(&format!("c{c}")).agreement.unwrap())
        .collect();
    assert_eq!(
        categories,
        [
            AgreementCategory::OverEstimationAtStandard,
            AgreementCategory::OverEstimationBelowStandard,
            AgreementCategory::AgreementAtStandard,
            AgreementCategory::AgreementBelowStandard,
            AgreementCategory::UnderEstimationAtStandard,
            AgreementCategory::UnderEstimationBelowStandard,
        ]
    );

    // c1: board 3 × 4, colleagues 4 × 3.5; staff (2) hidden and left out of others.
    let c1 = &cell("c1").figures;
    assert!(line(cell("c1"), "staff").is_none());
    assert!(c1.other_informants.is_none());
    close(c1.self_line.as_ref().unwrap().mean, 5.0);
    close(line(cell("c1"), "colleagues").unwrap().stats.mean, 3.5);
    close(line(cell("c1"), "colleagues").unwrap().stats.sd, 0.0);
    let others = c1.others.as_ref().unwrap();
    assert_eq!(others.n, 7);
    close(others.mean, 26.0 / 7.0);
    close(c1.gap, 26.0 / 7.0 - 5.0);
    // Staff's 2s are left out of the distribution too: 3×(4,4) + 4×(3,4).
    assert_eq!(others.distribution.counts, [0, 0, 4, 10, 0]);

    // c2: others (3 × 2.5 + 4 × 2) / 7 — each respondent weighs equally.
    close(cell("c2").figures.others.as_ref().unwrap().mean, 15.5 / 7.0);

    // c3: one colleague judged nothing (not counted), one rated half (counted). On c3.2 only
    // two colleagues gave a score (C1 5, C4 4): below k there, and alone, so their answers on
    // c3.2 leave the competency — distribution and means alike. Left: c3.1 = 4, 4, 3 (each a
    // published half, so counted) and one "cannot judge" (C3).
    let colleagues = &line(cell("c3"), "colleagues").unwrap().stats;
    assert_eq!(colleagues.n, 3);
    close(colleagues.mean, 11.0 / 3.0);
    // A line of exactly k: no lowest or highest score, no sd.
    assert_eq!(
        (colleagues.min, colleagues.max, colleagues.sd),
        (None, None, None)
    );
    assert_eq!(colleagues.distribution.counts, [0, 0, 1, 2, 0]);
    assert_eq!(colleagues.cannot_judge, 1);
    // Others: board 3 × 4 and colleagues 4, 4, 3 = 23 / 6 against self 4.
    close(cell("c3").figures.gap, 23.0 / 6.0 - 4.0);

    // c4: others 16/7 ≈ 2.29 against self 2.5: within the threshold, below "normaal".
    close(cell("c4").figures.others.as_ref().unwrap().mean, 16.0 / 7.0);
    // c5: others 30/7 ≈ 4.29 against self 3.
    close(cell("c5").figures.gap, 30.0 / 7.0 - 3.0);

    // c6: board (2 counted) and staff (2) pooled: (2 + 2.5 + 2.5 + 2.5) / 4.
    let c6 = &cell("c6").figures;
    assert!(line(cell("c6"), "board").is_none());
    let pooled = c6.other_informants.as_ref().unwrap();
    assert_eq!(pooled.n, 4);
    close(pooled.mean, 9.5 / 4.0);
    let others = c6.others.as_ref().unwrap();
    assert_eq!(others.n, 8);
    close(others.mean, 19.5 / 8.0);
    close(others.sd, (0.21875f64 / 7.0).sqrt());
    assert_eq!((others.min, others.max), (None, None));
    assert_eq!(others.distribution.counts, [0, 9, 7, 0, 0]);
    assert_eq!(others.cannot_judge, 2);
    close(c6.gap, 19.5 / 8.0 - 1.0);
}
