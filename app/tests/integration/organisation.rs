//! The organisation-wide report run (`report::organisation`) on every backend: the report of
//! every closed scan and of nothing else, each the one its readers see.

use crate::support;

use app::auth::scan_link::LinkSecret;
use app::domain::account::CurrentUser;
use app::domain::scan::{ScanDraft, default_groups, preselect_from_profile};
use app::domain::scoring::Report;
use app::report::organisation::closed_scan_reports;
use app::respond;
use app::scans::service;
use app::storage::Db;
use support::scan::{DAY, NOW, OpenScan as Scan, colleagues, maastricht, open_draft};

const SUBJECT: &str = "piet@gemeente.nl";

async fn organiser(db: &Db) -> CurrentUser {
    app::catalog::load_builtin(db, NOW).await.unwrap();
    support::scan::organiser(db, "hr@gemeente.nl", NOW).await
}

/// An open Maastricht scan (k = 3) for the subject and `count` colleagues.
async fn open_scan(db: &Db, organiser: &CurrentUser, count: usize) -> Scan {
    let fw = maastricht();
    let draft = ScanDraft {
        subject_name: "Piet Jansen".into(),
        subject_email: SUBJECT.into(),
        subject_job_title: String::new(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        profile_id: Some("beleidsmedewerker".into()),
        level_id: Some("8-10".into()),
        include_next_level: false,
        competency_ids: preselect_from_profile(&fw, "beleidsmedewerker"),
        groups: default_groups(&fw.id),
        k: 3,
        deadline: NOW + 14 * DAY,
        language: Default::default(),
        introduction: String::new(),
        introduction_self: String::new(),
        report_readers: vec![],
        reminder_days: None,
        person_status: false,
    };
    open_draft(
        db,
        organiser.clone(),
        &draft,
        &colleagues(count, "", "c"),
        LinkSecret::generate(),
        NOW,
    )
    .await
}

/// Answers every statement with `rating` (the last one "cannot judge") and submits.
async fn respond_with(db: &Db, scan: &Scan, email: &str, rating: u8) {
    let token = scan.token(db, email).await;
    let mut r = respond::respondent(db, &scan.secret, &token, NOW + 10)
        .await
        .unwrap();
    for index in 0..r.questionnaire.sections.len() {
        let items = r.questionnaire.sections[index].items.clone();
        let answers: Vec<(String, String)> = items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                let value = if n + 1 == items.len() {
                    "x".to_owned()
                } else {
                    (1 + (usize::from(rating) + n) % 5).to_string()
                };
                (format!("r:{}", item.key), value)
            })
            .collect();
        respond::save_section(db, &mut r, index, &answers, &[])
            .await
            .unwrap();
    }
    let r = respond::respondent(db, &scan.secret, &token, NOW + 11)
        .await
        .unwrap();
    respond::submit(db, &r, NOW + 12).await.unwrap();
}

fn others_n(report: &Report) -> usize {
    report.competencies[0].figures.others.as_ref().unwrap().n
}

#[tokio::test]
async fn every_closed_scan_and_only_those_as_their_readers_see_them() {
    for t in support::all().await {
        let db = &t.db;
        let organiser = organiser(db).await;

        // Closed: the subject and three colleagues.
        let plain = open_scan(db, &organiser, 3).await;
        respond_with(db, &plain, SUBJECT, 4).await;
        for i in 0..3 {
            respond_with(db, &plain, &format!("c{i}@gemeente.nl"), i).await;
        }
        service::close_scan(db, &plain.links(), &organiser, &plain.id, NOW + 20)
            .await
            .unwrap();

        // Closed after an early release at three colleagues; the fourth answer came later, and
        // showing it would reveal that one respondent, so readers keep the frozen figures.
        let released = open_scan(db, &organiser, 4).await;
        respond_with(db, &released, SUBJECT, 2).await;
        for i in 0..3 {
            respond_with(db, &released, &format!("c{i}@gemeente.nl"), i + 1).await;
        }
        app::report::release(db, &organiser, &released.id, NOW + 13)
            .await
            .unwrap();
        respond_with(db, &released, "c3@gemeente.nl", 5).await;
        service::close_scan(db, &released.links(), &organiser, &released.id, NOW + 20)
            .await
            .unwrap();

        // Still open, with responses: not part of the run.
        let open = open_scan(db, &organiser, 3).await;
        for i in 0..3 {
            respond_with(db, &open, &format!("c{i}@gemeente.nl"), i).await;
        }

        let reports = closed_scan_reports(db).await.unwrap();
        let mut expected = vec![plain.id.clone(), released.id.clone()];
        expected.sort();
        let ids: Vec<&str> = reports.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, expected, "{}", t.name);
        assert!(!ids.contains(&open.id.as_str()));

        for (id, report) in &reports {
            let (_, shown) = app::report::figures(db, &organiser, id).await.unwrap();
            assert_eq!(report, &shown, "{}: scan {id}", t.name);
            assert!(report.competencies[0].figures.self_line.is_some());
        }
        let report_of = |id: &str| &reports.iter().find(|(r, _)| r == id).unwrap().1;
        assert_eq!(others_n(report_of(&plain.id)), 3, "{}", t.name);
        assert_eq!(db.list_responses(&released.id).await.unwrap().len(), 5);
        assert_eq!(
            others_n(report_of(&released.id)),
            3,
            "{}: the frozen figures, not the four colleagues",
            t.name
        );
        t.finish().await;
    }
}
