//! From stored rows to what a party sees (`domain::appraisal::view`): the schedule with its
//! deadlines, the agreements with their shares, each assessment with its proposal, the manager's
//! setting and its deviation, the steps the viewer may take, and HR's counts.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::appraisal::assessment_flow::{self, Actor, Stage};
use crate::domain::appraisal::cycle_plan::{ConversationKind, CycleKind, plan};
use crate::domain::appraisal::final_qualification::{
    AssessmentRatings, CompetencyRating, WorkAgreementRating, propose,
};
use crate::domain::appraisal::final_setting::{Basis, Deviation};
use crate::domain::appraisal::overview::{MIN_CELL, qualification_cells};
use crate::domain::appraisal::qualification::Qualification;
use crate::domain::appraisal::view::{
    AgreementLine, AssessmentView, CycleListLine, CycleView, DeadlineLine, EventLine, LabelCount,
    Overview, OverviewLine, ProgressLine, ProposalLine, QualificationCounts, RatingLine, ScanLine,
    ScheduleLine, StageCount, Text, TopicLine,
};
use crate::domain::appraisal::weight::Weight;
use crate::domain::calendar::Date;
use crate::domain::catalog::Framework;
use crate::domain::language::Language;
use crate::storage::appraisal::{CycleListRow, OverviewRow, StoredAssessment, StoredCycleRecord};

/// Who the visitor is to a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Manager,
    Employee,
}

impl Who {
    pub fn code(self) -> &'static str {
        match self {
            Who::Manager => "manager",
            Who::Employee => "employee",
        }
    }

    fn actor(self) -> Actor {
        match self {
            Who::Manager => Actor::Manager,
            Who::Employee => Actor::Employee,
        }
    }
}

/// The ratings column: agreement id → qualification code, and the knowledge level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredRatings {
    pub agreements: BTreeMap<String, String>,
    pub knowledge: Option<String>,
    /// The career agreements' evaluation: text, never part of the arithmetic (art. 6 lid 4).
    pub career: String,
}

pub fn ratings_of(a: &StoredAssessment) -> StoredRatings {
    serde_json::from_str(&a.ratings).unwrap_or_default()
}

pub fn basis_code(basis: Basis) -> &'static str {
    match basis {
        Basis::FollowsProposal => "follows_proposal",
        Basis::DeviatesFromProposal => "deviates_from_proposal",
        Basis::CrucialCompetencyRule => "crucial_competency_rule",
    }
}

fn basis_text(code: &str) -> Option<Text> {
    let basis = match code {
        "follows_proposal" => Basis::FollowsProposal,
        "deviates_from_proposal" => Basis::DeviatesFromProposal,
        "crucial_competency_rule" => Basis::CrucialCompetencyRule,
        _ => return None,
    };
    Some(Text::new(
        basis.label(Language::Nl),
        basis.label(Language::En),
    ))
}

/// One thing an assessment rates (art. 6 lid 5: "iedere werkafspraak, competentie en het
/// kennisniveau"): a current work agreement, or a chosen competency with the development
/// agreement made on it, if any. Ratings are stored under `key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatedItem {
    /// The work agreement's id, or the competency's id.
    pub key: String,
    pub work: bool,
    /// A work agreement's text, or the development agreement's ("" when none is made yet).
    pub text: String,
    pub competency_id: Option<String>,
    pub crucial: bool,
    pub weight: Option<i64>,
}

/// What an assessment of the cycle rates, in order: the work agreements, then every chosen
/// competency. A cycle planned before profiles were chosen rates its development agreements.
pub fn rated_items(record: &StoredCycleRecord) -> Vec<RatedItem> {
    let current = || record.agreements.iter().filter(|a| a.status == "agreed");
    let mut items: Vec<RatedItem> = current()
        .filter(|a| a.kind == "work")
        .map(|a| RatedItem {
            key: a.id.clone(),
            work: true,
            text: a.text.clone(),
            competency_id: None,
            crucial: false,
            weight: a.weight,
        })
        .collect();
    let chosen = super::profile_view::chosen(record);
    if chosen.is_empty() {
        items.extend(
            current()
                .filter(|a| a.kind == "development")
                .map(|a| RatedItem {
                    key: a.id.clone(),
                    work: false,
                    text: a.text.clone(),
                    competency_id: a.competency_id.clone(),
                    crucial: a.crucial,
                    weight: None,
                }),
        );
    } else {
        items.extend(chosen.into_iter().map(|c| {
            let agreement = current().find(|a| {
                a.kind == "development" && a.competency_id.as_deref() == Some(c.id.as_str())
            });
            RatedItem {
                key: c.id.clone(),
                work: false,
                text: agreement.map(|a| a.text.clone()).unwrap_or_default(),
                crucial: agreement.is_some_and(|a| a.crucial),
                competency_id: Some(c.id),
                weight: None,
            }
        }));
    }
    items
}

/// The weighed input of an assessment from what it rates, or what is still unrated.
pub fn assessment_input(
    record: &StoredCycleRecord,
    ratings: &StoredRatings,
) -> Result<AssessmentRatings, Text> {
    let rated = |id: &str| {
        ratings
            .agreements
            .get(id)
            .and_then(|c| Qualification::parse(c).ok())
    };
    let mut missing_nl = Vec::new();
    let mut missing_en = Vec::new();
    let mut work = Vec::new();
    let mut competencies = Vec::new();
    for item in rated_items(record) {
        match rated(&item.key) {
            None => {
                let name = item
                    .competency_id
                    .clone()
                    .unwrap_or_else(|| item.text.clone());
                missing_nl.push(format!("“{name}”"));
                missing_en.push(format!("“{name}”"));
            }
            Some(q) if item.work => work.push(WorkAgreementRating {
                qualification: q,
                weight: weight_of(item.weight),
            }),
            Some(q) => competencies.push(CompetencyRating {
                // The competency's id (named by the view), or the text of an older agreement.
                competency: item.competency_id.clone().unwrap_or(item.text),
                qualification: q,
                crucial: item.crucial,
            }),
        }
    }
    let knowledge = ratings
        .knowledge
        .as_deref()
        .and_then(|c| Qualification::parse(c).ok());
    if knowledge.is_none() {
        missing_nl.push("het kennisniveau".into());
        missing_en.push("the knowledge level".into());
    }
    if competencies.is_empty() && missing_nl.is_empty() {
        missing_nl.push("ten minste één competentie".into());
        missing_en.push("at least one competency".into());
    }
    match knowledge {
        Some(knowledge_level) if missing_nl.is_empty() => Ok(AssessmentRatings {
            work_agreements: work,
            knowledge_level,
            competencies,
        }),
        _ => Err(Text::new(missing_nl.join(", "), missing_en.join(", "))),
    }
}

fn weight_of(stored: Option<i64>) -> Weight {
    stored
        .and_then(|units| u64::try_from(units).ok())
        .and_then(|units| Weight::from_ten_thousandths(units).ok())
        .unwrap_or(Weight::EQUAL)
}

fn iso(date: Date) -> String {
    date.iso()
}

fn day(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(Date::parse_iso)
}

fn qualification_text(code: &str) -> String {
    Qualification::parse(code)
        .map(|q| q.code().to_string())
        .unwrap_or_default()
}

/// The cycle as `who` sees it on `today`; competency names and behaviours from `framework`
/// (the competency guide), when it is there.
pub fn cycle_view(
    record: &StoredCycleRecord,
    who: Who,
    today: Date,
    framework: Option<&Framework>,
) -> CycleView {
    let cycle = &record.cycle;
    let kind = CycleKind::parse(&cycle.kind).unwrap_or(CycleKind::TwoYears);
    let start = Date::parse_iso(&cycle.start_on).unwrap_or(today);
    let decision = day(&cycle.decision_on);
    let planned = plan(kind, start, decision).ok();
    let current: Vec<_> = record
        .agreements
        .iter()
        .filter(|a| a.status == "agreed")
        .collect();
    let total_weight: u128 = current
        .iter()
        .filter(|a| a.kind == "work")
        .map(|a| u128::from(weight_of(a.weight).ten_thousandths()))
        .sum();
    let line = |a: &crate::storage::appraisal::StoredAgreement| {
        let share = if a.kind == "work" && a.status == "agreed" && total_weight > 0 {
            // Rounded to the nearest tenth of a per cent, a half up.
            let per_mille = (u128::from(weight_of(a.weight).ten_thousandths()) * 2000
                + total_weight)
                / (2 * total_weight);
            format!("{},{} %", per_mille / 10, per_mille % 10)
        } else {
            String::new()
        };
        let competency_id = a.competency_id.clone().unwrap_or_default();
        AgreementLine {
            id: a.id.clone(),
            text: a.text.clone(),
            competency: if competency_id.is_empty() {
                String::new()
            } else {
                super::profile_view::competency_name(framework, &competency_id)
            },
            competency_id,
            weight: a
                .weight
                .map(|_| weight_of(a.weight).to_string().replace('.', ","))
                .unwrap_or_default(),
            share,
            crucial: a.crucial,
            status: a.status.clone(),
            since: iso(crate::domain::calendar::amsterdam_date(a.created_at)),
        }
    };
    let mut schedule = Vec::new();
    if let Some(planned) = &planned {
        let mut assessments = record.assessments.iter();
        for p in &planned.conversations {
            let done_on = match p.kind {
                ConversationKind::Planning => cycle.planning_held_on.clone(),
                ConversationKind::Progress => record.progress.first().map(|p| p.held_on.clone()),
                ConversationKind::Assessment => assessments.next().and_then(|a| a.held_on.clone()),
            };
            let label = match (p.kind, kind) {
                (ConversationKind::Assessment, CycleKind::Probation) => Text::new(
                    format!("{} {}", p.kind.label(Language::Nl), p.number),
                    format!("{} {}", p.kind.label(Language::En), p.number),
                ),
                _ => Text::new(p.kind.label(Language::Nl), p.kind.label(Language::En)),
            };
            schedule.push(ScheduleLine {
                label,
                by: iso(p.by),
                is_deadline: p.is_deadline,
                overdue: p.is_deadline && done_on.is_none() && today > p.by,
                done_on,
            });
        }
    }
    let assessments = record
        .assessments
        .iter()
        .filter(|a| {
            who == Who::Manager || Stage::parse(&a.stage).is_some_and(|s| s.visible_to_employee())
        })
        .map(|a| assessment_view(record, a, who, today, framework))
        .collect();
    let scan = cycle.scan_id.as_ref().map(|scan_id| ScanLine {
        scan_id: scan_id.clone(),
        report: cycle
            .scan_report
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok()),
    });
    CycleView {
        id: cycle.id.clone(),
        revision: cycle.revision,
        you: who.code().into(),
        kind: kind.code().into(),
        kind_label: Text::new(kind.label(Language::Nl), kind.label(Language::En)),
        employee_name: cycle.employee_name.clone(),
        employee_email: cycle.employee_email.clone(),
        department: cycle.department.clone(),
        starts: planned
            .as_ref()
            .map(|p| iso(p.starts))
            .unwrap_or_else(|| cycle.start_on.clone()),
        ends: planned.as_ref().map(|p| iso(p.ends)).unwrap_or_default(),
        decision_on: cycle.decision_on.clone(),
        schedule,
        work_agreements: current
            .iter()
            .filter(|a| a.kind == "work")
            .map(|a| line(a))
            .collect(),
        development_agreements: current
            .iter()
            .filter(|a| a.kind == "development")
            .map(|a| line(a))
            .collect(),
        history: record
            .agreements
            .iter()
            .filter(|a| a.status != "agreed")
            .map(line)
            .collect(),
        career: cycle.career.clone(),
        conditions: cycle.conditions.clone(),
        manager_decided: cycle.manager_decided.clone(),
        planning_held_on: cycle.planning_held_on.clone(),
        profile: super::profile_view::profile_line(record, framework),
        options: framework
            .filter(|_| who == Who::Manager && !cycle_complete(record))
            .map(super::profile_view::options),
        progress: record
            .progress
            .iter()
            .map(|p| ProgressLine {
                held_on: p.held_on.clone(),
                notes: p.notes.clone(),
            })
            .collect(),
        topics: record
            .topics
            .iter()
            .map(|t| TopicLine {
                added_by: t.added_by.clone(),
                text: t.text.clone(),
                at: t.created_at,
            })
            .collect(),
        scan,
        assessments,
        events: record
            .events
            .iter()
            .map(|e| EventLine {
                at: e.at,
                actor: match e.actor.as_str() {
                    "manager" => "Leidinggevende / Manager".into(),
                    "employee" => "Medewerker / Employee".into(),
                    other => other.into(),
                },
                action: event_text(&e.action, &e.detail),
                detail: e.detail.clone(),
            })
            .collect(),
    }
}

fn event_text(action: &str, detail: &str) -> Text {
    let n = detail;
    let (nl, en) = match action {
        "cycle_created" => ("Cyclus gestart".to_string(), "Cycle started".to_string()),
        "agreement_added" => ("Afspraak toegevoegd".into(), "Agreement added".into()),
        "agreement_changed" => (
            "Afspraak gewijzigd (vorige versie bewaard)".into(),
            "Agreement changed (previous version kept)".into(),
        ),
        "agreement_dropped" => ("Afspraak vervallen".into(), "Agreement dropped".into()),
        "planning_saved" => (
            "Planningsgesprek vastgelegd".into(),
            "Planning conversation recorded".into(),
        ),
        "concept_saved" => (
            format!("Concept beoordeling {n} bijgewerkt"),
            format!("Concept assessment {n} updated"),
        ),
        "concept_released" => (
            format!("Concept beoordeling {n} vrijgegeven"),
            format!("Concept assessment {n} released"),
        ),
        "assessment_held" => (
            format!("Beoordelingsgesprek {n} gevoerd"),
            format!("Assessment conversation {n} held"),
        ),
        "final_set" => (
            format!("Eindkwalificatie beoordeling {n} gegeven"),
            format!("Final qualification of assessment {n} given"),
        ),
        "approved" => (
            format!("Beoordeling {n}: akkoord van de medewerker"),
            format!("Assessment {n}: approved by the employee"),
        ),
        "seen_and_objected" => (
            format!("Beoordeling {n}: voor gezien getekend, bedenkingen ingediend"),
            format!("Assessment {n}: signed as seen, objections filed"),
        ),
        "objection_conversation_held" => (
            format!("Bedenkingengesprek beoordeling {n} gevoerd"),
            format!("Objection conversation of assessment {n} held"),
        ),
        "settled" => (
            format!("Beoordeling {n} vastgesteld na bedenkingen"),
            format!("Assessment {n} set after objections"),
        ),
        "settled_without_objections" => (
            format!("Beoordeling {n} vastgesteld (geen bedenkingen)"),
            format!("Assessment {n} set (no objections)"),
        ),
        "assessment_added" => (
            format!("Extra beoordeling {n} toegevoegd"),
            format!("Extra assessment {n} added"),
        ),
        "scan_attached" => ("360°-scan bijgevoegd".into(), "360° scan attached".into()),
        "topic_added" => ("Inbreng toegevoegd".into(), "Input added".into()),
        "scan_requested" => (
            "360°-scan aangevraagd door de medewerker".into(),
            "360° scan requested by the employee".into(),
        ),
        "competencies_chosen" => (
            "Competentieprofiel en competenties gekozen".into(),
            "Competency profile and competencies chosen".into(),
        ),
        "progress_recorded" => (
            "Voortgangsgesprek vastgelegd".into(),
            "Progress conversation recorded".into(),
        ),
        other => (other.to_string(), other.to_string()),
    };
    Text::new(nl, en)
}

/// True when every assessment is final: the agreements are then fixed.
pub fn cycle_complete(record: &StoredCycleRecord) -> bool {
    record
        .assessments
        .iter()
        .all(|a| Stage::parse(&a.stage).is_some_and(|s| s.is_final()))
}

fn assessment_view(
    record: &StoredCycleRecord,
    a: &StoredAssessment,
    who: Who,
    today: Date,
    framework: Option<&Framework>,
) -> AssessmentView {
    let stage = Stage::parse(&a.stage).unwrap_or(Stage::Concept);
    let ratings = ratings_of(a);
    let lines = rated_items(record)
        .into_iter()
        .map(|item| RatingLine {
            text: match &item.competency_id {
                Some(id) if item.text.is_empty() => {
                    super::profile_view::competency_name(framework, id)
                }
                Some(id) => format!(
                    "{}: {}",
                    super::profile_view::competency_name(framework, id),
                    item.text
                ),
                None => item.text.clone(),
            },
            kind: if item.work { "work" } else { "development" }.into(),
            crucial: item.crucial,
            qualification: ratings
                .agreements
                .get(&item.key)
                .map(|c| qualification_text(c))
                .unwrap_or_default(),
            agreement_id: item.key,
        })
        .collect();
    let (proposal, proposal_missing) = match assessment_input(record, &ratings) {
        Ok(input) => match propose(&input) {
            Ok(p) => (
                Some(ProposalLine {
                    work_agreements: p.work_agreements.format(Language::Nl),
                    knowledge_and_competencies: p.knowledge_and_competencies.format(Language::Nl),
                    score: p.score.format(Language::Nl),
                    qualification: p.qualification.code().into(),
                    crucial_offered: p
                        .crucial_rule
                        .map(|r| r.competencies)
                        .unwrap_or_default()
                        .iter()
                        .map(|id| super::profile_view::competency_name(framework, id))
                        .collect(),
                }),
                None,
            ),
            Err(error) => (
                None,
                Some(Text::new(
                    "er is geen werkafspraak om te wegen (art. 6 lid 6)",
                    error.to_string(),
                )),
            ),
        },
        Err(missing) => (
            None,
            Some(Text::new(
                format!("nog niet beoordeeld: {}", missing.nl),
                format!("not rated yet: {}", missing.en),
            )),
        ),
    };
    let final_q = a
        .final_qualification
        .as_deref()
        .and_then(|c| Qualification::parse(c).ok());
    let proposed_q = a
        .proposed_qualification
        .as_deref()
        .and_then(|c| Qualification::parse(c).ok());
    let deviation = match (final_q, proposed_q) {
        (Some(set), Some(proposed)) => {
            let d = Deviation { proposed, set };
            Some(Text::new(
                d.describe(Language::Nl),
                d.describe(Language::En),
            ))
        }
        _ => None,
    };
    let next_deadline = assessment_flow::next_deadline(
        stage,
        day(&a.conversation_on),
        day(&a.held_on),
        day(&a.seen_on),
        day(&a.objection_held_on),
    )
    .map(|(deadline, by)| DeadlineLine {
        label: Text::new(deadline.label(Language::Nl), deadline.label(Language::En)),
        by: iso(by),
        overdue: today > by,
    });
    AssessmentView {
        number: a.number,
        stage: stage.code().into(),
        stage_label: Text::new(stage.label(Language::Nl), stage.label(Language::En)),
        conversation_on: a.conversation_on.clone(),
        released_on: a.released_on.clone(),
        held_on: a.held_on.clone(),
        ratings: lines,
        knowledge: ratings
            .knowledge
            .as_deref()
            .map(qualification_text)
            .unwrap_or_default(),
        career_evaluation: ratings.career.clone(),
        proposal,
        proposal_missing,
        final_qualification: final_q.map(|q| q.code().into()),
        basis: a.basis.as_deref().and_then(basis_text),
        deviation,
        motivation: a.motivation.clone(),
        set_on: a.set_on.clone(),
        approved_on: a.approved_on.clone(),
        seen_on: a.seen_on.clone(),
        objections: a.objections.clone(),
        objection_held_on: a.objection_held_on.clone(),
        settlement: a.settlement.clone(),
        settlement_motivation: a.settlement_motivation.clone(),
        settled_on: a.settled_on.clone(),
        extra_reward_possible: stage.is_final() && final_q.is_some_and(|q| q.allows_extra_reward()),
        next_deadline,
        allowed: allowed(stage, who, a, today),
    }
}

/// The commands `who` may give on this assessment now: the same rule the door asks.
fn allowed(stage: Stage, who: Who, a: &StoredAssessment, today: Date) -> Vec<String> {
    use assessment_flow::Step;
    let actor = who.actor();
    let held = day(&a.held_on).unwrap_or(today);
    let candidates: [(&str, Step); 8] = [
        ("save_concept", Step::EditConcept),
        (
            "release_concept",
            Step::ReleaseConcept {
                today,
                conversation: day(&a.conversation_on).unwrap_or(today.add_days(7)),
            },
        ),
        (
            "hold_assessment",
            Step::Hold {
                released: day(&a.released_on).unwrap_or(today),
                held: today,
                today,
            },
        ),
        ("set_final", Step::SetFinal),
        ("approve", Step::Approve),
        ("sign_seen", Step::SignSeenAndObject { held, today }),
        (
            "hold_objection_conversation",
            Step::HoldObjectionConversation {
                objected: day(&a.seen_on).unwrap_or(today),
                held: today,
                today,
            },
        ),
        ("settle", Step::SettleAfterObjections),
    ];
    let mut list: Vec<String> = candidates
        .into_iter()
        .filter(|(_, step)| match step {
            // Shown by stage and role: the day is chosen in the form and checked on posting.
            Step::ReleaseConcept { .. }
            | Step::Hold { .. }
            | Step::HoldObjectionConversation { .. } => assessment_flow::check(stage, actor, *step)
                .map(|_| true)
                .unwrap_or_else(|refusal| {
                    !matches!(
                        refusal,
                        assessment_flow::Refusal::WrongStage { .. }
                            | assessment_flow::Refusal::ManagerOnly
                            | assessment_flow::Refusal::EmployeeOnly
                            | assessment_flow::Refusal::NotAParty
                    )
                }),
            _ => assessment_flow::check(stage, actor, *step).is_ok(),
        })
        .map(|(code, _)| code.to_string())
        .collect();
    if assessment_flow::check(stage, actor, Step::SettleWithoutObjections { held, today }).is_ok() {
        list.push("settle_without_objections".into());
    }
    list
}

/// The party's list lines.
pub fn list_lines(rows: &[CycleListRow], user_id: &str, today: Date) -> Vec<CycleListLine> {
    rows.iter()
        .map(|row| {
            let kind = CycleKind::parse(&row.kind).unwrap_or(CycleKind::TwoYears);
            let who = if row.manager_id == user_id {
                Who::Manager
            } else {
                Who::Employee
            };
            let open = row
                .assessments
                .iter()
                .find(|a| !Stage::parse(&a.stage).is_some_and(|s| s.is_final()))
                .or(row.assessments.last());
            let stage = open
                .and_then(|a| Stage::parse(&a.stage))
                .unwrap_or(Stage::Concept);
            let next_deadline = open.and_then(|a| {
                assessment_flow::next_deadline(
                    stage,
                    day(&a.conversation_on),
                    day(&a.held_on),
                    day(&a.seen_on),
                    day(&a.objection_held_on),
                )
            });
            CycleListLine {
                id: row.id.clone(),
                employee_name: row.employee_name.clone(),
                department: row.department.clone(),
                kind_label: Text::new(kind.label(Language::Nl), kind.label(Language::En)),
                you: who.code().into(),
                stage_label: Text::new(stage.label(Language::Nl), stage.label(Language::En)),
                next_deadline: next_deadline.map(|(deadline, by)| DeadlineLine {
                    label: Text::new(deadline.label(Language::Nl), deadline.label(Language::En)),
                    by: iso(by),
                    overdue: today > by,
                }),
            }
        })
        .collect()
}

/// Per department and manager: assessments per stage code, and how many are overdue.
type StageTally = (BTreeMap<&'static str, usize>, usize);

/// HR's counts per department and manager; qualifications per department only where a cell
/// names nobody ([`qualification_cells`]).
pub fn overview(rows: &[OverviewRow], managers: &HashMap<String, String>, today: Date) -> Overview {
    let mut lines: BTreeMap<(String, String), StageTally> = BTreeMap::new();
    let mut finals: BTreeMap<String, Vec<Qualification>> = BTreeMap::new();
    for row in rows {
        let stage = Stage::parse(&row.assessment.stage).unwrap_or(Stage::Concept);
        let manager = managers.get(&row.manager_id).cloned().unwrap_or_default();
        let entry = lines.entry((row.department.clone(), manager)).or_default();
        *entry.0.entry(stage.code()).or_default() += 1;
        let a = &row.assessment;
        let overdue = assessment_flow::next_deadline(
            stage,
            day(&a.conversation_on),
            day(&a.held_on),
            day(&a.seen_on),
            day(&a.objection_held_on),
        )
        .is_some_and(|(_, by)| today > by);
        if overdue {
            entry.1 += 1;
        }
        if stage.is_final()
            && let Some(q) = a
                .final_qualification
                .as_deref()
                .and_then(|c| Qualification::parse(c).ok())
        {
            finals.entry(row.department.clone()).or_default().push(q);
        }
    }
    let rows = lines
        .into_iter()
        .map(|((department, manager), (stages, overdue))| OverviewLine {
            department,
            manager,
            stages: Stage::ALL
                .iter()
                .map(|s| StageCount {
                    stage: s.code().into(),
                    label: Text::new(s.label(Language::Nl), s.label(Language::En)),
                    count: stages.get(s.code()).copied().unwrap_or(0),
                })
                .collect(),
            overdue,
        })
        .collect();
    let qualifications = finals
        .into_iter()
        .map(|(department, list)| QualificationCounts {
            final_assessments: list.len(),
            counts: qualification_cells(&list, MIN_CELL).map(|cells| {
                cells
                    .into_iter()
                    .map(|(q, count)| LabelCount {
                        qualification: q.code().into(),
                        count,
                    })
                    .collect()
            }),
            department,
        })
        .collect();
    Overview {
        min_cell: MIN_CELL,
        rows,
        qualifications,
    }
}
