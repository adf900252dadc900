//! Appraisal cycles (issue 22, seed 004): the cycle, its agreements (every version kept), its
//! assessments and the steps with their dates. Plain rows; the rules live in
//! `domain::appraisal`, the use cases in `crate::appraisal`.
//!
//! Every change of a cycle, of its agreements or of one of its assessments starts with
//! [`claim_cycle_in`]: a conditional update (`WHERE id = $1 AND revision = $2`) that bumps the
//! cycle's revision. Of two changes made from the same revision exactly one gets its row; the
//! other's transaction is rolled back and changes nothing. `*_in` functions run on the caller's
//! connection (its transaction).

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Db, StorageError};

const CYCLE_COLUMNS: &str = "id, kind, manager_id, employee_name, employee_email, department, \
    start_on, decision_on, career, conditions, manager_decided, planning_held_on, scan_id, \
    scan_report, profile_id, salary_scale, competencies, revision, created_at, updated_at";

const AGREEMENT_COLUMNS: &str = "id, cycle_id, kind, position, text, weight, crucial, \
    competency_id, status, replaces_id, created_at, changed_at";

const ASSESSMENT_COLUMNS: &str = "id, cycle_id, number, stage, conversation_on, ratings, \
    released_on, held_on, final_qualification, proposed_qualification, basis, motivation, set_on, \
    approved_on, seen_on, objections, objection_held_on, settlement, settlement_motivation, \
    settled_on";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCycle {
    pub id: String,
    pub kind: String,
    pub manager_id: String,
    pub employee_name: String,
    pub employee_email: String,
    pub department: String,
    pub start_on: String,
    pub decision_on: Option<String>,
    pub career: String,
    pub conditions: String,
    pub manager_decided: String,
    pub planning_held_on: Option<String>,
    pub scan_id: Option<String>,
    /// The attached scan's report view (JSON), frozen when attached.
    pub scan_report: Option<String>,
    /// The competency profile the development agreements draw on (art. 3 lid 2), if chosen.
    pub profile_id: Option<String>,
    pub salary_scale: Option<i64>,
    /// The chosen competencies as JSON (`competency_choice::ChosenCompetency` list); '' if none.
    pub competencies: String,
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgreement {
    pub id: String,
    pub cycle_id: String,
    /// "work" or "development".
    pub kind: String,
    pub position: i64,
    pub text: String,
    /// Ten-thousandths; work agreements only.
    pub weight: Option<i64>,
    pub crucial: bool,
    /// Development agreements: the competency it is made on.
    pub competency_id: Option<String>,
    /// "agreed", "replaced" or "dropped".
    pub status: String,
    pub replaces_id: Option<String>,
    pub created_at: i64,
    pub changed_at: Option<i64>,
}

/// One assessment; dates are ISO days. Written back whole by [`save_assessment_in`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredAssessment {
    pub id: String,
    pub cycle_id: String,
    pub number: i64,
    pub stage: String,
    pub conversation_on: Option<String>,
    /// JSON (`appraisal::ratings::StoredRatings`).
    pub ratings: String,
    pub released_on: Option<String>,
    pub held_on: Option<String>,
    pub final_qualification: Option<String>,
    pub proposed_qualification: Option<String>,
    pub basis: Option<String>,
    pub motivation: String,
    pub set_on: Option<String>,
    pub approved_on: Option<String>,
    pub seen_on: Option<String>,
    pub objections: String,
    pub objection_held_on: Option<String>,
    pub settlement: Option<String>,
    pub settlement_motivation: String,
    pub settled_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// A cycle with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCycleRecord {
    pub cycle: StoredCycle,
    /// Every version, in position order then age.
    pub agreements: Vec<StoredAgreement>,
    pub assessments: Vec<StoredAssessment>,
    pub topics: Vec<StoredTopic>,
    /// Progress conversations (art. 5), in the order recorded.
    pub progress: Vec<StoredProgress>,
    pub events: Vec<StoredEvent>,
}

/// One progress conversation: its day and what was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProgress {
    pub held_on: String,
    pub notes: String,
    pub created_at: i64,
}

/// Input a party brought to a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTopic {
    /// "manager" or "employee".
    pub added_by: String,
    pub text: String,
    pub created_at: i64,
}

/// A new cycle's fields.
pub struct NewCycle<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub manager_id: &'a str,
    pub employee_name: &'a str,
    pub employee_email: &'a str,
    pub department: &'a str,
    pub start_on: &'a str,
    pub decision_on: Option<&'a str>,
    pub assessments: usize,
    pub now: i64,
}

/// One line of HR's overview: no names of employees, no ratings, no texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    pub cycle_id: String,
    pub kind: String,
    pub department: String,
    pub manager_id: String,
    pub start_on: String,
    pub decision_on: Option<String>,
    pub planning_held_on: Option<String>,
    pub assessment: StoredAssessment,
}

pub async fn insert_cycle_in(
    conn: &mut AnyConnection,
    new: &NewCycle<'_>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO appraisal_cycles (id, kind, manager_id, employee_name, employee_email, \
         department, start_on, decision_on, revision, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)",
    )
    .bind(new.id)
    .bind(new.kind)
    .bind(new.manager_id)
    .bind(new.employee_name)
    .bind(new.employee_email.trim().to_lowercase())
    .bind(new.department)
    .bind(new.start_on)
    .bind(new.decision_on)
    .bind(new.now)
    .execute(&mut *conn)
    .await?;
    for number in 1..=new.assessments {
        insert_assessment_in(conn, new.id, number as i64).await?;
    }
    Ok(())
}

/// Adds an assessment in stage "concept" (the cycle's own, or an extra one on request).
pub async fn insert_assessment_in(
    conn: &mut AnyConnection,
    cycle_id: &str,
    number: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO appraisal_assessments (id, cycle_id, number, stage) \
         VALUES ($1, $2, $3, 'concept')",
    )
    .bind(super::new_id())
    .bind(cycle_id)
    .bind(number)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The one gate of every change: bumps the revision only if the cycle is still at `revision`.
/// False when someone else changed it first; the caller then rolls back.
pub async fn claim_cycle_in(
    conn: &mut AnyConnection,
    id: &str,
    revision: i64,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE appraisal_cycles SET revision = revision + 1, updated_at = $3 \
         WHERE id = $1 AND revision = $2",
    )
    .bind(id)
    .bind(revision)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// The planning conversation's texts and day.
pub async fn save_planning_in(
    conn: &mut AnyConnection,
    id: &str,
    career: &str,
    conditions: &str,
    manager_decided: &str,
    planning_held_on: Option<&str>,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appraisal_cycles SET career = $2, conditions = $3, manager_decided = $4, \
         planning_held_on = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(career)
    .bind(conditions)
    .bind(manager_decided)
    .bind(planning_held_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A progress conversation (art. 5) with its day and notes, after the earlier ones.
pub async fn add_progress_in(
    conn: &mut AnyConnection,
    cycle_id: &str,
    held_on: &str,
    notes: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        // Under the cycle's compare-and-set, as every change: positions never collide.
        "INSERT INTO appraisal_progress (id, cycle_id, position, held_on, notes, created_at) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM appraisal_progress \
         WHERE cycle_id = $2), $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(cycle_id)
    .bind(held_on)
    .bind(notes)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The profile, the scale and the chosen competencies (JSON) development agreements draw on.
pub async fn save_competencies_in(
    conn: &mut AnyConnection,
    id: &str,
    profile_id: &str,
    salary_scale: i64,
    competencies_json: &str,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appraisal_cycles SET profile_id = $2, salary_scale = $3, competencies = $4 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(profile_id)
    .bind(salary_scale)
    .bind(competencies_json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A party's input for a conversation.
pub async fn add_topic_in(
    conn: &mut AnyConnection,
    cycle_id: &str,
    added_by: &str,
    text: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        // Under the cycle's compare-and-set, as every change: positions never collide.
        "INSERT INTO appraisal_topics (id, cycle_id, added_by, position, text, created_at) \
         VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM appraisal_topics \
         WHERE cycle_id = $2), $4, $5)",
    )
    .bind(super::new_id())
    .bind(cycle_id)
    .bind(added_by)
    .bind(text)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_scan_in(
    conn: &mut AnyConnection,
    id: &str,
    scan_id: &str,
    report_json: &str,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE appraisal_cycles SET scan_id = $2, scan_report = $3 WHERE id = $1")
        .bind(id)
        .bind(scan_id)
        .bind(report_json)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An agreement's fields: "work" (with a weight in ten-thousandths, `None`: equal) or
/// "development" (on a competency, crucial or not).
#[derive(Debug, Clone, Copy)]
pub struct NewAgreement<'a> {
    pub cycle_id: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub weight: Option<i64>,
    pub crucial: bool,
    pub competency_id: Option<&'a str>,
}

/// A new agreement at the end of its kind's list, or a new version of `replaces` (which is
/// then marked replaced and keeps its text).
pub async fn insert_agreement_in(
    conn: &mut AnyConnection,
    new: &NewAgreement<'_>,
    replaces: Option<&StoredAgreement>,
    now: i64,
) -> Result<String, StorageError> {
    let NewAgreement {
        cycle_id,
        kind,
        text,
        weight,
        crucial,
        competency_id,
    } = *new;
    let position = match replaces {
        Some(old) => old.position,
        None => {
            let row = sqlx::query(
                "SELECT COALESCE(MAX(position), 0) AS last FROM appraisal_agreements \
                 WHERE cycle_id = $1 AND kind = $2",
            )
            .bind(cycle_id)
            .bind(kind)
            .fetch_one(&mut *conn)
            .await?;
            row.try_get::<i64, _>("last")? + 1
        }
    };
    if let Some(old) = replaces {
        set_agreement_status_in(conn, &old.id, "replaced", now).await?;
    }
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO appraisal_agreements (id, cycle_id, kind, position, text, weight, crucial, \
         competency_id, status, replaces_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'agreed', $9, $10)",
    )
    .bind(&id)
    .bind(cycle_id)
    .bind(kind)
    .bind(position)
    .bind(text)
    .bind(weight)
    .bind(i64::from(crucial))
    .bind(competency_id)
    .bind(replaces.map(|old| old.id.as_str()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn set_agreement_status_in(
    conn: &mut AnyConnection,
    id: &str,
    status: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE appraisal_agreements SET status = $2, changed_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Writes every field of an assessment back.
pub async fn save_assessment_in(
    conn: &mut AnyConnection,
    a: &StoredAssessment,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appraisal_assessments SET stage = $2, conversation_on = $3, ratings = $4, \
         released_on = $5, held_on = $6, final_qualification = $7, proposed_qualification = $8, \
         basis = $9, motivation = $10, set_on = $11, approved_on = $12, seen_on = $13, \
         objections = $14, objection_held_on = $15, settlement = $16, \
         settlement_motivation = $17, settled_on = $18 WHERE id = $1",
    )
    .bind(&a.id)
    .bind(&a.stage)
    .bind(&a.conversation_on)
    .bind(&a.ratings)
    .bind(&a.released_on)
    .bind(&a.held_on)
    .bind(&a.final_qualification)
    .bind(&a.proposed_qualification)
    .bind(&a.basis)
    .bind(&a.motivation)
    .bind(&a.set_on)
    .bind(&a.approved_on)
    .bind(&a.seen_on)
    .bind(&a.objections)
    .bind(&a.objection_held_on)
    .bind(&a.settlement)
    .bind(&a.settlement_motivation)
    .bind(&a.settled_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn insert_event_in(
    conn: &mut AnyConnection,
    cycle_id: &str,
    at: i64,
    actor: &str,
    action: &str,
    detail: &str,
) -> Result<(), StorageError> {
    sqlx::query(
        // The next position of the cycle: every change holds the cycle's row (its revision's
        // compare-and-set) in the same transaction, so two steps never get the same one.
        "INSERT INTO appraisal_events (id, cycle_id, position, at, actor, action, detail) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM appraisal_events \
         WHERE cycle_id = $2), $3, $4, $5, $6)",
    )
    .bind(super::new_id())
    .bind(cycle_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn load_cycle_in(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<StoredCycleRecord>, StorageError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {CYCLE_COLUMNS} FROM appraisal_cycles WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let cycle = cycle_from_row(&row)?;
    let agreements = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {AGREEMENT_COLUMNS} FROM appraisal_agreements WHERE cycle_id = $1 \
         ORDER BY kind DESC, position, created_at, id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(agreement_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    let assessments = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ASSESSMENT_COLUMNS} FROM appraisal_assessments WHERE cycle_id = $1 ORDER BY number"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| assessment_from_row(row, ""))
    .collect::<Result<Vec<_>, _>>()?;
    let events = sqlx::query(
        "SELECT at, actor, action, detail FROM appraisal_events WHERE cycle_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredEvent {
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            action: row.try_get("action")?,
            detail: row.try_get("detail")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    let topics = sqlx::query(
        "SELECT added_by, text, created_at FROM appraisal_topics WHERE cycle_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredTopic {
            added_by: row.try_get("added_by")?,
            text: row.try_get("text")?,
            created_at: row.try_get("created_at")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    let progress = sqlx::query(
        "SELECT held_on, notes, created_at FROM appraisal_progress WHERE cycle_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredProgress {
            held_on: row.try_get("held_on")?,
            notes: row.try_get("notes")?,
            created_at: row.try_get("created_at")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    Ok(Some(StoredCycleRecord {
        cycle,
        agreements,
        assessments,
        topics,
        progress,
        events,
    }))
}

fn cycle_from_row(row: &AnyRow) -> Result<StoredCycle, StorageError> {
    Ok(StoredCycle {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        manager_id: row.try_get("manager_id")?,
        employee_name: row.try_get("employee_name")?,
        employee_email: row.try_get("employee_email")?,
        department: row.try_get("department")?,
        start_on: row.try_get("start_on")?,
        decision_on: row.try_get("decision_on")?,
        career: row.try_get("career")?,
        conditions: row.try_get("conditions")?,
        manager_decided: row.try_get("manager_decided")?,
        planning_held_on: row.try_get("planning_held_on")?,
        scan_id: row.try_get("scan_id")?,
        scan_report: row.try_get("scan_report")?,
        profile_id: row.try_get("profile_id")?,
        salary_scale: row.try_get("salary_scale")?,
        competencies: row.try_get("competencies")?,
        revision: row.try_get("revision")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn agreement_from_row(row: &AnyRow) -> Result<StoredAgreement, StorageError> {
    Ok(StoredAgreement {
        id: row.try_get("id")?,
        cycle_id: row.try_get("cycle_id")?,
        kind: row.try_get("kind")?,
        position: row.try_get("position")?,
        text: row.try_get("text")?,
        weight: row.try_get("weight")?,
        crucial: row.try_get::<i64, _>("crucial")? == 1,
        competency_id: row.try_get("competency_id")?,
        status: row.try_get("status")?,
        replaces_id: row.try_get("replaces_id")?,
        created_at: row.try_get("created_at")?,
        changed_at: row.try_get("changed_at")?,
    })
}

/// `prefix` names the columns of a join (`a_stage`, …); empty for a plain select.
fn assessment_from_row(row: &AnyRow, prefix: &str) -> Result<StoredAssessment, StorageError> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(StoredAssessment {
        id: row.try_get(col("id").as_str())?,
        cycle_id: row.try_get(col("cycle_id").as_str())?,
        number: row.try_get(col("number").as_str())?,
        stage: row.try_get(col("stage").as_str())?,
        conversation_on: row.try_get(col("conversation_on").as_str())?,
        ratings: row.try_get(col("ratings").as_str())?,
        released_on: row.try_get(col("released_on").as_str())?,
        held_on: row.try_get(col("held_on").as_str())?,
        final_qualification: row.try_get(col("final_qualification").as_str())?,
        proposed_qualification: row.try_get(col("proposed_qualification").as_str())?,
        basis: row.try_get(col("basis").as_str())?,
        motivation: row.try_get(col("motivation").as_str())?,
        set_on: row.try_get(col("set_on").as_str())?,
        approved_on: row.try_get(col("approved_on").as_str())?,
        seen_on: row.try_get(col("seen_on").as_str())?,
        objections: row.try_get(col("objections").as_str())?,
        objection_held_on: row.try_get(col("objection_held_on").as_str())?,
        settlement: row.try_get(col("settlement").as_str())?,
        settlement_motivation: row.try_get(col("settlement_motivation").as_str())?,
        settled_on: row.try_get(col("settled_on").as_str())?,
    })
}

/// Claims a reminder; false when it was sent before (by this process or another).
pub async fn claim_reminder_in(
    conn: &mut AnyConnection,
    cycle_id: &str,
    about: &str,
    due_on: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let inserted = sqlx::query(
        "INSERT INTO appraisal_reminders (cycle_id, about, due_on, sent_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(cycle_id)
    .bind(about)
    .bind(due_on)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// A cycle's list line: who, which kind, which stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleListRow {
    pub id: String,
    pub kind: String,
    pub employee_name: String,
    pub department: String,
    pub start_on: String,
    pub decision_on: Option<String>,
    pub planning_held_on: Option<String>,
    pub manager_id: String,
    pub assessments: Vec<StoredAssessment>,
}

impl Db {
    /// Every cycle's id, oldest first (the reminder job walks them).
    pub async fn cycle_ids(&self) -> Result<Vec<String>, StorageError> {
        sqlx::query("SELECT id FROM appraisal_cycles ORDER BY created_at, id")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| Ok(row.try_get("id")?))
            .collect()
    }

    pub async fn load_cycle(&self, id: &str) -> Result<Option<StoredCycleRecord>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        load_cycle_in(&mut conn, id).await
    }

    /// The cycles a manager runs and the cycles about an employee address, newest first.
    pub async fn cycles_for(
        &self,
        manager_id: &str,
        employee_email: &str,
    ) -> Result<Vec<CycleListRow>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, kind, employee_name, department, start_on, decision_on, \
             planning_held_on, manager_id FROM appraisal_cycles \
             WHERE manager_id = $1 OR employee_email = LOWER($2) ORDER BY created_at DESC, id",
        )
        .bind(manager_id)
        .bind(employee_email.trim())
        .fetch_all(self.pool())
        .await?;
        let mut list = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.try_get("id")?;
            let assessments = self.assessments_of(&id).await?;
            list.push(CycleListRow {
                id,
                kind: row.try_get("kind")?,
                employee_name: row.try_get("employee_name")?,
                department: row.try_get("department")?,
                start_on: row.try_get("start_on")?,
                decision_on: row.try_get("decision_on")?,
                planning_held_on: row.try_get("planning_held_on")?,
                manager_id: row.try_get("manager_id")?,
                assessments,
            });
        }
        Ok(list)
    }

    async fn assessments_of(&self, cycle_id: &str) -> Result<Vec<StoredAssessment>, StorageError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM appraisal_assessments WHERE cycle_id = $1 \
             ORDER BY number"
        )))
        .bind(cycle_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| assessment_from_row(row, ""))
        .collect()
    }

    /// Every assessment with its cycle's department, manager and dates, for HR's overview.
    pub async fn appraisal_overview_rows(&self) -> Result<Vec<OverviewRow>, StorageError> {
        let columns = ASSESSMENT_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c} AS a_{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT c.id AS c_id, c.kind AS c_kind, c.department AS c_department, \
             c.manager_id AS c_manager_id, c.start_on AS c_start_on, \
             c.decision_on AS c_decision_on, c.planning_held_on AS c_planning_held_on, {columns} \
             FROM appraisal_assessments a JOIN appraisal_cycles c ON c.id = a.cycle_id \
             ORDER BY c.department, c.manager_id, c.id, a.number"
        )))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(OverviewRow {
                cycle_id: row.try_get("c_id")?,
                kind: row.try_get("c_kind")?,
                department: row.try_get("c_department")?,
                manager_id: row.try_get("c_manager_id")?,
                start_on: row.try_get("c_start_on")?,
                decision_on: row.try_get("c_decision_on")?,
                planning_held_on: row.try_get("c_planning_held_on")?,
                assessment: assessment_from_row(row, "a_")?,
            })
        })
        .collect()
    }
}
