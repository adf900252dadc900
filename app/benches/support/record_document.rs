//! A conversation record as the PDF benchmark prints it: the secretary's performance
//! conversation (the shipped type, so every section, intro and prompt is the real form's), held,
//! written under every section, approved and shared, with three agreements, one looked back on,
//! and two closed Maastricht scans attached. The domain's own `sample_document()` is test-only
//! (`cfg(test)`), and it carries one scan with three competencies; this one carries two scans of
//! seven competencies each (the Maastricht example's), five groups and two competencies needing
//! attention with their tips, as a real attachment does. Deterministic, so runs compare.

use app::domain::calendar::Date;
use app::domain::conversation_type::{self, SectionKind as FormKind};
use app::domain::language::Language;
use app::domain::record_document::{Agreement, DocumentSection, RecordDocument, SectionKind};
use app::domain::report_view::{
    Agenda, AttentionItem, CompetencyRow, GroupFigure, ReportBasis, ReportHeader, ReportView,
};
use app::domain::scoring::AgreementCategory;

/// The shipped type the record is of.
pub const SECRETARY_TYPE: &str = "functioneringsgesprek-secretaris";

/// Unix seconds of a Dutch local date and time in winter (UTC+1).
fn winter_time(year: i32, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
    Date { year, month, day }.days_since_epoch() * 86_400 + (hour - 1) * 3_600 + minute * 60
}

/// The Maastricht example scan's seven competencies.
const COMPETENCIES: [&str; 7] = [
    "Samenwerken",
    "Klantgericht werken",
    "Integriteit",
    "Gevoel voor bestuurlijke verhoudingen",
    "Werken in netwerken",
    "Visie ontwikkelen",
    "Resultaatgerichtheid",
];

const GROUPS: [(&str, &str, usize, bool); 4] = [
    ("Leidinggevende", "Manager", 1, true),
    ("Collega's", "Colleagues", 5, false),
    ("Medewerkers", "Staff", 4, false),
    ("Overige", "Others", 3, false),
];

fn row(scan: usize, index: usize, name: &str) -> CompetencyRow {
    // Self between 3.0 and 4.5, others within a point of it, both varying with the scan.
    let self_mean = 3.0 + ((index * 3 + scan) % 4) as f64 * 0.5;
    let others = self_mean - 1.0 + ((index * 5 + scan * 2) % 9) as f64 * 0.25;
    let gap = others - self_mean;
    CompetencyRow {
        competency_id: name.to_lowercase().replace(' ', "-"),
        level_id: "8-10".to_owned(),
        name: name.to_owned(),
        level: "Schaal 8-10".to_owned(),
        self_mean: Some(self_mean),
        others_mean: Some(others),
        others_n: 13,
        others_sd: Some(0.6),
        gap: Some(gap),
        groups: GROUPS
            .iter()
            .enumerate()
            .map(|(g, (nl, en, n, identifiable))| GroupFigure {
                label_nl: (*nl).to_owned(),
                label_en: (*en).to_owned(),
                n: *n,
                mean: Some(others + (g as f64 - 1.5) * 0.2),
                identifiable: *identifiable,
            })
            .collect(),
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

/// A closed scan's report about `subject` as its readers saw it when it was attached.
pub fn report(scan: usize, subject: &str, closed_at: i64) -> ReportView {
    let mut rows: Vec<CompetencyRow> = COMPETENCIES
        .iter()
        .enumerate()
        .map(|(i, name)| row(scan, i, name))
        .collect();
    // The report's order: the largest shortfall of others below self first.
    rows.sort_by(|a, b| a.gap.unwrap().total_cmp(&b.gap.unwrap()));
    let attention: Vec<AttentionItem> = rows
        .iter()
        .take(2)
        .map(|r| AttentionItem {
            name: r.name.clone(),
            level: r.level.clone(),
            others_mean: r.others_mean,
            self_mean: r.self_mean,
            gap: r.gap,
            tips: vec![
                format!(
                    "Vraag na elk overleg om feedback op {}.",
                    r.name.to_lowercase()
                ),
                "Kies een collega als maatje en bespreek elke maand één voorbeeld.".to_owned(),
                "Maak in het werkplan zichtbaar wat u hier anders gaat doen.".to_owned(),
            ],
        })
        .collect();
    let names = |from: &[CompetencyRow]| from.iter().map(|r| r.name.clone()).collect();
    ReportView {
        scan_id: format!("scan-{scan}"),
        subject_name: subject.to_owned(),
        header: ReportHeader {
            job_title: "Gemeentesecretaris".to_owned(),
            framework_name_nl: "Competentieprofielen Gemeente Maastricht".to_owned(),
            framework_name_en: "Competency profiles Municipality of Maastricht".to_owned(),
            level_nl: "Schaal 8-10".to_owned(),
            level_en: "Scale 8-10".to_owned(),
            deadline: closed_at - 86_400,
            closed_at: Some(closed_at),
            figures_at: closed_at,
            ..ReportHeader::default()
        },
        progress: vec![],
        summary: Default::default(),
        basis: ReportBasis::Final,
        agenda: Agenda {
            largest_gaps: names(&rows[..2]),
            lowest: names(&rows[2..4]),
            highest: names(&rows[5..]),
            development: names(&rows[..2]),
        },
        rows,
        attention,
        highest: vec![],
        lowest: vec![],
        largest_gaps: vec![],
        comments: vec![],
        k: 3,
        threshold: 0.5,
    }
}

fn document_kind(kind: FormKind) -> SectionKind {
    match kind {
        FormKind::Text => SectionKind::Text,
        FormKind::Agreements => SectionKind::Agreements,
        FormKind::LookBack => SectionKind::LookBack,
        FormKind::SignOff => SectionKind::SignOff,
    }
}

/// Two paragraphs under a section, as a written summary has them.
fn written(title: &str) -> String {
    format!(
        "Over {}: het college en de secretaris zijn het eens over de hoofdlijn. De vertaling \
         van bestuurlijke opdrachten naar de organisatie verloopt goed; op enkele dossiers kan \
         de regie strakker.\n\nAfgesproken is dit in het volgende gesprek opnieuw te bespreken, \
         met de resultaten van de scan ernaast.",
        title.to_lowercase()
    )
}

/// The approved record with `scans` attached scans (0, 1 or 2 in the benchmark).
pub fn record_with_scans(scans: usize) -> RecordDocument {
    let kind = conversation_type::find(&conversation_type::builtin(), SECRETARY_TYPE)
        .expect("the secretary's type is shipped")
        .clone();
    let subject = "Piet Jansen";
    let approved = winter_time(2026, 3, 12, 16, 30);
    let mut builder = RecordDocument::builder(&kind.name, &kind.name_en, subject)
        .state("approved")
        .plan(
            winter_time(2026, 3, 3, 14, 0),
            "Burgemeesterskamer, stadhuis",
            120,
        )
        .participant("burgemeester", "Anna de Wit")
        .participant("wethouder P&O", "Joost Meijer")
        .participant("secretaris", subject)
        .agreement(
            "Leergang strategisch leiderschap volgen",
            subject,
            "2026-12-31",
        )
        .agreement(
            "Maandelijks overleg burgemeester en secretaris",
            "Anna de Wit",
            "",
        )
        .agreement(
            "Taakverdeling bestuursondersteuning en bedrijfsvoering op papier zetten",
            "Joost Meijer",
            "2026-06-01",
        )
        .looked_back(
            Agreement {
                what: "Profiel van de externe rol uitwerken".to_owned(),
                who: subject.to_owned(),
                due_on: "2025-09-01".to_owned(),
            },
            "done",
            "Besproken in de raadscommissie.",
        );
    for section in &kind.sections {
        let kind = document_kind(section.kind);
        builder = builder.section(DocumentSection {
            number: section.number,
            title: section.title.clone(),
            intro: section.intro.clone(),
            prompts: section.prompts.clone(),
            notes_label: section.notes_label.clone(),
            kind,
            text: if kind == SectionKind::SignOff {
                String::new()
            } else {
                written(&section.title)
            },
        });
    }
    for scan in 0..scans {
        let closed = winter_time(2026, 2, 14 - scan as u8 * 7, 9, 0);
        builder = builder.scan(
            &format!("scan-{scan}"),
            closed + 86_400,
            report(scan, subject, closed),
        );
    }
    builder
        .signer("burgemeester", "Anna de Wit", Some(approved - 2 * 86_400))
        .signer("wethouder P&O", "Joost Meijer", Some(approved - 86_400))
        .signer("secretaris", subject, Some(approved))
        .approved_at(approved)
        .reader("Bram Özdemir", Some(approved + 86_400))
        .keep_until(winter_time(2029, 3, 12, 16, 30))
        .language(Language::Nl)
        .build()
}
