//! The respondent's side below the web layer, on every backend: drafts that survive, a
//! submission that is stored once and cannot be joined back to its invitation, and every state
//! a link can be in.

use crate::support;

use std::collections::HashSet;

use app::auth::scan_link::LinkSecret;
use app::domain::account::{CurrentUser, Role};
use app::domain::questionnaire::{Answer, AnswerError};
use app::respond::{self, LinkError, RespondError};
use app::scans::service;
use app::storage::Db;
use sqlx::Row;

use support::scan::{DAY, NOW, OpenScan as Scan, colleagues};

async fn open_scan(db: &Db, count: usize) -> Scan {
    support::scan::open_scan(db, &colleagues(count, "", "c")).await
}

fn pairs(list: &[(String, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.clone(), (*v).to_owned()))
        .collect()
}

/// Answers every statement of every section with `rating`.
async fn answer_all(db: &Db, secret: &LinkSecret, token: &str, rating: &str, now: i64) {
    let mut r = respond::respondent(db, secret, token, now).await.unwrap();
    for index in 0..r.questionnaire.sections.len() {
        let section = r.questionnaire.sections[index].clone();
        let answers: Vec<(String, &str)> = section
            .items
            .iter()
            .map(|i| (format!("r:{}", i.key), rating))
            .collect();
        respond::save_section(db, &mut r, index, &pairs(&answers), &[])
            .await
            .unwrap();
    }
}

fn link_error(result: Result<respond::Respondent, RespondError>) -> LinkError {
    match result {
        Err(RespondError::Link(e)) => e,
        Err(other) => panic!("expected a link error, got {other:?}"),
        Ok(_) => panic!("expected a link error, got an open questionnaire"),
    }
}

#[tokio::test]
async fn drafts_survive_and_resume_where_the_respondent_left_off() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        let token = scan
            .tokens(db)
            .await
            .into_iter()
            .find(|(e, _)| e == "c0@gemeente.nl")
            .unwrap()
            .1;
        let mut r = respond::respondent(db, &scan.secret, &token, NOW + 1)
            .await
            .unwrap();
        assert!(!r.is_self);
        assert_eq!(r.questionnaire.resume_at(&r.answers), Some(0));
        let first = r.questionnaire.sections[0].clone();
        let mut answers: Vec<(String, &str)> = first
            .items
            .iter()
            .map(|i| (format!("r:{}", i.key), "4"))
            .collect();
        answers.push((format!("c:{}", first.competency_id), "Werkt prettig samen."));
        respond::save_section(db, &mut r, 0, &pairs(&answers), &[])
            .await
            .unwrap();

        // The browser closes; the link is opened again.
        let again = respond::respondent(db, &scan.secret, &token, NOW + 3)
            .await
            .unwrap();
        assert_eq!(
            again.questionnaire.resume_at(&again.answers),
            Some(1),
            "{}",
            t.name
        );
        assert_eq!(
            again.answers.ratings[&first.items[0].key],
            Answer::Rating(4)
        );
        assert_eq!(
            again.answers.comments[&first.competency_id],
            "Werkt prettig samen."
        );

        // Bad input changes nothing.
        let mut again = again;
        let bad = vec![(format!("r:{}", first.items[0].key), "7")];
        match respond::save_section(db, &mut again, 0, &pairs(&bad), &[]).await {
            Err(RespondError::Answers(e)) => {
                assert!(matches!(e[0], AnswerError::OutOfScale { .. }))
            }
            other => panic!("{other:?}"),
        }
        let long = "x".repeat(4001);
        let bad = vec![(format!("c:{}", first.competency_id), long.as_str())];
        assert!(matches!(
            respond::save_section(db, &mut again, 0, &pairs(&bad), &[]).await,
            Err(RespondError::Answers(_))
        ));
        let other_section = r.questionnaire.sections[1].items[0].key.clone();
        let bad = vec![(format!("r:{other_section}"), "3")];
        assert!(matches!(
            respond::save_section(db, &mut again, 0, &pairs(&bad), &[]).await,
            Err(RespondError::Answers(_))
        ));
        assert!(matches!(
            respond::save_section(db, &mut again, 99, &[], &[]).await,
            Err(RespondError::NoSuchSection)
        ));
        let stored = respond::respondent(db, &scan.secret, &token, NOW + 5)
            .await
            .unwrap();
        assert_eq!(
            stored.answers.ratings[&first.items[0].key],
            Answer::Rating(4),
            "{}",
            t.name
        );
        // The subject answers in the first person.
        let subject = scan
            .tokens(db)
            .await
            .into_iter()
            .find(|(e, _)| e == "piet@gemeente.nl")
            .unwrap()
            .1;
        let own = respond::respondent(db, &scan.secret, &subject, NOW + 5)
            .await
            .unwrap();
        assert!(own.is_self);
        assert!(
            own.questionnaire
                .sections
                .iter()
                .flat_map(|s| &s.items)
                .all(|i| !i.text.starts_with("Je "))
        );
        // An informant reads the same statements about "de betrokkene", under the same keys.
        let theirs: Vec<_> = stored
            .questionnaire
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .collect();
        assert!(theirs.iter().all(|i| !i.text.starts_with("Je ")));
        assert!(theirs.iter().any(|i| i.text.starts_with("De betrokkene ")));
        assert_eq!(
            stored.questionnaire.keys().collect::<Vec<_>>(),
            own.questionnaire.keys().collect::<Vec<_>>()
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_submitted_response_cannot_be_joined_to_its_invitation() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 4).await;
        let tokens = scan.tokens(db).await;
        for (n, (_, token)) in tokens.iter().enumerate() {
            answer_all(
                db,
                &scan.secret,
                token,
                &((n % 5) + 1).to_string(),
                NOW + 10,
            )
            .await;
            let r = respond::respondent(db, &scan.secret, token, NOW + 11)
                .await
                .unwrap();
            respond::submit(db, &r, NOW + 12 + n as i64).await.unwrap();
        }
        // The schema: a response has an id, the scan, the group and the answers. Nothing else.
        let columns: Vec<String> = match db.backend() {
            app::storage::Backend::Sqlite => sqlx_columns(db, "SELECT name FROM pragma_table_info('responses') ORDER BY cid").await,
            app::storage::Backend::Postgres => sqlx_columns(db, "SELECT CAST(column_name AS TEXT) AS name FROM information_schema.columns WHERE table_name = 'responses' ORDER BY ordinal_position").await,
        };
        assert_eq!(
            columns,
            ["id", "scan_id", "group_id", "answers"],
            "{}",
            t.name
        );
        // The rows: random ids, no invitation id, token or address anywhere in them.
        let invitations = db.list_invitations(&scan.id).await.unwrap();
        let responses = raw_responses(db).await;
        assert_eq!(responses.len(), 5);
        let ids: HashSet<&str> = responses.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids.len(), 5);
        for (id, answers) in &responses {
            assert_eq!(id.len(), 32);
            for invitation in &invitations {
                assert!(!answers.contains(&invitation.id) && !answers.contains(&invitation.email));
            }
            for (_, token) in &tokens {
                assert!(!answers.contains(token.as_str()));
                assert!(!answers.contains(&app::auth::token::hash_token(token)));
            }
            assert!(!answers.contains("1800000"), "no time in the answers");
        }
        // Drafts are gone; only the server's keyed markers tell that each invitation submitted.
        let drafts: i64 = sqlx_count(db, "SELECT COUNT(*) AS n FROM sealed_drafts").await;
        assert_eq!(drafts, 0);
        for invitation in &invitations {
            let marker = scan.secret.submission_marker(&invitation.id);
            assert!(db.has_submitted(&marker).await.unwrap(), "{}", t.name);
            assert!(
                !db.has_submitted(&LinkSecret::generate().submission_marker(&invitation.id))
                    .await
                    .unwrap()
            );
        }
        let old_style: i64 = sqlx_count(
            db,
            "SELECT COUNT(*) AS n FROM scan_invitations WHERE submitted_at IS NOT NULL OR opened_at IS NOT NULL",
        )
        .await;
        assert_eq!(old_style, 0, "nothing on the invitations themselves");
        t.finish().await;
    }
}

async fn sqlx_columns(db: &Db, sql: &str) -> Vec<String> {
    // Only schema queries: the storage module has no API for them, and tests may look.
    let url_db = db.clone();
    app::storage::raw_rows(&url_db, sql)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("name").unwrap())
        .collect()
}

async fn sqlx_count(db: &Db, sql: &str) -> i64 {
    app::storage::raw_rows(db, sql).await.unwrap()[0]
        .try_get::<i64, _>("n")
        .unwrap()
}

async fn raw_responses(db: &Db) -> Vec<(String, String)> {
    app::storage::raw_rows(db, "SELECT id, answers FROM responses")
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get("id").unwrap(), r.try_get("answers").unwrap()))
        .collect()
}

#[tokio::test]
async fn submitting_twice_after_closing_or_with_a_revoked_link_changes_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        let tokens = scan.tokens(db).await;
        let token = |email: &str| tokens.iter().find(|(e, _)| e == email).unwrap().1.clone();

        let first = token("c0@gemeente.nl");
        answer_all(db, &scan.secret, &first, "3", NOW + 10).await;
        let r = respond::respondent(db, &scan.secret, &first, NOW + 11)
            .await
            .unwrap();
        respond::submit(db, &r, NOW + 12).await.unwrap();
        // The same page submitted again (a double click): refused, still one response.
        assert!(matches!(
            respond::submit(db, &r, NOW + 13).await,
            Err(RespondError::Link(LinkError::Submitted { .. }))
        ));
        assert!(matches!(
            link_error(respond::respondent(db, &scan.secret, &first, NOW + 13).await),
            LinkError::Submitted { .. }
        ));
        assert_eq!(
            db.list_responses(&scan.id).await.unwrap().len(),
            1,
            "{}",
            t.name
        );

        // Revoked: the same answer as an unknown link.
        let second = token("c1@gemeente.nl");
        let open_second = respond::respondent(db, &scan.secret, &second, NOW + 14)
            .await
            .unwrap();
        let invitation = open_second.invitation.id.clone();
        service::revoke_invitation(
            db,
            &scan.secret,
            &scan.organiser,
            &scan.id,
            &invitation,
            NOW + 14,
        )
        .await
        .unwrap();
        assert_eq!(
            link_error(respond::respondent(db, &scan.secret, &second, NOW + 15).await),
            LinkError::NotValid
        );
        assert!(matches!(
            respond::submit(db, &open_second, NOW + 15).await,
            Err(RespondError::Link(_))
        ));
        for unknown in ["", "abc", &"0".repeat(64), &second.to_uppercase()] {
            assert_eq!(
                link_error(respond::respondent(db, &scan.secret, unknown, NOW).await),
                LinkError::NotValid
            );
        }

        // Closed (or past the deadline): a clear refusal, nothing stored.
        let third = token("c2@gemeente.nl");
        answer_all(db, &scan.secret, &third, "5", NOW + 16).await;
        let open_third = respond::respondent(db, &scan.secret, &third, NOW + 16)
            .await
            .unwrap();
        assert!(matches!(
            link_error(respond::respondent(db, &scan.secret, &third, NOW + 15 * DAY).await),
            LinkError::Closed { .. }
        ));
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, NOW + 17)
            .await
            .unwrap();
        assert!(matches!(
            respond::submit(db, &open_third, NOW + 18).await,
            Err(RespondError::Link(LinkError::Closed { .. }))
        ));
        assert_eq!(
            db.list_responses(&scan.id).await.unwrap().len(),
            1,
            "{}",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn concurrent_double_submits_store_one_response() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        let token = scan.tokens(db).await[0].1.clone();
        answer_all(db, &scan.secret, &token, "2", NOW + 10).await;
        let r = respond::respondent(db, &scan.secret, &token, NOW + 11)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            respond::submit(db, &r, NOW + 12),
            respond::submit(db, &r, NOW + 12)
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{}",
            t.name
        );
        assert_eq!(db.list_responses(&scan.id).await.unwrap().len(), 1);
        t.finish().await;
    }
}

#[tokio::test]
async fn answers_saved_as_they_are_given_never_overwrite_each_other() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        let token = scan.tokens(db).await[1].1.clone();
        let r = respond::respondent(db, &scan.secret, &token, NOW + 1)
            .await
            .unwrap();
        let section = r.questionnaire.sections[0].clone();
        // Every statement clicked at once, each saved by its own request.
        let saves = section.items.iter().map(|item| {
            let field = format!("r:{}", item.key);
            let r = &r;
            async move { respond::save_field(db, r, 0, &field, "4").await }
        });
        for result in futures_util::future::join_all(saves).await {
            result.unwrap();
        }
        let stored = respond::respondent(db, &scan.secret, &token, NOW + 3)
            .await
            .unwrap();
        for item in &section.items {
            assert_eq!(
                stored.answers.ratings.get(&item.key),
                Some(&Answer::Rating(4)),
                "{}",
                t.name
            );
        }
        t.finish().await;
    }
}

#[tokio::test]
async fn the_report_is_computed_from_the_stored_responses_once_closed_for_its_readers_only() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        for (n, (_, token)) in scan.tokens(db).await.iter().enumerate() {
            answer_all(db, &scan.secret, token, &(n + 2).to_string(), NOW + 10).await;
            let r = respond::respondent(db, &scan.secret, token, NOW + 11)
                .await
                .unwrap();
            respond::submit(db, &r, NOW + 12).await.unwrap();
        }
        // Never while open: the figures would change answer by answer.
        assert!(matches!(
            app::report::figures(db, &scan.organiser, &scan.id).await,
            Err(app::report::ReportError::NotYetReadable)
        ));
        service::close_scan(db, &scan.links(), &scan.organiser, &scan.id, NOW + 20)
            .await
            .unwrap();
        let (_, report) = app::report::figures(db, &scan.organiser, &scan.id)
            .await
            .unwrap();
        let first = &report.competencies[0].figures;
        assert_eq!(first.others.as_ref().unwrap().n, 3, "{}", t.name);
        assert!(first.self_line.is_some());
        assert_eq!(first.groups.len(), 1, "the three colleagues");
        // Somebody else: the same answer as an unknown scan.
        let stranger = CurrentUser {
            id: "x".into(),
            email: "iemand@gemeente.nl".into(),
            role: Role::Organiser,
        };
        assert!(matches!(
            app::report::figures(db, &stranger, &scan.id).await,
            Err(app::report::ReportError::Unknown)
        ));
        t.finish().await;
    }
}

#[tokio::test]
async fn an_answer_saved_just_before_the_submission_is_part_of_it() {
    for t in support::all().await {
        let db = &t.db;
        let scan = open_scan(db, 3).await;
        let token = scan.tokens(db).await[1].1.clone();
        // The page that submits was loaded before the last answer was saved (save as you go).
        let page = respond::respondent(db, &scan.secret, &token, NOW + 1)
            .await
            .unwrap();
        let item = page.questionnaire.sections[0].items[0].key.clone();
        let later = respond::respondent(db, &scan.secret, &token, NOW + 2)
            .await
            .unwrap();
        respond::save_field(db, &later, 0, &format!("r:{item}"), "5")
            .await
            .unwrap();
        respond::submit(db, &page, NOW + 3).await.unwrap();
        let stored = db.list_responses(&scan.id).await.unwrap();
        assert_eq!(stored.len(), 1);
        let answers: app::domain::questionnaire::Answers =
            serde_json::from_str(&stored[0].answers).unwrap();
        assert_eq!(
            answers.ratings.get(&item),
            Some(&Answer::Rating(5)),
            "{}",
            t.name
        );
        t.finish().await;
    }
}
