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

/// `view(3)` with what needs attention, an agenda, behaviours and comments.
fn full_view() -> ReportView {
    use crate::domain::report_view::{AttentionItem, BehaviourRow, CommentBlock, CommentList};
    let behaviour = |text: &str, others: f64| BehaviourRow {
        competency: "Competentie 1".to_owned(),
        text: text.to_owned(),
        others_mean: others,
        others_n: 6,
        self_mean: Some(4.0),
        gap: Some(others - 4.0),
    };
    ReportView {
        attention: vec![AttentionItem {
            name: "Competentie 0".to_owned(),
            level: String::new(),
            others_mean: Some(3.0),
            self_mean: Some(4.0),
            gap: Some(-1.0),
            tips: vec!["Vraag om feedback".to_owned()],
        }],
        agenda: Agenda {
            largest_gaps: vec!["Competentie 0".to_owned()],
            lowest: vec!["Competentie 0".to_owned(), "Competentie 1".to_owned()],
            highest: vec!["Competentie 2".to_owned()],
            development: vec!["Competentie 0".to_owned()],
        },
        highest: vec![behaviour("De betrokkene luistert goed.", 4.5)],
        lowest: vec![behaviour("De betrokkene plant vooruit.", 2.5)],
        largest_gaps: vec![],
        comments: vec![CommentBlock {
            competency: "Competentie 1".to_owned(),
            lists: vec![
                CommentList {
                    label_nl: "Collega's".to_owned(),
                    label_en: "Peers".to_owned(),
                    comments: vec!["Altijd bereikbaar".to_owned()],
                },
                CommentList {
                    label_nl: String::new(),
                    label_en: String::new(),
                    comments: vec!["Soms kortaf".to_owned()],
                },
            ],
        }],
        ..view(3)
    }
}

/// Where `needle` is first among the laid-out texts (a line holding it), after `from`.
fn position(texts: &[&str], needle: &str, from: usize) -> usize {
    from + texts[from..]
        .iter()
        .position(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} missing after {from} in {texts:?}"))
}

#[test]
fn attention_agenda_behaviours_and_comments_come_after_the_table_and_before_the_method() {
    let view = full_view();
    let (doc, _) = lay_out(&view, Language::Nl).unwrap();
    let texts = doc.texts();
    let mut at = position(&texts, "Competenties", 0);
    for needle in [
        "Aandachtspunten en ontwikkeltips",
        "Competentie 0",
        "Anderen: 3,00 · Zelf: 4,00 · Verschil: \u{2212}1,00",
        "Ontwikkeltips",
        "Vraag om feedback",
        "Voorstel voor de agenda van het gesprek",
        "1.",
        "Terugblik op de afspraken",
        "Laagst beoordeeld: Competentie 0, Competentie 1",
        "persoonlijke ontwikkeling, gekoppeld aan de competenties: Competentie 0",
        "Gedrag",
        "Hoogst beoordeeld door anderen",
        "De betrokkene luistert goed.",
        "4,50 (n=6)",
        "+0,50",
        "Laagst beoordeeld door anderen",
        "De betrokkene plant vooruit.",
        "\u{2212}1,50",
        "Grootste verschil tussen zelf en anderen",
        "–",
        "Opmerkingen",
        "Competentie 1",
        "Collega's",
        "Altijd bereikbaar",
        "Zonder groepsnaam",
        "Soms kortaf",
        "Zo zijn de cijfers berekend",
    ] {
        at = position(&texts, needle, at + 1);
    }
    assert!(render(&view, Language::Nl, 1_796_000_000).is_ok());

    let (doc, _) = lay_out(&view, Language::En).unwrap();
    let texts = doc.texts();
    let mut at = 0;
    for needle in [
        "Points of attention and development tips",
        "Others: 3.00 · Self: 4.00 · Gap: \u{2212}1.00",
        "Suggested agenda for the conversation",
        "Look back on the agreements",
        "Rated highest by others",
        "4.50 (n=6)",
        "Comments",
        "Peers",
        "Without group name",
    ] {
        at = position(&texts, needle, at);
    }
}

#[test]
fn without_comments_or_attention_the_sections_say_so() {
    let (doc, _) = lay_out(&view(3), Language::Nl).unwrap();
    let texts = doc.texts();
    let comments = position(&texts, "Opmerkingen", 0);
    position(&texts, "geen opmerkingen die getoond", comments);
    assert!(position(&texts, "Aandachtspunten", 0) < comments);
}
