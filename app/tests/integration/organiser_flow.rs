//! The organiser's flow without dead ends, below the web layer on every available backend: the
//! home page's dashboard (open scans, reports, what needs attention, groups that can never be
//! shown), the scans list with framework names, and refusals that name what the organiser saw.

use crate::support;

use app::auth::scan_link::LinkSecret;
use app::domain::scan::ScanStatus;
use app::domain::scan::dashboard::AttentionReason;
use app::domain::scan::example::maastricht_example;
use app::scans::dashboard::dashboard_for;
use app::scans::mail::LinkMaker;
use app::scans::service;
use support::scan::{DAY, NOW, colleagues, maastricht, organiser};

#[tokio::test]
async fn the_dashboard_warns_about_a_group_that_can_never_be_shown() {
    for test_db in support::all().await {
        let db = &test_db.db;
        app::catalog::load_builtin(db, NOW).await.unwrap();
        let user = organiser(db, "hr@gemeente.nl", NOW).await;
        let secret = LinkSecret::generate();
        let links = LinkMaker {
            base_url: "https://scan.example.nl",
            secret: &secret,
        };
        let fw = maastricht();

        // A draft with only the subject: nobody invited yet.
        let empty = service::create_scan(db, &user, &maastricht_example(&fw, NOW + 14 * DAY), NOW)
            .await
            .unwrap();
        let board = dashboard_for(db, &user, NOW).await.unwrap();
        assert_eq!(board.drafts.len(), 1, "{}", test_db.name);
        assert_eq!(board.attention.len(), 1);
        assert_eq!(board.attention[0].scan_id, empty);
        assert_eq!(board.attention[0].reason, AttentionReason::NoInformants);
        assert_eq!(
            board.drafts[0].framework_nl,
            "Competentiegids gemeente Maastricht 2014"
        );

        // One colleague with k = 3: that group can never be shown; opening is still allowed.
        let mut draft = maastricht_example(&fw, NOW + 2 * DAY);
        draft.subject_email = "karin@gemeente.nl".into();
        draft.report_readers = vec!["burgemeester@gemeente.nl".into()];
        let mayor = organiser(db, "burgemeester@gemeente.nl", NOW).await;
        let lonely = service::create_scan(db, &user, &draft, NOW).await.unwrap();
        service::add_informants(db, &links, &user, &lonely, &colleagues(1, "", "c"), NOW)
            .await
            .unwrap();
        service::open_scan(db, &links, &user, &lonely, NOW)
            .await
            .unwrap();
        let board = dashboard_for(db, &user, NOW).await.unwrap();
        assert_eq!(board.open.len(), 1);
        let open = &board.open[0];
        assert_eq!(
            (open.id.as_str(), open.status),
            (lonely.as_str(), ScanStatus::Open)
        );
        assert_eq!((open.invited, open.submitted, open.informants), (2, 0, 1));
        let reasons: Vec<&AttentionReason> = board
            .attention
            .iter()
            .filter(|a| a.scan_id == lonely)
            .map(|a| &a.reason)
            .collect();
        assert!(
            matches!(reasons[0], AttentionReason::DeadlineSoon { deadline } if *deadline == NOW + 2 * DAY),
            "{reasons:?}"
        );
        let AttentionReason::GroupsBelowK(reach) = reasons[1] else {
            panic!("no warning for the lonely colleague: {reasons:?}");
        };
        assert_eq!(reach.k, 3);
        assert_eq!(reach.groups.len(), 1);
        assert_eq!(
            (reach.groups[0].label_nl.as_str(), reach.groups[0].invited),
            ("Collega's", 1)
        );

        // Closed, its report is ready and nothing about it needs attention any more.
        service::close_scan(db, &links, &user, &lonely, NOW + DAY)
            .await
            .unwrap();
        let board = dashboard_for(db, &user, NOW + DAY).await.unwrap();
        assert_eq!(board.reports.len(), 1);
        assert_eq!(board.reports[0].id, lonely);
        assert!(board.attention.iter().all(|a| a.scan_id != lonely));

        // The mayor manages no scans, but the report names her: it is hers to read.
        let board = dashboard_for(db, &mayor, NOW + DAY).await.unwrap();
        assert!(board.open.is_empty() && board.drafts.is_empty() && board.attention.is_empty());
        assert_eq!(board.reports.len(), 1);
        assert_eq!(
            (
                board.reports[0].id.as_str(),
                board.reports[0].framework_nl.as_str()
            ),
            (lonely.as_str(), "Competentiegids gemeente Maastricht 2014")
        );
        let stranger = organiser(db, "ander@gemeente.nl", NOW).await;
        assert!(
            dashboard_for(db, &stranger, NOW + DAY)
                .await
                .unwrap()
                .is_empty()
        );

        // The scans list carries the framework's name, not its id.
        let list = service::list_named_for(db, &user).await.unwrap();
        assert!(list.iter().all(
            |(_, nl, en)| nl == "Competentiegids gemeente Maastricht 2014"
                && en == "Maastricht competency guide 2014"
        ));
        test_db.finish().await;
    }
}

#[tokio::test]
async fn a_refused_scan_names_the_profile_and_competency_not_their_ids() {
    let test_db = support::sqlite().await;
    let db = &test_db.db;
    app::catalog::load_builtin(db, NOW).await.unwrap();
    let user = organiser(db, "hr@gemeente.nl", NOW).await;
    let fw = maastricht();
    let mut draft = maastricht_example(&fw, NOW + 14 * DAY);
    let profile = fw.profile("beleidsmedewerker").unwrap();
    let required = profile.core[0].clone();
    draft.competency_ids.retain(|c| *c != required);
    let refused = service::create_scan(db, &user, &draft, NOW)
        .await
        .expect_err("a required competency is missing");
    let messages = refused.messages();
    let (nl, en) = messages
        .iter()
        .find(|(nl, _)| nl.contains("vraagt altijd de competentie"))
        .unwrap_or_else(|| panic!("{messages:?}"));
    let competency = &fw.competency(&required).unwrap().name;
    for text in [nl, en] {
        assert!(text.contains(&profile.name), "{text}");
        assert!(text.contains(competency.as_str()), "{text}");
        assert!(!text.contains(&format!("\"{required}\"")), "{text}");
    }
    test_db.finish().await;
}
