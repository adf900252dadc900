//! The parts of the report page after its header and summary: the charts, the compact
//! competency table, the competencies that need attention, the agenda, comments, every figure
//! per competency, and the method.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::components::localized::{language, pick};
use crate::components::table_wrap::TableWrap;
use crate::domain::number_text;
use crate::domain::report_view::category::{category_of, short_name};
use crate::domain::report_view::table::{
    GroupCell, any_left_out, group_cell, group_columns, has_pooled,
};
use crate::domain::scoring::AgreementCategory;
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

/// One chart as an image on its own URL, with links to its SVG and PNG; the table or note that
/// says the same in text follows it. The caption and image form one figure that print keeps
/// on one page; the table after it may break across pages.
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
        <div class="chart" data-testid=format!("chart-{file}")>
            <figure>
                <figcaption><strong>{title.clone()}</strong> " " <span class="help">{description}</span></figcaption>
                <img src=format!("{base}.svg{lang}") alt=title loading="lazy" />
            </figure>
            <p class="chart-links no-print">
                <a href=format!("{base}.svg{lang}")>{t!(i18n, report_chart_svg)}</a>
                " · "
                <a href=format!("{base}.png{lang}")>{t!(i18n, report_chart_png)}</a>
            </p>
            {children()}
        </div>
    }
}

/// The gap chart, right after the summary: the figures themselves follow in the table.
#[component]
pub fn GapChart(scan_id: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="report-charts" data-testid="report-gap">
            <h2 id="report-charts">{t!(i18n, report_charts)}</h2>
            <Chart scan_id=scan_id file="verschil"
                title=t_string!(i18n, report_chart_gap).to_string()
                description=t_string!(i18n, report_chart_gap_help).to_string()>
                <p class="help">{t!(i18n, report_chart_gap_table)}</p>
            </Chart>
        </section>
    }
}

/// The heat map (its figures are the competency table's) and, for two levels, the levels
/// chart with its table.
#[component]
pub fn MoreCharts(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
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
            .map(|l| view! { <th scope="col" class="num">{l.clone()}</th> })
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
                        view! { <td class="num">{text}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{name.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <Chart scan_id=view.scan_id.clone() file="niveaus"
                title=t_string!(i18n, report_chart_levels).to_string()
                description=t_string!(i18n, report_chart_levels_help).to_string()>
                <TableWrap label=t_string!(i18n, report_chart_levels).to_string()>
                    <table class="figures" data-testid="levels-table">
                        <thead><tr><th scope="col">{t!(i18n, report_col_competency)}</th>{head}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </TableWrap>
            </Chart>
        }
    });
    view! {
        <section aria-labelledby="report-more-charts">
            <h2 id="report-more-charts">{t!(i18n, report_more_charts)}</h2>
            <Chart scan_id=view.scan_id.clone() file="heatmap"
                title=t_string!(i18n, report_chart_heatmap).to_string()
                description=t_string!(i18n, report_chart_heatmap_help).to_string()>
                <p class="help">{t!(i18n, report_chart_heatmap_table)}</p>
            </Chart>
            {levels_chart}
        </section>
    }
}

/// A group's cell in the competency table: its mean, "—" with the footnote mark when the
/// group is left out of this competency.
fn group_cell_view(cell: GroupCell) -> AnyView {
    match cell {
        GroupCell::Shown { mean, identifiable } => {
            let i18n = use_i18n();
            let note = identifiable.then(|| {
                view! { " " <small class="help">{format!("({})", t_string!(i18n, report_identifiable))}</small> }
            });
            view! { <td class="num">{number(mean)}{note}</td> }.into_any()
        }
        GroupCell::LeftOut => view! {
            <td class="num left-out">"—"<sup><a href="#report-left-out" class="footnote-ref">"*"</a></sup></td>
        }
        .into_any(),
    }
}

/// The category as a short label whose explanation opens on a click (no script needed).
fn category_view(i18n: I18nContext<Locale>, category_id: Option<&str>) -> AnyView {
    match category_id.and_then(category_of) {
        Some(category) => {
            let short = short_name(category);
            let explanation = category.explanation();
            view! {
                <details class="category" data-category=category.id()>
                    <summary>{pick(i18n, short.nl, short.en)}</summary>
                    <p>{pick(i18n, explanation.nl, explanation.en)}</p>
                </details>
            }
            .into_any()
        }
        None => view! { "—" }.into_any(),
    }
}

/// Self, one column per shown group, the pooled line, others, the gap and the category: the
/// numbers right-aligned, a note where a group is left out of a row.
#[component]
pub fn CompetencyTable(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let columns = group_columns(&view.rows, &view.progress);
    let pooled = has_pooled(&view.rows);
    let left_out = any_left_out(&view.rows, &columns);
    let k = view.k;
    // The level under each name only when the table holds more than one (a next level asked).
    let levelled = view.rows.iter().any(|r| r.level != view.rows[0].level);
    let head = columns
        .iter()
        .map(|c| view! { <th scope="col" class="num">{pick(i18n, &c.label_nl, &c.label_en)}</th> })
        .collect_view();
    let rows = view
        .rows
        .iter()
        .map(|r| {
            let groups = columns
                .iter()
                .map(|c| group_cell_view(group_cell(r, c)))
                .collect_view();
            let pooled_cell = pooled.then(|| match r.pooled {
                Some((_, mean)) => group_cell_view(GroupCell::Shown { mean, identifiable: false }),
                None => group_cell_view(GroupCell::LeftOut),
            });
            view! {
                <tr>
                    <th scope="row">{r.name.clone()} {levelled.then(|| view! { <br /><small class="help">{r.level.clone()}</small> })}</th>
                    <td class="num">{number(r.self_mean)}</td>
                    {groups}
                    {pooled_cell}
                    <td class="num">{number(r.others_mean)}</td>
                    <td class="num">{signed(r.gap)}</td>
                    <td>{category_view(i18n, r.category_id.as_deref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-competencies">
            <h2 id="report-competencies">{t!(i18n, report_competencies)}</h2>
            <p class="help">{t!(i18n, report_order)}</p>
            <TableWrap label=t_string!(i18n, report_competencies).to_string()>
                <table class="figures competency-table" data-testid="report-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, report_col_competency)}</th>
                            <th scope="col" class="num">{t!(i18n, report_col_self)}</th>
                            {head}
                            {pooled.then(|| view! { <th scope="col" class="num">{t!(i18n, report_pooled)}</th> })}
                            <th scope="col" class="num">{t!(i18n, report_col_others)}</th>
                            <th scope="col" class="num">{t!(i18n, report_col_gap)}</th>
                            <th scope="col">{t!(i18n, report_col_category)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
            {left_out.then(|| view! {
                <p class="help" id="report-left-out" data-testid="report-left-out">
                    "* " {t_string!(i18n, report_table_left_out, k).to_string()}
                </p>
            })}
            <p class="help no-print">{t!(i18n, report_table_category_help)}</p>
        </section>
    }
}

/// How the figures are computed and the six categories, at the end: for whoever wants to
/// check, not in the way of whoever wants the answer.
#[component]
pub fn Method(k: usize, threshold: f64) -> impl IntoView {
    let i18n = use_i18n();
    let threshold = number_text::decimal(threshold, 1, language(i18n));
    view! {
        <section class="card" aria-labelledby="report-method" data-testid="report-method">
            <h2 id="report-method">{t!(i18n, report_method_title)}</h2>
            <p>{t_string!(i18n, report_method, k, threshold).to_string()}</p>
            <h3 id="report-categories">{t!(i18n, report_categories)}</h3>
            <dl class="categories">
                {AgreementCategory::ALL.iter().map(|c| {
                    let (name, explanation) = (c.name(), c.explanation());
                    view! {
                        <dt id=format!("categorie-{}", c.id())>{pick(i18n, name.nl, name.en)}</dt>
                        <dd>{pick(i18n, explanation.nl, explanation.en)}</dd>
                    }
                }).collect_view()}
            </dl>
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
                        .map(|c| view! { <td class="num">{*c}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{line_label(i18n, line)}</th>
                            <td class="num">{line.n}</td>
                            <td class="num">{number(line.mean)}</td>
                            <td class="num">{number(line.sd)}</td>
                            <td class="num">{number(line.min)}</td>
                            <td class="num">{number(line.max)}</td>
                            {counts}
                            <td class="num">{line.cannot_judge}</td>
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
                    <TableWrap label=row_label(&row)>
                        <table class="figures">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, report_col_line)}</th>
                                    <th scope="col" class="num">"n"</th>
                                    <th scope="col" class="num">{t!(i18n, report_col_mean)}</th>
                                    <th scope="col" class="num">{t!(i18n, report_col_sd)}</th>
                                    <th scope="col" class="num">{t!(i18n, report_col_min)}</th>
                                    <th scope="col" class="num">{t!(i18n, report_col_max)}</th>
                                    <th scope="col" class="num"><abbr title=t_string!(i18n, rating_1).to_string()>"1"</abbr></th>
                                    <th scope="col" class="num"><abbr title=t_string!(i18n, rating_2).to_string()>"2"</abbr></th>
                                    <th scope="col" class="num"><abbr title=t_string!(i18n, rating_3).to_string()>"3"</abbr></th>
                                    <th scope="col" class="num"><abbr title=t_string!(i18n, rating_4).to_string()>"4"</abbr></th>
                                    <th scope="col" class="num"><abbr title=t_string!(i18n, rating_5).to_string()>"5"</abbr></th>
                                    <th scope="col" class="num">{t!(i18n, report_col_cannot_judge)}</th>
                                </tr>
                            </thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </TableWrap>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-details">
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
        <section aria-labelledby="report-attention" data-testid="report-attention">
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
            <SuggestedAgendaList agenda />
        </section>
    }
}

/// The suggested agenda's three steps as a list: in the report's section, and in a conversation
/// record for each attached scan (`test_id` names the list there).
#[component]
pub fn SuggestedAgendaList(
    agenda: Agenda,
    #[prop(optional)] test_id: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol data-testid=test_id>
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
    }
}
