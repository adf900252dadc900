//! The one door into appraisal cycles (issue 22): pages and the API call only these functions.
//! Every use case loads the cycle, finds who the visitor is to it (the manager who runs it, the
//! employee by their account's address, or nobody: "unknown", the same answer as for an id that
//! does not exist), asks the domain's rule, validates, and changes the cycle in one transaction
//! that starts with the compare-and-set of its revision and writes the step with its date.
//! A refusal changes nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::view::{self, Who};
use crate::domain::account::{CurrentUser, Email};
use crate::domain::appraisal::assessment_flow::{self, Actor, Stage, Step};
use crate::domain::appraisal::command::{Choice, CycleCommand, FieldProblem};
use crate::domain::appraisal::competency_choice::{CYCLE_FRAMEWORK_ID, PostedChoice, choose};
use crate::domain::appraisal::cycle_plan::{CycleKind, plan};
use crate::domain::appraisal::final_qualification::propose;
use crate::domain::appraisal::final_setting::{FinalChoice, FinalQualification};
use crate::domain::appraisal::view::{CycleListLine, CycleView, Overview, Text};
use crate::domain::calendar::{Date, amsterdam_date};
use crate::domain::catalog::Framework;
use crate::email::templates::{Template, render};
use crate::storage::appraisal::{
    self as store, NewCycle, StoredAgreement, StoredAssessment, StoredCycleRecord,
};
use crate::storage::{Db, StorageError, enqueue_email_about_in};

/// Longest employee name or department, in characters.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum AppraisalError {
    /// No such cycle, or the visitor is neither its manager nor its employee (404 either way).
    #[error("unknown cycle")]
    Unknown,
    /// A party may not do this (now); the reason in both languages.
    #[error("refused: {}", .0.en)]
    Refused(Text),
    /// The input has problems, each under its field.
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    /// Someone changed the cycle since the visitor read it.
    #[error("the cycle changed meanwhile")]
    Stale,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for AppraisalError {
    fn from(error: sqlx::Error) -> Self {
        AppraisalError::Storage(StorageError::Database(error))
    }
}

fn refused(nl: impl Into<String>, en: impl Into<String>) -> AppraisalError {
    AppraisalError::Refused(Text::new(nl, en))
}

fn invalid(field: &str, nl: &str, en: &str) -> AppraisalError {
    AppraisalError::Invalid(vec![FieldProblem {
        field: field.into(),
        nl: nl.into(),
        en: en.into(),
    }])
}

/// A new cycle as typed by the manager.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCycleInput {
    pub kind: String,
    pub employee_name: String,
    pub employee_email: String,
    pub department: String,
    pub start_on: String,
    pub decision_on: String,
}

/// Starts a cycle run by `user` (the manager). Returns its id.
pub async fn create(
    db: &Db,
    user: &CurrentUser,
    input: &NewCycleInput,
    now: i64,
) -> Result<String, AppraisalError> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, nl: &str, en: &str| {
        problems.push(FieldProblem {
            field: field.into(),
            nl: nl.into(),
            en: en.into(),
        })
    };
    let kind = CycleKind::parse(&input.kind);
    if kind.is_none() {
        problem(
            "kind",
            "Kies het soort cyclus.",
            "Choose the kind of cycle.",
        );
    }
    let name = input.employee_name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        problem(
            "employee_name",
            "Vul de naam van de medewerker in.",
            "Enter the employee's name.",
        );
    }
    let email = Email::parse(&input.employee_email).ok();
    match &email {
        None => problem(
            "employee_email",
            "Vul een geldig e-mailadres in.",
            "Enter a valid email address.",
        ),
        Some(email) if email.as_str().eq_ignore_ascii_case(&user.email) => problem(
            "employee_email",
            "U kunt geen cyclus over uzelf voeren: de leidinggevende voert hem.",
            "You cannot run a cycle about yourself: the manager runs it.",
        ),
        _ => {}
    }
    if input.department.trim().chars().count() > MAX_NAME_CHARS {
        problem(
            "department",
            "Ten hoogste 200 tekens.",
            "At most 200 characters.",
        );
    }
    let start = Date::parse_iso(input.start_on.trim());
    if start.is_none() {
        problem(
            "start_on",
            "Vul een datum in (jjjj-mm-dd).",
            "Enter a date (yyyy-mm-dd).",
        );
    }
    let decision = if input.decision_on.trim().is_empty() {
        None
    } else {
        let parsed = Date::parse_iso(input.decision_on.trim());
        if parsed.is_none() {
            problem(
                "decision_on",
                "Vul een datum in (jjjj-mm-dd).",
                "Enter a date (yyyy-mm-dd).",
            );
        }
        parsed
    };
    if let (Some(kind), Some(start)) = (kind, start)
        && let Err(error) = plan(kind, start, decision)
    {
        problem("decision_on", &plan_error_nl(&error), &error.to_string());
    }
    if !problems.is_empty() {
        return Err(AppraisalError::Invalid(problems));
    }
    let (Some(kind), Some(start), Some(email)) = (kind, start, email) else {
        unreachable!("every missing value was a problem above")
    };
    let id = crate::storage::new_id();
    let decision_iso = decision.map(|d| d.iso());
    let mut tx = db.begin().await?;
    store::insert_cycle_in(
        &mut tx,
        &NewCycle {
            id: &id,
            kind: kind.code(),
            manager_id: &user.id,
            employee_name: name,
            employee_email: email.as_str(),
            department: input.department.trim(),
            start_on: &start.iso(),
            decision_on: decision_iso.as_deref(),
            assessments: kind.assessments(),
            now,
        },
    )
    .await?;
    store::insert_event_in(&mut tx, &id, now, Who::Manager.code(), "cycle_created", "").await?;
    tx.commit().await?;
    Ok(id)
}

fn plan_error_nl(error: &crate::domain::appraisal::cycle_plan::PlanError) -> String {
    use crate::domain::appraisal::cycle_plan::PlanError;
    use crate::domain::appraisal::deadlines::ProbationError;
    match error {
        PlanError::DecisionMissing => {
            "Een proeftijd heeft de datum van het besluit over de vaste aanstelling nodig (art. 2 lid 3).".into()
        }
        PlanError::Probation(ProbationError::DecisionNotAfterEntry) => {
            "Het besluit valt na de indiensttreding.".into()
        }
        PlanError::Probation(ProbationError::ProbationTooShort { earliest_decision }) => format!(
            "De proeftijd is te kort voor twee beoordelingen (art. 6 lid 2); het besluit valt op of na {}.",
            earliest_decision.iso()
        ),
    }
}

/// Who `user` is to the cycle, or `None`: not a party.
fn who(record: &StoredCycleRecord, user: &CurrentUser) -> Option<Who> {
    if record.cycle.manager_id == user.id {
        Some(Who::Manager)
    } else if record
        .cycle
        .employee_email
        .eq_ignore_ascii_case(user.email.trim())
    {
        Some(Who::Employee)
    } else {
        None
    }
}

/// The cycle as `user` may see it.
pub async fn view_for(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    now: i64,
) -> Result<CycleView, AppraisalError> {
    let record = db.load_cycle(id).await?.ok_or(AppraisalError::Unknown)?;
    let who = who(&record, user).ok_or(AppraisalError::Unknown)?;
    let framework = competency_guide(db).await?;
    Ok(view::cycle_view(
        &record,
        who,
        amsterdam_date(now),
        framework.as_ref(),
    ))
}

/// The competency guide whose profiles cycles use (the newest stored version).
async fn competency_guide(db: &Db) -> Result<Option<Framework>, AppraisalError> {
    Ok(db.find_framework(CYCLE_FRAMEWORK_ID, None).await?)
}

/// The cycles `user` runs or is assessed in.
pub async fn list_for(
    db: &Db,
    user: &CurrentUser,
    now: i64,
) -> Result<Vec<CycleListLine>, AppraisalError> {
    let rows = db.cycles_for(&user.id, &user.email).await?;
    Ok(view::list_lines(&rows, &user.id, amsterdam_date(now)))
}

/// HR's overview (administrators only; others: unknown).
pub async fn overview(db: &Db, user: &CurrentUser, now: i64) -> Result<Overview, AppraisalError> {
    if !user.is_admin() {
        return Err(AppraisalError::Unknown);
    }
    let rows = db.appraisal_overview_rows().await?;
    let managers = db
        .list_accounts()
        .await?
        .into_iter()
        .map(|account| (account.id, account.email))
        .collect();
    Ok(view::overview(&rows, &managers, amsterdam_date(now)))
}

/// Does one thing to cycle `id` from the `expected` revision (none: whatever it is now).
/// Answers the cycle's new revision.
pub async fn act(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    expected: Option<i64>,
    command: CycleCommand,
    base_url: &str,
    now: i64,
) -> Result<i64, AppraisalError> {
    let record = db.load_cycle(id).await?.ok_or(AppraisalError::Unknown)?;
    let who = who(&record, user).ok_or(AppraisalError::Unknown)?;
    let revision = record.cycle.revision;
    if expected.is_some_and(|e| e != revision) {
        return Err(AppraisalError::Stale);
    }
    let today = amsterdam_date(now);
    let framework = match command {
        CycleCommand::ChooseCompetencies { .. } => competency_guide(db).await?,
        _ => None,
    };
    let mut tx = db.begin().await?;
    if !store::claim_cycle_in(&mut tx, id, revision, now).await? {
        return Err(AppraisalError::Stale);
    }
    let link = format!("{}/cycli/{id}", base_url.trim_end_matches('/'));
    let (action, detail, mail) = apply(
        &mut tx,
        Acting {
            db,
            record: &record,
            who,
            today,
            now,
            link: &link,
            framework: framework.as_ref(),
        },
        command,
    )
    .await?;
    store::insert_event_in(&mut tx, id, now, who.code(), action, &detail).await?;
    if let Some(mail) = mail {
        let rendered = render(
            mail.template,
            crate::domain::language::Language::Nl,
            &[
                ("name", record.cycle.employee_name.as_str()),
                ("number", &mail.number.to_string()),
                ("link", &mail.link),
            ],
        );
        let to = Email::parse(&mail.to).map_err(|_| {
            AppraisalError::Storage(StorageError::Corrupt(format!(
                "stored address of cycle {id}"
            )))
        })?;
        let email = rendered.into_email(to, Some(format!("cycle:{id}")));
        enqueue_email_about_in(&mut tx, &email, Some(&format!("cycle:{id}")), now).await?;
    }
    tx.commit().await?;
    Ok(revision + 1)
}

/// A message the step sends.
struct Mail {
    template: &'static Template,
    to: String,
    number: i64,
    link: String,
}

fn actor(who: Who) -> Actor {
    match who {
        Who::Manager => Actor::Manager,
        Who::Employee => Actor::Employee,
    }
}

fn manager_only(who: Who) -> Result<(), AppraisalError> {
    match who {
        Who::Manager => Ok(()),
        Who::Employee => Err(refused(
            "Alleen de leidinggevende legt dit vast.",
            "Only the manager records this.",
        )),
    }
}

fn flow_refusal(refusal: assessment_flow::Refusal) -> AppraisalError {
    use assessment_flow::Refusal as R;
    let nl = match &refusal {
        R::NotAParty => {
            "Alleen de leidinggevende en de medewerker handelen in een beoordeling.".to_string()
        }
        R::ManagerOnly => "Alleen de leidinggevende doet dit.".to_string(),
        R::EmployeeOnly => "Alleen de medewerker doet dit.".to_string(),
        R::WrongStage { stage } => format!(
            "Dat kan niet in deze fase van de beoordeling ({}).",
            stage.label(crate::domain::language::Language::Nl)
        ),
        R::ReleaseTooLate {
            earliest_conversation,
        } => format!(
            "Het concept moet minstens een week voor het gesprek bij de medewerker zijn (art. 6 lid 3); \
             vandaag vrijgegeven kan het gesprek vanaf {} plaatsvinden.",
            earliest_conversation.iso()
        ),
        R::ConceptNotReleasedInTime(inner) => match inner {
            crate::domain::appraisal::deadlines::ConceptNotReleasedInTime::NotReleased => {
                "Het concept is nog niet vrijgegeven (art. 6 lid 3).".to_string()
            }
            crate::domain::appraisal::deadlines::ConceptNotReleasedInTime::TooLate { earliest } => {
                format!(
                    "Het concept was nog geen week bij de medewerker (art. 6 lid 3); het gesprek kan vanaf {} plaatsvinden.",
                    earliest.iso()
                )
            }
        },
        R::HeldInFuture => "Een gesprek in de toekomst is nog niet gevoerd.".to_string(),
        R::ObjectionsTooLate { deadline } => format!(
            "Bedenkingen worden binnen twee weken na het gesprek ingediend (art. 6 lid 11); de laatste dag was {}.",
            deadline.iso()
        ),
        R::ObjectionPeriodOpen { deadline } => format!(
            "De medewerker kan tot en met {} bedenkingen indienen (art. 6 lid 11).",
            deadline.iso()
        ),
        R::ObjectionConversationBeforeObjections => {
            "Het bedenkingengesprek volgt op de bedenkingen.".to_string()
        }
    };
    AppraisalError::Refused(Text::new(nl, refusal.to_string()))
}

fn assessment(
    record: &StoredCycleRecord,
    number: i64,
) -> Result<&StoredAssessment, AppraisalError> {
    record
        .assessments
        .iter()
        .find(|a| a.number == number)
        .ok_or_else(|| {
            invalid(
                "number",
                "Deze beoordeling bestaat niet.",
                "No such assessment.",
            )
        })
}

fn stage_of(a: &StoredAssessment) -> Result<Stage, AppraisalError> {
    Stage::parse(&a.stage).ok_or_else(|| {
        AppraisalError::Storage(StorageError::Corrupt(format!(
            "assessment stage {}",
            a.stage
        )))
    })
}

fn day(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(Date::parse_iso)
}

/// Who acts on which cycle, when, and the cycle's address for the mails.
#[derive(Clone, Copy)]
struct Acting<'a> {
    db: &'a Db,
    record: &'a StoredCycleRecord,
    who: Who,
    today: Date,
    now: i64,
    link: &'a str,
    /// The competency guide, loaded for the steps that choose from it.
    framework: Option<&'a Framework>,
}

/// Applies one command inside the transaction. Answers the step's code, a detail without
/// content (the record shows dates and who, never ratings in the step list) and a mail.
async fn apply(
    tx: &mut AnyConnection,
    acting: Acting<'_>,
    command: CycleCommand,
) -> Result<(&'static str, String, Option<Mail>), AppraisalError> {
    let Acting {
        db,
        record,
        who,
        today,
        now,
        link,
        framework,
    } = acting;
    let cycle_id = record.cycle.id.as_str();
    let link = link.to_string();
    let current = |id: &str| -> Result<&StoredAgreement, AppraisalError> {
        record
            .agreements
            .iter()
            .find(|a| a.id == id && a.status == "agreed")
            .ok_or_else(|| {
                invalid(
                    "agreement_id",
                    "Deze afspraak bestaat niet (meer).",
                    "No such (current) agreement.",
                )
            })
    };
    let any_assessment_final = view::cycle_complete(record);
    let agreements_open = || -> Result<(), AppraisalError> {
        manager_only(who)?;
        if any_assessment_final {
            return Err(refused(
                "De cyclus is afgerond: de afspraken liggen vast.",
                "The cycle is complete: its agreements are fixed.",
            ));
        }
        Ok(())
    };
    match command {
        CycleCommand::AddWorkAgreement { text, weight } => {
            agreements_open()?;
            let weight = weight.map(|w| w.ten_thousandths() as i64);
            let new = store::NewAgreement {
                cycle_id,
                kind: "work",
                text: &text,
                weight,
                crucial: false,
                competency_id: None,
            };
            store::insert_agreement_in(tx, &new, None, now).await?;
            Ok(("agreement_added", String::new(), None))
        }
        CycleCommand::AddDevelopmentAgreement {
            competency,
            text,
            crucial,
        } => {
            agreements_open()?;
            let chosen = super::profile_view::chosen(record);
            if record.cycle.profile_id.is_none() || chosen.is_empty() {
                return Err(invalid(
                    "competency",
                    "Kies eerst het competentieprofiel en de competenties (art. 3 lid 2).",
                    "First choose the competency profile and its competencies (art. 3(2)).",
                ));
            }
            if !chosen.iter().any(|c| c.id == competency) {
                return Err(invalid(
                    "competency",
                    "Ontwikkelafspraken gaan over de competenties van het gekozen profiel (art. 3 lid 2).",
                    "Development agreements are made on the chosen profile's competencies (art. 3(2)).",
                ));
            }
            let already = record.agreements.iter().any(|a| {
                a.kind == "development"
                    && a.status == "agreed"
                    && a.competency_id.as_deref() == Some(competency.as_str())
            });
            if already {
                return Err(invalid(
                    "competency",
                    "Over deze competentie is al een afspraak; wijzig die.",
                    "This competency has an agreement already; change that one.",
                ));
            }
            let new = store::NewAgreement {
                cycle_id,
                kind: "development",
                text: &text,
                weight: None,
                crucial,
                competency_id: Some(&competency),
            };
            store::insert_agreement_in(tx, &new, None, now).await?;
            Ok(("agreement_added", String::new(), None))
        }
        CycleCommand::ChangeAgreement {
            agreement_id,
            text,
            weight,
        } => {
            agreements_open()?;
            let old = current(&agreement_id)?;
            let weight = if old.kind == "work" {
                weight.map(|w| w.ten_thousandths() as i64)
            } else {
                None
            };
            let new = store::NewAgreement {
                cycle_id,
                kind: &old.kind,
                text: &text,
                weight,
                crucial: old.crucial,
                competency_id: old.competency_id.as_deref(),
            };
            store::insert_agreement_in(tx, &new, Some(old), now).await?;
            Ok(("agreement_changed", String::new(), None))
        }
        CycleCommand::DropAgreement { agreement_id } => {
            agreements_open()?;
            let old = current(&agreement_id)?;
            store::set_agreement_status_in(tx, &old.id, "dropped", now).await?;
            Ok(("agreement_dropped", String::new(), None))
        }
        CycleCommand::ChooseCompetencies {
            profile_id,
            scale,
            specific,
            own_choice,
        } => {
            agreements_open()?;
            let framework = framework.ok_or_else(|| {
                refused(
                    "De competentiegids van Maastricht ontbreekt op deze server.",
                    "Maastricht's competency guide is missing on this server.",
                )
            })?;
            let chosen = choose(
                framework,
                &PostedChoice {
                    profile_id: &profile_id,
                    scale: &scale,
                    specific: &specific,
                    own_choice: &own_choice,
                },
            )
            .map_err(AppraisalError::Invalid)?;
            let orphaned: Vec<String> = record
                .agreements
                .iter()
                .filter(|a| a.kind == "development" && a.status == "agreed")
                .filter_map(|a| a.competency_id.as_deref())
                .filter(|id| !chosen.competencies.iter().any(|c| c.id == *id))
                .map(|id| super::profile_view::competency_name(Some(framework), id))
                .collect();
            if !orphaned.is_empty() {
                let names = orphaned.join(", ");
                return Err(invalid(
                    "own_choice",
                    &format!(
                        "Er zijn afspraken over {names}; laat die eerst vervallen voordat de competentie uit de keuze gaat."
                    ),
                    &format!(
                        "There are agreements on {names}; drop them before the competency leaves the selection."
                    ),
                ));
            }
            let json = serde_json::to_string(&chosen.competencies).map_err(|e| {
                AppraisalError::Storage(StorageError::Corrupt(format!("selection: {e}")))
            })?;
            store::save_competencies_in(
                tx,
                cycle_id,
                &chosen.profile_id,
                i64::from(chosen.scale),
                &json,
            )
            .await?;
            Ok(("competencies_chosen", String::new(), None))
        }
        CycleCommand::SavePlanning {
            career,
            conditions,
            manager_decided,
            held_on,
        } => {
            manager_only(who)?;
            if held_on.is_some_and(|d| d > today) {
                return Err(invalid(
                    "held_on",
                    "Een gesprek in de toekomst is nog niet gevoerd.",
                    "A conversation in the future has not been held yet.",
                ));
            }
            let held = held_on.map(|d| d.iso());
            store::save_planning_in(
                tx,
                cycle_id,
                &career,
                &conditions,
                &manager_decided,
                held.as_deref(),
            )
            .await?;
            Ok(("planning_saved", String::new(), None))
        }
        CycleCommand::SaveConcept {
            number,
            conversation_on,
            ratings,
            knowledge,
            career_evaluation,
        } => {
            let a = assessment(record, number)?;
            assessment_flow::check(stage_of(a)?, actor(who), Step::EditConcept)
                .map_err(flow_refusal)?;
            let mut stored = a.clone();
            let mut by_id = BTreeMap::new();
            let items = view::rated_items(record);
            for (key, q) in ratings {
                if !items.iter().any(|item| item.key == key) {
                    return Err(invalid(
                        &format!("rating_{key}"),
                        "Deze afspraak of competentie wordt (niet meer) beoordeeld.",
                        "This agreement or competency is not (or no longer) rated.",
                    ));
                }
                by_id.insert(key, q.code().to_string());
            }
            let ratings = view::StoredRatings {
                agreements: by_id,
                knowledge: knowledge.map(|q| q.code().to_string()),
                career: career_evaluation,
            };
            // A released concept may still be corrected before the conversation, but its
            // conversation day stays a week after the release (art. 6 lid 3).
            if let Some(released) = day(&a.released_on) {
                assessment_flow::check_concept_day(released, conversation_on)
                    .map_err(flow_refusal)?;
            }
            stored.ratings = serde_json::to_string(&ratings)
                .map_err(|e| StorageError::Corrupt(e.to_string()))?;
            // The day of a held conversation is history.
            if a.held_on.is_none() {
                stored.conversation_on = Some(conversation_on.iso());
            }
            store::save_assessment_in(tx, &stored).await?;
            Ok(("concept_saved", number_detail(number), None))
        }
        CycleCommand::ReleaseConcept { number } => {
            let a = assessment(record, number)?;
            let conversation = day(&a.conversation_on).ok_or_else(|| {
                invalid(
                    "conversation_on",
                    "Plan eerst de dag van het beoordelingsgesprek.",
                    "Plan the day of the assessment conversation first.",
                )
            })?;
            let to = assessment_flow::check(
                stage_of(a)?,
                actor(who),
                Step::ReleaseConcept {
                    today,
                    conversation,
                },
            )
            .map_err(flow_refusal)?;
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.released_on = Some(today.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok((
                "concept_released",
                number_detail(number),
                Some(Mail {
                    template: &super::mail::CONCEPT_RELEASED,
                    to: record.cycle.employee_email.clone(),
                    number,
                    link,
                }),
            ))
        }
        CycleCommand::HoldAssessment { number, held_on } => {
            let a = assessment(record, number)?;
            let released = day(&a.released_on).unwrap_or(held_on.add_days(1));
            let to = assessment_flow::check(
                stage_of(a)?,
                actor(who),
                Step::Hold {
                    released,
                    held: held_on,
                    today,
                },
            )
            .map_err(flow_refusal)?;
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.held_on = Some(held_on.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok(("assessment_held", number_detail(number), None))
        }
        CycleCommand::SetFinal {
            number,
            choice,
            motivation,
        } => {
            let a = assessment(record, number)?;
            let to = assessment_flow::check(stage_of(a)?, actor(who), Step::SetFinal)
                .map_err(flow_refusal)?;
            let mut stored = a.clone();
            set_final(&mut stored, record, choice, &motivation)?;
            stored.stage = to.code().into();
            stored.set_on = Some(today.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok((
                "final_set",
                number_detail(number),
                Some(Mail {
                    template: &super::mail::FINAL_SET,
                    to: record.cycle.employee_email.clone(),
                    number,
                    link,
                }),
            ))
        }
        CycleCommand::Approve { number } => {
            let a = assessment(record, number)?;
            let to = assessment_flow::check(stage_of(a)?, actor(who), Step::Approve)
                .map_err(flow_refusal)?;
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.approved_on = Some(today.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok(("approved", number_detail(number), None))
        }
        CycleCommand::SignSeenAndObject { number, objections } => {
            let a = assessment(record, number)?;
            let held = day(&a.held_on).unwrap_or(today);
            let to = assessment_flow::check(
                stage_of(a)?,
                actor(who),
                Step::SignSeenAndObject { held, today },
            )
            .map_err(flow_refusal)?;
            if objections.trim().is_empty() {
                return Err(invalid(
                    "objections",
                    "Schrijf uw bedenkingen op (art. 6 lid 11).",
                    "Write down your objections (art. 6(11)).",
                ));
            }
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.seen_on = Some(today.iso());
            stored.objections = objections;
            store::save_assessment_in(tx, &stored).await?;
            let manager = db
                .find_account(&record.cycle.manager_id)
                .await?
                .map(|a| a.email);
            Ok((
                "seen_and_objected",
                number_detail(number),
                manager.map(|to| Mail {
                    template: &super::mail::OBJECTED,
                    to,
                    number,
                    link,
                }),
            ))
        }
        CycleCommand::HoldObjectionConversation { number, held_on } => {
            let a = assessment(record, number)?;
            let objected = day(&a.seen_on).unwrap_or(today);
            let to = assessment_flow::check(
                stage_of(a)?,
                actor(who),
                Step::HoldObjectionConversation {
                    objected,
                    held: held_on,
                    today,
                },
            )
            .map_err(flow_refusal)?;
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.objection_held_on = Some(held_on.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok(("objection_conversation_held", number_detail(number), None))
        }
        CycleCommand::SettleAfterObjections {
            number,
            changed,
            choice,
            motivation,
        } => {
            let a = assessment(record, number)?;
            let to = assessment_flow::check(stage_of(a)?, actor(who), Step::SettleAfterObjections)
                .map_err(flow_refusal)?;
            let mut stored = a.clone();
            if motivation.trim().is_empty() {
                return Err(invalid(
                    "motivation",
                    "Motiveer schriftelijk waarom u de beoordeling wijzigt of handhaaft (art. 6 lid 12).",
                    "Give written reasons for changing or keeping the assessment (art. 6(12)).",
                ));
            }
            if changed {
                set_final(&mut stored, record, choice, &motivation)?;
            }
            stored.stage = to.code().into();
            stored.settlement = Some(if changed { "changed" } else { "kept" }.into());
            stored.settlement_motivation = motivation.trim().to_string();
            stored.settled_on = Some(today.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok(("settled", number_detail(number), None))
        }
        CycleCommand::SettleWithoutObjections { number } => {
            let a = assessment(record, number)?;
            let held = day(&a.held_on).unwrap_or(today);
            let to = assessment_flow::check(
                stage_of(a)?,
                actor(who),
                Step::SettleWithoutObjections { held, today },
            )
            .map_err(flow_refusal)?;
            let mut stored = a.clone();
            stored.stage = to.code().into();
            stored.settled_on = Some(today.iso());
            store::save_assessment_in(tx, &stored).await?;
            Ok(("settled_without_objections", number_detail(number), None))
        }
        CycleCommand::AddTopic { text } => {
            if any_assessment_final {
                return Err(refused("De cyclus is afgerond.", "The cycle is complete."));
            }
            store::add_topic_in(tx, cycle_id, who.code(), &text, now).await?;
            Ok(("topic_added", String::new(), None))
        }
        CycleCommand::RecordProgress { held_on, notes } => {
            manager_only(who)?;
            if held_on > today {
                return Err(invalid(
                    "held_on",
                    "Een gesprek in de toekomst is nog niet gevoerd.",
                    "A conversation in the future has not been held yet.",
                ));
            }
            store::add_progress_in(tx, cycle_id, &held_on.iso(), &notes, now).await?;
            Ok(("progress_recorded", String::new(), None))
        }
        CycleCommand::RequestScan => {
            if who != Who::Employee {
                return Err(refused(
                    "De medewerker vraagt een scan aan; de leidinggevende start hem.",
                    "The employee asks for a scan; the manager starts it.",
                ));
            }
            if record.cycle.scan_id.is_some() {
                return Err(refused(
                    "Er is al een 360°-scan bijgevoegd.",
                    "A 360° scan is attached already.",
                ));
            }
            let manager = db
                .find_account(&record.cycle.manager_id)
                .await?
                .map(|a| a.email);
            Ok((
                "scan_requested",
                String::new(),
                manager.map(|to| Mail {
                    template: &super::mail::SCAN_REQUESTED,
                    to,
                    number: 0,
                    link,
                }),
            ))
        }
        CycleCommand::AddAssessment => {
            manager_only(who)?;
            let next = record
                .assessments
                .iter()
                .map(|a| a.number)
                .max()
                .unwrap_or(0)
                + 1;
            store::insert_assessment_in(tx, cycle_id, next).await?;
            Ok(("assessment_added", number_detail(next), None))
        }
        CycleCommand::AttachScan { scan_id } => {
            manager_only(who)?;
            let user = CurrentUser {
                id: record.cycle.manager_id.clone(),
                email: db
                    .find_account(&record.cycle.manager_id)
                    .await?
                    .map(|a| a.email)
                    .unwrap_or_default(),
                role: crate::domain::account::Role::Organiser,
            };
            let report = crate::report::view(db, &user, &scan_id)
                .await
                .map_err(|_| {
                    invalid(
                        "scan_id",
                        "Deze scan is niet gesloten of u kunt het rapport niet lezen.",
                        "This scan is not closed, or you cannot read its report.",
                    )
                })?;
            let json =
                serde_json::to_string(&report).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            store::set_scan_in(tx, cycle_id, &scan_id, &json).await?;
            Ok(("scan_attached", String::new(), None))
        }
    }
}

fn number_detail(number: i64) -> String {
    number.to_string()
}

/// Computes the proposal from the stored ratings and sets the manager's choice against it.
fn set_final(
    stored: &mut StoredAssessment,
    record: &StoredCycleRecord,
    choice: Choice,
    motivation: &str,
) -> Result<(), AppraisalError> {
    let ratings = view::ratings_of(stored);
    let input = view::assessment_input(record, &ratings).map_err(|missing| {
        AppraisalError::Refused(Text::new(
            format!("Nog niet alles is beoordeeld: {}.", missing.nl),
            format!("Not everything is rated yet: {}.", missing.en),
        ))
    })?;
    let proposal = propose(&input).map_err(|error| {
        refused(
            "Er is geen werkafspraak om te wegen (de gewichten tellen op tot nul, art. 4 lid 2 en 6 lid 6).",
            error.to_string(),
        )
    })?;
    let choice = match choice {
        Choice::Proposal => FinalChoice::Qualification(proposal.qualification),
        Choice::Given(choice) => choice,
    };
    let set = FinalQualification::set(&proposal, choice, motivation).map_err(|error| {
        use crate::domain::appraisal::final_setting::SetFinalError as E;
        let nl = match &error {
            E::MotivationMissing => "Motiveer de eindkwalificatie (art. 6 lid 8).".to_string(),
            E::MotivationTooLong { length } => format!("De motivering heeft {length} tekens; ten hoogste 5000."),
            E::CrucialRuleNotAvailable => {
                "De regel van art. 6 lid 7 geldt alleen als een cruciale competentie onvoldoende is beoordeeld."
                    .to_string()
            }
        };
        AppraisalError::Invalid(vec![FieldProblem {
            field: if matches!(error, E::CrucialRuleNotAvailable) { "choice" } else { "motivation" }.into(),
            nl,
            en: error.to_string(),
        }])
    })?;
    stored.final_qualification = Some(set.qualification().code().into());
    stored.proposed_qualification = Some(set.proposed().code().into());
    stored.basis = Some(view::basis_code(set.basis()).into());
    stored.motivation = set.motivation().as_str().to_string();
    Ok(())
}
