//! The report as a PDF file, made on the server from the same [`ReportView`] the page shows (so
//! only what the anonymity rules publish), in the page's order: the header (person, function,
//! framework, level, period, response per group), the summary, the gap per competency, the
//! competency table with a column per group, the competencies that need attention with their
//! tips, the suggested agenda, the behaviours (highest, lowest, largest gaps), the comments, and
//! at the end the method and the six categories. (The page's further charts and its every
//! figure per competency are left out: the tables here hold what they show.) Every A4 page
//! carries the person, "Vertrouwelijk", the date and "pagina x van y".
//!
//! The words come from the locale files the page uses; the layout is [`layout`], which the
//! conversation record will share.

pub mod layout;

use crate::domain::calendar::{amsterdam_date, format_date};
use crate::domain::language::Language;
use crate::domain::number_text::{decimal, signed};
use crate::domain::rating::Score;
use crate::domain::report_view::category::{category_of, short_name};
use crate::domain::report_view::table::{GroupCell, group_cell, group_columns, has_pooled};
use crate::domain::report_view::{
    Agenda, AttentionItem, BehaviourRow, CommentBlock, CompetencyRow, ReportBasis, ReportView,
};
use crate::domain::scoring::AgreementCategory;
use crate::i18n::{Locale, td_string};

use layout::{Align, Column, Layout, Mark, PlotRow, Running, Style};

pub use layout::LayoutError as PdfError;

/// Written where a figure is not published.
const NO_FIGURE: &str = "–";
/// Self and others in the dot plot, in the charts' colours (Okabe–Ito vermillion and blue).
const SELF_COLOUR: (u8, u8, u8) = (0xD5, 0x5E, 0x00);
const OTHERS_COLOUR: (u8, u8, u8) = (0x00, 0x72, 0xB2);

/// The report of `view` as a PDF in `language`, dated `today` (unix seconds).
pub fn render(view: &ReportView, language: Language, today: i64) -> Result<Vec<u8>, PdfError> {
    let (doc, title) = lay_out(view, language)?;
    let running = Running {
        header_left: view.subject_name.clone(),
        header_right: language.pick("Vertrouwelijk", "Confidential").to_owned(),
        footer_left: format_date(amsterdam_date(today), language),
        page_label: match language {
            Language::Nl => |x, y| format!("pagina {x} van {y}"),
            Language::En => |x, y| format!("page {x} of {y}"),
        },
    };
    doc.finish(&running, &title, language.pick("nl", "en"))
}

/// The report's pages, and its title.
fn lay_out(view: &ReportView, language: Language) -> Result<(Layout, String), PdfError> {
    let locale = Locale::from(language);
    let mut doc = Layout::new()?;
    let title = td_string!(locale, report_heading, subject = view.subject_name.clone()).to_string();
    doc.heading(&title, Style::Title, 60.0);
    header(&mut doc, view, language);
    summary(&mut doc, view, language);
    gaps(&mut doc, view, language);
    competencies(&mut doc, view, language);
    attention(&mut doc, &view.attention, language);
    agenda(&mut doc, &view.agenda, language);
    behaviours(&mut doc, view, language);
    comments(&mut doc, &view.comments, language);
    method(&mut doc, view, language);
    Ok((doc, title))
}

fn date(unix: i64, language: Language) -> String {
    format_date(amsterdam_date(unix), language)
}

fn number(value: Option<f64>, language: Language) -> String {
    value.map_or_else(|| NO_FIGURE.to_owned(), |v| decimal(v, 2, language))
}

/// Whose report, on what and over which period; the response per group.
fn header(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    let h = &view.header;
    let mut facts: Vec<(String, String)> = Vec::new();
    if !h.job_title.is_empty() {
        let label = td_string!(locale, report_header_function).to_string();
        facts.push((label, h.job_title.clone()));
    }
    facts.push((
        td_string!(locale, report_header_framework).to_string(),
        language
            .pick(&h.framework_name_nl, &h.framework_name_en)
            .to_owned(),
    ));
    if !h.level_nl.is_empty() {
        let mut level = language.pick(&h.level_nl, &h.level_en).to_owned();
        if !h.next_level_nl.is_empty() {
            level = format!(
                "{level} ({}: {})",
                td_string!(locale, report_header_next_level),
                language.pick(&h.next_level_nl, &h.next_level_en)
            );
        }
        facts.push((td_string!(locale, report_header_level).to_string(), level));
    }
    let to = date(h.deadline, language);
    let period = match h.opened_at {
        Some(opened) => {
            let from = date(opened, language);
            td_string!(locale, report_header_period_text, from, to).to_string()
        }
        None => to,
    };
    facts.push((td_string!(locale, report_header_period).to_string(), period));
    if let Some(at) = h.closed_at {
        let label = td_string!(locale, report_header_closed).to_string();
        facts.push((label, date(at, language)));
    }
    if let Some(at) = h.released_at {
        let label = td_string!(locale, report_header_released).to_string();
        facts.push((label, date(at, language)));
    }
    let response = view
        .progress
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                language.pick(&p.label_nl, &p.label_en),
                language.pick(&p.text_nl, &p.text_en)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    if !response.is_empty() {
        facts.push((td_string!(locale, report_response).to_string(), response));
    }
    doc.facts(&facts);
    let basis = match view.basis {
        ReportBasis::Final => None,
        ReportBasis::Released => Some(td_string!(locale, report_basis_released).to_string()),
        ReportBasis::FrozenAtRelease => Some(td_string!(locale, report_basis_frozen).to_string()),
    };
    if let Some(basis) = basis {
        doc.paragraph(&basis, Style::Body);
    }
}

fn summary(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    let s = &view.summary;
    doc.heading(td_string!(locale, report_summary), Style::Heading, 40.0);
    doc.paragraph(language.pick(&s.lead_nl, &s.lead_en), Style::Body);
    for line in &s.lines {
        doc.bullet(language.pick(&line.text_nl, &line.text_en), Style::Body);
    }
    let response = language.pick(&s.response_nl, &s.response_en);
    if !response.is_empty() {
        doc.space(4.0);
        doc.paragraph(response, Style::Body);
    }
}

/// A row's name, with its level when the report has more than one.
fn row_name(row: &CompetencyRow, levels: bool) -> String {
    if levels && !row.level.is_empty() {
        format!("{} ({})", row.name, row.level)
    } else {
        row.name.clone()
    }
}

fn several_levels(view: &ReportView) -> bool {
    view.rows
        .iter()
        .any(|r| !r.level.is_empty() && r.level != view.rows[0].level)
}

/// The gap chart drawn (self and others on the scale, the gap beside), then its figures as a
/// table: self, others, the gap and the category, per competency in the report's order
/// (largest shortfall of others below self first).
pub(crate) fn gaps(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    doc.heading(td_string!(locale, report_chart_gap), Style::Heading, 60.0);
    doc.paragraph(
        language.pick(
            "Verschil = gemiddelde van anderen − zelf. Gesorteerd op verschil: waar anderen het \
             laagst scoren ten opzichte van het zelfbeeld staat bovenaan.",
            "Gap = others' mean − self. Sorted by gap: where others rate lowest compared with \
             the self-view comes first.",
        ),
        Style::Small,
    );
    let levels = several_levels(view);
    // The gap chart drawn: self and others per competency on the 1–5 scale, the gap beside.
    let plot: Vec<PlotRow> = view
        .rows
        .iter()
        .map(|row| PlotRow {
            label: row_name(row, levels),
            marks: [
                row.others_mean.map(|m| (m, Mark::Dot, OTHERS_COLOUR)),
                row.self_mean.map(|m| (m, Mark::Diamond, SELF_COLOUR)),
            ]
            .into_iter()
            .flatten()
            .collect(),
            note: row.gap.map(|g| signed(g, 2, language)).unwrap_or_default(),
        })
        .collect();
    let ticks: Vec<(f64, String)> = Score::ALL
        .iter()
        .map(|s| (f64::from(s.value()), s.value().to_string()))
        .collect();
    let legend = [
        (
            Mark::Diamond,
            SELF_COLOUR,
            td_string!(locale, report_col_self).to_string(),
        ),
        (
            Mark::Dot,
            OTHERS_COLOUR,
            td_string!(locale, report_col_others).to_string(),
        ),
    ];
    doc.dot_plot((1.0, 5.0), &ticks, &plot, &legend);
    let columns = [
        column(td_string!(locale, report_col_competency), None, Align::Left),
        column(
            td_string!(locale, report_col_self),
            Some(44.0),
            Align::Right,
        ),
        column(
            td_string!(locale, report_col_others),
            Some(58.0),
            Align::Right,
        ),
        column(td_string!(locale, report_col_gap), Some(56.0), Align::Right),
        column(
            td_string!(locale, report_col_category),
            Some(130.0),
            Align::Left,
        ),
    ];
    let rows: Vec<Vec<String>> = view
        .rows
        .iter()
        .map(|row| {
            let category = row
                .category_id
                .as_deref()
                .and_then(category_of)
                .map(|c| language.pick(short_name(c).nl, short_name(c).en).to_owned())
                .unwrap_or_default();
            vec![
                row_name(row, levels),
                number(row.self_mean, language),
                number(row.others_mean, language),
                row.gap
                    .map_or_else(|| NO_FIGURE.to_owned(), |g| signed(g, 2, language)),
                category,
            ]
        })
        .collect();
    doc.table(&columns, &rows);
}

fn column(heading: impl std::fmt::Display, width: Option<f32>, align: Align) -> Column {
    Column {
        heading: heading.to_string(),
        width,
        align,
    }
}

/// Every published mean per competency: self, others with n and spread, one column per shown
/// group and the pooled line; a dash where a group is left out of a row.
fn competencies(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    doc.heading(
        td_string!(locale, report_competencies),
        Style::Heading,
        60.0,
    );
    let groups = group_columns(&view.rows, &view.progress);
    let pooled = has_pooled(&view.rows);
    let mut columns = vec![
        column(td_string!(locale, report_col_competency), None, Align::Left),
        column(
            td_string!(locale, report_col_self),
            Some(40.0),
            Align::Right,
        ),
        column(
            td_string!(locale, report_col_others),
            Some(64.0),
            Align::Right,
        ),
        column("sd", Some(36.0), Align::Right),
    ];
    for group in &groups {
        let label = language.pick(&group.label_nl, &group.label_en);
        columns.push(column(label, Some(62.0), Align::Right));
    }
    if pooled {
        columns.push(column(
            td_string!(locale, report_pooled),
            Some(70.0),
            Align::Right,
        ));
    }
    let levels = several_levels(view);
    let rows: Vec<Vec<String>> = view
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row_name(row, levels),
                number(row.self_mean, language),
                format!("{} (n={})", number(row.others_mean, language), row.others_n),
                number(row.others_sd, language),
            ];
            for group in &groups {
                cells.push(match group_cell(row, group) {
                    GroupCell::Shown { mean, .. } => number(mean, language),
                    GroupCell::LeftOut => NO_FIGURE.to_owned(),
                });
            }
            if pooled {
                cells.push(number(row.pooled.and_then(|(_, mean)| mean), language));
            }
            cells
        })
        .collect();
    doc.table(&columns, &rows);
    doc.paragraph(
        &match language {
            Language::Nl => format!(
                "{NO_FIGURE} = niet getoond: minder dan {} informanten van die groep gaven bij \
                 deze competentie een score, of er is geen zelfbeoordeling.",
                view.k
            ),
            Language::En => format!(
                "{NO_FIGURE} = not shown: fewer than {} informants of that group rated this \
                 competency, or there is no self-rating.",
                view.k
            ),
        },
        Style::Small,
    );
}

/// The competencies that most need attention, each with its figures and the framework's tips.
pub(crate) fn attention(doc: &mut Layout, items: &[AttentionItem], language: Language) {
    let locale = Locale::from(language);
    doc.heading(td_string!(locale, report_attention), Style::Heading, 60.0);
    doc.paragraph(td_string!(locale, report_attention_help), Style::Small);
    for item in items {
        let title = if item.level.is_empty() {
            item.name.clone()
        } else {
            format!("{} ({})", item.name, item.level)
        };
        doc.heading(&title, Style::Subheading, 40.0);
        let figures = format!(
            "{}: {} · {}: {} · {}: {}",
            td_string!(locale, report_col_others),
            number(item.others_mean, language),
            td_string!(locale, report_col_self),
            number(item.self_mean, language),
            td_string!(locale, report_col_gap),
            item.gap
                .map_or_else(|| NO_FIGURE.to_owned(), |g| signed(g, 2, language)),
        );
        doc.paragraph(&figures, Style::Body);
        doc.paragraph(td_string!(locale, report_tips), Style::Bold);
        if item.tips.is_empty() {
            doc.paragraph(td_string!(locale, report_tips_none), Style::Small);
        } else {
            for tip in &item.tips {
                doc.bullet(tip, Style::Body);
            }
            doc.space(4.0);
        }
    }
}

/// Names joined by commas, or a dash for none.
fn named(list: &[String]) -> String {
    if list.is_empty() {
        NO_FIGURE.to_owned()
    } else {
        list.join(", ")
    }
}

/// The suggested agenda: look back, discuss the competencies named, agree.
fn agenda(doc: &mut Layout, agenda: &Agenda, language: Language) {
    let locale = Locale::from(language);
    doc.heading(td_string!(locale, report_agenda), Style::Heading, 60.0);
    doc.paragraph(td_string!(locale, report_agenda_help), Style::Small);
    let sub = |label: String, names: &[String]| format!("{label}: {}", named(names));
    doc.item(
        "1.",
        0,
        td_string!(locale, report_agenda_look_back),
        Style::Body,
    );
    doc.item(
        "2.",
        0,
        td_string!(locale, report_agenda_discuss),
        Style::Body,
    );
    for (label, names) in [
        (
            td_string!(locale, report_agenda_gaps).to_string(),
            &agenda.largest_gaps,
        ),
        (
            td_string!(locale, report_agenda_lowest).to_string(),
            &agenda.lowest,
        ),
        (
            td_string!(locale, report_agenda_highest).to_string(),
            &agenda.highest,
        ),
    ] {
        doc.item("•", 1, &sub(label, names), Style::Body);
    }
    doc.item(
        "3.",
        0,
        td_string!(locale, report_agenda_agree),
        Style::Body,
    );
    let development = sub(
        td_string!(locale, report_agenda_development).to_string(),
        &agenda.development,
    );
    for text in [
        development,
        td_string!(locale, report_agenda_organisation).to_string(),
        td_string!(locale, report_agenda_expectations).to_string(),
    ] {
        doc.item("•", 1, &text, Style::Body);
    }
    doc.space(4.0);
}

/// The behaviours rated highest and lowest by others, and those with the largest gap, each
/// with its competency beneath it.
fn behaviours(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    doc.heading(td_string!(locale, report_behaviours), Style::Heading, 60.0);
    let columns = [
        column(td_string!(locale, report_col_behaviour), None, Align::Left),
        column(
            td_string!(locale, report_col_self),
            Some(44.0),
            Align::Right,
        ),
        column(
            td_string!(locale, report_col_others),
            Some(72.0),
            Align::Right,
        ),
        column(td_string!(locale, report_col_gap), Some(56.0), Align::Right),
    ];
    for (title, list) in [
        (
            td_string!(locale, report_highest).to_string(),
            &view.highest,
        ),
        (td_string!(locale, report_lowest).to_string(), &view.lowest),
        (
            td_string!(locale, report_gaps).to_string(),
            &view.largest_gaps,
        ),
    ] {
        doc.heading(&title, Style::Subheading, 40.0);
        if list.is_empty() {
            doc.paragraph(NO_FIGURE, Style::Body);
            continue;
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|b: &BehaviourRow| {
                vec![
                    format!("{}\n{}", b.text, b.competency),
                    number(b.self_mean, language),
                    format!(
                        "{} (n={})",
                        number(Some(b.others_mean), language),
                        b.others_n
                    ),
                    b.gap
                        .map_or_else(|| NO_FIGURE.to_owned(), |g| signed(g, 2, language)),
                ]
            })
            .collect();
        doc.table(&columns, &rows);
    }
}

/// The published comments per competency, per source (a group, or without a group name), in
/// the view's order.
fn comments(doc: &mut Layout, blocks: &[CommentBlock], language: Language) {
    let locale = Locale::from(language);
    doc.heading(td_string!(locale, report_comments), Style::Heading, 60.0);
    doc.paragraph(td_string!(locale, report_comments_help), Style::Small);
    if blocks.is_empty() {
        doc.paragraph(td_string!(locale, report_comments_none), Style::Body);
        return;
    }
    for block in blocks {
        doc.heading(&block.competency, Style::Subheading, 40.0);
        for list in &block.lists {
            let label = if list.label_nl.is_empty() {
                td_string!(locale, report_comments_unlabelled).to_string()
            } else {
                language.pick(&list.label_nl, &list.label_en).to_owned()
            };
            doc.heading(&label, Style::Bold, 20.0);
            for comment in &list.comments {
                doc.bullet(comment, Style::Body);
            }
            doc.space(4.0);
        }
    }
}

/// How the figures were computed and the six categories, at the end.
fn method(doc: &mut Layout, view: &ReportView, language: Language) {
    let locale = Locale::from(language);
    doc.heading(
        td_string!(locale, report_method_title),
        Style::Heading,
        60.0,
    );
    let k = view.k;
    let threshold = decimal(view.threshold, 1, language);
    doc.paragraph(
        &td_string!(locale, report_method, k, threshold).to_string(),
        Style::Body,
    );
    doc.heading(
        td_string!(locale, report_categories),
        Style::Subheading,
        30.0,
    );
    for category in AgreementCategory::ALL {
        let (name, explanation) = (category.name(), category.explanation());
        doc.paragraph(language.pick(name.nl, name.en), Style::Bold);
        doc.paragraph(language.pick(explanation.nl, explanation.en), Style::Body);
    }
}

#[cfg(test)]
mod tests;
