//! From the scoring engine's report to the readers' view: names, labels and order.

use crate::domain::catalog::Framework;
use crate::domain::questionnaire::{Questionnaire, to_third_person};
use crate::domain::scan::ValidScan;
use std::collections::BTreeMap;

use crate::domain::scan::RaterGroup;
use crate::domain::scoring::{
    BehaviourHighlight, CommentSource, CompetencyComments, GroupLine, Report, Stats,
};

use super::guide;
use super::header::{ReportHeader, ScanDates};
use super::summary::summarise;
use super::{
    BehaviourRow, CommentBlock, CommentList, CompetencyRow, GroupFigure, GroupResponse,
    LineFigures, LineKind, ReportBasis, ReportView,
};

/// Everything the view is made from.
pub struct ReportSources<'a> {
    pub scan_id: &'a str,
    pub scan: &'a ValidScan,
    pub framework: &'a Framework,
    pub questionnaire: &'a Questionnaire,
    pub report: &'a Report,
    pub comments: &'a [CompetencyComments],
    /// Response per group, as frozen with the figures ([`group_response`]).
    pub progress: Vec<GroupResponse>,
    pub basis: ReportBasis,
    /// When the scan opened, closed and was released, for the header.
    pub dates: ScanDates,
}

/// The response per group readers may see (see [`GroupResponse`]): counts only for groups with
/// at least `k` invitations. `invited` counts the invitations whose link works, `responded` the
/// responses behind the figures, per group id. Groups in the scan's order, then any other group
/// that has a response, so none disappears.
pub fn group_response(
    groups: &[RaterGroup],
    k: usize,
    invited: &BTreeMap<String, usize>,
    responded: &BTreeMap<String, usize>,
) -> Vec<GroupResponse> {
    // (id, Dutch label, English label, exempt from k: self and identifiable groups)
    let mut labels: Vec<(String, String, String, bool)> = groups
        .iter()
        .map(|g| {
            let exempt = g.is_self || g.identifiable;
            (g.id.clone(), g.label_nl.clone(), g.label_en.clone(), exempt)
        })
        .collect();
    for id in invited.keys().chain(responded.keys()) {
        if !labels.iter().any(|(known, ..)| known == id) {
            labels.push((id.clone(), id.clone(), id.clone(), false));
        }
    }
    labels
        .into_iter()
        .map(|(group_id, label_nl, label_en, exempt)| {
            let count = invited.get(&group_id).copied().unwrap_or(0);
            // Self and identifiable groups are shown whatever their size (their scores are in the
            // report), so their counts tell nothing new: "Zelf: 1 van 1", not "minder dan 3".
            let shown = count >= k || (exempt && count > 0);
            let responded = responded.get(&group_id).copied().unwrap_or(0);
            let (text_nl, text_en) = if shown {
                (
                    format!("{responded} van {count}"),
                    format!("{responded} of {count}"),
                )
            } else {
                (
                    format!("minder dan {k} uitgenodigd"),
                    format!("fewer than {k} invited"),
                )
            };
            GroupResponse {
                group_id,
                label_nl,
                label_en,
                invited: shown.then_some(count),
                responded: shown.then_some(responded),
                text_nl,
                text_en,
            }
        })
        .collect()
}

pub fn build(sources: ReportSources<'_>) -> ReportView {
    let ReportSources {
        scan_id,
        scan,
        framework,
        questionnaire,
        report,
        comments,
        progress,
        basis,
        dates,
    } = sources;
    let names = Names {
        scan,
        framework,
        questionnaire,
    };
    let mut rows: Vec<CompetencyRow> = report
        .competencies
        .iter()
        .map(|c| {
            let f = &c.figures;
            let mut lines = Vec::new();
            if let Some(own) = &f.self_line {
                lines.push(line(LineKind::SelfView, "self", "Zelf", "Self", own));
            }
            for group in &f.groups {
                let (nl, en) = names.group(&group.group);
                lines.push(group_line(group, &nl, &en));
            }
            if let Some(pooled) = &f.other_informants {
                let (nl, en) = ("Overige informanten", "Other informants");
                lines.push(line(LineKind::Pooled, "pooled", nl, en, pooled));
            }
            if let Some(others) = &f.others {
                lines.push(line(
                    LineKind::Others,
                    "others",
                    "Anderen",
                    "Others",
                    others,
                ));
            }
            CompetencyRow {
                competency_id: c.competency.clone(),
                level_id: c.level.clone(),
                name: names.competency(&c.competency),
                level: names.level(&c.level),
                self_mean: f.self_line.as_ref().and_then(|s| s.mean),
                others_mean: f.others.as_ref().and_then(|s| s.mean),
                others_n: f.others.as_ref().map_or(0, |s| s.n),
                others_sd: f.others.as_ref().and_then(|s| s.sd),
                gap: f.gap,
                groups: f
                    .groups
                    .iter()
                    .map(|g| {
                        let (label_nl, label_en) = names.group(&g.group);
                        GroupFigure {
                            label_nl,
                            label_en,
                            n: g.stats.n,
                            mean: g.stats.mean,
                            identifiable: g.identifiable,
                        }
                    })
                    .collect(),
                pooled: f.other_informants.as_ref().map(|s| (s.n, s.mean)),
                category_id: c.agreement.map(|a| a.id().to_owned()),
                category: c.agreement.map(|a| {
                    let (name, explanation) = (a.name(), a.explanation());
                    (
                        name.nl.to_owned(),
                        name.en.to_owned(),
                        explanation.nl.to_owned(),
                        explanation.en.to_owned(),
                    )
                }),
                lines,
            }
        })
        .collect();
    // Largest shortfall of others below self first; rows without a gap last.
    rows.sort_by(|a, b| {
        a.gap
            .unwrap_or(f64::INFINITY)
            .total_cmp(&b.gap.unwrap_or(f64::INFINITY))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.level_id.cmp(&b.level_id))
    });
    let behaviour = |h: &BehaviourHighlight| BehaviourRow {
        competency: names.competency(&h.competency),
        text: names.item(&h.behaviour),
        others_mean: h.others_mean,
        others_n: h.others_n,
        self_mean: h.self_mean,
        gap: h.gap,
    };
    let comments = comments
        .iter()
        .map(|c| CommentBlock {
            competency: names.competency(&c.competency),
            lists: c
                .lists
                .iter()
                .map(|(source, texts)| {
                    let (nl, en) = match source {
                        CommentSource::SelfComment => ("Zelf".to_owned(), "Self".to_owned()),
                        CommentSource::Group(group) => names.group(group),
                        CommentSource::Unlabelled => (String::new(), String::new()),
                    };
                    CommentList {
                        label_nl: nl,
                        label_en: en,
                        comments: texts.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let attention = guide::attention(&rows, scan, framework);
    let agenda = guide::agenda(&rows, scan, &attention);
    let header = ReportHeader::new(scan, framework, dates, basis);
    let summary = summarise(
        &rows,
        scan.level_id.as_deref(),
        (&header.level_nl, &header.level_en),
        &progress,
    );
    ReportView {
        scan_id: scan_id.to_owned(),
        subject_name: scan.subject_name.clone(),
        header,
        summary,
        k: report.method.min_group_size,
        threshold: report.method.agreement_threshold,
        basis,
        rows,
        highest: report.highlights.highest.iter().map(behaviour).collect(),
        lowest: report.highlights.lowest.iter().map(behaviour).collect(),
        largest_gaps: report
            .highlights
            .largest_gaps
            .iter()
            .map(behaviour)
            .collect(),
        progress,
        comments,
        attention,
        agenda,
    }
}

fn line(kind: LineKind, id: &str, nl: &str, en: &str, stats: &Stats) -> LineFigures {
    LineFigures {
        kind,
        id: id.to_owned(),
        label_nl: nl.to_owned(),
        label_en: en.to_owned(),
        n: stats.n,
        mean: stats.mean,
        sd: stats.sd,
        min: stats.min,
        max: stats.max,
        distribution: stats.distribution.counts,
        cannot_judge: stats.cannot_judge,
    }
}

fn group_line(group: &GroupLine, nl: &str, en: &str) -> LineFigures {
    let kind = if group.identifiable {
        LineKind::IdentifiableGroup
    } else {
        LineKind::Group
    };
    line(kind, &group.group, nl, en, &group.stats)
}

/// Looks up display names, falling back to the id so a renamed item never hides a figure.
struct Names<'a> {
    scan: &'a ValidScan,
    framework: &'a Framework,
    questionnaire: &'a Questionnaire,
}

impl Names<'_> {
    fn competency(&self, id: &str) -> String {
        self.framework
            .competency(id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    fn level(&self, id: &str) -> String {
        self.framework
            .levels
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.name.clone())
            .unwrap_or_default()
    }

    fn group(&self, id: &str) -> (String, String) {
        self.scan.group(id).map_or_else(
            || (id.to_owned(), id.to_owned()),
            |g| (g.label_nl.clone(), g.label_en.clone()),
        )
    }

    fn item(&self, key: &str) -> String {
        self.questionnaire
            .sections
            .iter()
            .flat_map(|s| s.items.iter())
            .find(|i| i.key == key)
            // The manager reads about the person, as the informants answered: "De betrokkene …".
            .map_or_else(|| key.to_owned(), |i| to_third_person(&i.text))
    }
}
