//! The conversation record as a PDF for the personnel file: the type's paper form (seed 001,
//! "Formulier Functioneringsgesprek B&W - Secretaris") filled in. The date, place, duration and
//! participants first; then every section of the form in order with its prompts and the text
//! written under it (a section left empty still prints its prompts, as the paper form would);
//! the agreements as a table in the agreements section; the previous conversation's agreements
//! with their outcome; the sign-off block "Voor accoord" with a line per signing role and the
//! date each signed, kept on one page; then each attached scan: the gap chart and table and the
//! competencies that need attention, drawn by the report PDF's own code
//! ([`crate::report::pdf`]). Every A4 page carries the person, "Vertrouwelijk", "Bewaard tot …"
//! (or "Concept" before approval) and "pagina x van y".
//!
//! The layout is the report's ([`crate::report::pdf::layout`]); the product's words come from
//! [`labels`](crate::domain::record_document::labels), the form's words are the record's data.

use crate::domain::language::Language;
use crate::domain::record_document::labels::Label;
use crate::domain::record_document::text::{
    NOTHING, date_text, date_time_text, due_text, duration_text, is_final, outcome_label,
    state_label,
};
use crate::domain::record_document::{AttachedScan, DocumentSection, RecordDocument, SectionKind};
use crate::report::pdf::layout::{Align, Column, Layout, Running, Style};
use crate::report::pdf::{attention, gaps};

pub use crate::report::pdf::PdfError;

/// How much of what follows a section's title keeps on its page: the intro and the first
/// prompts, so a title never ends a page alone.
const SECTION_KEEP: f32 = 60.0;

/// The record `doc` as a PDF, its labels in `language` (the form's text is in `doc.language`).
pub fn record_pdf(doc: &RecordDocument, language: Language) -> Result<Vec<u8>, PdfError> {
    let (layout, title) = lay_out(doc, language)?;
    let footer_left = match doc.keep_until {
        Some(at) if is_final(&doc.state) => {
            format!(
                "{} {}",
                Label::KeptUntil.text(language),
                date_text(at, language)
            )
        }
        _ => format!(
            "{} · {}",
            Label::Draft.text(language),
            state_label(&doc.state, language)
        ),
    };
    let running = Running {
        header_left: doc.subject_name.clone(),
        header_right: Label::Confidential.text(language).to_owned(),
        footer_left,
        page_label: match language {
            Language::Nl => |x, y| format!("pagina {x} van {y}"),
            Language::En => |x, y| format!("page {x} of {y}"),
        },
    };
    layout.finish(&running, &title, doc.language.code())
}

/// The record's title: "Formulier <type>" (English: "Form: <type>").
pub fn title(doc: &RecordDocument, language: Language) -> String {
    let name = doc.type_name_in(language);
    match language {
        Language::Nl => format!("{} {name}", Label::Form.text(language)),
        Language::En => format!("{}: {name}", Label::Form.text(language)),
    }
}

/// The record's pages, and its title.
pub(crate) fn lay_out(
    doc: &RecordDocument,
    language: Language,
) -> Result<(Layout, String), PdfError> {
    let mut layout = Layout::new()?;
    let title = title(doc, language);
    layout.heading(&title, Style::Title, 60.0);
    facts(&mut layout, doc, language);
    if doc.section_of(SectionKind::LookBack).is_none() && !doc.previous_agreements.is_empty() {
        layout.heading(Label::LookBack.text(language), Style::Heading, 60.0);
        look_back(&mut layout, doc, language);
    }
    for section in &doc.sections {
        form_section(&mut layout, doc, section, language);
    }
    if doc.section_of(SectionKind::Agreements).is_none() && !doc.agreements.is_empty() {
        layout.heading(Label::Agreements.text(language), Style::Heading, 60.0);
        agreements(&mut layout, doc, language);
    }
    if doc.section_of(SectionKind::SignOff).is_none() {
        sign_off(&mut layout, doc, Label::SignOff.text(language), language);
    }
    for scan in &doc.scans {
        attached_scan(&mut layout, scan, language);
    }
    Ok((layout, title))
}

/// Whom, when, where, how long, who took part, and the record's state.
fn facts(layout: &mut Layout, doc: &RecordDocument, language: Language) {
    let mut facts = vec![(
        Label::About.text(language).to_owned(),
        doc.subject_name.clone(),
    )];
    let when = doc
        .starts_at
        .map_or_else(|| NOTHING.to_owned(), |at| date_time_text(at, language));
    facts.push((Label::ConversationDate.text(language).to_owned(), when));
    if !doc.place.is_empty() {
        facts.push((Label::Place.text(language).to_owned(), doc.place.clone()));
    }
    if let Some(minutes) = doc.duration_minutes {
        facts.push((
            Label::Duration.text(language).to_owned(),
            duration_text(minutes, language),
        ));
    }
    let participants = doc
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {} ({})", i + 1, p.name, p.role_name))
        .collect::<Vec<_>>()
        .join("\n");
    facts.push((
        Label::Participants.text(language).to_owned(),
        if participants.is_empty() {
            NOTHING.to_owned()
        } else {
            participants
        },
    ));
    facts.push((
        Label::State.text(language).to_owned(),
        state_label(&doc.state, language),
    ));
    layout.facts(&facts);
}

/// A prompt of the form: "a. …" is a sub-item of the prompt before it, anything else a bullet.
fn prompt(layout: &mut Layout, text: &str) {
    let mut chars = text.chars();
    let (first, second, third) = (chars.next(), chars.next(), chars.next());
    match (first, second, third) {
        (Some(letter), Some('.'), Some(' ')) if letter.is_ascii_lowercase() => {
            let rest = &text[3..];
            layout.item(&format!("{letter}."), 1, rest, Style::Body);
        }
        _ => layout.item("·", 0, text, Style::Body),
    }
}

/// One section of the form: its number and title, intro, prompts, notes label and text; the
/// agreements, look-back or sign-off block where the form has them.
fn form_section(
    layout: &mut Layout,
    doc: &RecordDocument,
    section: &DocumentSection,
    language: Language,
) {
    let heading = format!("{}. {}", section.number, section.title);
    if section.kind == SectionKind::SignOff {
        sign_off(layout, doc, &heading, language);
        return;
    }
    layout.heading(&heading, Style::Heading, SECTION_KEEP);
    if let Some(intro) = section.intro.as_deref().filter(|i| !i.is_empty()) {
        layout.paragraph(intro, Style::Small);
    }
    for text in &section.prompts {
        prompt(layout, text);
    }
    if !section.prompts.is_empty() {
        layout.space(4.0);
    }
    if let Some(label) = section.notes_label.as_deref().filter(|l| !l.is_empty()) {
        layout.heading(
            &format!("{}:", label.trim_end_matches(':')),
            Style::Bold,
            14.0,
        );
    }
    match (section.text.is_empty(), section.kind) {
        (false, _) => layout.paragraph(&section.text, Style::Body),
        // The table says it all; an empty text under it would only add noise.
        (true, SectionKind::Agreements) if !doc.agreements.is_empty() => {}
        (true, SectionKind::LookBack) if !doc.previous_agreements.is_empty() => {}
        (true, _) => layout.paragraph(Label::NothingWritten.text(language), Style::Small),
    }
    match section.kind {
        SectionKind::Agreements => agreements(layout, doc, language),
        SectionKind::LookBack => look_back(layout, doc, language),
        SectionKind::Text | SectionKind::SignOff => {}
    }
}

fn column(heading: &str, width: Option<f32>) -> Column {
    Column {
        heading: heading.to_owned(),
        width,
        align: Align::Left,
    }
}

fn or_nothing(text: String) -> String {
    if text.is_empty() {
        NOTHING.to_owned()
    } else {
        text
    }
}

/// The agreements: what, who, by when.
fn agreements(layout: &mut Layout, doc: &RecordDocument, language: Language) {
    if doc.agreements.is_empty() {
        layout.paragraph(Label::NoAgreements.text(language), Style::Body);
        return;
    }
    let columns = [
        column(Label::What.text(language), None),
        column(Label::Who.text(language), Some(130.0)),
        column(Label::DueOn.text(language), Some(100.0)),
    ];
    let rows: Vec<Vec<String>> = doc
        .agreements
        .iter()
        .map(|a| {
            vec![
                or_nothing(a.what.clone()),
                or_nothing(a.who.clone()),
                or_nothing(due_text(&a.due_on, language)),
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}

/// The previous conversation's agreements with what became of them.
fn look_back(layout: &mut Layout, doc: &RecordDocument, language: Language) {
    if doc.previous_agreements.is_empty() {
        layout.paragraph(Label::NoPreviousAgreements.text(language), Style::Body);
        return;
    }
    let columns = [
        column(Label::What.text(language), None),
        column(Label::Who.text(language), Some(105.0)),
        column(Label::DueOn.text(language), Some(85.0)),
        column(Label::Outcome.text(language), Some(120.0)),
    ];
    let rows: Vec<Vec<String>> = doc
        .previous_agreements
        .iter()
        .map(|l| {
            let outcome = outcome_label(&l.outcome, language);
            let outcome = if l.note.is_empty() {
                outcome
            } else {
                format!("{outcome}\n{}", l.note)
            };
            vec![
                or_nothing(l.agreement.what.clone()),
                or_nothing(l.agreement.who.clone()),
                or_nothing(due_text(&l.agreement.due_on, language)),
                outcome,
            ]
        })
        .collect();
    layout.table(&columns, &rows);
}

/// The sign-off block under `heading` ("9. Voor accoord"): a line per signing role with the
/// name and the date it signed, then the approval, the readers and the retention date. The
/// heading keeps the whole block on one page.
fn sign_off(layout: &mut Layout, doc: &RecordDocument, heading: &str, language: Language) {
    let heading = format!("{}:", heading.trim_end_matches(':'));
    let approved = doc.approved_at.map_or_else(
        || Label::NotApproved.text(language).to_owned(),
        |at| date_text(at, language),
    );
    let mut facts = vec![(Label::ApprovedOn.text(language).to_owned(), approved)];
    if !doc.readers.is_empty() {
        let readers = doc
            .readers
            .iter()
            .map(|r| match r.shared_at {
                Some(at) => format!("{} ({})", r.name, date_text(at, language)),
                None => r.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        facts.push((Label::SharedWith.text(language).to_owned(), readers));
    }
    if let Some(at) = doc.keep_until {
        facts.push((
            Label::KeptUntil.text(language).to_owned(),
            date_text(at, language),
        ));
    }
    // Rows of one line (10 pt × 1.35 + padding), the heading row, the facts and some air.
    let fact_lines: usize = facts.iter().map(|(_, v)| v.lines().count().max(1)).sum();
    let keep = 20.5 * (doc.sign_off.len() + 1) as f32 + 14.0 * fact_lines as f32 + 24.0;
    layout.heading(&heading, Style::Heading, keep);
    if doc.sign_off.is_empty() {
        layout.paragraph(NOTHING, Style::Body);
    } else {
        let columns = [
            column(Label::Role.text(language), Some(140.0)),
            column(Label::Name.text(language), None),
            column(Label::SignedOn.text(language), Some(170.0)),
        ];
        let rows: Vec<Vec<String>> = doc
            .sign_off
            .iter()
            .map(|line| {
                vec![
                    format!("{},", line.role_name.trim_end_matches(',')),
                    or_nothing(line.name.clone()),
                    line.signed_at.map_or_else(
                        || Label::NotSigned.text(language).to_owned(),
                        |at| date_text(at, language),
                    ),
                ]
            })
            .collect();
        layout.table(&columns, &rows);
    }
    layout.facts(&facts);
}

/// An attached scan: whose, when closed, then the report's gap chart and table and the
/// competencies needing attention with their tips, as the report PDF draws them.
fn attached_scan(layout: &mut Layout, scan: &AttachedScan, language: Language) {
    let report = &scan.report;
    layout.heading(
        &format!(
            "{}: {} {}",
            Label::Attachment.text(language),
            Label::ScanAbout.text(language),
            report.subject_name
        ),
        Style::Heading,
        120.0,
    );
    let mut facts = Vec::new();
    if let Some(at) = report.header.closed_at {
        facts.push((
            Label::ScanClosed.text(language).to_owned(),
            date_text(at, language),
        ));
    }
    facts.push((
        Label::ScanAttached.text(language).to_owned(),
        date_text(scan.attached_at, language),
    ));
    layout.facts(&facts);
    gaps(layout, report, language);
    attention(layout, &report.attention, language);
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
