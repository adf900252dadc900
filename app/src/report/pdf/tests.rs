//! The PDF of a small hand-built report: it is a PDF, and it grows a page when the report does.

use super::*;
use crate::domain::report_view::{Agenda, GroupFigure, ReportHeader};

fn row(name: &str, self_mean: f64, others: f64) -> CompetencyRow {
    CompetencyRow {
        competency_id: name.to_lowercase(),
        level_id: String::new(),
        name: name.to_owned(),
        level: String::new(),
        self_mean: Some(self_mean),
        others_mean: Some(others),
        others_n: 6,
        others_sd: Some(0.5),
        gap: Some(others - self_mean),
        groups: vec![GroupFigure {
            label_nl: "Collega's".to_owned(),
            label_en: "Peers".to_owned(),
            n: 3,
            mean: Some(others),
            identifiable: false,
        }],
        pooled: None,
        category_id: Some(
            AgreementCategory::classify(self_mean, others, 0.5)
                .id()
                .to_owned(),
        ),
        category: None,
        lines: vec![],
    }
}

fn view(rows: usize) -> ReportView {
    ReportView {
        scan_id: "scan-1".to_owned(),
        subject_name: "Piet Jansen".to_owned(),
        header: ReportHeader {
            job_title: "Teamleider".to_owned(),
            framework_name_nl: "Rijksoverheid".to_owned(),
            framework_name_en: "Dutch civil service".to_owned(),
            deadline: 1_796_000_000,
            ..ReportHeader::default()
        },
        progress: vec![],
        summary: Default::default(),
        basis: ReportBasis::Final,
        rows: (0..rows)
            .map(|i| row(&format!("Competentie {i}"), 4.0, 3.0 + (i % 3) as f64 * 0.5))
            .collect(),
        attention: vec![],
        agenda: Agenda::default(),
        highest: vec![],
        lowest: vec![],
        largest_gaps: vec![],
        comments: vec![],
        k: 3,
        threshold: 0.5,
    }
}

fn pages(view: &ReportView, language: Language) -> usize {
    lay_out(view, language).unwrap().0.page_count()
}

#[test]
fn a_report_is_an_a4_pdf_that_grows_with_its_rows() {
    let small = render(&view(3), Language::Nl, 1_796_000_000).unwrap();
    assert!(small.starts_with(b"%PDF-"));
    assert!(
        render(&view(80), Language::En, 1_796_000_000)
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let (few, many) = (
        pages(&view(3), Language::Nl),
        pages(&view(80), Language::Nl),
    );
    assert!(few >= 1 && many > few, "{few} → {many}");
    assert!(
        String::from_utf8_lossy(&small).contains("595.28"),
        "A4 width"
    );
}
