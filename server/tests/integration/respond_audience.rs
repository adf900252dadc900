//! What each audience of a scan reads, over HTTP against the real application: the subject and
//! the informants each get their own introduction (in the invitation and on the welcome page,
//! line breaks kept), informants read the statements about "de betrokkene", and the scan's
//! language governs the respondent's pages unless the respondent switches.

use crate::support;

use support::scans::{create_scan_from, scan_form};
use support::{TestApp, location, signed_in_admin};

const FOR_INFORMANTS: &str = "Dear colleague,\nPlease be <honest>.\n\nThank you,\nHR";
const FOR_SELF: &str = "Dear Piet,\r\nPlease rate yourself first.";

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> String {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let r = request.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// An open scan in `language` with both introductions, Anna invited as a colleague; the
/// claimed invitations (recipient, subject, text) and the links of Anna and Piet.
async fn open_scan(
    app: &TestApp,
    language: &'static str,
) -> (Vec<(String, String, String)>, String, String) {
    let form = scan_form(&[
        ("language", language),
        ("introduction", FOR_INFORMANTS),
        ("introduction_self", FOR_SELF),
    ]);
    let id = create_scan_from(app, &form).await;
    app.add_informant(&id, "Anna", "anna@gemeente.nl", "colleagues")
        .await;
    let r = app.scan_action("open", &id).await;
    assert!(location(&r).starts_with(&format!("/scans/{id}?gedaan=geopend")));
    let messages = app.claim_outbox().await;
    let link = |recipient: &str| {
        app.link_token(messages.iter().find(|m| m.recipient == recipient).unwrap())
    };
    let (anna, piet) = (link("anna@gemeente.nl"), link("piet@gemeente.nl"));
    let mails = messages
        .iter()
        .map(|m| (m.recipient.clone(), m.subject.clone(), m.text_body.clone()))
        .collect();
    (mails, anna, piet)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_audience_reads_its_own_introduction_with_its_line_breaks() {
    let app = signed_in_admin().await;
    let (mails, anna, piet) = open_scan(&app, "nl").await;
    let mail = |to: &str| &mails.iter().find(|(r, _, _)| r == to).unwrap().2;
    assert!(mail("anna@gemeente.nl").contains("Please be <honest>."));
    assert!(!mail("anna@gemeente.nl").contains("rate yourself"));
    assert!(mail("piet@gemeente.nl").contains("Please rate yourself first."));
    assert!(!mail("piet@gemeente.nl").contains("honest"));

    let theirs = get(&app, &format!("/s/{anna}"), &[]).await;
    assert!(
        theirs
            .contains("<p>Dear colleague,<br>Please be &lt;honest&gt;.</p><p>Thank you,<br>HR</p>"),
        "{theirs}"
    );
    assert!(!theirs.contains("rate yourself"));
    let own = get(&app, &format!("/s/{piet}"), &[]).await;
    assert!(
        own.contains("<p>Dear Piet,<br>Please rate yourself first.</p>"),
        "{own}"
    );
    assert!(!own.contains("honest"));

    // The statements: about "de betrokkene" for Anna, "Ik …" for Piet; the same questions.
    let part = get(&app, &format!("/s/{anna}/q/0"), &[]).await;
    assert!(
        part.contains("<legend id=\"item-0\">De betrokkene "),
        "{part}"
    );
    assert!(part.contains("„De betrokkene” in de uitspraken is Piet Jansen."));
    let own_part = get(&app, &format!("/s/{piet}/q/0"), &[]).await;
    assert!(own_part.contains("<legend id=\"item-0\">Ik "), "{own_part}");
    let names = |page: &str| page.matches("name=\"r:").count();
    assert_eq!(names(&part), names(&own_part));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scans_language_governs_its_pages_unless_the_respondent_switches() {
    let app = signed_in_admin().await;
    let (mails, anna, _) = open_scan(&app, "en").await;
    assert!(mails.iter().all(|(_, subject, _)| !subject.contains("Uw ")));
    let dutch_browser = [("accept-language", "nl-NL,nl;q=0.9")];
    let welcome = get(&app, &format!("/s/{anna}"), &dutch_browser).await;
    assert!(welcome.contains("<html lang=\"en\""), "{welcome}");
    assert!(welcome.contains("Feedback about Piet Jansen"));
    let part = get(&app, &format!("/s/{anna}/q/0"), &dutch_browser).await;
    assert!(part.contains("Part 1 of 7"), "{part}");
    let summary = get(&app, &format!("/s/{anna}/overzicht"), &dutch_browser).await;
    assert!(summary.contains("<html lang=\"en\""));
    // The switch (its cookie) is the respondent's explicit choice and wins.
    let switched = get(
        &app,
        &format!("/s/{anna}/q/0"),
        &[("cookie", "i18n_pref_locale=nl"), dutch_browser[0]],
    )
    .await;
    assert!(switched.contains("Onderdeel 1 van 7"), "{switched}");
    // A page that belongs to no scan follows the browser.
    let unknown = get(&app, &format!("/s/{}", "0".repeat(64)), &dutch_browser).await;
    assert!(unknown.contains("<html lang=\"nl\""));
}
