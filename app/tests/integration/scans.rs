//! Scans and invitations end to end below the web layer: the services, the storage on every
//! available backend, and the emails delivered through a real SMTP server process.

use crate::support;

use std::collections::HashSet;

use app::auth::draft_seal::DraftSeal;
use app::auth::scan_link::LinkSecret;
use app::auth::token::hash_token;
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::informants::{Informant, InformantError};
use app::domain::scan::progress::{Delivery, InvitationStatus};
use app::domain::scan::{
    LockedField, ScanDraft, ScanError, ScanStatus, default_groups, preselect_from_profile,
};
use app::domain::user_error::UserError;
use app::email::{RunSummary, run_once};
use app::scans::ScanServiceError;
use app::scans::mail::LinkMaker;
use app::scans::service::{self, ScheduledWork};
use app::storage::Db;
use support::scan::organiser;
use support::smtp::{FROM, SmtpServer, free_port, smtp_mailer};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;
const BASE: &str = "https://scan.gemeente.example.nl";

struct World {
    secret: LinkSecret,
    organiser: CurrentUser,
    other: CurrentUser,
}

impl World {
    async fn new(db: &Db) -> Self {
        app::catalog::load_builtin(db, NOW).await.unwrap();
        World {
            secret: LinkSecret::generate(),
            organiser: organiser(db, "hr@gemeente.nl", NOW).await,
            other: organiser(db, "ander@gemeente.nl", NOW).await,
        }
    }

    fn links(&self) -> LinkMaker<'_> {
        LinkMaker {
            base_url: BASE,
            secret: &self.secret,
        }
    }
}

/// A Maastricht scan for a policy adviser at level 8-10.
fn maastricht_draft() -> ScanDraft {
    let fw = app::domain::catalog::builtin()
        .into_iter()
        .find(|f| f.id == "maastricht-2014")
        .unwrap();
    let profile = fw.profiles.first().unwrap().id.clone();
    ScanDraft {
        subject_name: "Piet Jansen".into(),
        subject_email: "piet.jansen@gemeente.nl".into(),
        subject_job_title: "Beleidsmedewerker".into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        competency_ids: preselect_from_profile(&fw, &profile),
        profile_id: Some(profile),
        level_id: Some("8-10".into()),
        include_next_level: false,
        groups: default_groups(&fw.id),
        k: 3,
        deadline: NOW + 14 * DAY,
        language: Default::default(),
        introduction: "Graag uw eerlijke blik.".into(),
        introduction_self: String::new(),
        report_readers: vec!["manager@gemeente.nl".into()],
        reminder_days: Some(3),
        person_status: false,
    }
}

fn informant(email: &str, group: &str) -> Informant {
    Informant {
        name: email.split('@').next().unwrap().to_owned(),
        email: Email::parse(email).unwrap(),
        group: group.to_owned(),
    }
}

fn colleagues(n: usize) -> Vec<Informant> {
    (0..n)
        .map(|i| informant(&format!("collega{i}@gemeente.nl"), "colleagues"))
        .collect()
}

/// The personal link's token from a delivered message's text.
fn token_in(text: &str) -> String {
    let start = text
        .find(&format!("{BASE}/s/"))
        .expect("the message holds a personal link")
        + BASE.len()
        + 3;
    text[start..start + 64].to_owned()
}

/// Runs the worker until the outbox has nothing due at `now`.
async fn drain(db: &Db, secret: &LinkSecret, port: u16, now: i64) -> RunSummary {
    let mailer = smtp_mailer(port);
    let mut total = RunSummary::default();
    loop {
        let round = run_once(db, &mailer, FROM, secret, "test-worker", now)
            .await
            .unwrap();
        if round == RunSummary::default() {
            return total;
        }
        total.sent += round.sent;
        total.retried += round.retried;
        total.failed += round.failed;
    }
}

fn user_error(result: Result<impl std::fmt::Debug, ScanServiceError>) -> UserError {
    match result {
        Err(ScanServiceError::User(e)) => e,
        other => panic!("expected a user error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_opened_scan_mails_working_personal_links_through_smtp() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let server = SmtpServer::start(free_port());
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        service::add_informants(db, &w.links(), &w.organiser, &id, &colleagues(3), NOW)
            .await
            .unwrap();
        // A draft sends nothing.
        assert_eq!(
            drain(db, &w.secret, server.port, NOW).await,
            RunSummary::default(),
            "{}",
            t.name
        );

        let sent = service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
            .await
            .unwrap();
        assert_eq!(sent, 4, "three colleagues and the subject ({})", t.name);
        assert_eq!(drain(db, &w.secret, server.port, NOW).await.sent, 4);
        let delivered = server.deliveries();
        assert_eq!(delivered.len(), 4);
        let mut tokens = HashSet::new();
        for message in &delivered {
            let text = message["text"].as_str().unwrap();
            let html = message["html"].as_str().unwrap();
            let token = token_in(text);
            assert!(html.contains(&token), "the HTML part has the same link");
            if message["rcpt_tos"][0] != "piet.jansen@gemeente.nl" {
                assert!(message["subject"].as_str().unwrap().contains("Piet Jansen"));
            }
            // The link works: it finds exactly this invitation, its scan and (once saved) its
            // draft, in the one query the respondent pages make. On SQLite that query reads on
            // the calling thread; the pool's answer is the same.
            assert_eq!(db.reads_directly(), t.name == "sqlite");
            let through_pool = db.clone().pool_reads_only();
            let seal = DraftSeal::for_token(&token);
            let link = db
                .find_link(&hash_token(&token), seal.id())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                Some(&link),
                through_pool
                    .find_link(&hash_token(&token), seal.id())
                    .await
                    .unwrap()
                    .as_ref()
            );
            assert_eq!(link.scan.id, id);
            let invitation = db
                .list_invitations(&id)
                .await
                .unwrap()
                .into_iter()
                .find(|i| i.id == link.invitation.id)
                .unwrap();
            assert_eq!(
                message["rcpt_tos"][0].as_str().unwrap(),
                invitation.email,
                "{}",
                t.name
            );
            assert_eq!(link.invitation.group_id, invitation.group_id);
            assert_eq!(link.scan, db.find_scan(&id).await.unwrap().unwrap());
            assert_eq!(link.sealed_draft, None);
            let marker = w.secret.submission_marker(&invitation.id);
            let saved = db
                .change_draft(seal.id(), &id, &marker, |old| {
                    assert_eq!(old, None);
                    Ok::<_, ()>(seal.seal(&id, r#"{"ratings":{},"comments":{}}"#))
                })
                .await
                .unwrap();
            assert_eq!(saved, Some(Ok(())));
            let link = db
                .find_link(&hash_token(&token), seal.id())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                Some(&link),
                through_pool
                    .find_link(&hash_token(&token), seal.id())
                    .await
                    .unwrap()
                    .as_ref()
            );
            let sealed = link.sealed_draft.as_deref().expect("the sealed draft");
            assert!(!sealed.contains("ratings"), "{}", t.name);
            assert_eq!(
                seal.open(&id, sealed).as_deref(),
                Ok(r#"{"ratings":{},"comments":{}}"#),
                "{}",
                t.name
            );
            // Another link's draft id finds the invitation but not this draft.
            let other = db
                .find_link(
                    &hash_token(&token),
                    DraftSeal::for_token(&"0".repeat(64)).id(),
                )
                .await
                .unwrap()
                .unwrap();
            assert_eq!(other.sealed_draft, None);
            tokens.insert(token);
        }
        assert_eq!(tokens.len(), 4, "every invitation has its own link");

        let overview = service::overview(db, &w.secret, &w.organiser, &id)
            .await
            .unwrap();
        assert_eq!(overview.stored.status, ScanStatus::Open);
        assert!(
            overview
                .invitations
                .iter()
                .all(|i| i.delivery == Some(Delivery::Sent))
        );
        // By default nobody sees who responded: counts only.
        assert!(overview.invitations.iter().all(|i| i.submitted.is_none()));
        let colleagues_row = overview
            .progress
            .iter()
            .find(|p| p.group_id == "colleagues")
            .unwrap();
        assert_eq!((colleagues_row.invited, colleagues_row.submitted), (3, 0));
        let self_row = overview
            .progress
            .iter()
            .find(|p| p.group_id == "self")
            .unwrap();
        assert_eq!(self_row.invited, 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn a_4xx_is_retried_and_a_5xx_marks_the_invitation_failed_with_the_reason() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let server = SmtpServer::start(free_port());
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        let list = vec![
            informant("uitstel@gemeente.nl", "colleagues"),
            informant("weiger@gemeente.nl", "staff"),
        ];
        service::add_informants(db, &w.links(), &w.organiser, &id, &list, NOW)
            .await
            .unwrap();
        service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
            .await
            .unwrap();

        let first = drain(db, &w.secret, server.port, NOW).await;
        assert_eq!(
            (first.sent, first.retried, first.failed),
            (1, 1, 1),
            "{}",
            t.name
        );
        let overview = service::overview(db, &w.secret, &w.organiser, &id)
            .await
            .unwrap();
        let line = |email: &str| {
            overview
                .invitations
                .iter()
                .find(|i| i.email == email)
                .unwrap()
                .clone()
        };
        let postponed = line("uitstel@gemeente.nl");
        assert_eq!(postponed.delivery, Some(Delivery::Queued));
        assert!(postponed.delivery_error.unwrap().contains("451"));
        let refused = line("weiger@gemeente.nl");
        assert_eq!(refused.delivery, Some(Delivery::Failed));
        assert!(
            refused.delivery_error.unwrap().contains("550"),
            "{}",
            t.name
        );
        let staff = overview
            .progress
            .iter()
            .find(|p| p.group_id == "staff")
            .unwrap();
        assert_eq!(staff.failed, 1);

        // The retry comes after the backoff and is accepted.
        assert_eq!(
            drain(db, &w.secret, server.port, NOW + 29).await,
            RunSummary::default()
        );
        assert_eq!(drain(db, &w.secret, server.port, NOW + 30).await.sent, 1);
        let overview = service::overview(db, &w.secret, &w.organiser, &id)
            .await
            .unwrap();
        let postponed = overview
            .invitations
            .iter()
            .find(|i| i.email.starts_with("uitstel"))
            .unwrap();
        assert_eq!(postponed.delivery, Some(Delivery::Sent));
        let to: Vec<String> = server
            .deliveries()
            .iter()
            .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(to.iter().filter(|a| a.starts_with("uitstel")).count(), 1);
        assert!(!to.iter().any(|a| a.starts_with("weiger")));
        t.finish().await;
    }
}

#[tokio::test]
async fn two_hundred_invitations_survive_a_stopped_smtp_server_and_arrive_exactly_once() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let port = free_port();
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        service::add_informants(db, &w.links(), &w.organiser, &id, &colleagues(199), NOW)
            .await
            .unwrap();
        assert_eq!(
            service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
                .await
                .unwrap(),
            200
        );
        // The SMTP server is down: every message waits for a retry, none is lost.
        let down = drain(db, &w.secret, port, NOW).await;
        assert_eq!(
            (down.sent, down.retried, down.failed),
            (0, 200, 0),
            "{}",
            t.name
        );

        let server = SmtpServer::start(port);
        // Two workers share the work once the backoff has passed.
        let mailer = smtp_mailer(port);
        let (a, b) = tokio::join!(
            async {
                let mut n = 0;
                loop {
                    let r = run_once(db, &mailer, FROM, &w.secret, "worker-a", NOW + 30)
                        .await
                        .unwrap();
                    if r.handled() == 0 {
                        return n;
                    }
                    n += r.sent;
                }
            },
            async {
                let mut n = 0;
                loop {
                    let r = run_once(db, &mailer, FROM, &w.secret, "worker-b", NOW + 30)
                        .await
                        .unwrap();
                    if r.handled() == 0 {
                        return n;
                    }
                    n += r.sent;
                }
            }
        );
        assert_eq!(a + b, 200, "{}", t.name);
        let delivered = server.deliveries();
        assert_eq!(delivered.len(), 200, "{}", t.name);
        let unique: HashSet<String> = delivered
            .iter()
            .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            unique.len(),
            200,
            "nobody got the invitation twice ({})",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn bad_scan_input_is_refused_with_every_problem_and_stores_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let bad = ScanDraft {
            subject_name: "  ".into(),
            subject_email: "geen-adres".into(),
            k: 1,
            deadline: NOW - 1,
            competency_ids: vec![],
            ..maastricht_draft()
        };
        match service::create_scan(db, &w.organiser, &bad, NOW).await {
            Err(ScanServiceError::Invalid(errors)) => {
                assert!(errors.contains(&ScanError::SubjectNameMissing));
                assert!(errors.contains(&ScanError::KTooSmall { k: 1, min: 2 }));
                assert!(
                    errors
                        .iter()
                        .any(|e| matches!(e, ScanError::InvalidSubjectEmail { .. }))
                );
                assert!(
                    errors
                        .iter()
                        .any(|e| matches!(e, ScanError::DeadlineNotInFuture { .. }))
                );
                assert!(errors.contains(&ScanError::NoCompetencies));
            }
            other => panic!("expected form errors, got {other:?}"),
        }
        // An organiser who is the subject may not ask to see who responded.
        let own = ScanDraft {
            subject_email: "hr@gemeente.nl".into(),
            person_status: true,
            ..maastricht_draft()
        };
        match service::create_scan(db, &w.organiser, &own, NOW).await {
            Err(ScanServiceError::Invalid(errors)) => {
                assert_eq!(errors, vec![ScanError::PersonStatusForSubject])
            }
            other => panic!("expected the person-status refusal, got {other:?}"),
        }
        // An unknown framework version.
        let unknown = ScanDraft {
            framework_version: 99,
            ..maastricht_draft()
        };
        assert!(matches!(
            service::create_scan(db, &w.organiser, &unknown, NOW).await,
            Err(ScanServiceError::Invalid(_))
        ));
        assert!(db.list_scans(None).await.unwrap().is_empty(), "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn bad_informants_are_refused_all_or_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        let mixed = vec![
            informant("a@gemeente.nl", "colleagues"),
            informant("b@gemeente.nl", "bestaat-niet"),
            informant("a@gemeente.nl", "staff"),
        ];
        match service::add_informants(db, &w.links(), &w.organiser, &id, &mixed, NOW).await {
            Err(ScanServiceError::Informants(errors)) => {
                assert_eq!(errors.len(), 2, "{errors:?}");
                assert!(matches!(errors[0], InformantError::UnknownGroup { .. }));
                assert!(matches!(errors[1], InformantError::AlreadyInvited { .. }));
            }
            other => panic!("expected informant errors, got {other:?}"),
        }
        let invitations = db.list_invitations(&id).await.unwrap();
        assert_eq!(invitations.len(), 1, "only the subject ({})", t.name);
        // The subject was invited automatically, in the self group, pending.
        assert_eq!(invitations[0].group_id, "self");
        assert_eq!(invitations[0].status, InvitationStatus::Pending);
        // Adding someone already invited.
        let again = vec![informant("piet.jansen@gemeente.nl", "colleagues")];
        assert!(matches!(
            service::add_informants(db, &w.links(), &w.organiser, &id, &again, NOW).await,
            Err(ScanServiceError::Informants(_))
        ));
        t.finish().await;
    }
}

#[tokio::test]
async fn open_scans_keep_their_questions_and_edits_need_the_current_revision() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        // A draft may change anything.
        let stored = db.find_scan(&id).await.unwrap().unwrap();
        let fewer = ScanDraft {
            subject_name: "Piet J. Jansen".into(),
            ..maastricht_draft()
        };
        service::update_scan(db, &w.organiser, &id, stored.revision, &fewer, NOW)
            .await
            .unwrap();
        // A stale revision is refused, whatever the change.
        assert_eq!(
            user_error(
                service::update_scan(db, &w.organiser, &id, stored.revision, &fewer, NOW).await
            ),
            UserError::ScanChanged
        );

        service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
            .await
            .unwrap();
        let open = db.find_scan(&id).await.unwrap().unwrap();
        let mut other_questions = maastricht_draft();
        other_questions.subject_name = "Piet J. Jansen".into();
        other_questions.level_id = Some("11-18".into());
        match service::update_scan(db, &w.organiser, &id, open.revision, &other_questions, NOW)
            .await
        {
            Err(ScanServiceError::Invalid(errors)) => {
                assert!(errors.contains(&ScanError::Locked {
                    status: ScanStatus::Open,
                    what: LockedField::Questions
                }))
            }
            other => panic!("expected the questions to be locked, got {other:?}"),
        }
        let unchanged = db.find_scan(&id).await.unwrap().unwrap();
        assert_eq!(unchanged.scan, open.scan, "{}", t.name);
        assert_eq!(unchanged.revision, open.revision);
        // But the deadline and the introduction may change.
        let later = ScanDraft {
            subject_name: "Piet J. Jansen".into(),
            deadline: NOW + 21 * DAY,
            introduction: "Nieuwe tekst".into(),
            ..maastricht_draft()
        };
        service::update_scan(db, &w.organiser, &id, open.revision, &later, NOW)
            .await
            .unwrap();
        assert_eq!(
            db.find_scan(&id).await.unwrap().unwrap().scan.deadline,
            NOW + 21 * DAY
        );
        // A draft only: deleting an open scan is refused.
        assert_eq!(
            user_error(service::delete_draft(db, &w.organiser, &id).await),
            UserError::ScanWrongStatus
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn only_the_organiser_or_an_admin_manages_a_scan() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        assert_eq!(
            user_error(service::overview(db, &w.secret, &w.other, &id).await),
            UserError::UnknownScan
        );
        assert_eq!(
            user_error(service::open_scan(db, &w.links(), &w.other, &id, NOW).await),
            UserError::UnknownScan
        );
        assert_eq!(
            user_error(service::overview(db, &w.secret, &w.organiser, "bestaat-niet").await),
            UserError::UnknownScan
        );
        assert!(db.list_scans(Some(&w.other.id)).await.unwrap().is_empty());
        assert_eq!(db.list_scans(Some(&w.organiser.id)).await.unwrap().len(), 1);
        let admin = CurrentUser {
            role: Role::Admin,
            ..w.other.clone()
        };
        service::overview(db, &w.secret, &admin, &id).await.unwrap();
        t.finish().await;
    }
}

#[tokio::test]
async fn reminders_close_reopen_revoke_and_resend() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let server = SmtpServer::start(free_port());
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        service::add_informants(db, &w.links(), &w.organiser, &id, &colleagues(3), NOW)
            .await
            .unwrap();
        service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
            .await
            .unwrap();
        drain(db, &w.secret, server.port, NOW).await;
        let first_link: Vec<(String, String)> = server
            .deliveries()
            .iter()
            .map(|m| {
                (
                    m["rcpt_tos"][0].as_str().unwrap().to_owned(),
                    token_in(m["text"].as_str().unwrap()),
                )
            })
            .collect();
        let link_of = |email: &str| {
            first_link
                .iter()
                .find(|(e, _)| e == email)
                .unwrap()
                .1
                .clone()
        };

        // One colleague submits (a keyed marker records it; the invitation is not touched).
        let collega0 = db
            .list_invitations(&id)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.email == "collega0@gemeente.nl")
            .unwrap();
        let marker = w.secret.submission_marker(&collega0.id);
        db.submit_response(
            &app::storage::responses::Submission {
                invitation_id: &collega0.id,
                marker: &marker,
                draft_id: "",
                scan_id: &id,
                group_id: &collega0.group_id,
            },
            NOW,
            |_| "{}".to_owned(),
        )
        .await
        .unwrap();
        // The reminder goes to the three who did not, with their original link.
        assert_eq!(
            service::remind(db, &w.links(), &w.organiser, &id, NOW + DAY)
                .await
                .unwrap(),
            3,
            "{}",
            t.name
        );
        drain(db, &w.secret, server.port, NOW + DAY).await;
        let reminders: Vec<_> = server
            .deliveries()
            .into_iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Herinnering"))
            .collect();
        assert_eq!(reminders.len(), 3);
        for m in &reminders {
            let to = m["rcpt_tos"][0].as_str().unwrap();
            assert_ne!(to, "collega0@gemeente.nl");
            assert_eq!(
                token_in(m["text"].as_str().unwrap()),
                link_of(to),
                "same link"
            );
        }

        // Revoke: the link stops working. Resend: a new link that works; the old one stays dead.
        let inv = db
            .list_invitations(&id)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.email == "collega1@gemeente.nl")
            .unwrap();
        let old = link_of("collega1@gemeente.nl");
        service::revoke_invitation(db, &w.secret, &w.organiser, &id, &inv.id, NOW + DAY)
            .await
            .unwrap();
        assert!(db.find_link(&hash_token(&old), "").await.unwrap().is_none());
        service::resend_invitation(db, &w.links(), &w.organiser, &id, &inv.id, NOW + DAY)
            .await
            .unwrap();
        drain(db, &w.secret, server.port, NOW + DAY).await;
        let resent = server
            .deliveries()
            .into_iter()
            .filter(|m| m["rcpt_tos"][0] == "collega1@gemeente.nl")
            .map(|m| token_in(m["text"].as_str().unwrap()))
            .collect::<HashSet<_>>();
        // The invitation and the reminder carried the old link, the resent invitation a new one.
        assert_eq!(resent.len(), 2, "{}", t.name);
        let new = resent.into_iter().find(|l| *l != old).unwrap();
        assert!(db.find_link(&hash_token(&new), "").await.unwrap().is_some());

        // Close: everyone invited gets the same thank-you message.
        let before = server.deliveries().len();
        assert_eq!(
            service::close_scan(db, &w.links(), &w.organiser, &id, NOW + 2 * DAY)
                .await
                .unwrap(),
            4
        );
        drain(db, &w.secret, server.port, NOW + 2 * DAY).await;
        // ... and the report's named reader is told it can be read (issue 20).
        assert_eq!(server.deliveries().len(), before + 4 + 1, "{}", t.name);
        assert_eq!(
            server
                .deliveries()
                .iter()
                .filter(|m| m["rcpt_tos"][0] == "manager@gemeente.nl")
                .count(),
            1,
            "{}",
            t.name
        );
        assert_eq!(
            user_error(service::remind(db, &w.links(), &w.organiser, &id, NOW + 2 * DAY).await),
            UserError::ScanWrongStatus
        );
        // Reopen needs a future deadline.
        assert_eq!(
            user_error(service::reopen_scan(db, &w.organiser, &id, NOW, NOW + 2 * DAY).await),
            UserError::DeadlineInPast
        );
        service::reopen_scan(db, &w.organiser, &id, NOW + 30 * DAY, NOW + 2 * DAY)
            .await
            .unwrap();
        let reopened = db.find_scan(&id).await.unwrap().unwrap();
        assert_eq!(reopened.status, ScanStatus::Open);
        assert_eq!(reopened.scan.deadline, NOW + 30 * DAY);
        assert!(!reopened.reminder_sent);
        t.finish().await;
    }
}

#[tokio::test]
async fn the_scheduler_reminds_before_and_closes_at_the_deadline_once() {
    for t in support::all().await {
        let db = &t.db;
        let w = World::new(db).await;
        let id = service::create_scan(db, &w.organiser, &maastricht_draft(), NOW)
            .await
            .unwrap();
        service::add_informants(db, &w.links(), &w.organiser, &id, &colleagues(2), NOW)
            .await
            .unwrap();
        service::open_scan(db, &w.links(), &w.organiser, &id, NOW)
            .await
            .unwrap();
        let deadline = NOW + 14 * DAY;
        // Every message, reminders included (the listing leaves reminders out: counts only).
        let outbox_len = || async {
            db.count_outbox_by_status()
                .await
                .unwrap()
                .iter()
                .map(|(_, n)| *n as usize)
                .sum::<usize>()
        };
        let base = outbox_len().await;

        // Nothing due yet.
        assert_eq!(
            service::run_scheduled(db, &w.links(), deadline - 4 * DAY)
                .await
                .unwrap(),
            ScheduledWork::default()
        );
        // Three days before: one reminder round, even when two processes run it.
        let links = w.links();
        let (a, b) = tokio::join!(
            service::run_scheduled(db, &links, deadline - 3 * DAY),
            service::run_scheduled(db, &links, deadline - 3 * DAY)
        );
        assert_eq!(a.unwrap().reminded + b.unwrap().reminded, 1, "{}", t.name);
        assert_eq!(outbox_len().await, base + 3);
        assert_eq!(
            service::run_scheduled(db, &w.links(), deadline - DAY)
                .await
                .unwrap(),
            ScheduledWork::default()
        );
        // At the deadline: closed, and everyone thanked.
        let work = service::run_scheduled(db, &w.links(), deadline)
            .await
            .unwrap();
        assert_eq!(
            work,
            ScheduledWork {
                closed: 1,
                reminded: 0
            }
        );
        assert_eq!(
            db.find_scan(&id).await.unwrap().unwrap().status,
            ScanStatus::Closed
        );
        // Three thank-you messages and the named reader's notice (issue 20).
        assert_eq!(outbox_len().await, base + 6 + 1);
        t.finish().await;
    }
}
