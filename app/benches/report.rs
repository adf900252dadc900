//! Benchmarks for the report: aggregating one scan with the scoring engine and drawing the gap
//! chart from the resulting figures.
//!
//! ```text
//! cargo bench -p app --features ssr --bench report
//! ```
//!
//! The scan: 50 respondents (self and 49 informants over four groups of 12–13) rate
//! 9 competencies × 8 behaviours; about one answer in seventeen is "cannot judge". Every rating
//! is derived from the respondent's and behaviour's position, so runs are comparable. Targets:
//! aggregation under 5 ms, the gap chart (SVG) under 20 ms.

use std::collections::BTreeMap;
use std::hint::black_box;

use app::charts::{ChartFormat, ChartKind, render};
use app::domain::language::Language;
use app::domain::rating::{Rating, Score};
use app::domain::scoring::{ItemStructure, Response, ScanConfig, build_report};
use app::server_fns::report::{Agenda, CompetencyRow, GroupFigure, ReportBasis, ReportView};
use criterion::{Criterion, criterion_group, criterion_main};

const RESPONDENTS: usize = 50;
const COMPETENCIES: usize = 9;
const BEHAVIOURS: usize = 8;
const GROUPS: [(&str, &str, &str); 4] = [
    ("board", "Bestuur", "Board"),
    ("staff", "Medewerkers", "Staff"),
    ("peers", "Collega's", "Peers"),
    ("external", "Externe contacten", "External contacts"),
];

fn behaviour(competency: usize, behaviour: usize) -> String {
    format!("c{competency}b{behaviour}")
}

fn structure() -> ItemStructure {
    let tree = (0..COMPETENCIES)
        .map(|c| {
            let behaviours = (0..BEHAVIOURS).map(|b| behaviour(c, b)).collect();
            (
                format!("c{c}"),
                BTreeMap::from([("l1".to_owned(), behaviours)]),
            )
        })
        .collect();
    ItemStructure::new(tree).expect("a valid item structure")
}

/// Respondent 0 is self; the others take the four groups in turn.
fn responses() -> Vec<Response> {
    (0..RESPONDENTS)
        .map(|r| {
            let group = if r == 0 { "self" } else { GROUPS[r % 4].0 };
            let ratings = (0..COMPETENCIES).flat_map(move |c| {
                (0..BEHAVIOURS).map(move |b| {
                    let rating = if (r * 13 + c * 7 + b) % 17 == 0 {
                        Rating::CannotJudge
                    } else {
                        let score = 1 + (r * 7 + c * 3 + b * 5 + r / 3) % 5;
                        Rating::Score(Score::new(score as i64).expect("1..=5"))
                    };
                    (behaviour(c, b), rating)
                })
            });
            Response::new(format!("r{r:03}"), group, ratings)
        })
        .collect()
}

/// A report page's figures: 9 competencies, 4 groups, one competency without self.
fn view() -> ReportView {
    let rows = (0..COMPETENCIES)
        .map(|c| {
            let x = c as f64;
            let others = 2.4 + 0.25 * x;
            let own = (c != 4).then_some(3.0 + 0.15 * x);
            CompetencyRow {
                competency_id: format!("c{c}"),
                level_id: String::new(),
                name: format!("Competentie {}", c + 1),
                level: String::new(),
                self_mean: own,
                others_mean: Some(others),
                others_n: 49,
                others_sd: Some(0.4 + 0.05 * x),
                gap: own.map(|s| others - s),
                groups: GROUPS
                    .iter()
                    .enumerate()
                    .map(|(g, (_, nl, en))| GroupFigure {
                        label_nl: (*nl).to_owned(),
                        label_en: (*en).to_owned(),
                        n: 12,
                        mean: Some(others - 0.3 + 0.2 * g as f64),
                        identifiable: false,
                    })
                    .collect(),
                pooled: None,
                category_id: None,
                category: None,
                lines: vec![],
            }
        })
        .collect();
    ReportView {
        scan_id: "bench".to_owned(),
        subject_name: "Piet Jansen".to_owned(),
        k: 3,
        threshold: 0.5,
        basis: ReportBasis::Final,
        header: Default::default(),
        summary: Default::default(),
        rows,
        highest: vec![],
        lowest: vec![],
        largest_gaps: vec![],
        progress: vec![],
        comments: vec![],
        attention: vec![],
        agenda: Agenda::default(),
    }
}

fn aggregation(c: &mut Criterion) {
    let config = ScanConfig::new("self");
    let items = structure();
    let responses = responses();
    let report = build_report(&config, &items, &responses).expect("a report");
    assert_eq!(report.competencies.len(), COMPETENCIES);
    assert!(
        report
            .competencies
            .iter()
            .all(|c| c.figures.groups.len() == GROUPS.len()),
        "every group is large enough to be shown"
    );
    c.bench_function("build_report 50 respondents × 9 × 8", |b| {
        b.iter(|| build_report(black_box(&config), black_box(&items), black_box(&responses)))
    });
}

fn charts(c: &mut Criterion) {
    let view = view();
    for (name, format) in [
        ("gap chart svg, 9 rows × 4 groups", ChartFormat::Svg),
        ("gap chart png, 9 rows × 4 groups", ChartFormat::Png),
    ] {
        render(ChartKind::Gap, &view, Language::Nl, format).expect("a chart");
        c.bench_function(name, |b| {
            b.iter(|| render(ChartKind::Gap, black_box(&view), Language::Nl, format))
        });
    }
}

criterion_group!(benches, aggregation, charts);
criterion_main!(benches);
