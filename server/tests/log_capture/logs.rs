//! What the logs say about respondents: nothing that opens a questionnaire or names who was
//! reminded (issue 18). The server's text and JSON logs are captured in this process (one
//! global subscriber with both formats, as `telemetry::init` configures them, plus `trace` for
//! the app's and server's own code) over a whole flow — invitations sent by the outbox worker,
//! one respondent through the HTML pages and one through the JSON API, unknown links, a
//! reminder, an account invitation, a request no route matches — and searched for every token.

use crate::support;

use serde_json::{Value, json};
use support::logs::logs;
use support::scans::{create_scan, post_pairs};
use support::{TestApp, location, signed_in_admin};

/// A comment typed into a draft.
const DRAFT_COMMENT: &str = "LOGVRIJ-concept-okapi";

/// The 64-hex-digit tokens after `prefix` in `text` (quoted-printable soft breaks removed).
fn tokens_after(text: &str, prefix: &str) -> Vec<String> {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    text.match_indices(prefix)
        .filter_map(|(at, _)| text.get(at + prefix.len()..at + prefix.len() + 64))
        .filter(|t| t.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_owned)
        .collect()
}

/// Sends what the outbox holds into `.eml` files; returns every message's text.
async fn send_outbox(app: &TestApp, dir: &std::path::Path) -> Vec<String> {
    app.send_outbox_to_files(dir).await;
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

fn item_names(page: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in page.split("name=\"r:").skip(1) {
        let name = format!("r:{}", &part[..part.find('"').unwrap()]);
        if names.last() != Some(&name) {
            names.push(name);
        }
    }
    names
}

async fn get_ok(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_reaches_the_text_or_json_log() {
    let (text_log, json_log) = logs();
    let mail_dir = tempfile::tempdir().unwrap();
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    for (name, email) in [("Anna", "anna@gemeente.nl"), ("Bert", "bert@gemeente.nl")] {
        app.add_informant(&id, name, email, "colleagues").await;
    }
    let r = app.scan_action("open", &id).await;
    assert_eq!(
        location(&r),
        format!("/scans/{id}?gedaan=geopend&aantal=3#actions")
    );
    let messages = send_outbox(&app, mail_dir.path()).await;
    let link_of = |recipient: &str| {
        let message = messages
            .iter()
            .find(|m| m.contains(&format!("To: {recipient}")))
            .unwrap();
        tokens_after(message, "/s/")[0].clone()
    };
    let (anna, bert) = (link_of("anna@gemeente.nl"), link_of("bert@gemeente.nl"));
    let piet = link_of("piet@gemeente.nl");

    // Anna answers through the HTML pages, without JavaScript.
    let s = format!("/s/{anna}");
    let welcome = get_ok(&app, &s).await;
    assert!(welcome.contains("anonymity-promise"), "{welcome}");
    let part = get_ok(&app, &format!("{s}/q/0")).await;
    let mut form: Vec<(String, String)> = item_names(&part)
        .into_iter()
        .map(|n| (n, "4".to_owned()))
        .collect();
    form.push(("action".into(), "next".into()));
    let r = post_pairs(&app, &format!("{s}/q/0"), &form).await;
    assert_eq!(location(&r), format!("{s}/q/1"));
    get_ok(&app, &format!("{s}/overzicht")).await;
    let r = post_pairs(&app, &format!("{s}/versturen"), &[]).await;
    assert_eq!(location(&r), format!("{s}/bedankt"));
    get_ok(&app, &format!("{s}/bedankt")).await;
    get_ok(&app, &s).await;

    // Piet answers through the JSON API.
    let client = reqwest::Client::new();
    let api = format!("{}/api/v1/respond/{piet}", app.base);
    let questionnaire: Value = client.get(&api).send().await.unwrap().json().await.unwrap();
    for (index, section) in questionnaire["sections"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let answers: serde_json::Map<String, Value> = section["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| (item["key"].as_str().unwrap().to_owned(), json!("3")))
            .collect();
        // A distinctive comment in the draft: it must not reach the log either.
        let body = if index == 0 {
            json!({"answers": answers, "comment": DRAFT_COMMENT})
        } else {
            json!({"answers": answers})
        };
        let r = client
            .put(format!("{api}/sections/{index}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.status());
    }
    let r = client.post(format!("{api}/submit")).send().await.unwrap();
    assert!(r.status().is_success(), "{}", r.status());

    // Links that do not exist, and addresses no route knows.
    let probe = "ab".repeat(32);
    for path in [
        format!("/s/{probe}"),
        format!("/s/{probe}/q/0"),
        format!("/api/v1/respond/{probe}"),
        format!("/invite/{probe}"),
        format!("/onbekend/{probe}"),
        format!("/pkg/{probe}.js"),
    ] {
        app.get(&path).await;
    }

    // Bert has not answered: a reminder goes to him alone. From here on the log must not name
    // his invitation or his address.
    let before_reminder = (text_log.text().len(), json_log.text().len());
    let r = app.scan_action("remind", &id).await;
    assert!(
        location(&r).contains("gedaan=herinnerd"),
        "{}",
        location(&r)
    );
    std::fs::remove_dir_all(mail_dir.path()).unwrap();
    let reminders = send_outbox(&app, mail_dir.path()).await;
    assert_eq!(reminders.len(), 1, "only Bert is reminded");
    let reminded = tokens_after(&reminders[0], "/s/");
    assert!(!reminded.is_empty() && reminded.iter().all(|t| *t == bert));
    let bert_invitation = app
        .db
        .list_invitations(&id)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email == "bert@gemeente.nl")
        .unwrap()
        .id;

    // An account invitation, and its page.
    let r = app
        .act(
            "accounts/invite",
            "/admin/users",
            &[("email", "nieuw@gemeente.nl")],
        )
        .await;
    assert!(location(&r).starts_with("/admin/users?flash="));
    let invitations = send_outbox(&app, mail_dir.path()).await;
    let account = invitations
        .iter()
        .flat_map(|m| tokens_after(m, "/invite/"))
        .next()
        .expect("an account invitation link");
    get_ok(&app, &format!("/invite/{account}")).await;

    // Let the last response lines be written.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (text, json) = (text_log.text(), json_log.text());
    for (format, log) in [("text", &text), ("json", &json)] {
        assert!(
            log.contains("/s/{token}") && log.contains("/api/v1/respond/{token}"),
            "the {format} log names the routes:\n{log}"
        );
        assert!(log.contains("/invite/{token}"), "{format}:\n{log}");
        assert!(log.contains("(fallback)"), "{format}:\n{log}");
        assert!(
            !log.contains(DRAFT_COMMENT),
            "the {format} log holds draft text:\n{log}"
        );
        for token in [&anna, &bert, &piet, &probe, &account] {
            assert!(
                !log.contains(token.as_str()),
                "the {format} log holds a link token:\n{log}"
            );
        }
        for address in [
            "anna@gemeente.nl",
            "bert@gemeente.nl",
            "piet@gemeente.nl",
            "nieuw@gemeente.nl",
        ] {
            assert!(!log.contains(address), "the {format} log names {address}");
        }
    }
    for (format, since) in [
        ("text", &text[before_reminder.0..]),
        ("json", &json[before_reminder.1..]),
    ] {
        assert!(
            !since.contains(&bert_invitation),
            "the {format} log names the reminded invitation:\n{since}"
        );
    }
    // Each request line carries the route, parsed as JSON too.
    let routes: Vec<String> = json
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|v| v["span"]["route"].as_str().map(str::to_owned))
        .collect();
    assert!(routes.iter().any(|r| r == "/s/{token}/q/{n}"), "{routes:?}");
}
