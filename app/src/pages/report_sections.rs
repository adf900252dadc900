//! The parts of the report page below the summary table: charts with their text tables, the
//! figures per competency, comments, the competencies that need attention, and the agenda.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::components::localized::{language, pick};
use crate::domain::number_text;
use crate::i18n::*;
use crate::server_fns::report::{
    Agenda, AttentionItem, CommentBlock, CompetencyRow, LineFigures, LineKind, ReportView,
};

/// A score with two decimals in the page's language (`4,33`), or a dash where there is none.
pub fn number(value: Option<f64>) -> String {
    let language = language(use_i18n());
    value
        .map(|v| number_text::decimal(v, 2, language))
        .unwrap_or_else(|| "—".to_owned())
}

/// A difference with its sign in the page's language (`+0,50`, `−1,87`), or a dash.
pub fn signed(value: Option<f64>) -> String {
    let language = language(use_i18n());
    value
        .map(|v| number_text::signed(v, 2, language))
        .unwrap_or_else(|| "—".to_owned())
}

fn row_label(row: &CompetencyRow) -> String {
    if row.level.is_empty() {
        row.name.clone()
    } else {
        format!("{} ({})", row.name, row.level)
    }
}

/// One chart as an image on its own URL, with links to its SVG and PNG; the table that says
/// the same in text follows it (for screen readers and print).
#[component]
fn Chart(
    scan_id: String,
    file: &'static str,
    title: String,
    description: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/scans/{scan_id}/rapport/grafiek/{file}");
    let lang = match i18n.get_locale_untracked() {
        Locale::en => "?lang=en",
        Locale::nl => "",
    };
    view! {
        <figure class="chart" data-testid=format!("chart-{file}")>
            <figcaption><strong>{title.clone()}</strong> " " <span class="help">{description}</span></figcaption>
            <img src=format!("{base}.svg{lang}") alt=title loading="lazy" />
            <p class="chart-links no-print">
                <a href=format!("{base}.svg{lang}")>{t!(i18n, report_chart_svg)}</a>
                " · "
                <a href=format!("{base}.png{lang}")>{t!(i18n, report_chart_png)}</a>
            </p>
            {children()}
        </figure>
    }
}

/// The gap chart, the heat map (with its table) and, for two levels, the levels chart.
#[component]
pub fn Charts(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let english = matches!(i18n.get_locale_untracked(), Locale::en);
    // Columns of the heat map: every line label that occurs, in first-seen order.
    let mut columns: Vec<(String, String)> = Vec::new();
    for line in view.rows.iter().flat_map(|r| r.lines.iter()) {
        if !columns.iter().any(|(id, _)| *id == line.id) {
            let label = if english {
                &line.label_en
            } else {
                &line.label_nl
            };
            columns.push((line.id.clone(), label.clone()));
        }
    }
    let heat_head = columns
        .iter()
        .map(|(_, label)| view! { <th scope="col">{label.clone()}</th> })
        .collect_view();
    let heat_rows = view
        .rows
        .iter()
        .map(|row| {
            let cells = columns
                .iter()
                .map(|(id, _)| {
                    let mean = row.lines.iter().find(|l| l.id == *id).and_then(|l| l.mean);
                    view! { <td>{number(mean)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{row_label(row)}</th>{cells}</tr> }
        })
        .collect_view();
    let mut levels: Vec<String> = Vec::new();
    for row in &view.rows {
        if !row.level.is_empty() && !levels.contains(&row.level) {
            levels.push(row.level.clone());
        }
    }
    let levels_chart = (levels.len() >= 2).then(|| {
        let mut names: Vec<String> = Vec::new();
        for row in &view.rows {
            if !names.contains(&row.name) {
                names.push(row.name.clone());
            }
        }
        names.sort();
        let head = levels
            .iter()
            .map(|l| view! { <th scope="col">{l.clone()}</th> })
            .collect_view();
        let body = names
            .iter()
            .map(|name| {
                let cells = levels
                    .iter()
                    .map(|level| {
                        let row = view.rows.iter().find(|r| &r.name == name && &r.level == level);
                        let text = row.map_or_else(
                            || "—".to_owned(),
                            |r| format!("{} / {}", number(r.self_mean), number(r.others_mean)),
                        );
                        view! { <td>{text}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{name.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <Chart scan_id=view.scan_id.clone() file="niveaus"
                title=t_string!(i18n, report_chart_levels).to_string()
                description=t_string!(i18n, report_chart_levels_help).to_string()>
                <div class="table-wrap">
                    <table data-testid="levels-table">
                        <thead><tr><th scope="col">{t!(i18n, report_col_competency)}</th>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </Chart>
        }
    });
    view! {
        <section aria-labelledby="report-charts" class="page-break">
            <h2 id="report-charts">{t!(i18n, report_charts)}</h2>
            <Chart scan_id=view.scan_id.clone() file="verschil"
                title=t_string!(i18n, report_chart_gap).to_string()
                description=t_string!(i18n, report_chart_gap_help).to_string()>
                <p class="help">{t!(i18n, report_chart_gap_table)}</p>
            </Chart>
            <Chart scan_id=view.scan_id.clone() file="heatmap"
                title=t_string!(i18n, report_chart_heatmap).to_string()
                description=t_string!(i18n, report_chart_heatmap_help).to_string()>
                <div class="table-wrap">
                    <table data-testid="heatmap-table">
                        <thead><tr><th scope="col">{t!(i18n, report_col_competency)}</th>{heat_head}</tr></thead>
                        <tbody>{heat_rows}</tbody>
                    </table>
                </div>
            </Chart>
            {levels_chart}
        </section>
    }
}

fn line_label(i18n: I18nContext<Locale>, line: &LineFigures) -> String {
    let label = pick(i18n, &line.label_nl, &line.label_en);
    if line.kind == LineKind::IdentifiableGroup {
        format!("{label} ({})", t_string!(i18n, report_identifiable))
    } else {
        label
    }
}

/// Every figure of every published line, per competency.
#[component]
pub fn Details(rows: Vec<CompetencyRow>) -> impl IntoView {
    let i18n = use_i18n();
    let blocks = rows
        .into_iter()
        .map(|row| {
            let lines = row
                .lines
                .iter()
                .map(|line| {
                    let counts = line
                        .distribution
                        .iter()
                        .map(|c| view! { <td>{*c}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{line_label(i18n, line)}</th>
                            <td>{line.n}</td>
                            <td>{number(line.mean)}</td>
                            <td>{number(line.sd)}</td>
                            <td>{number(line.min)}</td>
                            <td>{number(line.max)}</td>
                            {counts}
                            <td>{line.cannot_judge}</td>
                        </tr>
                    }
                })
                .collect_view();
            let category = row.category.clone().map(|(nl, en, enl, een)| {
                view! { <p><strong>{pick(i18n, &nl, &en)}</strong> ": " {pick(i18n, &enl, &een)}</p> }
            });
            view! {
                <div class="competency-figures">
                    <h3>{row_label(&row)}</h3>
                    <p>{t!(i18n, report_col_gap)} ": " {signed(row.gap)}</p>
                    {category}
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, report_col_line)}</th>
                                    <th scope="col">"n"</th>
                                    <th scope="col">{t!(i18n, report_col_mean)}</th>
                                    <th scope="col">{t!(i18n, report_col_sd)}</th>
                                    <th scope="col">{t!(i18n, report_col_min)}</th>
                                    <th scope="col">{t!(i18n, report_col_max)}</th>
                                    <th scope="col"><abbr title=t_string!(i18n, rating_1).to_string()>"1"</abbr></th>
                                    <th scope="col"><abbr title=t_string!(i18n, rating_2).to_string()>"2"</abbr></th>
                                    <th scope="col"><abbr title=t_string!(i18n, rating_3).to_string()>"3"</abbr></th>
                                    <th scope="col"><abbr title=t_string!(i18n, rating_4).to_string()>"4"</abbr></th>
                                    <th scope="col"><abbr title=t_string!(i18n, rating_5).to_string()>"5"</abbr></th>
                                    <th scope="col">{t!(i18n, report_col_cannot_judge)}</th>
                                </tr>
                            </thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-details" class="page-break">
            <h2 id="report-details">{t!(i18n, report_details)}</h2>
            <p class="help">{t!(i18n, report_details_help)}</p>
            {blocks}
        </section>
    }
}

#[component]
pub fn Comments(blocks: Vec<CommentBlock>) -> impl IntoView {
    let i18n = use_i18n();
    let content = if blocks.is_empty() {
        view! { <p>{t!(i18n, report_comments_none)}</p> }.into_any()
    } else {
        blocks
            .into_iter()
            .map(|block| {
                let lists = block
                    .lists
                    .into_iter()
                    .map(|list| {
                        let label = if list.label_nl.is_empty() {
                            t_string!(i18n, report_comments_unlabelled).to_string()
                        } else {
                            pick(i18n, &list.label_nl, &list.label_en)
                        };
                        let items = list
                            .comments
                            .into_iter()
                            .map(|t| view! { <li><blockquote>{t}</blockquote></li> })
                            .collect_view();
                        view! { <h4>{label}</h4><ul class="comments">{items}</ul> }
                    })
                    .collect_view();
                view! { <h3>{block.competency}</h3>{lists} }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="report-comments" data-testid="report-comments">
            <h2 id="report-comments">{t!(i18n, report_comments)}</h2>
            <p class="help">{t!(i18n, report_comments_help)}</p>
            {content}
        </section>
    }
}

#[component]
pub fn Attention(items: Vec<AttentionItem>) -> impl IntoView {
    let i18n = use_i18n();
    let blocks = items
        .into_iter()
        .map(|item| {
            let title = if item.level.is_empty() {
                item.name.clone()
            } else {
                format!("{} ({})", item.name, item.level)
            };
            let tips = if item.tips.is_empty() {
                view! { <p class="help">{t!(i18n, report_tips_none)}</p> }.into_any()
            } else {
                let tips = item
                    .tips
                    .into_iter()
                    .map(|tip| view! { <li>{tip}</li> })
                    .collect_view();
                view! { <ul>{tips}</ul> }.into_any()
            };
            view! {
                <h3>{title}</h3>
                <p>
                    {t!(i18n, report_col_others)} ": " {number(item.others_mean)} " · "
                    {t!(i18n, report_col_self)} ": " {number(item.self_mean)} " · "
                    {t!(i18n, report_col_gap)} ": " {signed(item.gap)}
                </p>
                <h4>{t!(i18n, report_tips)}</h4>
                {tips}
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-attention" data-testid="report-attention" class="page-break">
            <h2 id="report-attention">{t!(i18n, report_attention)}</h2>
            <p class="help">{t!(i18n, report_attention_help)}</p>
            {blocks}
        </section>
    }
}

fn named(list: &[String]) -> String {
    if list.is_empty() {
        "—".to_owned()
    } else {
        list.join(", ")
    }
}

/// The suggested agenda after seed 000's "Voorbeeld agenda".
#[component]
pub fn AgendaSection(agenda: Agenda) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="report-agenda" data-testid="report-agenda">
            <h2 id="report-agenda">{t!(i18n, report_agenda)}</h2>
            <p class="help">{t!(i18n, report_agenda_help)}</p>
            <ol>
                <li>{t!(i18n, report_agenda_look_back)}</li>
                <li>
                    {t!(i18n, report_agenda_discuss)}
                    <ul>
                        <li>{t!(i18n, report_agenda_gaps)} ": " {named(&agenda.largest_gaps)}</li>
                        <li>{t!(i18n, report_agenda_lowest)} ": " {named(&agenda.lowest)}</li>
                        <li>{t!(i18n, report_agenda_highest)} ": " {named(&agenda.highest)}</li>
                    </ul>
                </li>
                <li>
                    {t!(i18n, report_agenda_agree)}
                    <ul>
                        <li>{t!(i18n, report_agenda_development)} ": " {named(&agenda.development)}</li>
                        <li>{t!(i18n, report_agenda_organisation)}</li>
                        <li>{t!(i18n, report_agenda_expectations)}</li>
                    </ul>
                </li>
            </ol>
        </section>
    }
}
