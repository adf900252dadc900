//! A party's personal link to a conversation record (issue 21): `GET /g/{token}` leaves the
//! token in an HttpOnly cookie and sends the browser on to the record, which the cookie then
//! opens without an account; a link that does not work answers one Dutch page and nothing
//! else; and the token never reaches the logs (the request line names the route's pattern).

use crate::support;

use support::logs::logs;
use support::{TestApp, location, signed_in_admin};

const KIND: &str = "functioneringsgesprek-secretaris";
const MAYOR: &str = "burgemeester@gemeente.nl";
const SECRETARY: &str = "j.jansen@gemeente.nl";
const SECRETARY_NAME: &str = "Jolanda Jansen";

async fn post_form(
    app: &TestApp,
    endpoint: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/{endpoint}", app.base))
        .header(reqwest::header::REFERER, format!("{}{referer}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The mayor creates the secretary's conversation, plans it and sends the agenda: every party
/// gets a message with a personal link. The record's id.
async fn record_with_agenda_sent(mayor: &TestApp) -> String {
    let r = post_form(
        mayor,
        "conversations/create",
        &format!("/gesprekken/nieuw?soort={KIND}"),
        &[
            ("type_id", KIND),
            ("subject_name", SECRETARY_NAME),
            ("subject_email", SECRETARY),
            ("role[]", "burgemeester"),
            ("participant_name[]", "Anne de Vries"),
            ("participant_email[]", MAYOR),
            ("role[]", "wethouder-po"),
            ("participant_name[]", "Bram Bakker"),
            ("participant_email[]", "wethouder@gemeente.nl"),
        ],
    )
    .await;
    let next = location(&r);
    let id = next
        .strip_prefix("/gesprekken/")
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_owned();
    let page = format!("/gesprekken/{id}");
    for form in [
        vec![
            ("command", "plan"),
            ("starts_on", "2031-03-04"),
            ("starts_at", "10:00"),
            ("place", "Raadhuis"),
            ("duration_minutes", "90"),
        ],
        vec![("command", "send_agenda")],
    ] {
        let mut form = form;
        form.push(("id", &id));
        let r = post_form(mayor, "conversations/act", &page, &form).await;
        assert!(location(&r).contains("gedaan="), "{}", location(&r));
    }
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_personal_link_opens_the_record_through_a_cookie_and_never_reaches_the_log() {
    let (text_log, json_log) = logs();
    let admin = signed_in_admin().await;
    let (mayor, _) = admin.other_organiser(MAYOR).await;
    let id = record_with_agenda_sent(&mayor).await;
    let messages = admin.claim_outbox().await;
    let message = messages
        .iter()
        .rev()
        .find(|m| m.recipient == SECRETARY && m.link.is_some())
        .expect("the person discussed got a message with a personal link");
    let token = admin.link_token(message);

    // The secretary has no account: the link is all they have.
    let secretary = admin.clone_without_client();
    let r = secretary.get(&format!("/g/{token}")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/gesprekken/{id}"));
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with(&format!("ontwikkelscan_gesprek={token};")),
        "{cookie}"
    );
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/;"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "the test server is plain http");

    let r = secretary.get(&format!("/gesprekken/{id}")).await;
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.contains(SECRETARY_NAME));
    assert!(
        body.contains("name=\"text\""),
        "the person discussed may add a topic"
    );
    assert!(!body.contains(&token), "the page never shows the token");

    // Through the link they act as the person discussed: add a topic, with a plain post.
    let r = post_form(
        &secretary,
        "conversations/act",
        &format!("/gesprekken/{id}"),
        &[
            ("id", &id),
            ("command", "add_topic"),
            ("text", "Thuiswerken"),
        ],
    )
    .await;
    assert_eq!(
        location(&r),
        format!("/gesprekken/{id}?gedaan=add_topic#agenda")
    );
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert!(stored.agenda.iter().any(|item| item.text == "Thuiswerken"));

    // Refused (too early to approve): back on the page with the Dutch reason, the flash
    // bound to the link's token since there is no session.
    let r = post_form(
        &secretary,
        "conversations/act",
        &format!("/gesprekken/{id}"),
        &[("id", &id), ("command", "approve"), ("confirm", "on")],
    )
    .await;
    let back = location(&r);
    assert!(back.contains("flash="), "{back}");
    let body = secretary.get(&back).await.text().await.unwrap();
    assert!(
        body.contains("U kunt nu niet het verslag vaststellen"),
        "{body}"
    );
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(stored.conversation.state, "agenda_sent");

    // A link that does not work: one Dutch page, 404, no cookie, no record.
    let visitor = admin.clone_without_client();
    for wrong in [
        format!("{}x", &token[..token.len() - 1]),
        "kort".to_owned(),
        "a%3Bb".to_owned(),
    ] {
        let r = visitor.get(&format!("/g/{wrong}")).await;
        assert_eq!(r.status(), 404, "{wrong}");
        assert!(r.headers().get("set-cookie").is_none());
        let body = r.text().await.unwrap();
        assert!(body.contains("Deze link werkt niet"), "{body}");
        assert!(!body.contains(SECRETARY_NAME));
        assert!(!body.contains(&id));
    }

    // The log names the route, never the token.
    let (text, json) = (text_log.text(), json_log.text());
    assert!(text.contains("/g/{token}"), "the request was logged");
    for log in [&text, &json] {
        assert!(!log.contains(&token), "a personal link's token in the log");
        assert!(!log.contains(&token[..16]), "part of a token in the log");
    }
}
