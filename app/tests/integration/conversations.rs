//! Issue 21: conversation records through their one door (`app::conversations`), on SQLite and,
//! when `TEST_POSTGRES_URL` is set, PostgreSQL. The secretary's whole conversation (plan, agenda,
//! topic, held, summary, proposal, change, sign-off, approval, reader, archive, PDF, the next
//! conversation looking back); every change by every role in every state, allowed or refused,
//! with the record (rows, audit trail, outbox) unchanged after each refusal; the personal link
//! as an attacker with a copy of the database would look for it; strangers and administrators
//! told nothing exists; the audit trail in order; two approvals at once.

use crate::support;

use std::time::Duration;

use app::auth::scan_link::LinkSecret;
use app::conversations::{
    ConversationError, NewConversation, NewParticipant, Visitor, act, create, document, list_for,
    open_link, view,
};
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::conversation::{
    Actor, AgreementInput, AgreementOutcome, AuditAction, RecordAction, RecordCommand, RecordRules,
    RecordState, Refusal, SectionText, check,
};
use app::email::{Mailer, run_once};
use app::state::Settings;
use app::storage::Db;
use sqlx::Row;
use support::scan::{DAY, NOW};

const BASE: &str = "https://gesprek.example.nl";
const TYPE: &str = "functioneringsgesprek-secretaris";
const MAYOR: &str = "burgemeester@gemeente.nl";
const ALDERMAN: &str = "wethouder@gemeente.nl";
const OTHER: &str = "hr@gemeente.nl";
const SECRETARY: &str = "secretaris@gemeente.nl";
const READER: &str = "lezer@gemeente.nl";
const STRANGER: &str = "iemand@gemeente.nl";
const ADMIN: &str = "beheer@gemeente.nl";

fn settings() -> Settings {
    Settings {
        base_url: BASE.into(),
        secure_cookies: true,
        session_ttl: Duration::from_secs(3600),
        link_secret: LinkSecret::generate(),
        trusted_proxies: Default::default(),
    }
}

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

/// Everyone the tests need, each signed in with an account.
struct People {
    mayor: Visitor,
    alderman: Visitor,
    other: Visitor,
    secretary: Visitor,
    reader: Visitor,
    stranger: Visitor,
    admin: Visitor,
    mayor_user: CurrentUser,
}

async fn people(db: &Db) -> People {
    let mayor_user = account(db, MAYOR, Role::Organiser).await;
    People {
        mayor: Visitor::account(&mayor_user),
        alderman: Visitor::account(&account(db, ALDERMAN, Role::Organiser).await),
        other: Visitor::account(&account(db, OTHER, Role::Organiser).await),
        secretary: Visitor::account(&account(db, SECRETARY, Role::Organiser).await),
        reader: Visitor::account(&account(db, READER, Role::Organiser).await),
        stranger: Visitor::account(&account(db, STRANGER, Role::Organiser).await),
        admin: Visitor::account(&account(db, ADMIN, Role::Admin).await),
        mayor_user,
    }
}

fn secretary_form(subject_email: &str) -> NewConversation {
    NewConversation {
        type_id: TYPE.into(),
        subject_name: "Piet Jansen".into(),
        subject_email: subject_email.into(),
        participants: vec![
            NewParticipant {
                role: "burgemeester".into(),
                name: "Anna de Burg".into(),
                email: MAYOR.into(),
            },
            NewParticipant {
                role: "wethouder-po".into(),
                name: "Willem Wet".into(),
                email: ALDERMAN.into(),
            },
            NewParticipant {
                role: "overige".into(),
                name: "Hanna Raad".into(),
                email: OTHER.into(),
            },
        ],
        settings: Default::default(),
    }
}

fn plan(minutes: u32) -> RecordCommand {
    RecordCommand::Plan {
        starts_on: "2027-02-15".into(),
        starts_at: "10:00".into(),
        place: "Raadhuis, kamer 2".into(),
        duration_minutes: minutes,
    }
}

fn summary(text: &str) -> (Vec<SectionText>, Vec<AgreementInput>) {
    (
        vec![
            SectionText {
                section_id: "resultaten".into(),
                text: format!("{text}: de resultaten"),
            },
            SectionText {
                section_id: "vorming-opleiding".into(),
                text: "Een leergang".into(),
            },
        ],
        vec![AgreementInput {
            what: "Leergang strategisch advies".into(),
            who: "Secretaris".into(),
            due_on: "2027-09-01".into(),
        }],
    )
}

fn save_summary(text: &str) -> RecordCommand {
    let (sections, agreements) = summary(text);
    RecordCommand::SaveSummary {
        sections,
        agreements,
    }
}

fn change_summary(text: &str) -> RecordCommand {
    let (sections, agreements) = summary(text);
    RecordCommand::ChangeSummary {
        sections,
        agreements,
    }
}

async fn ok(
    db: &Db,
    settings: &Settings,
    who: &Visitor,
    id: &str,
    command: RecordCommand,
    now: i64,
) {
    let what = format!("{command:?}");
    act(db, settings, who, id, command, None, now)
        .await
        .unwrap_or_else(|e| panic!("{what} should be allowed: {e:?}"));
}

/// A record of the secretary's conversation driven to `state` by the parties whose step it is.
async fn record_in(db: &Db, settings: &Settings, p: &People, state: RecordState) -> String {
    let id = create(db, settings, &p.mayor_user, secretary_form(SECRETARY), NOW)
        .await
        .unwrap();
    ok(db, settings, &p.mayor, &id, plan(90), NOW).await;
    let order = [
        RecordState::Planned,
        RecordState::AgendaSent,
        RecordState::Held,
        RecordState::SummaryProposed,
        RecordState::Approved,
        RecordState::Archived,
    ];
    for step in order.iter().skip(1).take_while(|s| **s <= state) {
        match step {
            RecordState::AgendaSent => {
                ok(db, settings, &p.mayor, &id, RecordCommand::SendAgenda, NOW).await
            }
            RecordState::Held => {
                ok(db, settings, &p.mayor, &id, RecordCommand::MarkHeld, NOW).await;
                ok(db, settings, &p.alderman, &id, save_summary("Eerst"), NOW).await;
            }
            RecordState::SummaryProposed => {
                ok(
                    db,
                    settings,
                    &p.alderman,
                    &id,
                    RecordCommand::ProposeSummary,
                    NOW,
                )
                .await
            }
            RecordState::Approved => {
                ok(db, settings, &p.secretary, &id, RecordCommand::Approve, NOW).await;
                let reader = RecordCommand::AddReader {
                    name: "Lies Lezer".into(),
                    email: READER.into(),
                };
                ok(db, settings, &p.mayor, &id, reader, NOW).await;
            }
            RecordState::Archived => {
                ok(db, settings, &p.mayor, &id, RecordCommand::Archive, NOW).await
            }
            _ => unreachable!(),
        }
    }
    id
}

async fn count(db: &Db, sql: &str) -> i64 {
    app::storage::raw_rows(db, sql).await.unwrap()[0]
        .try_get::<i64, _>(0)
        .unwrap()
}

/// Everything a change could touch: the whole record, its audit trail and the outbox.
async fn snapshot(
    db: &Db,
    id: &str,
) -> (
    app::storage::conversations::StoredRecord,
    Vec<app::storage::conversations::StoredAuditLine>,
    i64,
    i64,
) {
    (
        db.load_conversation(id).await.unwrap().unwrap(),
        db.conversation_audit(id).await.unwrap(),
        count(db, "SELECT COUNT(*) FROM outbox").await,
        count(db, "SELECT COUNT(*) FROM conversation_links").await,
    )
}

fn actions(view: &app::domain::conversation::RecordView) -> Vec<AuditAction> {
    view.audit
        .as_ref()
        .unwrap()
        .iter()
        .map(|l| l.action)
        .collect()
}

#[tokio::test]
async fn the_secretarys_conversation_from_plan_to_archive_and_the_next_one_looks_back() {
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        let p = people(db).await;
        let id = create(db, &settings, &p.mayor_user, secretary_form(SECRETARY), NOW)
            .await
            .unwrap();
        let first = view(db, &p.mayor, &id, NOW).await.unwrap();
        assert_eq!(first.state, RecordState::Planned, "{}", t.name);
        assert_eq!(first.viewer, Actor::Planner);
        assert_eq!(first.viewer_role, "Burgemeester");
        assert!(!first.agenda.is_empty(), "{}: the sample agenda", t.name);
        assert!(first.agenda[0].text.starts_with("Terugblik"));
        assert_eq!(first.parties.len(), 4);
        assert!(first.previous_agreements.is_empty());
        assert!(first.allowed.contains(&RecordAction::Plan));

        // A plan below the type's 90 minutes is kept, with a warning.
        ok(db, &settings, &p.mayor, &id, plan(60), NOW).await;
        let warned = view(db, &p.mayor, &id, NOW).await.unwrap();
        assert!(warned.duration_warning.is_some(), "{}", t.name);
        assert_eq!(warned.plan.as_ref().unwrap().start_time, "10:00");
        ok(db, &settings, &p.mayor, &id, plan(90), NOW).await;
        assert!(
            view(db, &p.mayor, &id, NOW)
                .await
                .unwrap()
                .duration_warning
                .is_none()
        );
        // A plan in the past is refused under its field.
        let past = RecordCommand::Plan {
            starts_on: "2026-01-01".into(),
            starts_at: "10:00".into(),
            place: "Raadhuis".into(),
            duration_minutes: 90,
        };
        assert!(matches!(
            act(db, &settings, &p.mayor, &id, past, None, NOW).await,
            Err(ConversationError::Invalid(_))
        ));

        let topic = RecordCommand::AddTopic {
            text: "Mijn opleidingswens".into(),
        };
        ok(db, &settings, &p.secretary, &id, topic, NOW + 1).await;
        ok(
            db,
            &settings,
            &p.mayor,
            &id,
            RecordCommand::SendAgenda,
            NOW + 2,
        )
        .await;
        let to_secretary = count(
            db,
            &format!(
                "SELECT COUNT(*) FROM outbox WHERE recipient = '{SECRETARY}' \
                 AND about = 'conversation:{id}'"
            ),
        )
        .await;
        assert_eq!(
            to_secretary, 1,
            "{}: the agenda went to the secretary",
            t.name
        );
        ok(
            db,
            &settings,
            &p.alderman,
            &id,
            RecordCommand::MarkHeld,
            NOW + 3,
        )
        .await;
        ok(
            db,
            &settings,
            &p.alderman,
            &id,
            save_summary("Concept"),
            NOW + 4,
        )
        .await;
        ok(
            db,
            &settings,
            &p.alderman,
            &id,
            RecordCommand::ProposeSummary,
            NOW + 5,
        )
        .await;
        ok(
            db,
            &settings,
            &p.mayor,
            &id,
            RecordCommand::SignOff,
            NOW + 6,
        )
        .await;
        // The secretary may change the summary (seed 001); the mayor then signs again.
        ok(
            db,
            &settings,
            &p.secretary,
            &id,
            change_summary("Aangepast"),
            NOW + 7,
        )
        .await;
        let changed = view(db, &p.secretary, &id, NOW + 7).await.unwrap();
        assert!(
            changed
                .sections
                .iter()
                .any(|s| s.text == "Aangepast: de resultaten")
        );
        assert!(
            changed.parties.iter().all(|p| p.signed_at.is_none()),
            "{}: a changed summary is signed again",
            t.name
        );
        ok(
            db,
            &settings,
            &p.mayor,
            &id,
            RecordCommand::SignOff,
            NOW + 8,
        )
        .await;
        ok(
            db,
            &settings,
            &p.alderman,
            &id,
            RecordCommand::SignOff,
            NOW + 8,
        )
        .await;
        ok(
            db,
            &settings,
            &p.secretary,
            &id,
            RecordCommand::Approve,
            NOW + 9,
        )
        .await;
        let approved = view(db, &p.secretary, &id, NOW + 9).await.unwrap();
        assert_eq!(approved.state, RecordState::Approved);
        assert!(approved.keep_until.unwrap() > NOW + 3 * 365 * DAY - 2 * DAY);
        assert!(
            approved
                .parties
                .iter()
                .find(|p| p.is_subject)
                .unwrap()
                .signed_at
                .is_some()
        );
        assert_eq!(approved.agreements.len(), 1);
        let reader = RecordCommand::AddReader {
            name: "Lies Lezer".into(),
            email: READER.into(),
        };
        ok(db, &settings, &p.mayor, &id, reader, NOW + 10).await;
        let read = view(db, &p.reader, &id, NOW + 11).await.unwrap();
        assert_eq!(read.viewer, Actor::Reader);
        assert_eq!(
            read.allowed,
            vec![RecordAction::Read, RecordAction::DownloadPdf]
        );
        assert!(
            read.audit.is_none(),
            "{}: readers do not see the trail",
            t.name
        );
        ok(
            db,
            &settings,
            &p.mayor,
            &id,
            RecordCommand::Archive,
            NOW + 12,
        )
        .await;
        let doc = document(db, &p.secretary, &id, NOW + 13).await.unwrap();
        assert_eq!(doc.subject_name, "Piet Jansen");
        assert_eq!(doc.agreements.len(), 1);
        assert_eq!(doc.state, "archived");

        // The trail, in order, as the secretary reads it.
        let trail = view(db, &p.secretary, &id, NOW + 14).await.unwrap();
        let changes: Vec<AuditAction> = actions(&trail)
            .into_iter()
            .filter(|a| *a != AuditAction::Read)
            .collect();
        use AuditAction::*;
        assert_eq!(
            changes,
            vec![
                Created,
                Planned,
                Planned,
                TopicAdded,
                AgendaSent,
                Held,
                SummarySaved,
                SummaryProposed,
                Signed,
                SummaryChanged,
                Signed,
                Signed,
                Approved,
                ReaderAdded,
                Archived,
                PdfDownloaded
            ],
            "{}",
            t.name
        );
        let lines = trail.audit.as_ref().unwrap();
        assert_eq!(
            lines.last().unwrap().action,
            Read,
            "this read is listed too"
        );
        assert!(lines.last().unwrap().actor.contains("Piet Jansen"));
        assert!(
            lines
                .iter()
                .any(|l| l.action == Read && l.actor.contains("Lies Lezer"))
        );
        assert!(lines.windows(2).all(|w| w[0].at <= w[1].at));

        // Lists: each party sees it, the stranger and the administrator do not.
        assert_eq!(list_for(db, &p.mayor_user).await.unwrap().len(), 1);
        for nobody in [&p.stranger, &p.admin] {
            let user = nobody.account.as_ref().unwrap();
            assert!(list_for(db, user).await.unwrap().is_empty(), "{}", t.name);
        }

        // The next conversation about the same person looks back on these agreements.
        let next = create(
            db,
            &settings,
            &p.mayor_user,
            secretary_form(SECRETARY),
            NOW + DAY,
        )
        .await
        .unwrap();
        let next_view = view(db, &p.secretary, &next, NOW + DAY).await.unwrap();
        assert_eq!(next_view.previous_agreements.len(), 1, "{}", t.name);
        assert_eq!(
            next_view.previous_agreements[0].what,
            "Leergang strategisch advies"
        );
        // Nor does a conversation about the same person started by somebody who took no part
        // in the previous one: its agreements are that record's, read by its parties only.
        let mut outsider_form = secretary_form(SECRETARY);
        outsider_form.participants[0].email = STRANGER.into();
        let outsiders = create(
            db,
            &settings,
            p.stranger.account.as_ref().unwrap(),
            outsider_form,
            NOW + DAY,
        )
        .await
        .unwrap();
        let outsiders_view = view(db, &p.stranger, &outsiders, NOW + DAY).await.unwrap();
        assert!(
            outsiders_view.previous_agreements.is_empty(),
            "{}: {:?}",
            t.name,
            outsiders_view.previous_agreements
        );

        // What became of an agreement is recorded in the next conversation once it is held;
        // the previous record shows the outcome, and its trail says who recorded it, from where.
        ok(
            db,
            &settings,
            &p.mayor,
            &next,
            RecordCommand::MarkHeld,
            NOW + DAY,
        )
        .await;
        let look_back = |agreement_id: &str| RecordCommand::LookBack {
            agreement_id: agreement_id.to_owned(),
            outcome: "done".into(),
            note: "Afgerond in maart".into(),
        };
        let agreement_id = next_view.previous_agreements[0].id.clone();
        ok(
            db,
            &settings,
            &p.other,
            &next,
            look_back(&agreement_id),
            NOW + DAY,
        )
        .await;
        let looked = view(db, &p.secretary, &next, NOW + DAY).await.unwrap();
        assert_eq!(
            looked.previous_agreements[0].outcome,
            AgreementOutcome::Done
        );
        assert_eq!(
            looked.previous_agreements[0].outcome_note,
            "Afgerond in maart"
        );
        let trail = db.conversation_audit(&id).await.unwrap();
        let last = trail.last().unwrap();
        assert_eq!(last.action, "outcome_recorded", "{}", t.name);
        assert_eq!(last.detail, next);
        assert!(last.actor.contains("Hanna Raad"), "{}", last.actor);
        // The outsider's record has nothing to look back on: the same agreement's id from
        // there is refused, and the previous record is unchanged.
        ok(
            db,
            &settings,
            &p.stranger,
            &outsiders,
            RecordCommand::MarkHeld,
            NOW + DAY,
        )
        .await;
        let before = snapshot(db, &id).await;
        assert!(matches!(
            act(
                db,
                &settings,
                &p.stranger,
                &outsiders,
                look_back(&agreement_id),
                None,
                NOW + DAY
            )
            .await,
            Err(ConversationError::Invalid(_))
        ));
        assert_eq!(snapshot(db, &id).await, before, "{}", t.name);
        // Another person's conversation does not.
        let other = create(
            db,
            &settings,
            &p.mayor_user,
            secretary_form("andere.secretaris@gemeente.nl"),
            NOW + DAY,
        )
        .await
        .unwrap();
        assert!(
            view(db, &p.mayor, &other, NOW + DAY)
                .await
                .unwrap()
                .previous_agreements
                .is_empty()
        );
        t.finish().await;
    }
}

/// Who each visitor is in the record, in `state` (the reader is named once approved).
fn expected_actor(who: &str, state: RecordState) -> Actor {
    match who {
        "mayor" => Actor::Planner,
        "other" => Actor::Participant,
        "secretary" => Actor::Subject,
        "reader" if state.is_final() => Actor::Reader,
        _ => Actor::Stranger,
    }
}

fn commands() -> Vec<RecordCommand> {
    vec![
        plan(90),
        RecordCommand::AddTopic {
            text: "Een punt".into(),
        },
        RecordCommand::SendAgenda,
        RecordCommand::MarkHeld,
        save_summary("Tekst"),
        RecordCommand::ProposeSummary,
        change_summary("Anders"),
        RecordCommand::Approve,
        RecordCommand::SignOff,
        RecordCommand::Share,
        RecordCommand::Archive,
        RecordCommand::AttachScan {
            scan_id: "bestaat-niet".into(),
        },
        RecordCommand::AddReader {
            name: "Nog Een".into(),
            email: "nog.een@gemeente.nl".into(),
        },
    ]
}

#[tokio::test]
async fn every_change_by_every_role_in_every_state_is_allowed_or_refused_without_a_trace() {
    let rules = RecordRules {
        subject_may_change: true,
    };
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        let p = people(db).await;
        let visitors = [
            ("mayor", &p.mayor),
            ("other", &p.other),
            ("secretary", &p.secretary),
            ("reader", &p.reader),
            ("stranger", &p.stranger),
            ("admin", &p.admin),
        ];
        let (mut allowed, mut refused) = (0, 0);
        for state in [
            RecordState::Planned,
            RecordState::AgendaSent,
            RecordState::Held,
            RecordState::SummaryProposed,
            RecordState::Approved,
            RecordState::Archived,
        ] {
            let shared = record_in(db, &settings, &p, state).await;
            for (who, visitor) in visitors {
                let actor = expected_actor(who, state);
                for command in commands() {
                    let action = command.action();
                    let what = format!("{}: {who} {action:?} in {state:?}", t.name);
                    match check(state, actor, action, rules) {
                        Ok(after) => {
                            allowed += 1;
                            let id = record_in(db, &settings, &p, state).await;
                            let result = act(db, &settings, visitor, &id, command, None, NOW).await;
                            match result {
                                Ok(revision) => {
                                    let stored = db.load_conversation(&id).await.unwrap().unwrap();
                                    assert_eq!(stored.conversation.state, after.as_str(), "{what}");
                                    // The answered revision is the stored one: the page's
                                    // next form is made from it.
                                    assert_eq!(stored.conversation.revision, revision, "{what}");
                                }
                                // Allowed, but this input cannot be done here: a scan that does
                                // not exist, nobody left to share with.
                                Err(ConversationError::Invalid(_))
                                    if matches!(
                                        action,
                                        RecordAction::AttachScan | RecordAction::Share
                                    ) => {}
                                Err(e) => panic!("{what}: should be allowed, got {e:?}"),
                            }
                        }
                        Err(refusal) => {
                            refused += 1;
                            let before = snapshot(db, &shared).await;
                            let result =
                                act(db, &settings, visitor, &shared, command, None, NOW).await;
                            match (&refusal, result) {
                                (Refusal::Unknown, Err(ConversationError::Unknown)) => {}
                                (_, Err(ConversationError::Refused(got))) => {
                                    assert_eq!(got, refusal, "{what}")
                                }
                                (_, other) => panic!("{what}: expected {refusal:?}, got {other:?}"),
                            }
                            assert_eq!(snapshot(db, &shared).await, before, "{what}: changed");
                        }
                    }
                }
                // Reading: parties in every state, readers once shared, nobody else.
                let read = view(db, visitor, &shared, NOW).await;
                match check(state, actor, RecordAction::Read, rules) {
                    Ok(_) => assert!(read.is_ok(), "{}: {who} reads in {state:?}", t.name),
                    Err(Refusal::Unknown) => assert!(
                        matches!(read, Err(ConversationError::Unknown)),
                        "{}: {who} in {state:?}",
                        t.name
                    ),
                    Err(_) => assert!(matches!(read, Err(ConversationError::Refused(_)))),
                }
            }
        }
        // A few of the table's answers spelled out, so the test does not only agree with itself.
        assert!(
            allowed > 40 && refused > 300,
            "{allowed} allowed, {refused} refused"
        );
        let held = record_in(db, &settings, &p, RecordState::Held).await;
        assert!(matches!(
            act(
                db,
                &settings,
                &p.secretary,
                &held,
                save_summary("x"),
                None,
                NOW
            )
            .await,
            Err(ConversationError::Refused(Refusal::NotForActor { .. }))
        ));
        assert!(matches!(
            act(
                db,
                &settings,
                &p.admin,
                &held,
                RecordCommand::MarkHeld,
                None,
                NOW
            )
            .await,
            Err(ConversationError::Unknown)
        ));
        let planned = record_in(db, &settings, &p, RecordState::Planned).await;
        assert!(matches!(
            act(
                db,
                &settings,
                &p.other,
                &planned,
                RecordCommand::SendAgenda,
                None,
                NOW
            )
            .await,
            Err(ConversationError::Refused(Refusal::NotForActor { .. }))
        ));
        assert!(matches!(
            act(
                db,
                &settings,
                &p.mayor,
                &planned,
                RecordCommand::Approve,
                None,
                NOW
            )
            .await,
            Err(ConversationError::Refused(Refusal::NotForActor { .. }))
        ));
        // A form made from an older revision changes nothing.
        let revision = view(db, &p.mayor, &planned, NOW).await.unwrap().revision;
        ok(db, &settings, &p.mayor, &planned, plan(120), NOW).await;
        let before = snapshot(db, &planned).await;
        assert!(matches!(
            act(
                db,
                &settings,
                &p.mayor,
                &planned,
                plan(60),
                Some(revision),
                NOW
            )
            .await,
            Err(ConversationError::Stale)
        ));
        assert_eq!(snapshot(db, &planned).await, before);
        t.finish().await;
    }
}

/// The 64-hex token after `BASE/g/` in an .eml file (soft line breaks of quoted-printable undone).
fn token_in_eml(eml: &str) -> String {
    let flat = eml.replace("=\r\n", "").replace("=\n", "");
    let prefix = format!("{BASE}/g/");
    let start = flat
        .find(&prefix)
        .expect("the message holds a personal link")
        + prefix.len();
    flat[start..start + 64].to_owned()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_personal_link_opens_the_record_for_thirty_days_and_is_nowhere_at_rest() {
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        let mayor = account(db, MAYOR, Role::Organiser).await;
        // The secretary has no account: only the link lets them in.
        let id = create(db, &settings, &mayor, secretary_form(SECRETARY), NOW)
            .await
            .unwrap();
        let mayor = Visitor::account(&mayor);
        ok(db, &settings, &mayor, &id, plan(90), NOW).await;
        ok(db, &settings, &mayor, &id, RecordCommand::SendAgenda, NOW).await;

        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::File(dir.path().to_owned());
        let sent = run_once(
            db,
            &mailer,
            "Ontwikkelscan <noreply@example.nl>",
            &settings.link_secret,
            "w",
            NOW,
        )
        .await
        .unwrap();
        assert!(sent.sent >= 1, "{}", t.name);
        let mut tokens = Vec::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let eml = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            if eml.contains(&format!("To: {SECRETARY}")) {
                tokens.push(token_in_eml(&eml));
            }
        }
        assert_eq!(tokens.len(), 1, "{}: one agenda to the secretary", t.name);
        let token = tokens.pop().unwrap();
        assert!(
            app::auth::token::looks_like_token(&token),
            "64 hex characters: {token}"
        );

        // The link opens the record, as the person discussed, for 30 days.
        assert_eq!(open_link(db, &token, NOW + DAY).await.unwrap(), id);
        let by_link = Visitor::link(&token);
        let seen = view(db, &by_link, &id, NOW + DAY).await.unwrap();
        assert_eq!(seen.viewer, Actor::Subject, "{}", t.name);
        let topic = RecordCommand::AddTopic {
            text: "Via de link".into(),
        };
        ok(db, &settings, &by_link, &id, topic, NOW + DAY).await;
        assert!(open_link(db, &token, NOW + 30 * DAY - 1).await.is_ok());
        for late in [NOW + 30 * DAY, NOW + 31 * DAY] {
            assert!(matches!(
                open_link(db, &token, late).await,
                Err(ConversationError::Unknown)
            ));
            assert!(matches!(
                view(db, &by_link, &id, late).await,
                Err(ConversationError::Unknown)
            ));
        }
        // A link made for one record opens no other.
        let other = create(
            db,
            &settings,
            &account(db, MAYOR, Role::Organiser).await,
            secretary_form(SECRETARY),
            NOW,
        )
        .await
        .unwrap();
        assert!(matches!(
            view(db, &by_link, &other, NOW + DAY).await,
            Err(ConversationError::Unknown)
        ));
        // Malformed and unknown tokens look the same.
        for bad in ["", "abc", &"0".repeat(64), &token.to_uppercase()] {
            assert!(matches!(
                open_link(db, bad, NOW).await,
                Err(ConversationError::Unknown)
            ));
        }

        // At rest: only the hash, in the links table; the outbox keeps neither token nor key.
        let hash = app::auth::token::hash_token(&token);
        assert_eq!(
            count(
                db,
                &format!("SELECT COUNT(*) FROM conversation_links WHERE token_hash = '{hash}'")
            )
            .await,
            1
        );
        let outbox = app::storage::raw_rows(
            db,
            "SELECT recipient, subject, text_body, html_body, \
             COALESCE(link_invitation, '') AS l FROM outbox",
        )
        .await
        .unwrap();
        for row in &outbox {
            for i in 0..5 {
                let value: String = row.try_get(i).unwrap();
                assert!(
                    !value.contains(&token),
                    "{}: outbox holds the token",
                    t.name
                );
                assert!(
                    !value.contains("conversation-link:"),
                    "{}: a sent message keeps no key",
                    t.name
                );
            }
        }
        if let Some(file) = t.sqlite_file() {
            db.close().await;
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", file.display());
                if let Ok(bytes) = std::fs::read(&path) {
                    assert!(
                        !contains(&bytes, token.as_bytes()),
                        "{path} holds the token"
                    );
                }
            }
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn strangers_and_administrators_not_named_are_told_nothing_exists() {
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        let p = people(db).await;
        let id = record_in(db, &settings, &p, RecordState::Approved).await;
        let before = snapshot(db, &id).await;
        for nobody in [
            &p.stranger,
            &p.admin,
            &Visitor::default(),
            &Visitor::link(&"a".repeat(64)),
        ] {
            assert!(matches!(
                view(db, nobody, &id, NOW).await,
                Err(ConversationError::Unknown)
            ));
            assert!(matches!(
                document(db, nobody, &id, NOW).await,
                Err(ConversationError::Unknown)
            ));
            assert!(matches!(
                act(db, &settings, nobody, &id, RecordCommand::Share, None, NOW).await,
                Err(ConversationError::Unknown)
            ));
        }
        // The same answer as for a record that does not exist.
        assert!(matches!(
            view(db, &p.mayor, "bestaat-niet", NOW).await,
            Err(ConversationError::Unknown)
        ));
        assert_eq!(
            snapshot(db, &id).await,
            before,
            "{}: no read was logged",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_approvals_at_once_exactly_one_wins() {
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        let p = people(db).await;
        for round in 0..4 {
            let id = record_in(db, &settings, &p, RecordState::SummaryProposed).await;
            let attempt = |visitor: Visitor| {
                let (db, settings, id) = (db.clone(), settings.clone(), id.clone());
                tokio::spawn(async move {
                    act(
                        &db,
                        &settings,
                        &visitor,
                        &id,
                        RecordCommand::Approve,
                        None,
                        NOW,
                    )
                    .await
                })
            };
            let (a, b) = (attempt(p.secretary.clone()), attempt(p.secretary.clone()));
            let results = [a.await.unwrap(), b.await.unwrap()];
            let wins = results.iter().filter(|r| r.is_ok()).count();
            assert_eq!(wins, 1, "{} round {round}: {results:?}", t.name);
            for r in &results {
                assert!(
                    matches!(
                        r,
                        Ok(_) | Err(ConversationError::Stale) | Err(ConversationError::Refused(_))
                    ),
                    "{r:?}"
                );
            }
            let approvals = db
                .conversation_audit(&id)
                .await
                .unwrap()
                .iter()
                .filter(|l| l.action == "approved")
                .count();
            assert_eq!(approvals, 1, "{}", t.name);
        }
        t.finish().await;
    }
}

/// A comment only the report's readers may see.
const SECRET_COMMENT: &str = "Alleen voor de lezers van het rapport";

/// Answers every statement of the scan (4) with `comment` on every competency, and sends it.
async fn answer_everything(db: &Db, scan: &support::scan::OpenScan, token: &str, comment: &str) {
    let mut r = app::respond::respondent(db, &scan.secret, token, NOW + 1)
        .await
        .unwrap();
    for (i, section) in r.questionnaire.sections.clone().iter().enumerate() {
        let mut pairs: Vec<(String, String)> = section
            .items
            .iter()
            .map(|item| (format!("r:{}", item.key), "4".to_owned()))
            .collect();
        pairs.push((format!("c:{}", section.competency_id), comment.to_owned()));
        app::respond::save_section(db, &mut r, i, &pairs, &[])
            .await
            .unwrap();
    }
    app::respond::submit(db, &r, NOW + 2).await.unwrap();
}

#[tokio::test]
async fn a_closed_scan_about_the_same_person_is_attached_with_its_report_frozen() {
    for t in support::all().await {
        let db = &t.db;
        let settings = settings();
        // hr@ organises the scan about Piet Jansen and takes part in the conversation.
        let scan = support::scan::open_scan(db, &support::scan::colleagues(3, "", "collega")).await;
        let p = people(db).await;
        let id = record_in(db, &settings, &p, RecordState::Held).await;
        let attach = || RecordCommand::AttachScan {
            scan_id: scan.id.clone(),
        };
        // Still open: not attachable.
        assert!(matches!(
            act(db, &settings, &p.other, &id, attach(), None, NOW).await,
            Err(ConversationError::Invalid(_))
        ));
        // The colleagues answer, each with a comment in their own words.
        for (n, (_, token)) in scan.tokens(db).await.iter().enumerate() {
            answer_everything(db, &scan, token, &format!("{SECRET_COMMENT} {n}")).await;
        }
        app::scans::service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, NOW + DAY)
            .await
            .unwrap();
        // The mayor reads no report of this scan; a link proves nothing about reports.
        assert!(matches!(
            act(db, &settings, &p.mayor, &id, attach(), None, NOW + DAY).await,
            Err(ConversationError::Invalid(_))
        ));
        let before = snapshot(db, &id).await;
        ok(db, &settings, &p.other, &id, attach(), NOW + DAY).await;
        let seen = view(db, &p.secretary, &id, NOW + DAY).await.unwrap();
        assert_eq!(seen.scans.len(), 1, "{}", t.name);
        assert_eq!(seen.scans[0].scan_id, scan.id);
        assert!(!seen.scans[0].report.rows.is_empty(), "{}", t.name);
        // The record keeps the figures, not the informants' words: the person discussed and
        // the record's readers need not be readers of the report. Not in what a party is
        // shown, nor in what the record stores.
        let shown = serde_json::to_string(&seen).unwrap();
        assert!(!shown.contains(SECRET_COMMENT), "{}", t.name);
        let stored = app::storage::raw_rows(db, "SELECT report_view FROM conversation_scans")
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        let stored: String = stored[0].try_get("report_view").unwrap();
        assert!(!stored.contains(SECRET_COMMENT), "{}", t.name);
        let full = app::report::view(db, &scan.organiser, &scan.id)
            .await
            .unwrap();
        assert!(
            serde_json::to_string(&full)
                .unwrap()
                .contains(SECRET_COMMENT),
            "the report's own readers do see the comments"
        );
        assert_ne!(snapshot(db, &id).await.0, before.0);
        // Twice: refused.
        assert!(matches!(
            act(db, &settings, &p.other, &id, attach(), None, NOW + DAY).await,
            Err(ConversationError::Invalid(_))
        ));
        // A record about someone else does not take this scan.
        let mut form = secretary_form("ander@gemeente.nl");
        form.subject_name = "Karel Anders".into();
        let elsewhere = create(db, &settings, &p.mayor_user, form, NOW)
            .await
            .unwrap();
        assert!(matches!(
            act(
                db,
                &settings,
                &p.other,
                &elsewhere,
                attach(),
                None,
                NOW + DAY
            )
            .await,
            Err(ConversationError::Invalid(_))
        ));
        t.finish().await;
    }
}
