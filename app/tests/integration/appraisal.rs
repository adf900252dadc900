//! Issue 22: Maastricht's cycle "het goede gesprek" through its one door (`app::appraisal`), on
//! SQLite and, when `TEST_POSTGRES_URL` is set, PostgreSQL. A probation from planning to the
//! second assessment (concept a week ahead, "voor gezien" with objections, the objection
//! conversation, the manager's setting with a motivation); every refusal the issue names leaves
//! the cycle, its assessments, its steps and the outbox exactly as they were; strangers and
//! administrators are told nothing exists; of two approvals at once exactly one lands; the
//! mails name no qualification; HR's overview names nobody's qualification.

use crate::support;

use app::appraisal::{AppraisalError, NewCycleInput, act, create, list_for, overview, view_for};
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::appraisal::command::{CycleCommand, PostedCycleCommand};
use app::storage::Db;
use app::storage::appraisal::StoredCycleRecord;
use support::scan::{DAY, NOW};

const BASE: &str = "https://cyclus.example.nl";
const MANAGER: &str = "leidinggevende@maastricht.nl";
const EMPLOYEE: &str = "medewerker@maastricht.nl";
const STRANGER: &str = "collega@maastricht.nl";
const ADMIN: &str = "hr@maastricht.nl";

async fn account(db: &Db, email: &str, role: Role) -> CurrentUser {
    let parsed = Email::parse(email).unwrap();
    let id = match db.create_account(&parsed, None, role, NOW).await {
        Ok(id) => id,
        Err(_) => db.find_login(&parsed).await.unwrap().unwrap().id,
    };
    CurrentUser {
        id,
        email: email.into(),
        role,
    }
}

struct People {
    manager: CurrentUser,
    employee: CurrentUser,
    stranger: CurrentUser,
    admin: CurrentUser,
}

async fn people(db: &Db) -> People {
    // The competency guide whose profiles development agreements draw on (seed 004).
    app::catalog::load_builtin(db, NOW).await.unwrap();
    People {
        manager: account(db, MANAGER, Role::Organiser).await,
        employee: account(db, EMPLOYEE, Role::Organiser).await,
        stranger: account(db, STRANGER, Role::Organiser).await,
        admin: account(db, ADMIN, Role::Admin).await,
    }
}

/// NOW is 2027-01-15; the probation runs from entry on 2027-01-04 to the decision a year on.
fn probation() -> NewCycleInput {
    NewCycleInput {
        kind: "probation".into(),
        employee_name: "Mila Martens".into(),
        employee_email: EMPLOYEE.into(),
        department: "Publiekszaken".into(),
        start_on: "2027-01-04".into(),
        decision_on: "2028-01-04".into(),
    }
}

fn posted(fields: &[(&str, &str)]) -> CycleCommand {
    let mut form = PostedCycleCommand::default();
    for (name, value) in fields {
        let value = value.to_string();
        match *name {
            "command" => form.command = value,
            "number" => form.number = value,
            "text" => form.text = value,
            "weight" => form.weight = value,
            "crucial" => form.crucial = value,
            "held_on" => form.held_on = value,
            "conversation_on" => form.conversation_on = value,
            "knowledge" => form.knowledge = value,
            "choice" => form.choice = value,
            "motivation" => form.motivation = value,
            "objections" => form.objections = value,
            "settlement" => form.settlement = value,
            "notes" => form.notes = value,
            "competency" => form.competency = value,
            "profile_id" => form.profile_id = value,
            "scale" => form.scale = value,
            "specific" => form.specific = list(&value),
            "own_choice" => form.own_choice = list(&value),
            other => panic!("unknown field {other}"),
        }
    }
    form.parse().expect("a valid command")
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The Frontoffice profile at scale 6 (3 core + its 4 specific), chosen by the manager.
async fn choose_profile(db: &Db, manager: &CurrentUser, id: &str) {
    let choose = posted(&[
        ("command", "choose_competencies"),
        ("profile_id", "medewerker-frontoffice"),
        ("scale", "6"),
    ]);
    ok(db, manager, id, choose, NOW).await;
}

async fn snapshot(db: &Db, id: &str) -> (StoredCycleRecord, i64) {
    let record = db.load_cycle(id).await.unwrap().unwrap();
    let outbox = db.list_outbox(1000).await.unwrap().len() as i64;
    (record, outbox)
}

/// `act` at `now`, expecting success.
async fn ok(db: &Db, user: &CurrentUser, id: &str, command: CycleCommand, now: i64) {
    act(db, user, id, None, command.clone(), BASE, now)
        .await
        .unwrap_or_else(|e| panic!("{command:?}: {e:?}"));
}

/// `act` at `now`, expecting a refusal that changes nothing.
async fn refused(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    command: CycleCommand,
    now: i64,
) -> AppraisalError {
    let before = snapshot(db, id).await;
    let error = act(db, user, id, None, command.clone(), BASE, now)
        .await
        .expect_err("refused");
    assert_eq!(
        snapshot(db, id).await,
        before,
        "{command:?} changed something"
    );
    error
}

/// Rates every current agreement of assessment `number` and the knowledge level.
async fn rate_all(
    db: &Db,
    manager: &CurrentUser,
    id: &str,
    number: &str,
    day: &str,
    code: &str,
    now: i64,
) {
    let v = view_for(db, manager, id, now).await.unwrap();
    let lines = &v
        .assessments
        .iter()
        .find(|a| a.number.to_string() == number)
        .expect("the assessment")
        .ratings;
    let mut form = PostedCycleCommand {
        command: "save_concept".into(),
        number: number.into(),
        conversation_on: day.into(),
        knowledge: code.into(),
        ..Default::default()
    };
    // Every work agreement and every chosen competency (art. 6 lid 5).
    for line in lines {
        form.rated_id.push(line.agreement_id.clone());
        form.rating.push(if line.crucial {
            "onvoldoende".into()
        } else {
            code.into()
        });
    }
    ok(db, manager, id, form.parse().unwrap(), now).await;
}

fn at(date: &str) -> i64 {
    // Noon in Maastricht on `date`.
    let d = app::domain::calendar::Date::parse_iso(date).unwrap();
    d.days_since_epoch() * DAY + 11 * 3600
}

#[tokio::test]
async fn a_probation_runs_from_planning_to_the_second_assessment_with_objections() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();

        // The schedule of art. 2 lid 3 and 6 lid 2.
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        let days: Vec<_> = v.schedule.iter().map(|s| s.by.as_str()).collect();
        assert_eq!(
            days,
            ["2027-02-04", "2027-06-04", "2027-12-04"],
            "{}",
            t.name
        );
        assert_eq!(v.assessments.len(), 2);

        // Planning: two weighed work agreements, three competencies, one crucial.
        for (text, weight) in [
            ("Balie zonder wachtrij", "2"),
            ("Klachten binnen 5 dagen", ""),
        ] {
            ok(
                db,
                &p.manager,
                &id,
                posted(&[
                    ("command", "add_work_agreement"),
                    ("text", text),
                    ("weight", weight),
                ]),
                NOW,
            )
            .await;
        }
        choose_profile(db, &p.manager, &id).await;
        for (competency, text, crucial) in [
            ("integriteit", "Integriteit", "on"),
            ("samenwerken", "Samenwerken", ""),
            ("klantgericht-werken", "Klantgericht werken", ""),
        ] {
            ok(
                db,
                &p.manager,
                &id,
                posted(&[
                    ("command", "add_development_agreement"),
                    ("competency", competency),
                    ("text", text),
                    ("crucial", crucial),
                ]),
                NOW,
            )
            .await;
        }
        ok(
            db,
            &p.manager,
            &id,
            posted(&[("command", "save_planning"), ("held_on", "2027-01-14")]),
            NOW,
        )
        .await;
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        assert_eq!(v.work_agreements[0].share, "66,7 %", "{}", t.name);
        assert_eq!(v.schedule[0].done_on.as_deref(), Some("2027-01-14"));

        // The employee sees no concept until it is released (art. 6 lid 3).
        rate_all(
            db,
            &p.manager,
            &id,
            "1",
            "2027-05-20",
            "goed",
            at("2027-05-01"),
        )
        .await;
        let seen = view_for(db, &p.employee, &id, at("2027-05-01"))
            .await
            .unwrap();
        assert!(
            seen.assessments.is_empty(),
            "{}: concept visible before release",
            t.name
        );

        // Released on 13 May for a conversation on 20 May: exactly a week, in time.
        ok(
            db,
            &p.manager,
            &id,
            posted(&[("command", "release_concept"), ("number", "1")]),
            at("2027-05-13"),
        )
        .await;
        let seen = view_for(db, &p.employee, &id, at("2027-05-13"))
            .await
            .unwrap();
        assert_eq!(seen.assessments.len(), 1);
        assert_eq!(seen.assessments[0].stage, "concept_released");

        // Held on the 20th; the crucial competency is "onvoldoende": art. 6 lid 7 is offered.
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "hold_assessment"),
                ("number", "1"),
                ("held_on", "2027-05-20"),
            ]),
            at("2027-05-20"),
        )
        .await;
        let v = view_for(db, &p.manager, &id, at("2027-05-20"))
            .await
            .unwrap();
        let proposal = v.assessments[0].proposal.clone().expect("everything rated");
        assert_eq!(proposal.crucial_offered, vec!["Integriteit".to_string()]);
        assert_eq!(
            proposal.qualification, "goed",
            "(4 + (1+4+4+4)/4) / 2 = 3.625"
        );
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "set_final"),
                ("number", "1"),
                ("choice", "crucial"),
                ("motivation", "Integriteit is cruciaal en onvoldoende."),
            ]),
            at("2027-05-21"),
        )
        .await;
        let v = view_for(db, &p.employee, &id, at("2027-05-21"))
            .await
            .unwrap();
        let first = &v.assessments[0];
        assert_eq!(first.final_qualification.as_deref(), Some("onvoldoende"));
        assert_eq!(
            first.deviation.as_ref().unwrap().nl,
            "3 stappen lager dan het voorstel (Goed)"
        );
        assert!(!first.extra_reward_possible);

        // The employee signs "voor gezien" and objects on the last day of the two weeks.
        ok(
            db,
            &p.employee,
            &id,
            posted(&[
                ("command", "sign_seen"),
                ("number", "1"),
                ("objections", "De integriteitskwestie is uitgesproken."),
            ]),
            at("2027-06-03"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "hold_objection_conversation"),
                ("number", "1"),
                ("held_on", "2027-06-10"),
            ]),
            at("2027-06-10"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "settle"),
                ("number", "1"),
                ("settlement", "changed"),
                ("choice", "normaal"),
                ("motivation", "Na het gesprek: normaal."),
            ]),
            at("2027-06-11"),
        )
        .await;
        let v = view_for(db, &p.employee, &id, at("2027-06-11"))
            .await
            .unwrap();
        let first = &v.assessments[0];
        assert_eq!(first.stage, "settled");
        assert_eq!(first.final_qualification.as_deref(), Some("normaal"));
        assert_eq!(first.settled_on.as_deref(), Some("2027-06-11"));

        // The second assessment: approved by the employee, "goed" shows the extra reward.
        rate_all(
            db,
            &p.manager,
            &id,
            "2",
            "2027-11-25",
            "goed",
            at("2027-11-10"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[("command", "release_concept"), ("number", "2")]),
            at("2027-11-10"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "hold_assessment"),
                ("number", "2"),
                ("held_on", "2027-11-25"),
            ]),
            at("2027-11-25"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "set_final"),
                ("number", "2"),
                ("choice", "proposal"),
                ("motivation", "Goed gewerkt."),
            ]),
            at("2027-11-25"),
        )
        .await;
        ok(
            db,
            &p.employee,
            &id,
            posted(&[("command", "approve"), ("number", "2")]),
            at("2027-11-26"),
        )
        .await;
        let v = view_for(db, &p.manager, &id, at("2027-11-26"))
            .await
            .unwrap();
        assert_eq!(v.assessments[1].stage, "approved");
        assert!(
            v.assessments[1].extra_reward_possible,
            "{}: art. 6 lid 9",
            t.name
        );
        // Every step is on the record with its date, in order.
        let actions: Vec<_> = v.events.iter().map(|e| e.action.nl.as_str()).collect();
        assert!(actions.contains(&"Beoordeling 1: voor gezien getekend, bedenkingen ingediend"));
        assert!(actions.contains(&"Bedenkingengesprek beoordeling 1 gevoerd"));
        assert!(v.events.windows(2).all(|w| w[0].at <= w[1].at));

        // The mails say what waits, never a qualification or a rating.
        use sqlx::Row;
        let outbox = app::storage::raw_rows(db, "SELECT subject, text_body, html_body FROM outbox")
            .await
            .unwrap();
        assert_eq!(
            outbox.len(),
            5,
            "{}: concept ×2, final ×2, objection",
            t.name
        );
        for row in &outbox {
            let text = ["subject", "text_body", "html_body"]
                .map(|c| row.try_get::<String, _>(c).unwrap())
                .join(" ")
                .to_lowercase();
            for label in [
                "onvoldoende",
                "normaal",
                " goed",
                "uitstekend",
                "integriteit",
                "balie",
            ] {
                assert!(!text.contains(label), "{}: {label} in a mail", t.name);
            }
            assert!(
                text.contains(&format!("{BASE}/cycli/{id}")),
                "{}: the link",
                t.name
            );
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn refusals_change_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        choose_profile(db, &p.manager, &id).await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "add_development_agreement"),
                ("competency", "samenwerken"),
                ("text", "Samenwerken"),
            ]),
            NOW,
        )
        .await;

        // Art. 4 lid 2 and 6 lid 6: no work agreement, so the weights sum to zero.
        rate_all(
            db,
            &p.manager,
            &id,
            "1",
            "2027-05-20",
            "goed",
            at("2027-05-01"),
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[("command", "release_concept"), ("number", "1")]),
            at("2027-05-13"),
        )
        .await;
        // Art. 6 lid 3: the conversation a day early, six days after the release.
        let early = posted(&[
            ("command", "hold_assessment"),
            ("number", "1"),
            ("held_on", "2027-05-19"),
        ]);
        assert!(matches!(
            refused(db, &p.manager, &id, early, at("2027-05-19")).await,
            AppraisalError::Refused(_)
        ));
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "hold_assessment"),
                ("number", "1"),
                ("held_on", "2027-05-20"),
            ]),
            at("2027-05-20"),
        )
        .await;
        let zero = posted(&[
            ("command", "set_final"),
            ("number", "1"),
            ("choice", "proposal"),
            ("motivation", "x"),
        ]);
        let error = refused(db, &p.manager, &id, zero, at("2027-05-20")).await;
        assert!(
            matches!(&error, AppraisalError::Refused(text) if text.nl.contains("tot nul")),
            "{}: {error:?}",
            t.name
        );

        // After the conversation the manager may still correct the ratings before setting.
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "add_work_agreement"),
                ("text", "Archief op orde"),
            ]),
            at("2027-05-20"),
        )
        .await;
        rate_all(
            db,
            &p.manager,
            &id,
            "1",
            "2027-05-20",
            "goed",
            at("2027-05-20"),
        )
        .await;
        // Art. 6 lid 8: no motivation.
        let bare = posted(&[
            ("command", "set_final"),
            ("number", "1"),
            ("choice", "goed"),
            ("motivation", "  "),
        ]);
        assert!(matches!(
            refused(db, &p.manager, &id, bare, at("2027-05-20")).await,
            AppraisalError::Invalid(_)
        ));
        // Art. 6 lid 7: the crucial rule without a crucial "onvoldoende".
        let crucial = posted(&[
            ("command", "set_final"),
            ("number", "1"),
            ("choice", "crucial"),
            ("motivation", "x"),
        ]);
        assert!(matches!(
            refused(db, &p.manager, &id, crucial, at("2027-05-20")).await,
            AppraisalError::Invalid(_)
        ));
        // An approval before anything is set, by the employee; a release twice.
        let approve = posted(&[("command", "approve"), ("number", "1")]);
        assert!(matches!(
            refused(db, &p.employee, &id, approve, at("2027-05-20")).await,
            AppraisalError::Refused(_)
        ));
        let again = posted(&[("command", "release_concept"), ("number", "1")]);
        assert!(matches!(
            refused(db, &p.manager, &id, again, at("2027-05-20")).await,
            AppraisalError::Refused(_)
        ));
        // A stale form.
        let revision = db.load_cycle(&id).await.unwrap().unwrap().cycle.revision;
        let before = snapshot(db, &id).await;
        let stale = posted(&[("command", "add_work_agreement"), ("text", "Te laat")]);
        assert!(matches!(
            act(db, &p.manager, &id, Some(revision - 1), stale, BASE, NOW).await,
            Err(AppraisalError::Stale)
        ));
        assert_eq!(snapshot(db, &id).await, before);
        // Art. 6 lid 11: objections after the two weeks.
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "set_final"),
                ("number", "1"),
                ("choice", "proposal"),
                ("motivation", "Goed."),
            ]),
            at("2027-05-21"),
        )
        .await;
        let late = posted(&[
            ("command", "sign_seen"),
            ("number", "1"),
            ("objections", "Te laat"),
        ]);
        assert!(matches!(
            refused(db, &p.employee, &id, late, at("2027-06-04")).await,
            AppraisalError::Refused(_)
        ));
        t.finish().await;
    }
}

#[tokio::test]
async fn a_released_concept_is_not_early_and_strangers_and_hr_see_no_cycle() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        choose_profile(db, &p.manager, &id).await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[("command", "add_work_agreement"), ("text", "Balie")]),
            NOW,
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "add_development_agreement"),
                ("competency", "samenwerken"),
                ("text", "Samenwerken"),
            ]),
            NOW,
        )
        .await;
        rate_all(
            db,
            &p.manager,
            &id,
            "1",
            "2027-05-20",
            "normaal",
            at("2027-05-01"),
        )
        .await;

        // Art. 6 lid 3: released on the 14th for the 20th is less than a week.
        let late = posted(&[("command", "release_concept"), ("number", "1")]);
        let error = refused(db, &p.manager, &id, late, at("2027-05-14")).await;
        assert!(
            matches!(&error, AppraisalError::Refused(text) if text.nl.contains("2027-05-21")),
            "{}: {error:?}",
            t.name
        );

        // Only the manager writes; nobody else even learns the cycle exists.
        let by_employee = posted(&[("command", "release_concept"), ("number", "1")]);
        assert!(matches!(
            refused(db, &p.employee, &id, by_employee, at("2027-05-01")).await,
            AppraisalError::Refused(_)
        ));
        for outsider in [&p.stranger, &p.admin] {
            let approve = posted(&[("command", "approve"), ("number", "1")]);
            assert!(matches!(
                refused(db, outsider, &id, approve, at("2027-05-01")).await,
                AppraisalError::Unknown
            ));
            assert!(matches!(
                view_for(db, outsider, &id, NOW).await,
                Err(AppraisalError::Unknown)
            ));
            assert!(list_for(db, outsider, NOW).await.unwrap().is_empty());
        }
        assert!(matches!(
            view_for(db, &p.manager, "0000", NOW).await,
            Err(AppraisalError::Unknown)
        ));
        // HR's overview is for administrators, and counts the cycle without naming anybody.
        assert!(matches!(
            overview(db, &p.stranger, NOW).await,
            Err(AppraisalError::Unknown)
        ));
        let hr = overview(db, &p.admin, NOW).await.unwrap();
        let text = serde_json::to_string(&hr).unwrap();
        assert!(
            !text.contains("Mila") && !text.contains(EMPLOYEE),
            "{}: a name in HR's overview",
            t.name
        );
        assert_eq!(
            hr.rows
                .iter()
                .map(|r| r.stages.iter().map(|s| s.count).sum::<usize>())
                .sum::<usize>(),
            2
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_rating_outside_the_five_labels_never_reaches_the_cycle() {
    let mut form = PostedCycleCommand {
        command: "save_concept".into(),
        number: "1".into(),
        conversation_on: "2027-05-20".into(),
        rated_id: vec!["x".into()],
        rating: vec!["zeer goed".into()],
        ..Default::default()
    };
    assert_eq!(form.parse().unwrap_err()[0].field, "rating_x");
    form.rating = vec!["goed".into()];
    form.knowledge = "7".into();
    assert_eq!(form.parse().unwrap_err()[0].field, "knowledge");
}

/// A work agreement and a competency, both rated `goed`, the concept released on 13 May and
/// the conversation held on 20 May: assessment 1 ready for the final setting.
async fn held_with_two_agreements(db: &Db, manager: &CurrentUser, id: &str) {
    let add = [
        posted(&[("command", "add_work_agreement"), ("text", "Balie")]),
        posted(&[
            ("command", "add_development_agreement"),
            ("competency", "samenwerken"),
            ("text", "Samenwerken"),
        ]),
    ];
    choose_profile(db, manager, id).await;
    for command in add {
        ok(db, manager, id, command, NOW).await;
    }
    rate_all(db, manager, id, "1", "2027-05-20", "goed", at("2027-05-01")).await;
    let release = posted(&[("command", "release_concept"), ("number", "1")]);
    ok(db, manager, id, release, at("2027-05-13")).await;
    let hold = posted(&[
        ("command", "hold_assessment"),
        ("number", "1"),
        ("held_on", "2027-05-20"),
    ]);
    ok(db, manager, id, hold, at("2027-05-20")).await;
}

#[tokio::test]
async fn of_two_approvals_at_once_exactly_one_lands() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        held_with_two_agreements(db, &p.manager, &id).await;
        // Art. 6 lid 4: the career agreements are evaluated, never weighed.
        let before = view_for(db, &p.manager, &id, at("2027-05-20"))
            .await
            .unwrap();
        let mut concept = PostedCycleCommand {
            command: "save_concept".into(),
            number: "1".into(),
            conversation_on: "2027-05-20".into(),
            knowledge: "goed".into(),
            career_evaluation: "De cursus Wmo is gevolgd; de stap naar teamleider nog niet.".into(),
            ..Default::default()
        };
        for line in &before.assessments[0].ratings {
            concept.rated_id.push(line.agreement_id.clone());
            concept.rating.push("goed".into());
        }
        ok(
            db,
            &p.manager,
            &id,
            concept.parse().unwrap(),
            at("2027-05-20"),
        )
        .await;
        let after = view_for(db, &p.manager, &id, at("2027-05-20"))
            .await
            .unwrap();
        assert!(
            after.assessments[0]
                .career_evaluation
                .starts_with("De cursus Wmo")
        );
        assert_eq!(
            after.assessments[0].proposal,
            before.assessments[0].proposal
        );
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "set_final"),
                ("number", "1"),
                ("choice", "proposal"),
                ("motivation", "Goed."),
            ]),
            at("2027-05-20"),
        )
        .await;
        let revision = db.load_cycle(&id).await.unwrap().unwrap().cycle.revision;
        let approve = posted(&[("command", "approve"), ("number", "1")]);
        let (a, b) = tokio::join!(
            act(
                db,
                &p.employee,
                &id,
                Some(revision),
                approve.clone(),
                BASE,
                at("2027-05-21")
            ),
            act(
                db,
                &p.employee,
                &id,
                Some(revision),
                approve.clone(),
                BASE,
                at("2027-05-21")
            ),
        );
        assert_eq!(
            a.is_ok() as u8 + b.is_ok() as u8,
            1,
            "{}: {a:?} {b:?}",
            t.name
        );
        let record = db.load_cycle(&id).await.unwrap().unwrap();
        assert_eq!(record.cycle.revision, revision + 1);
        assert_eq!(
            record
                .events
                .iter()
                .filter(|e| e.action == "approved")
                .count(),
            1
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_deadline_is_reminded_once_even_by_two_processes() {
    use app::appraisal::reminders::run_reminders;
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        // Planning is due 2027-02-04 and not held: the reminder goes out from 2027-02-01.
        assert_eq!(run_reminders(db, BASE, at("2027-01-31")).await.unwrap(), 0);
        let (a, b) = tokio::join!(
            run_reminders(db, BASE, at("2027-02-01")),
            run_reminders(db, BASE, at("2027-02-01"))
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1, "{}", t.name);
        assert_eq!(run_reminders(db, BASE, at("2027-02-10")).await.unwrap(), 0);
        use sqlx::Row;
        let rows = app::storage::raw_rows(db, "SELECT recipient, subject FROM outbox")
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].try_get::<String, _>("recipient").unwrap(), MANAGER);
        assert!(
            rows[0]
                .try_get::<String, _>("subject")
                .unwrap()
                .contains("2027-02-04")
        );
        let _ = id;
        t.finish().await;
    }
}

#[tokio::test]
async fn art_5_both_parties_bring_input_and_the_progress_conversation_is_recorded() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let two_years = NewCycleInput {
            kind: "two_years".into(),
            decision_on: String::new(),
            ..probation()
        };
        let id = create(db, &p.manager, &two_years, NOW).await.unwrap();
        ok(
            db,
            &p.employee,
            &id,
            posted(&[
                ("command", "add_topic"),
                ("text", "Ik wil de cursus Wmo volgen"),
            ]),
            NOW,
        )
        .await;
        ok(
            db,
            &p.manager,
            &id,
            posted(&[
                ("command", "add_topic"),
                ("text", "De wachttijden aan de balie"),
            ]),
            NOW,
        )
        .await;
        let mut progress = PostedCycleCommand {
            command: "record_progress".into(),
            held_on: "2027-01-14".into(),
            ..Default::default()
        };
        progress.notes = "Op koers; de balie-afspraak is bijgesteld.".into();
        // Only the manager records it, and not ahead of time.
        assert!(matches!(
            refused(db, &p.employee, &id, progress.parse().unwrap(), NOW).await,
            AppraisalError::Refused(_)
        ));
        let mut early = progress.clone();
        early.held_on = "2027-02-01".into();
        assert!(matches!(
            refused(db, &p.manager, &id, early.parse().unwrap(), NOW).await,
            AppraisalError::Invalid(_)
        ));
        ok(db, &p.manager, &id, progress.parse().unwrap(), NOW).await;
        let stranger_topic = posted(&[("command", "add_topic"), ("text", "Ik kijk mee")]);
        assert!(matches!(
            refused(db, &p.stranger, &id, stranger_topic, NOW).await,
            AppraisalError::Unknown
        ));

        let v = view_for(db, &p.employee, &id, NOW).await.unwrap();
        let by: Vec<_> = v.topics.iter().map(|t| t.added_by.as_str()).collect();
        assert_eq!(by, ["employee", "manager"], "{}", t.name);
        assert_eq!(v.progress.len(), 1);
        assert_eq!(
            v.progress[0].notes,
            "Op koers; de balie-afspraak is bijgesteld."
        );
        assert_eq!(v.schedule[1].done_on.as_deref(), Some("2027-01-14"));
        // Art. 5 and "op verzoek": another progress conversation keeps the first.
        let second = posted(&[
            ("command", "record_progress"),
            ("held_on", "2027-01-15"),
            ("notes", "Extra gesprek op verzoek van de medewerker."),
        ]);
        ok(db, &p.manager, &id, second, NOW).await;
        let v = view_for(db, &p.employee, &id, NOW).await.unwrap();
        let held: Vec<_> = v.progress.iter().map(|p| p.held_on.as_str()).collect();
        assert_eq!(held, ["2027-01-14", "2027-01-15"], "{}", t.name);
        assert_eq!(v.schedule[1].done_on.as_deref(), Some("2027-01-14"));
        t.finish().await;
    }
}

#[tokio::test]
async fn art_6_10_the_employee_asks_for_a_scan_and_the_manager_hears_of_it() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        let ask = posted(&[("command", "request_scan")]);
        assert!(matches!(
            refused(db, &p.manager, &id, ask.clone(), NOW).await,
            AppraisalError::Refused(_)
        ));
        ok(db, &p.employee, &id, ask, NOW).await;
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        assert!(
            v.events
                .iter()
                .any(|e| e.action.nl.starts_with("360°-scan aangevraagd"))
        );
        use sqlx::Row;
        let rows = app::storage::raw_rows(db, "SELECT recipient, subject FROM outbox")
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{}", t.name);
        assert_eq!(rows[0].try_get::<String, _>("recipient").unwrap(), MANAGER);
        t.finish().await;
    }
}

#[tokio::test]
async fn article_3_development_agreements_are_made_on_the_chosen_profiles_competencies() {
    for t in support::all().await {
        let db = &t.db;
        let p = people(db).await;
        let id = create(db, &p.manager, &probation(), NOW).await.unwrap();
        let on = |competency: &'static str| {
            posted(&[
                ("command", "add_development_agreement"),
                ("competency", competency),
                ("text", "Laat het zien in het klantcontact"),
            ])
        };
        // No profile yet: no development agreement (art. 3 lid 2).
        let AppraisalError::Invalid(problems) =
            refused(db, &p.manager, &id, on("samenwerken"), NOW).await
        else {
            panic!("{}: not refused as invalid", t.name)
        };
        assert_eq!(problems[0].field, "competency");

        // A Vakspecialist without its four specific ones, a management profile with a choice,
        // three of the manager's choice, and a scale the guide does not describe: refused.
        for (profile, scale, specific, own_choice, field) in [
            ("vakspecialist", "8", "", "", "specific"),
            ("teammanager", "11", "", "luisteren", "own_choice"),
            (
                "adviseur",
                "9",
                "",
                "luisteren,vernieuwen,initiatief",
                "own_choice",
            ),
            ("adviseur", "2", "", "", "scale"),
            ("adviseur", "9", "", "integriteit", "own_choice"),
        ] {
            let choose = posted(&[
                ("command", "choose_competencies"),
                ("profile_id", profile),
                ("scale", scale),
                ("specific", specific),
                ("own_choice", own_choice),
            ]);
            let AppraisalError::Invalid(problems) = refused(db, &p.manager, &id, choose, NOW).await
            else {
                panic!("{}: {profile} not refused as invalid", t.name)
            };
            assert!(
                problems.iter().any(|p| p.field == field),
                "{}: {profile}: {problems:?}",
                t.name
            );
        }
        // Only the manager chooses.
        let choose = posted(&[
            ("command", "choose_competencies"),
            ("profile_id", "adviseur"),
            ("scale", "9"),
            ("own_choice", "luisteren,vernieuwen"),
        ]);
        assert!(matches!(
            refused(db, &p.employee, &id, choose.clone(), NOW).await,
            AppraisalError::Refused(_)
        ));
        ok(db, &p.manager, &id, choose, NOW).await;
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        let profile = v.profile.expect("the profile is shown");
        assert_eq!(profile.name, "Adviseur");
        assert_eq!(profile.level, "Schaal 8–10", "{}", t.name);
        let sources: Vec<_> = profile
            .competencies
            .iter()
            .map(|c| c.source.as_str())
            .collect();
        assert_eq!(
            sources,
            [
                "core", "core", "core", "specific", "specific", "specific", "specific", "choice",
                "choice"
            ]
        );
        assert!(
            profile
                .competencies
                .iter()
                .all(|c| !c.behaviours.is_empty())
        );
        assert!(v.options.is_some(), "the manager may still change it");
        let employee_view = view_for(db, &p.employee, &id, NOW).await.unwrap();
        assert!(employee_view.options.is_none());
        assert_eq!(employee_view.profile.unwrap().competencies.len(), 9);

        // Agreements on chosen competencies only, one each.
        assert!(matches!(
            refused(db, &p.manager, &id, on("presentatie"), NOW).await,
            AppraisalError::Invalid(_)
        ));
        ok(db, &p.manager, &id, on("luisteren"), NOW).await;
        assert!(matches!(
            refused(db, &p.manager, &id, on("luisteren"), NOW).await,
            AppraisalError::Invalid(_)
        ));
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        assert_eq!(v.development_agreements[0].competency, "Luisteren");
        assert!(
            v.profile
                .unwrap()
                .competencies
                .iter()
                .any(|c| c.id == "luisteren" && c.agreed)
        );
        // Art. 6 lid 5: the concept rates every chosen competency, with or without an agreement.
        let rated: Vec<_> = v.assessments[0]
            .ratings
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(rated.len(), 9, "{rated:?}");
        assert!(rated.contains(&"Luisteren: Laat het zien in het klantcontact"));
        assert!(rated.contains(&"Integriteit"));
        let mut stray = PostedCycleCommand {
            command: "save_concept".into(),
            number: "1".into(),
            conversation_on: "2027-05-20".into(),
            ..Default::default()
        };
        stray.rated_id.push("presentatie".into());
        stray.rating.push("goed".into());
        assert!(matches!(
            refused(db, &p.manager, &id, stray.parse().unwrap(), NOW).await,
            AppraisalError::Invalid(_)
        ));

        // A competency with an agreement does not leave the selection silently.
        let without = posted(&[
            ("command", "choose_competencies"),
            ("profile_id", "adviseur"),
            ("scale", "9"),
            ("own_choice", "vernieuwen"),
        ]);
        let AppraisalError::Invalid(problems) = refused(db, &p.manager, &id, without, NOW).await
        else {
            panic!("{}: not refused", t.name)
        };
        assert!(problems[0].nl.contains("Luisteren"), "{problems:?}");

        // The Vakspecialist's four set by the manager (art. 3 lid 3).
        let vakspecialist = posted(&[
            ("command", "choose_competencies"),
            ("profile_id", "vakspecialist"),
            ("scale", "12"),
            ("specific", "analyseren,luisteren,vernieuwen,initiatief"),
        ]);
        ok(db, &p.manager, &id, vakspecialist, NOW).await;
        let v = view_for(db, &p.manager, &id, NOW).await.unwrap();
        let profile = v.profile.unwrap();
        assert_eq!(profile.competencies.len(), 7);
        assert_eq!(profile.level, "Schaal 11–18");
        t.finish().await;
    }
}
