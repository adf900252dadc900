//! Account storage and services, run against every available backend (SQLite always,
//! PostgreSQL when the test command found it).

use crate::support;

use std::time::Duration;

use app::auth::rate_limit::LoginLimiter;
use app::auth::{service, setup_code, token};
use app::domain::account::{AccountStatus, Email, Role};
use app::domain::user_error::UserError;
use app::email::templates::Language;
use app::storage::FirstAdminOutcome;

const NOW: i64 = 1_800_000_000;
const TTL: Duration = Duration::from_secs(3600);
const PASSWORD: &str = "een-lang-wachtwoord";

fn limiter() -> LoginLimiter {
    LoginLimiter::new(5, Duration::from_secs(900))
}

#[tokio::test]
async fn migrations_are_idempotent() {
    for t in support::all().await {
        t.db.migrate()
            .await
            .unwrap_or_else(|e| panic!("{}: second migrate: {e}", t.name));
        assert!(t.db.ping().await, "{}", t.name);
        assert_eq!(t.db.count_accounts().await.unwrap(), 0, "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn first_admin_only_once() {
    for t in support::all().await {
        let db = &t.db;
        assert!(service::setup_open(db).await.unwrap());
        let code = setup_code::issue(db, NOW).await.unwrap().unwrap();
        let other_code = setup_code::issue(db, NOW).await.unwrap().unwrap();
        // Without the code the server printed, or with a made-up one: refused, nothing made.
        for wrong in ["", "ABCD-EFGH-JKMN-PQRS-TVWX"] {
            let refused =
                service::setup_first_admin(db, "Admin@Gemeente.nl", PASSWORD, PASSWORD, wrong, NOW)
                    .await;
            assert_eq!(refused, Err(UserError::BadSetupCode), "{}", t.name);
        }
        assert_eq!(db.count_accounts().await.unwrap(), 0, "{}", t.name);
        // Typed in lower case with spaces: the same code.
        let typed = code.to_lowercase().replace('-', " ");
        service::setup_first_admin(db, "Admin@Gemeente.nl", PASSWORD, PASSWORD, &typed, NOW)
            .await
            .unwrap();
        assert!(!service::setup_open(db).await.unwrap(), "{}", t.name);
        let again = service::setup_first_admin(
            db,
            "ander@gemeente.nl",
            PASSWORD,
            PASSWORD,
            &other_code,
            NOW,
        )
        .await;
        assert_eq!(again, Err(UserError::SetupClosed), "{}", t.name);
        assert_eq!(
            setup_code::issue(db, NOW).await.unwrap(),
            None,
            "{}",
            t.name
        );
        assert_eq!(db.count_accounts().await.unwrap(), 1, "{}", t.name);
        let accounts = db.list_accounts().await.unwrap();
        assert_eq!(accounts[0].email, "admin@gemeente.nl");
        assert_eq!(accounts[0].role, Role::Admin);
        t.finish().await;
    }
}

#[tokio::test]
async fn simultaneous_setups_create_one_admin() {
    for t in support::all().await {
        let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        let mut codes = Vec::new();
        for _ in 0..8 {
            codes.push(setup_code::issue(&t.db, NOW).await.unwrap().unwrap());
        }
        let attempts = codes.into_iter().enumerate().map(|(i, code)| {
            let db = t.db.clone();
            tokio::spawn(async move {
                let email = Email::parse(&format!("admin{i}@gemeente.nl")).unwrap();
                db.create_first_admin(&email, hash, &setup_code::hash_code(&code), NOW)
                    .await
            })
        });
        let mut created = 0;
        for attempt in attempts {
            match attempt.await.unwrap() {
                Ok(FirstAdminOutcome::Created(_)) => created += 1,
                Ok(FirstAdminOutcome::AlreadySetUp) => {}
                Ok(FirstAdminOutcome::BadCode) => panic!("{}: an issued code refused", t.name),
                // A serialisation conflict is an acceptable loss; a second admin is not.
                Err(e) => eprintln!("{}: attempt failed: {e}", t.name),
            }
        }
        assert_eq!(created, 1, "{}", t.name);
        assert_eq!(t.db.count_accounts().await.unwrap(), 1, "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn setup_rejects_bad_input_and_changes_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let cases = [
            ("geen-adres", PASSWORD, PASSWORD, UserError::InvalidEmail),
            ("a@gemeente.nl", "kort", "kort", UserError::PasswordTooShort),
            (
                "a@gemeente.nl",
                PASSWORD,
                "anders-wachtwoord",
                UserError::PasswordMismatch,
            ),
        ];
        for (email, password, repeated, expected) in cases {
            let result =
                service::setup_first_admin(db, email, password, repeated, "ABCD", NOW).await;
            assert_eq!(result, Err(expected), "{}", t.name);
        }
        assert_eq!(db.count_accounts().await.unwrap(), 0, "{}", t.name);
        t.finish().await;
    }
}

#[tokio::test]
async fn login_logout_and_wrong_password() {
    for t in support::all().await {
        let db = &t.db;
        service::create_admin(db, "beheer@gemeente.nl", PASSWORD, NOW)
            .await
            .unwrap();
        let limiter = limiter();

        let wrong = service::login(
            db,
            &limiter,
            "beheer@gemeente.nl",
            "fout-wachtwoord!",
            "1.2.3.4",
            NOW,
            TTL,
        )
        .await;
        assert_eq!(wrong.unwrap_err(), UserError::BadCredentials, "{}", t.name);
        let unknown = service::login(
            db,
            &limiter,
            "niemand@gemeente.nl",
            PASSWORD,
            "1.2.3.4",
            NOW,
            TTL,
        )
        .await;
        assert_eq!(
            unknown.unwrap_err(),
            UserError::BadCredentials,
            "{}",
            t.name
        );

        // Email case and surrounding spaces do not matter.
        let session = service::login(
            db,
            &limiter,
            " Beheer@Gemeente.NL ",
            PASSWORD,
            "1.2.3.4",
            NOW,
            TTL,
        )
        .await
        .unwrap();
        assert_eq!(session.expires_at, NOW + 3600);
        let user = service::current_user(db, Some(&session.token), NOW + 10)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.email, "beheer@gemeente.nl");
        assert!(user.is_admin());

        // The database holds only the token's hash.
        assert!(
            db.find_session_user(&session.token, NOW)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            db.find_session_user(&token::hash_token(&session.token), NOW)
                .await
                .unwrap()
                .is_some()
        );

        service::logout(db, Some(&session.token)).await.unwrap();
        assert_eq!(
            service::current_user(db, Some(&session.token), NOW + 20)
                .await
                .unwrap(),
            None,
            "{}",
            t.name
        );
        // Malformed cookies are simply not a session.
        assert_eq!(
            service::current_user(db, Some("'; DROP TABLE sessions; --"), NOW)
                .await
                .unwrap(),
            None
        );
        service::logout(db, Some("garbage")).await.unwrap();
        t.finish().await;
    }
}

#[tokio::test]
async fn sessions_expire() {
    for t in support::all().await {
        let db = &t.db;
        service::create_admin(db, "beheer@gemeente.nl", PASSWORD, NOW)
            .await
            .unwrap();
        let session = service::login(
            db,
            &limiter(),
            "beheer@gemeente.nl",
            PASSWORD,
            "c",
            NOW,
            TTL,
        )
        .await
        .unwrap();
        assert!(
            service::current_user(db, Some(&session.token), NOW + 3599)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            service::current_user(db, Some(&session.token), NOW + 3600)
                .await
                .unwrap(),
            None,
            "{}",
            t.name
        );
        assert_eq!(
            db.delete_expired_sessions(NOW + 3600).await.unwrap(),
            1,
            "{}",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn login_rate_limit_blocks_even_the_right_password() {
    for t in support::all().await {
        let db = &t.db;
        service::create_admin(db, "beheer@gemeente.nl", PASSWORD, NOW)
            .await
            .unwrap();
        let limiter = LoginLimiter::new(3, Duration::from_secs(900));
        for _ in 0..3 {
            let r = service::login(
                db,
                &limiter,
                "beheer@gemeente.nl",
                "fout-wachtwoord!",
                "9.9.9.9",
                NOW,
                TTL,
            )
            .await;
            assert_eq!(r.unwrap_err(), UserError::BadCredentials);
        }
        let blocked = service::login(
            db,
            &limiter,
            "beheer@gemeente.nl",
            PASSWORD,
            "8.8.8.8",
            NOW,
            TTL,
        )
        .await;
        assert_eq!(
            blocked.unwrap_err(),
            UserError::RateLimited { minutes: 15 },
            "{}",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn duplicate_email_is_refused() {
    for t in support::all().await {
        let db = &t.db;
        service::create_admin(db, "beheer@gemeente.nl", PASSWORD, NOW)
            .await
            .unwrap();
        let again = service::create_admin(db, "BEHEER@gemeente.nl", PASSWORD, NOW).await;
        assert_eq!(again, Err(UserError::EmailTaken), "{}", t.name);
        assert_eq!(db.count_accounts().await.unwrap(), 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn invite_organiser_then_deactivate() {
    for t in support::all().await {
        let db = &t.db;
        service::create_admin(db, "beheer@gemeente.nl", PASSWORD, NOW)
            .await
            .unwrap();
        let limiter = limiter();
        let admin_session =
            service::login(db, &limiter, "beheer@gemeente.nl", PASSWORD, "c", NOW, TTL)
                .await
                .unwrap();
        let admin = service::current_user(db, Some(&admin_session.token), NOW)
            .await
            .unwrap()
            .unwrap();

        let (email, invitation) = service::invite_organiser(
            db,
            &admin,
            "hr@gemeente.nl",
            "https://scan.gemeente.nl",
            Language::Nl,
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(email.as_str(), "hr@gemeente.nl");
        // The invitation email was queued with the account, carrying the personal link.
        let queued = db.list_outbox(10).await.unwrap();
        assert_eq!(queued.len(), 1, "{}", t.name);
        assert_eq!(queued[0].recipient, "hr@gemeente.nl");
        // Inviting the same address again changes nothing and queues nothing.
        let again = service::invite_organiser(
            db,
            &admin,
            "HR@gemeente.nl",
            "https://scan.gemeente.nl",
            Language::Nl,
            NOW,
        )
        .await;
        assert_eq!(again.unwrap_err(), UserError::EmailTaken);
        assert_eq!(db.list_outbox(10).await.unwrap().len(), 1, "{}", t.name);
        let listed = service::list_accounts(db, &admin).await.unwrap();
        let organiser = listed
            .iter()
            .find(|a| a.email == "hr@gemeente.nl")
            .unwrap()
            .clone();
        assert_eq!(
            (organiser.role, organiser.status),
            (Role::Organiser, AccountStatus::Invited)
        );

        // No password yet: cannot log in.
        let early = service::login(db, &limiter, "hr@gemeente.nl", PASSWORD, "d", NOW, TTL).await;
        assert_eq!(early.unwrap_err(), UserError::BadCredentials);

        // Bad input on the invitation page changes nothing.
        assert_eq!(
            service::accept_invitation(db, &invitation, "kort", "kort", NOW).await,
            Err(UserError::PasswordTooShort)
        );
        assert_eq!(
            service::accept_invitation(db, "onzin", PASSWORD, PASSWORD, NOW).await,
            Err(UserError::InvalidInvitation)
        );
        let expired = NOW + service::INVITATION_TTL_SECS + 1;
        assert_eq!(
            service::accept_invitation(db, &invitation, PASSWORD, PASSWORD, expired).await,
            Err(UserError::InvalidInvitation)
        );

        assert_eq!(
            service::invitation_email(db, &invitation, NOW)
                .await
                .unwrap(),
            "hr@gemeente.nl"
        );
        service::accept_invitation(db, &invitation, PASSWORD, PASSWORD, NOW)
            .await
            .unwrap();
        // Single use.
        assert_eq!(
            service::accept_invitation(db, &invitation, PASSWORD, PASSWORD, NOW).await,
            Err(UserError::InvalidInvitation),
            "{}",
            t.name
        );

        let organiser_session =
            service::login(db, &limiter, "hr@gemeente.nl", PASSWORD, "e", NOW, TTL)
                .await
                .unwrap();
        let organiser_user = service::current_user(db, Some(&organiser_session.token), NOW)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(organiser_user.role, Role::Organiser);

        // Organisers cannot manage accounts.
        assert_eq!(
            service::list_accounts(db, &organiser_user).await,
            Err(UserError::Forbidden)
        );
        assert_eq!(
            service::set_account_active(db, &organiser_user, &admin.id, false).await,
            Err(UserError::Forbidden)
        );
        // Admins cannot lock themselves out.
        assert_eq!(
            service::set_account_active(db, &admin, &admin.id, false).await,
            Err(UserError::CannotDeactivateSelf)
        );
        assert_eq!(
            service::set_account_active(db, &admin, "bestaat-niet", false).await,
            Err(UserError::UnknownAccount)
        );

        // Deactivation ends the organiser's session at once and blocks new logins.
        service::set_account_active(db, &admin, &organiser.id, false)
            .await
            .unwrap();
        assert_eq!(
            service::current_user(db, Some(&organiser_session.token), NOW)
                .await
                .unwrap(),
            None,
            "{}",
            t.name
        );
        let blocked = service::login(db, &limiter, "hr@gemeente.nl", PASSWORD, "f", NOW, TTL).await;
        assert_eq!(blocked.unwrap_err(), UserError::BadCredentials);
        service::set_account_active(db, &admin, &organiser.id, true)
            .await
            .unwrap();
        assert!(
            service::login(db, &limiter, "hr@gemeente.nl", PASSWORD, "g", NOW, TTL)
                .await
                .is_ok()
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn flash_entries_are_bound_to_their_session_taken_once_and_expire() {
    for t in support::all().await {
        let db = &t.db;
        db.put_flash("k1", "sessie-a", "hallo", NOW, NOW + 600)
            .await
            .unwrap();
        let take = |key: &'static str, session: &'static str, now: i64| async move {
            db.take_flash(key, session, now).await.unwrap()
        };
        assert_eq!(take("k1", "sessie-b", NOW).await, None, "{}", t.name);
        assert_eq!(take("k1", "sessie-a", NOW).await.as_deref(), Some("hallo"));
        assert_eq!(
            take("k1", "sessie-a", NOW).await,
            None,
            "{}: read once",
            t.name
        );
        db.put_flash("k2", "sessie-a", "oud", NOW, NOW + 600)
            .await
            .unwrap();
        assert_eq!(take("k2", "sessie-a", NOW + 600).await, None, "{}", t.name);
        // Storing another entry later removes the expired one for good.
        db.put_flash("k3", "sessie-a", "nieuw", NOW + 700, NOW + 1300)
            .await
            .unwrap();
        assert_eq!(take("k2", "sessie-a", NOW).await, None, "{}", t.name);
        assert_eq!(
            take("k3", "sessie-a", NOW + 701).await.as_deref(),
            Some("nieuw")
        );
        t.finish().await;
    }
}
