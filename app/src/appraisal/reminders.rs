//! Reminders of a cycle's deadlines (issue 22): the planning conversation (art. 2 lid 7, 4 lid 1)
//! to the manager, and per assessment the deadline it waits on (art. 6 lid 3, 11, 12) to
//! whoever must act — the employee for objections, the manager otherwise. Each goes out once,
//! `assessment_flow::REMIND_DAYS_BEFORE` days ahead or as soon as the job sees it later; the claim in
//! `appraisal_reminders` and the queued mail are one transaction, so several processes never
//! send one twice. The mail names the step and the day, never a rating.

use crate::domain::account::Email;
use crate::domain::appraisal::assessment_flow::{self, Stage, reminder_due};
use crate::domain::appraisal::cycle_plan::{ConversationKind, CycleKind, plan};
use crate::domain::calendar::{Date, amsterdam_date};
use crate::domain::language::Language;
use crate::email::templates::render;
use crate::storage::appraisal::{self as store, StoredCycleRecord};
use crate::storage::{Db, StorageError, enqueue_email_about_in};

/// One reminder to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub about: String,
    pub by: Date,
    pub to_employee: bool,
    pub what_nl: String,
    pub what_en: String,
}

/// The reminders a cycle owes on `today` (claimed or not).
pub fn due(record: &StoredCycleRecord, today: Date) -> Vec<Reminder> {
    let mut due = Vec::new();
    let cycle = &record.cycle;
    let kind = CycleKind::parse(&cycle.kind).unwrap_or(CycleKind::TwoYears);
    let start = Date::parse_iso(&cycle.start_on);
    let decision = cycle.decision_on.as_deref().and_then(Date::parse_iso);
    let planning = start
        .and_then(|s| plan(kind, s, decision).ok())
        .filter(|_| cycle.planning_held_on.is_none())
        .and_then(|plan| {
            plan.conversations
                .into_iter()
                .find(|p| p.kind == ConversationKind::Planning)
        })
        .filter(|planning| reminder_due(planning.by, today));
    if let Some(planning) = planning {
        due.push(Reminder {
            about: "planning".into(),
            by: planning.by,
            to_employee: false,
            what_nl: "het planningsgesprek voeren".into(),
            what_en: "hold the planning conversation".into(),
        });
    }
    for a in &record.assessments {
        let day = |t: &Option<String>| t.as_deref().and_then(Date::parse_iso);
        let Some(stage) = Stage::parse(&a.stage) else {
            continue;
        };
        let next = assessment_flow::next_deadline(
            stage,
            day(&a.conversation_on),
            day(&a.held_on),
            day(&a.seen_on),
            day(&a.objection_held_on),
        );
        if let Some((deadline, by)) = next.filter(|(_, by)| reminder_due(*by, today)) {
            due.push(Reminder {
                about: format!("{}:{}", a.number, deadline.code()),
                by,
                to_employee: deadline.for_employee(),
                what_nl: format!("beoordeling {}: {}", a.number, deadline.label(Language::Nl)),
                what_en: format!("assessment {}: {}", a.number, deadline.label(Language::En)),
            });
        }
    }
    due
}

/// Sends every reminder due at `now` that was not sent before; answers how many were queued.
pub async fn run_reminders(db: &Db, base_url: &str, now: i64) -> Result<usize, StorageError> {
    let today = amsterdam_date(now);
    let mut sent = 0;
    for id in db.cycle_ids().await? {
        let Some(record) = db.load_cycle(&id).await? else {
            continue;
        };
        for reminder in due(&record, today) {
            let to = if reminder.to_employee {
                Some(record.cycle.employee_email.clone())
            } else {
                db.find_account(&record.cycle.manager_id)
                    .await?
                    .map(|a| a.email)
            };
            let Some(to) = to.and_then(|to| Email::parse(&to).ok()) else {
                continue;
            };
            let mut tx = db.begin().await?;
            if !store::claim_reminder_in(&mut tx, &id, &reminder.about, &reminder.by.iso(), now)
                .await?
            {
                continue;
            }
            let link = format!("{}/cycli/{id}", base_url.trim_end_matches('/'));
            let by = reminder.by.iso();
            let rendered = render(
                &super::mail::REMINDER,
                Language::Nl,
                &[
                    ("name", record.cycle.employee_name.as_str()),
                    ("what", reminder.what_nl.as_str()),
                    ("what_en", reminder.what_en.as_str()),
                    ("by", by.as_str()),
                    ("link", link.as_str()),
                ],
            );
            let about = format!("cycle:{id}");
            enqueue_email_about_in(
                &mut tx,
                &rendered.into_email(to, Some(about.clone())),
                Some(&about),
                now,
            )
            .await?;
            tx.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// How often the job looks: reminders are by the day, so hourly is plenty.
const INTERVAL: std::time::Duration = std::time::Duration::from_secs(3600);

/// Starts the reminder job (a round at once, then every hour); abort the handle to stop it.
pub fn spawn_reminder_job(db: Db, base_url: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match run_reminders(&db, &base_url, crate::state::unix_now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "cycle reminders queued"),
                Err(error) => tracing::warn!(%error, "cycle reminders failed; trying again"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::appraisal::{StoredAssessment, StoredCycle};

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn record(stage: &str, planning_held: Option<&str>) -> StoredCycleRecord {
        StoredCycleRecord {
            cycle: StoredCycle {
                id: "c".into(),
                kind: "probation".into(),
                manager_id: "m".into(),
                employee_name: "Mila".into(),
                employee_email: "mila@maastricht.nl".into(),
                department: String::new(),
                start_on: "2027-01-04".into(),
                decision_on: Some("2028-01-04".into()),
                career: String::new(),
                conditions: String::new(),
                manager_decided: String::new(),
                planning_held_on: planning_held.map(str::to_owned),
                scan_id: None,
                scan_report: None,
                profile_id: None,
                salary_scale: None,
                competencies: String::new(),
                revision: 1,
                created_at: 0,
                updated_at: 0,
            },
            agreements: Vec::new(),
            assessments: vec![StoredAssessment {
                number: 1,
                stage: stage.into(),
                conversation_on: Some("2027-03-10".into()),
                held_on: Some("2027-03-10".into()),
                ..Default::default()
            }],
            topics: Vec::new(),
            progress: Vec::new(),
            events: Vec::new(),
        }
    }

    #[test]
    fn art_2_7_the_planning_reminder_goes_to_the_manager_three_days_before_a_month_after_entry() {
        let open = record("concept", None);
        assert!(due(&open, d("2027-01-31")).is_empty());
        let due_now = due(&open, d("2027-02-01"));
        assert_eq!(due_now.len(), 1);
        assert_eq!(
            (due_now[0].about.as_str(), due_now[0].by),
            ("planning", d("2027-02-04"))
        );
        assert!(!due_now[0].to_employee);
        assert!(due(&record("concept", Some("2027-01-20")), d("2027-02-01")).is_empty());
    }

    #[test]
    fn art_6_3_and_6_11_each_stage_reminds_whoever_must_act() {
        let held = Some("2027-01-20");
        let concept = due(&record("concept", held), d("2027-02-28"));
        assert_eq!(concept[0].about, "1:release_concept");
        assert_eq!(concept[0].by, d("2027-03-03"));
        assert!(due(&record("concept", held), d("2027-02-27")).is_empty());
        let objections = due(&record("final_set", held), d("2027-03-21"));
        assert_eq!(objections[0].about, "1:objections");
        assert!(objections[0].to_employee);
        assert!(due(&record("approved", held), d("2027-12-01")).is_empty());
    }
}
