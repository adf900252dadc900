//! The organiser's scan forms over HTTP against the real application: every refused input
//! comes back with a message and changes nothing; the whole flow works without JavaScript.

use crate::support;

use app::domain::scan::ScanStatus;
use app::state::unix_now;
use support::actions::refusal_code;
use support::scans::{act_pairs, create_scan, page, post_new_scan, scan_form};
use support::{location, signed_in_admin, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_pages_and_forms_need_a_login() {
    let app = spawn_app().await;
    app.setup_admin().await;
    assert_eq!(location(&app.get("/scans").await), "/login");
    let r = post_new_scan(&app, &scan_form(&[])).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("forbidden"));
    let r = app.scan_action("open", "abc").await;
    assert_eq!(refusal_code(&r).as_deref(), Some("forbidden"));
    assert!(app.db.list_scans(None).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_scan_form_comes_back_filled_in_with_every_problem() {
    let app = signed_in_admin().await;
    // Not even the right kind of text.
    let r = post_new_scan(
        &app,
        &scan_form(&[("k", "drie"), ("deadline", "31-12-2026")]),
    )
    .await;
    let to = location(&r);
    assert!(
        to.starts_with("/scans/new?framework=maastricht-2014&flash="),
        "{to}"
    );
    let body = page(&app, &to).await;
    assert!(
        body.contains("de anonimiteitsgrens \"drie\" is geen geheel getal"),
        "{body}"
    );
    assert!(body.contains("is geen datum"));
    assert!(
        body.contains(r#"value="Piet Jansen""#),
        "the form keeps what was typed"
    );

    // Valid text, but against the rules: every problem at once.
    let r = post_new_scan(
        &app,
        &scan_form(&[
            ("subject_name", " "),
            ("subject_email", "piet@"),
            ("k", "1"),
            ("deadline", "2020-01-01"),
        ]),
    )
    .await;
    let body = page(&app, &location(&r)).await;
    for expected in [
        "de naam van de beoordeelde ontbreekt",
        "is ongeldig",
        "de anonimiteitsgrens moet minstens 2 zijn",
        "de deadline moet in de toekomst liggen",
    ] {
        assert!(body.contains(expected), "missing {expected:?}");
    }
    // A tampered form: a group that was never offered is ignored, an unknown competency is named.
    let r = post_new_scan(
        &app,
        &scan_form(&[("competency[]", "verzonnen"), ("group[]", "hackers")]),
    )
    .await;
    let body = page(&app, &location(&r)).await;
    assert!(body.contains("verzonnen"), "{body}");
    assert!(
        app.db.list_scans(None).await.unwrap().is_empty(),
        "nothing was stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn informant_lists_are_previewed_and_saved_only_when_clean() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    let bad = "Anna <anna@gemeente.nl>, collega's\nBram <bram@gemeente>, collega's\n\
               Cees <cees@gemeente.nl>, onbekend\nAnna <ANNA@gemeente.nl>, medewerkers\n\
               Piet <piet@gemeente.nl>, collega's";
    for action in ["preview", "save"] {
        let r = app.post_informant_list(&id, action, bad).await;
        let body = page(&app, location(&r).split('#').next().unwrap()).await;
        assert!(body.contains("4 regels kloppen niet"), "{action}: {body}");
        assert!(body.contains("ongeldig e-mailadres"));
        assert!(body.contains("onbekende groep"));
        assert!(
            body.contains("Bram &lt;bram@gemeente&gt;"),
            "the text stays for correcting"
        );
    }
    assert_eq!(
        app.db.list_invitations(&id).await.unwrap().len(),
        1,
        "only the subject"
    );

    // Too large a paste is refused as a whole.
    let huge = "x".repeat(300 * 1024);
    let r = app.post_informant_list(&id, "preview", &huge).await;
    assert!(location(&r).contains("flash="));

    // One at a time: a malformed address, then a good one.
    let r = app.add_informant(&id, "Bram", "bram@", "colleagues").await;
    let body = page(&app, location(&r).split('#').next().unwrap()).await;
    assert!(body.contains("ongeldig e-mailadres"), "{body}");
    assert!(
        body.contains(r#"value="bram@""#),
        "the single form keeps its input"
    );
    let r = app
        .add_informant(&id, "Bram", "bram@gemeente.nl", "colleagues")
        .await;
    assert!(location(&r).contains("gedaan=toegevoegd&aantal=1"));

    let good = "Anna <anna@gemeente.nl>, collega's\nCees <cees@gemeente.nl>, medewerkers";
    let r = app.post_informant_list(&id, "preview", good).await;
    let body = page(&app, location(&r).split('#').next().unwrap()).await;
    assert!(body.contains("Alle 2 regels zijn in orde"), "{body}");
    let r = app.post_informant_list(&id, "save", good).await;
    assert!(location(&r).contains("gedaan=toegevoegd&aantal=2"));
    assert_eq!(app.db.list_invitations(&id).await.unwrap().len(), 4);
    // Any other action only checks: it changes nothing.
    let r = app.post_informant_list(&id, "wis-alles", good).await;
    assert!(location(&r).contains("flash="), "{}", location(&r));
    assert_eq!(app.db.list_invitations(&id).await.unwrap().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_scans_keep_their_questions_and_links_follow_the_status() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    app.add_informant(&id, "Anna", "anna@gemeente.nl", "colleagues")
        .await;
    let r = app.scan_action("open", &id).await;
    assert_eq!(
        location(&r),
        format!("/scans/{id}?gedaan=geopend&aantal=2#actions")
    );
    // Opening twice is refused.
    let r = app.scan_action("open", &id).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("scan_wrong_status"));

    // The edit form of an open scan sends the questions back unchanged; changing them is refused.
    let stored = app.db.find_scan(&id).await.unwrap().unwrap();
    let revision = stored.revision.to_string();
    let revision: &'static str = Box::leak(revision.into_boxed_str());
    let edit_page = format!("/scans/{id}/edit");
    let mut changed = scan_form(&[("revision", revision), ("level_id", "11-18")]);
    changed.push(("id".into(), id.clone()));
    let r = act_pairs(&app, "scans/edit", &edit_page, &changed).await;
    let body = page(&app, &location(&r)).await;
    assert!(
        body.contains("de vragen kan niet meer worden gewijzigd"),
        "{body}"
    );
    // A stale revision is refused.
    let mut stale = scan_form(&[("revision", "1")]);
    stale.push(("id".into(), id.clone()));
    let r = act_pairs(&app, "scans/edit", &edit_page, &stale).await;
    let body = page(&app, &location(&r)).await;
    assert!(
        body.contains("Iemand anders heeft deze scan intussen gewijzigd"),
        "{body}"
    );
    assert_eq!(
        app.db.find_scan(&id).await.unwrap().unwrap().scan,
        stored.scan
    );

    // The personal links: the real one opens the welcome page, anything else the same refusal.
    let messages = app.claim_outbox().await;
    let anna = messages
        .iter()
        .find(|m| m.recipient == "anna@gemeente.nl")
        .unwrap();
    // The stored message holds a placeholder, never the token: the worker renders the link
    // from the invitation and link generation the message names.
    let token = app.link_token(anna);
    assert!(!anna.text_body.contains(&token) && !anna.html_body.contains(&token));
    let welcome = page(&app, &format!("/s/{token}")).await;
    assert!(welcome.contains("Feedback over Piet Jansen"), "{welcome}");
    assert!(welcome.contains("ten minste 3 mensen uit die groep"));
    for bad in ["abc", &"0".repeat(64), &token.to_uppercase()] {
        let body = page(&app, &format!("/s/{bad}")).await;
        assert!(body.contains("Deze link werkt niet"), "{bad}");
    }
    // Counts only on the organiser's page: the opened link shows as a number.
    let body = page(&app, &format!("/scans/{id}")).await;
    assert!(body.contains("Alleen aantallen"));

    // Close: the link says so. A malformed reopen date is refused; a good one reopens.
    let r = app.scan_action("close", &id).await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=gesloten#actions"));
    assert!(
        page(&app, &format!("/s/{token}"))
            .await
            .contains("De scan is gesloten")
    );
    let r = app
        .act(
            "scans/reopen",
            &format!("/scans/{id}"),
            &[("id", &id), ("deadline", "morgen")],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("deadline_in_past"));
    let later = app::domain::calendar::amsterdam_date(unix_now())
        .add_days(7)
        .iso();
    let r = app
        .act(
            "scans/reopen",
            &format!("/scans/{id}"),
            &[("id", &id), ("deadline", &later)],
        )
        .await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=heropend#actions"));
    assert_eq!(
        app.db.find_scan(&id).await.unwrap().unwrap().status,
        ScanStatus::Open
    );
    assert!(
        page(&app, &format!("/s/{token}"))
            .await
            .contains("Feedback over Piet Jansen")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organiser_cannot_see_or_touch_a_scan() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    let (other, _) = app.other_organiser("ander@gemeente.nl").await;
    let body = page(&other, &format!("/scans/{id}")).await;
    assert!(
        body.contains("Deze scan bestaat niet, of u heeft er geen toegang toe"),
        "{body}"
    );
    assert!(!body.contains("Piet Jansen"));
    let r = other.scan_action("open", &id).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("unknown_scan"));
    let r = other.scan_action("delete", &id).await;
    assert_eq!(refusal_code(&r).as_deref(), Some("unknown_scan"));
    assert!(!page(&other, "/scans").await.contains("Piet Jansen"));
    assert_eq!(
        app.db.find_scan(&id).await.unwrap().unwrap().status,
        ScanStatus::Draft
    );
    // The organiser may delete their draft.
    let r = app.scan_action("delete", &id).await;
    assert_eq!(location(&r), "/scans?gedaan=verwijderd");
    assert!(app.db.find_scan(&id).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_list_is_previewed_like_a_pasted_one() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    let upload = |bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("scan_id", id.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("informanten.csv"),
            );
        app.client
            .post(format!("{}/api/scans/informants/upload", app.base))
            .header(reqwest::header::REFERER, format!("{}/scans/{id}", app.base))
            .multipart(form)
            .send()
    };
    let csv =
        "naam;e-mail;groep\n\"Jansen, Anna\";anna@gemeente.nl;collega's\nBram;bram@;medewerkers\n";
    let r = upload(csv.as_bytes().to_vec()).await.unwrap();
    let body = page(&app, location(&r).split('#').next().unwrap()).await;
    assert!(body.contains("1 regel klopt niet"), "{body}");
    assert!(body.contains("Jansen, Anna"));
    assert!(body.contains("ongeldig e-mailadres"));
    // Not text: a clear message. Nothing was saved either way.
    let r = upload(vec![0xff, 0xfe, 0x00, 0x41]).await.unwrap();
    let body = page(&app, location(&r).split('#').next().unwrap()).await;
    assert!(body.contains("geen tekst in UTF-8"), "{body}");
    assert_eq!(app.db.list_invitations(&id).await.unwrap().len(), 1);
}
