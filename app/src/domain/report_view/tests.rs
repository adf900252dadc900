//! The view of a Maastricht scan (level 8–10 with the next level): names, order, comments,
//! attention with the framework's tips, and the agenda.

use super::*;
use crate::domain::catalog::{Framework, builtin};
use crate::domain::questionnaire::scoring_input::{Submitted, scoring_input};
use crate::domain::questionnaire::{self, Answer, Answers, Questionnaire};
use crate::domain::scan::example::maastricht_example;
use crate::domain::scan::{ScanDraft, ValidScan, validate_scan};
use crate::domain::scoring::build_version;

const NOW: i64 = 1_800_000_000;

fn maastricht_scan() -> (Framework, ValidScan) {
    let fw = builtin()
        .into_iter()
        .find(|f| f.id == "maastricht-2014")
        .unwrap();
    let draft = ScanDraft {
        subject_name: "Piet".into(),
        include_next_level: true,
        ..maastricht_example(&fw, NOW + 86_400)
    };
    let scan = validate_scan(&draft, &fw, NOW).unwrap();
    (fw, scan)
}

/// Every statement of competency number `i` (in questionnaire order) gets `score(i)`.
fn answers(q: &Questionnaire, score: impl Fn(usize) -> u8, comment: Option<&str>) -> Answers {
    let mut answers = Answers::default();
    for (i, section) in q.sections.iter().enumerate() {
        for item in &section.items {
            answers
                .ratings
                .insert(item.key.clone(), Answer::Rating(score(i)));
        }
        if let Some(text) = comment {
            answers
                .comments
                .insert(section.competency_id.clone(), text.to_owned());
        }
    }
    answers
}

fn view() -> (Questionnaire, ReportView) {
    let (fw, scan) = maastricht_scan();
    let q = questionnaire::build(&fw, &scan, false);
    // Self rates everything 4; three colleagues rate competency i with 1 + i % 5; two staff
    // (hidden, left out) rate 5.
    let submitted = |group: &str, answers: Answers| Submitted {
        id: format!(
            "{group}-{}",
            answers
                .comments
                .values()
                .next()
                .cloned()
                .unwrap_or_default()
        ),
        group: group.to_owned(),
        answers,
    };
    let mut responses = vec![submitted("self", answers(&q, |_| 4, Some("Eigen blik")))];
    for name in ["a", "b", "c"] {
        let comment = format!("Collega {name}");
        responses.push(submitted(
            "colleagues",
            answers(&q, |i| 1 + (i % 5) as u8, Some(&comment)),
        ));
    }
    for i in 0..2 {
        let comment = format!("Medewerker {i}");
        responses.push(submitted("staff", answers(&q, |_| 5, Some(&comment))));
    }
    let input = scoring_input(&q, &scan, &responses).unwrap();
    let version = build_version(&input.config, &input.items, &input.responses).unwrap();
    let view = build(ReportSources {
        scan_id: "scan-1",
        scan: &scan,
        framework: &fw,
        questionnaire: &q,
        report: &version.report,
        comments: &version.comments,
        progress: vec![],
        basis: ReportBasis::Final,
        dates: ScanDates {
            opened_at: Some(NOW),
            closed_at: Some(NOW + 3_600),
            released_at: None,
        },
    });
    (q, view)
}

#[test]
fn rows_carry_names_and_are_ordered_by_gap() {
    let (q, view) = view();
    // Every competency twice: its own level and the next.
    assert_eq!(view.rows.len(), 2 * q.sections.len());
    let gaps: Vec<f64> = view.rows.iter().map(|r| r.gap.unwrap()).collect();
    assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
    let first = &view.rows[0];
    assert_eq!(first.gap, Some(-3.0));
    assert!(!first.name.is_empty() && first.name != first.competency_id);
    assert!(!first.level.is_empty());
    // Lines: self, colleagues, others; staff (2) is hidden and not pooled.
    let kinds: Vec<LineKind> = first.lines.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [LineKind::SelfView, LineKind::Group, LineKind::Others]
    );
    assert_eq!(first.lines[1].label_nl, "Collega's");
    assert_eq!(first.lines[2].n, 3);
    assert_eq!(
        first.category_id.as_deref(),
        Some("over_estimation_below_standard")
    );
}

#[test]
fn attention_names_the_three_lowest_at_the_scans_level_with_tips() {
    let (_, view) = view();
    assert_eq!(view.attention.len(), 3);
    for item in &view.attention {
        assert!(!item.tips.is_empty(), "{} has no tips", item.name);
    }
    // The lowest others' score is 1 (competencies 0 and 5 in questionnaire order).
    assert_eq!(view.attention[0].others_mean, Some(1.0));
    let levels: Vec<&str> = view.attention.iter().map(|a| a.level.as_str()).collect();
    assert!(levels.windows(2).all(|w| w[0] == w[1]), "{levels:?}");
    assert_eq!(view.agenda.development.len(), 3);
    assert_eq!(view.agenda.development[0], view.attention[0].name);
}

#[test]
fn agenda_lists_gaps_lowest_and_highest_at_the_scans_level() {
    let (_, view) = view();
    let own: Vec<&CompetencyRow> = view.rows.iter().filter(|r| r.level_id == "8-10").collect();
    let lowest = own
        .iter()
        .min_by(|a, b| a.others_mean.unwrap().total_cmp(&b.others_mean.unwrap()))
        .unwrap();
    let highest = own
        .iter()
        .max_by(|a, b| a.others_mean.unwrap().total_cmp(&b.others_mean.unwrap()))
        .unwrap();
    assert_eq!(view.agenda.lowest.len(), 3);
    assert_eq!(
        own.iter()
            .find(|r| r.name == view.agenda.lowest[0])
            .unwrap()
            .others_mean,
        lowest.others_mean
    );
    assert_eq!(
        own.iter()
            .find(|r| r.name == view.agenda.highest[0])
            .unwrap()
            .others_mean,
        highest.others_mean
    );
    // The largest gap is 3 (self 4, others 1).
    let first_gap = own
        .iter()
        .find(|r| r.name == view.agenda.largest_gaps[0])
        .unwrap();
    assert_eq!(first_gap.gap.map(f64::abs), Some(3.0));
}

#[test]
fn comments_are_labelled_only_for_shown_groups() {
    let (q, view) = view();
    assert_eq!(view.comments.len(), q.sections.len());
    let lists = &view.comments[0].lists;
    let labels: Vec<(&str, usize)> = lists
        .iter()
        .map(|list| (list.label_nl.as_str(), list.comments.len()))
        .collect();
    // Self and colleagues (shown); staff (2) is left out of every figure, so its comments are
    // not shown at all — not even without a label.
    assert_eq!(labels, [("Zelf", 1), ("Collega's", 3)]);
}

#[test]
fn readers_see_response_counts_only_for_groups_of_k_invitations() {
    let (_, scan) = maastricht_scan();
    let invited = std::collections::BTreeMap::from([
        ("self".to_owned(), 1),
        ("colleagues".to_owned(), 5),
        ("staff".to_owned(), 2),
    ]);
    let responded = std::collections::BTreeMap::from([
        ("self".to_owned(), 1),
        ("colleagues".to_owned(), 4),
        ("staff".to_owned(), 2),
    ]);
    let rows = group_response(&scan.groups, 3, &invited, &responded);
    let colleagues = rows.iter().find(|r| r.group_id == "colleagues").unwrap();
    assert_eq!(
        (colleagues.invited, colleagues.responded),
        (Some(5), Some(4))
    );
    assert_eq!(colleagues.text_nl, "4 van 5");
    // Self is in the report whatever its size: its count is no secret.
    let own = rows.iter().find(|r| r.group_id == "self").unwrap();
    assert_eq!((own.invited, own.responded), (Some(1), Some(1)));
    assert_eq!(own.text_nl, "1 van 1");
    // Two staff, k = 3: neither count is told.
    let staff = rows.iter().find(|r| r.group_id == "staff").unwrap();
    assert_eq!((staff.invited, staff.responded), (None, None));
    assert_eq!(staff.text_nl, "minder dan 3 uitgenodigd");
    assert_eq!(staff.text_en, "fewer than 3 invited");
}

#[test]
fn the_header_names_framework_level_and_dates() {
    let (_, view) = view();
    let header = &view.header;
    assert!(
        header.framework_name_nl.contains("Maastricht"),
        "{header:?}"
    );
    assert_eq!(header.level_nl, "Schaal 8–10");
    assert!(!header.next_level_nl.is_empty(), "the next level is asked");
    assert_eq!(header.opened_at, Some(NOW));
    // Final figures are those of the closing.
    assert_eq!(header.figures_at, NOW + 3_600);
    assert!(header.deadline > NOW);
    assert_eq!(header.job_title, "Beleidsmedewerker");
}

#[test]
fn the_summary_judges_the_scans_own_level_by_category() {
    let (_, view) = view();
    let own: Vec<&CompetencyRow> = view.rows.iter().filter(|r| r.level_id == "8-10").collect();
    let named: usize = view
        .summary
        .lines
        .iter()
        .map(|l| l.competencies.len())
        .sum();
    assert_eq!(named, own.len(), "every competency at the own level once");
    assert!(
        view.summary
            .lead_nl
            .contains(&format!("op {} competenties op Schaal 8–10", own.len()))
    );
    // Self 4 against colleagues 1 is a blind spot; it leads the summary.
    let first = &view.summary.lines[0];
    assert_eq!(first.kind, SummaryKind::BlindSpots);
    let blind: Vec<&str> = own
        .iter()
        .filter(|r| r.category_id.as_deref() == Some("over_estimation_below_standard"))
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(first.competencies, blind);
}

#[test]
fn behaviours_read_about_the_person_as_the_informants_answered() {
    let (_, view) = view();
    let texts: Vec<&str> = [&view.highest, &view.lowest, &view.largest_gaps]
        .into_iter()
        .flatten()
        .map(|b| b.text.as_str())
        .collect();
    assert!(!texts.is_empty());
    for text in texts {
        assert!(
            text.starts_with("De betrokkene") || !text.starts_with("Je "),
            "{text}"
        );
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .collect();
        for second_person in ["je", "jij", "jou", "jouw", "jezelf"] {
            assert!(!words.iter().any(|w| w == second_person), "{text}");
        }
    }
}

#[test]
fn a_conversation_keeps_the_figures_attention_and_agenda_but_no_comments_or_behaviours() {
    let (_, view) = view();
    assert!(!view.comments.is_empty() && !view.highest.is_empty());
    let kept = view.clone().for_conversation();
    assert!(kept.comments.is_empty());
    assert!(kept.highest.is_empty() && kept.lowest.is_empty() && kept.largest_gaps.is_empty());
    assert_eq!(kept.rows, view.rows);
    assert_eq!(kept.attention, view.attention);
    assert_eq!(kept.agenda, view.agenda);
    assert_eq!(kept.header, view.header);
    // Not a word of any comment survives in what the record stores.
    let stored = serde_json::to_string(&kept).unwrap();
    for block in &view.comments {
        for list in &block.lists {
            for comment in &list.comments {
                assert!(!stored.contains(comment.as_str()), "{comment}");
            }
        }
    }
}
