//! One appraisal cycle as an A4 PDF for the personnel file (issue 22): the cycle's facts and
//! schedule, the agreements with their weights, each assessment the reader may see with its
//! ratings, the proposal, the final qualification with its basis, deviation and motivation, the
//! objections and how they were settled, and every step with its date. Built from the same
//! `CycleView` the page shows, on the report's A4 layout; every page carries the employee,
//! "Vertrouwelijk" and "pagina x van y".

use crate::domain::appraisal::qualification::Qualification;
use crate::domain::appraisal::view::CycleView;
use crate::domain::language::Language;
use crate::report::pdf::layout::{Align, Column, Layout, Running, Style};

pub use crate::report::pdf::PdfError;

fn label(code: &str, language: Language) -> String {
    Qualification::parse(code)
        .map(|q| language.pick(q.label().nl, q.label().en).to_owned())
        .unwrap_or_else(|_| "—".into())
}

fn or_dash(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "—".into())
}

/// The cycle as its reader sees it (`view` is already filtered for them).
pub fn cycle_pdf(view: &CycleView, language: Language) -> Result<Vec<u8>, PdfError> {
    let t = |nl: &str, en: &str| language.pick(nl, en).to_owned();
    let mut layout = Layout::new()?;
    let title = format!(
        "{}: {}",
        t("Gesprekscyclus", "Appraisal cycle"),
        view.employee_name
    );
    layout.heading(&title, Style::Title, 40.0);
    layout.facts(&[
        (
            t("Soort", "Kind"),
            view.kind_label.pick(language).to_owned(),
        ),
        (
            t("Periode", "Period"),
            format!("{} – {}", view.starts, view.ends),
        ),
        (t("Afdeling", "Department"), view.department.clone()),
    ]);
    layout.heading(
        &t("Gesprekken en termijnen", "Conversations and deadlines"),
        Style::Heading,
        40.0,
    );
    let rows: Vec<Vec<String>> = view
        .schedule
        .iter()
        .map(|s| {
            vec![
                s.label.pick(language).to_owned(),
                s.by.clone(),
                or_dash(&s.done_on),
            ]
        })
        .collect();
    layout.table(
        &[
            Column {
                heading: t("Gesprek", "Conversation"),
                width: None,
                align: Align::Left,
            },
            Column {
                heading: t("Termijn", "Deadline"),
                width: Some(90.0),
                align: Align::Left,
            },
            Column {
                heading: t("Gevoerd", "Held"),
                width: Some(90.0),
                align: Align::Left,
            },
        ],
        &rows,
    );
    layout.heading(&t("Werkafspraken", "Work agreements"), Style::Heading, 40.0);
    let rows: Vec<Vec<String>> = view
        .work_agreements
        .iter()
        .map(|a| {
            vec![
                a.text.clone(),
                if a.weight.is_empty() {
                    t("gelijk", "equal")
                } else {
                    a.weight.clone()
                },
                a.share.clone(),
            ]
        })
        .collect();
    layout.table(
        &[
            Column {
                heading: t("Afspraak", "Agreement"),
                width: None,
                align: Align::Left,
            },
            Column {
                heading: t("Gewicht", "Weight"),
                width: Some(60.0),
                align: Align::Right,
            },
            Column {
                heading: t("Aandeel", "Share"),
                width: Some(60.0),
                align: Align::Right,
            },
        ],
        &rows,
    );
    layout.heading(
        &t("Ontwikkelafspraken", "Development agreements"),
        Style::Heading,
        40.0,
    );
    if let Some(profile) = &view.profile {
        layout.facts(&[
            (
                t("Competentieprofiel", "Competency profile"),
                profile.name.clone(),
            ),
            (
                t("Salarisschaal", "Salary scale"),
                format!("{} ({})", profile.scale, profile.level),
            ),
            (
                t("Competenties", "Competencies"),
                profile
                    .competencies
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.source_label.pick(language)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]);
    }
    for a in &view.development_agreements {
        let crucial = if a.crucial {
            t(" (cruciaal)", " (crucial)")
        } else {
            String::new()
        };
        layout.bullet(
            &format!("{}: {}{crucial}", a.competency, a.text),
            Style::Body,
        );
    }
    layout.facts(&[
        (
            t("Loopbaan en levensfase", "Career and life phase"),
            view.career.clone(),
        ),
        (t("Randvoorwaarden", "Conditions"), view.conditions.clone()),
        (
            t("Besluit van de leidinggevende", "The manager's decision"),
            view.manager_decided.clone(),
        ),
    ]);
    if !view.topics.is_empty() {
        layout.heading(&t("Inbreng", "Input"), Style::Subheading, 30.0);
        for topic in &view.topics {
            let by = if topic.added_by == "manager" {
                t("leidinggevende", "manager")
            } else {
                t("medewerker", "employee")
            };
            layout.bullet(&format!("{} ({by})", topic.text), Style::Body);
        }
    }
    for (number, progress) in view.progress.iter().enumerate() {
        layout.heading(
            &format!(
                "{} {}",
                t("Voortgangsgesprek", "Progress conversation"),
                number + 1
            ),
            Style::Subheading,
            30.0,
        );
        layout.facts(&[
            (t("Gevoerd op", "Held on"), progress.held_on.clone()),
            (t("Voortgang", "Progress"), progress.notes.clone()),
        ]);
    }
    for a in &view.assessments {
        layout.heading(
            &format!("{} {}", t("Beoordeling", "Assessment"), a.number),
            Style::Heading,
            80.0,
        );
        layout.facts(&[
            (t("Fase", "Stage"), a.stage_label.pick(language).to_owned()),
            (
                t("Concept vrijgegeven", "Concept released"),
                or_dash(&a.released_on),
            ),
            (
                t("Gesprek gevoerd", "Conversation held"),
                or_dash(&a.held_on),
            ),
        ]);
        let mut rows: Vec<Vec<String>> = a
            .ratings
            .iter()
            .map(|r| vec![r.text.clone(), label(&r.qualification, language)])
            .collect();
        rows.push(vec![
            t("Kennisniveau", "Knowledge level"),
            label(&a.knowledge, language),
        ]);
        layout.table(
            &[
                Column {
                    heading: t("Afspraak of competentie", "Agreement or competency"),
                    width: None,
                    align: Align::Left,
                },
                Column {
                    heading: t("Kwalificatie", "Qualification"),
                    width: Some(130.0),
                    align: Align::Left,
                },
            ],
            &rows,
        );
        if !a.career_evaluation.is_empty() {
            layout.facts(&[(
                t(
                    "Loopbaanafspraken (wegen niet mee, art. 6 lid 4)",
                    "Career agreements (not weighed, art. 6(4))",
                ),
                a.career_evaluation.clone(),
            )]);
        }
        if let Some(p) = &a.proposal {
            layout.paragraph(
                &format!(
                    "{} {} · {} {} · {} {} → {}",
                    t(
                        "Voorstel (art. 6 lid 6): werkafspraken",
                        "Proposal (art. 6(6)): work agreements"
                    ),
                    p.work_agreements,
                    t("kennis en competenties", "knowledge and competencies"),
                    p.knowledge_and_competencies,
                    t("samen", "together"),
                    p.score,
                    label(&p.qualification, language)
                ),
                Style::Body,
            );
        }
        if let Some(final_q) = &a.final_qualification {
            let mut facts = vec![
                (
                    t("Eindkwalificatie", "Final qualification"),
                    label(final_q, language),
                ),
                (
                    t("Grond", "Basis"),
                    a.basis
                        .as_ref()
                        .map(|b| b.pick(language).to_owned())
                        .unwrap_or_default(),
                ),
                (
                    t("Ten opzichte van het voorstel", "Against the proposal"),
                    a.deviation
                        .as_ref()
                        .map(|d| d.pick(language).to_owned())
                        .unwrap_or_default(),
                ),
                (t("Motivering", "Motivation"), a.motivation.clone()),
                (t("Gegeven op", "Given on"), or_dash(&a.set_on)),
                (
                    t("Akkoord medewerker", "Employee's approval"),
                    or_dash(&a.approved_on),
                ),
            ];
            if a.seen_on.is_some() {
                facts.push((
                    t("Voor gezien getekend", "Signed as seen"),
                    or_dash(&a.seen_on),
                ));
                facts.push((t("Bedenkingen", "Objections"), a.objections.clone()));
                facts.push((
                    t("Bedenkingengesprek", "Objection conversation"),
                    or_dash(&a.objection_held_on),
                ));
            }
            if let Some(settlement) = &a.settlement {
                let how = if settlement == "changed" {
                    t("gewijzigd", "changed")
                } else {
                    t("gehandhaafd", "kept")
                };
                facts.push((
                    t("Besluit na bedenkingen", "Decision after objections"),
                    format!("{how}: {}", a.settlement_motivation),
                ));
            }
            facts.push((
                t("Vastgesteld", "Set"),
                a.settled_on
                    .clone()
                    .or_else(|| a.approved_on.clone())
                    .unwrap_or_else(|| "—".into()),
            ));
            layout.facts(&facts);
            if a.extra_reward_possible {
                layout.paragraph(&t("Bij deze eindkwalificatie kan een extra beloning worden toegekend (art. 6 lid 9).", "With this final qualification an extra reward may be granted (art. 6(9))."), Style::Small);
            }
        }
    }
    layout.heading(&t("Verloop", "Steps"), Style::Heading, 40.0);
    for e in &view.events {
        let when = crate::domain::calendar::format_date(
            crate::domain::calendar::amsterdam_date(e.at),
            language,
        );
        layout.bullet(
            &format!("{when} — {} ({})", e.action.pick(language), e.actor),
            Style::Small,
        );
    }
    let running = Running {
        header_left: view.employee_name.clone(),
        header_right: t("Vertrouwelijk", "Confidential"),
        footer_left: format!("{} {} – {}", t("Cyclus", "Cycle"), view.starts, view.ends),
        page_label: match language {
            Language::Nl => |x, y| format!("pagina {x} van {y}"),
            Language::En => |x, y| format!("page {x} of {y}"),
        },
    };
    layout.finish(&running, &title, language.code())
}
