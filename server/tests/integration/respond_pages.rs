//! The respondent's pages over HTTP against the real application, without JavaScript: every
//! state of a personal link (welcome, in progress, resumed, submitted, closed, unknown), both
//! languages, and bad input that gets a clear page and changes nothing.

use crate::support;

use support::scans::{open_scan_with_anna, post_pairs as post};
use support::{TestApp, location, signed_in_admin};

/// An open scan with Anna as a colleague (and Piet himself); the personal links by recipient.
async fn open_scan() -> (TestApp, String, String, String) {
    let app = signed_in_admin().await;
    let (id, anna, piet) = open_scan_with_anna(&app).await;
    (app, id, anna, piet)
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (reqwest::StatusCode, String) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let r = request.send().await.unwrap();
    let status = r.status();
    (status, r.text().await.unwrap())
}

async fn body(app: &TestApp, path: &str) -> String {
    let (status, body) = get(app, path, &[]).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// The radio group names (`r:<item key>`) of a section page, in order.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_respondent_goes_from_welcome_to_thanks_with_plain_forms() {
    let (app, id, anna, _) = open_scan().await;
    let s = format!("/s/{anna}");

    // Welcome: the page is personal, so no cache keeps it and no other site learns its address.
    let untouched = app.db.list_invitations(&id).await.unwrap();
    let r = reqwest::get(format!("{}{s}", app.base)).await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["referrer-policy"], "same-origin");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let welcome = r.text().await.unwrap();
    assert!(
        welcome.contains("<h1>Feedback over Piet Jansen</h1>"),
        "{welcome}"
    );
    assert!(welcome.contains("ten minste 3 mensen uit die groep"));
    assert!(welcome.contains(&format!("href=\"{s}/q/0\">Beginnen</a>")));
    let visited = app.db.list_invitations(&id).await.unwrap();
    assert_eq!(untouched, visited, "opening a link records nothing");

    // Part 1, answered in full with a comment, moves on to part 2.
    let part = body(&app, &format!("{s}/q/0")).await;
    assert!(part.contains("Onderdeel 1 van 7"), "{part}");
    let names = item_names(&part);
    assert!(!names.is_empty());
    let mut form: Vec<(String, String)> = names.iter().map(|n| (n.clone(), "4".into())).collect();
    form.push(("c:samenwerken".into(), "Werkt prettig <samen>.".into()));
    form.push(("action".into(), "next".into()));
    let r = post(&app, &format!("{s}/q/0"), &form).await;
    assert_eq!(location(&r), format!("{s}/q/1"));

    // Back on part 1 the answers and the comment are there; the welcome page resumes at part 2.
    let again = body(&app, &format!("{s}/q/0")).await;
    assert_eq!(again.matches(" checked").count(), names.len());
    assert_eq!(again.matches("value=\"4\" checked").count(), names.len());
    assert!(again.contains(">Werkt prettig &lt;samen&gt;.</textarea>"));
    let resumed = body(&app, &s).await;
    assert!(
        resumed.contains(&format!("href=\"{s}/q/1\">Verdergaan waar u was</a>")),
        "{resumed}"
    );

    // "Previous" saves too, and goes back.
    let part_two = item_names(&body(&app, &format!("{s}/q/1")).await);
    let prev = vec![
        (part_two[0].clone(), "x".to_owned()),
        ("action".into(), "prev".into()),
    ];
    let r = post(&app, &format!("{s}/q/1"), &prev).await;
    let to = location(&r);
    assert_eq!(to, format!("{s}/q/0"));

    // The summary counts what is open ("kan ik niet beoordelen" is an answer).
    let total: usize = {
        let summary = body(&app, &format!("{s}/overzicht")).await;
        assert!(
            summary.contains(&format!("U heeft {} van de ", names.len() + 1)),
            "{summary}"
        );
        assert!(summary.contains(&format!("href=\"{s}/q/1\">")));
        let n = summary.split(" van de ").nth(1).unwrap();
        n[..n.find(' ').unwrap()].parse().unwrap()
    };
    assert!(total > names.len());

    // Submitting stores one response, and the link is used up.
    let r = post(&app, &format!("{s}/versturen"), &[]).await;
    assert_eq!(location(&r), format!("{s}/bedankt"));
    assert!(
        body(&app, &format!("{s}/bedankt"))
            .await
            .contains("Uw antwoorden zijn opgeslagen")
    );
    assert_eq!(app.db.list_responses(&id).await.unwrap().len(), 1);
    for page in [s.clone(), format!("{s}/q/0"), format!("{s}/overzicht")] {
        let used = body(&app, &page).await;
        assert!(used.contains("<h1>Al ingevuld</h1>"), "{page}: {used}");
    }
    // A second submit and a late save change nothing.
    let r = post(&app, &format!("{s}/versturen"), &[]).await;
    assert_eq!(location(&r), s);
    let r = post(&app, &format!("{s}/q/0"), &form).await;
    assert_eq!(location(&r), s);
    assert_eq!(app.db.list_responses(&id).await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_clear_page_and_changes_nothing() {
    let (app, id, anna, _) = open_scan().await;
    let s = format!("/s/{anna}");
    let part = body(&app, &format!("{s}/q/0")).await;
    let names = item_names(&part);

    // Unknown, malformed and mangled links and parts all get the same page.
    let unknown = format!("/s/{}", "0".repeat(64));
    for path in [
        unknown.clone(),
        format!("{unknown}/q/0"),
        format!("{unknown}/overzicht"),
        "/s/abc".into(),
        format!("/s/{}", anna.to_uppercase()),
        format!("{s}/q/99"),
        format!("{s}/q/abc"),
        format!("{s}/q/-1"),
    ] {
        let page = body(&app, &path).await;
        assert!(
            page.contains("<h1>Deze link werkt niet</h1>"),
            "{path}: {page}"
        );
        assert!(!page.contains("Piet Jansen"), "{path}");
    }

    // Mangled form addresses get the same page, or go back to the link's own page.
    let r = post(&app, "/s/ab%0Acd/versturen", &[]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("<h1>Deze link werkt niet</h1>")
    );
    let r = post(&app, &format!("{s}/q/abc"), &[]).await;
    assert_eq!(location(&r), s);

    // A rating outside the scale, an unknown statement and an over-long comment are refused
    // with their messages; the draft stays as it was.
    let good: Vec<(String, String)> = vec![(names[0].clone(), "2".into())];
    let r = post(&app, &format!("{s}/q/0"), &good).await;
    assert_eq!(location(&r), format!("{s}/q/1"));
    let tampered = [
        (names[1].clone(), "9".to_owned(), "staat niet op de schaal"),
        (
            "r:bestaat:-:0".to_owned(),
            "3".to_owned(),
            "niet bij deze pagina hoort",
        ),
        (
            "c:samenwerken".to_owned(),
            "x".repeat(4001),
            "maximaal 4000 mag",
        ),
    ];
    for (field, value, message) in tampered {
        let form = vec![(names[0].clone(), "5".to_owned()), (field.clone(), value)];
        let r = post(&app, &format!("{s}/q/0"), &form).await;
        let to = location(&r);
        assert!(to.starts_with(&format!("{s}/q/0?flash=")), "{field}: {to}");
        let page = body(&app, &to).await;
        assert!(page.contains("role=\"alert\""), "{field}: {page}");
        assert!(page.contains(message), "{field}: {message} in {page}");
        assert_eq!(page.matches(" checked").count(), 1, "{field}");
        assert!(page.contains(&format!("name=\"{}\" value=\"2\" checked", names[0])));
    }
    assert!(app.db.submission_markers(&id).await.unwrap().is_empty());
    assert!(app.db.list_responses(&id).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_speak_the_respondents_language_and_the_self_group_reads_first_person() {
    let (app, _, anna, piet) = open_scan().await;
    let english = [("cookie", "i18n_pref_locale=en")];
    let (_, page) = get(&app, &format!("/s/{anna}/q/0"), &english).await;
    assert!(page.contains("<html lang=\"en\""), "{page}");
    assert!(page.contains("Part 1 of 7"));
    assert!(page.contains("cannot judge"));
    // The scan is in Dutch: an English browser still gets Dutch (the scan's language governs,
    // issue 20); the switch offers English.
    let (_, page) = get(
        &app,
        &format!("/s/{anna}"),
        &[("accept-language", "en-GB,en;q=0.8")],
    )
    .await;
    assert!(page.contains("<html lang=\"nl\""), "{page}");
    assert!(page.contains("/language?to=en&amp;next=/s/"), "{page}");
    let (_, page) = get(
        &app,
        &format!("/s/{anna}"),
        &[("accept-language", "de, nl;q=0.5")],
    )
    .await;
    assert!(page.contains("<html lang=\"nl\""));

    let own = body(&app, &format!("/s/{piet}")).await;
    assert!(own.contains("<h1>Uw zelfbeoordeling</h1>"), "{own}");
    assert!(own.contains("niet anoniem"));
    let part = body(&app, &format!("/s/{piet}/q/0")).await;
    assert!(part.contains("<legend id=\"item-0\">Ik "), "{part}");
    let theirs = body(&app, &format!("/s/{anna}/q/0")).await;
    // Everyone else reads about "de betrokkene" (issue 20).
    assert!(
        theirs.contains("<legend id=\"item-0\">De betrokkene "),
        "{theirs}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_that_tries_many_unknown_links_is_refused_for_a_while() {
    let (app, _, anna, _) = open_scan().await;
    let client = ["link:127.0.0.1".to_owned()];
    let limited = || {
        app.state
            .link_limiter
            .check(&client, std::time::Instant::now())
            .is_err()
    };
    assert!(
        body(&app, &format!("/s/{anna}"))
            .await
            .contains("Feedback over Piet Jansen")
    );
    for n in 0..20 {
        let page = body(&app, &format!("/s/{n:064}")).await;
        assert!(page.contains("Deze link werkt niet"));
    }
    assert!(limited());
    // Unknown and malformed links keep being refused from this address...
    assert!(body(&app, "/s/abc").await.contains("Deze link werkt niet"));
    // ...but a real link is never refused because others failed (issue 19): several people
    // behind one address (an office, a proxy) must not lock one another out.
    let page = body(&app, &format!("/s/{anna}")).await;
    assert!(page.contains("Feedback over Piet Jansen"), "{page}");
    assert!(
        limited(),
        "a real link does not lift the limit for bad ones"
    );
}
