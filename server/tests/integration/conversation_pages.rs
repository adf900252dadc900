//! The conversation pages (issue 21) as a browser without JavaScript drives them: the organiser
//! creates a record through the form's plain post, its parties read it, everybody else —
//! an administrator who is not named in it, a signed-out visitor — gets 404, and a refused
//! action shows its Dutch reason on the page and changes nothing.

use crate::support;

use support::{TestApp, location, signed_in_admin};

const KIND: &str = "functioneringsgesprek-secretaris";
const MAYOR: &str = "burgemeester@gemeente.nl";
const ALDERMAN: &str = "wethouder@gemeente.nl";
const SECRETARY: &str = "j.jansen@gemeente.nl";
const SECRETARY_NAME: &str = "Jolanda Jansen";

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The new-conversation form of the secretary's performance conversation, as the browser
/// posts it: one row per role, the spare row of the repeatable role left empty.
fn creation_form(subject_name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("type_id", KIND.into()),
        ("subject_name", subject_name.into()),
        ("subject_email", SECRETARY.into()),
        ("role[]", "burgemeester".into()),
        ("participant_name[]", "Anne de Vries".into()),
        ("participant_email[]", MAYOR.into()),
        ("role[]", "wethouder-po".into()),
        ("participant_name[]", "Bram Bakker".into()),
        ("participant_email[]", ALDERMAN.into()),
        ("role[]", "overige".into()),
        ("participant_name[]", String::new()),
        ("participant_email[]", String::new()),
        ("role[]", "overige".into()),
        ("participant_name[]", String::new()),
        ("participant_email[]", String::new()),
    ]
}

async fn post_form(
    app: &TestApp,
    endpoint: &str,
    referer: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/{endpoint}", app.base))
        .header(reqwest::header::REFERER, format!("{}{referer}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The organiser (the mayor) creates the record through the form; its id.
async fn create_as_mayor(mayor: &TestApp) -> String {
    let r = post_form(
        mayor,
        "conversations/create",
        &format!("/gesprekken/nieuw?soort={KIND}"),
        &creation_form(SECRETARY_NAME),
    )
    .await;
    let next = location(&r);
    let id = next
        .strip_prefix("/gesprekken/")
        .and_then(|rest| rest.strip_suffix("?gedaan=aangemaakt"))
        .unwrap_or_else(|| panic!("not the new record's page: {next}"))
        .to_owned();
    assert!(!id.is_empty());
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_creates_a_record_its_parties_read_and_nobody_else_finds() {
    let admin = signed_in_admin().await;
    let (mayor, _) = admin.other_organiser(MAYOR).await;
    let (alderman, _) = admin.other_organiser(ALDERMAN).await;

    // Step one lists the types; step two is the chosen type's form.
    let (status, body) = page(&mayor, "/gesprekken/nieuw").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!("/gesprekken/nieuw?soort={KIND}")),
        "{body}"
    );
    let (status, body) = page(&mayor, &format!("/gesprekken/nieuw?soort={KIND}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("name=\"participant_email[]\""));
    assert!(
        body.contains(&format!("value=\"{MAYOR}\"")),
        "the organiser's own address stands in the first planning role"
    );

    let id = create_as_mayor(&mayor).await;
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(stored.conversation.state, "planned");
    assert_eq!(stored.conversation.subject_name, SECRETARY_NAME);
    assert_eq!(
        stored.parties.len(),
        3,
        "two participants and the person discussed; the empty rows are nobody"
    );

    // The parties read it: the organiser with the plan form, the alderman as well.
    let (status, body) = page(&mayor, &format!("/gesprekken/{id}?gedaan=aangemaakt")).await;
    assert_eq!(status, 200);
    assert!(body.contains(SECRETARY_NAME), "{body}");
    assert!(body.contains("Het gesprek is aangemaakt."));
    assert!(body.contains("aria-current=\"step\""), "the state as steps");
    assert!(body.contains("name=\"starts_on\""), "the planner plans");
    // Not approved yet: the page says when the record goes unless it is approved (the type's
    // 36 months after its last change).
    let removal =
        app::domain::conversation::unapproved_keep_until(stored.conversation.updated_at, 36);
    let date = app::domain::calendar::format_deadline(removal, app::domain::language::Language::Nl);
    assert!(
        body.contains(&format!(
            "Wordt verwijderd op {date} als het niet wordt vastgesteld"
        )),
        "{date}: {body}"
    );
    let (status, body) = page(&alderman, &format!("/gesprekken/{id}")).await;
    assert_eq!(status, 200);
    assert!(body.contains(SECRETARY_NAME));
    // The list shows it to its parties.
    let (status, body) = page(&alderman, "/gesprekken").await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!("/gesprekken/{id}")));

    // The administrator is not named in it: 404, and nothing of it on the page or the list.
    let (status, body) = page(&admin, &format!("/gesprekken/{id}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains(SECRETARY_NAME));
    assert!(body.contains("Dit gesprek bestaat niet, of u heeft er geen toegang toe."));
    let (_, body) = page(&admin, "/gesprekken").await;
    assert!(!body.contains(&id));
    let r = admin.get(&format!("/gesprekken/{id}/verslag.pdf")).await;
    assert_eq!(r.status(), 404);

    // Signed out: the same 404, for the page and its PDF.
    let stranger = admin.clone_without_client();
    let (status, body) = page(&stranger, &format!("/gesprekken/{id}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains(SECRETARY_NAME));
    let r = stranger.get(&format!("/gesprekken/{id}/verslag.pdf")).await;
    assert_eq!(r.status(), 404);
    let (status, _) = page(&stranger, "/gesprekken/geen-gesprek").await;
    assert_eq!(status, 404);

    // A party downloads the PDF as an attachment that no cache keeps.
    let r = alderman.get(&format!("/gesprekken/{id}/verslag.pdf")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_action_shows_its_dutch_reason_and_changes_nothing() {
    let admin = signed_in_admin().await;
    let (mayor, _) = admin.other_organiser(MAYOR).await;
    let (alderman, _) = admin.other_organiser(ALDERMAN).await;
    let id = create_as_mayor(&mayor).await;
    let before = admin.db.load_conversation(&id).await.unwrap().unwrap();

    // Only the person discussed approves; the alderman is refused, with the box ticked.
    let r = post_form(
        &alderman,
        "conversations/act",
        &format!("/gesprekken/{id}"),
        &[
            ("id", id.clone()),
            ("revision", before.conversation.revision.to_string()),
            ("command", "approve".into()),
            ("confirm", "on".into()),
        ],
    )
    .await;
    let back = location(&r);
    assert!(back.starts_with(&format!("/gesprekken/{id}")), "{back}");
    assert!(!back.contains("gedaan="), "{back}");
    let (status, body) = page(&alderman, &back).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("U kunt in dit gesprek niet het verslag vaststellen."),
        "{body}"
    );
    assert!(body.contains("role=\"alert\""));

    let after = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(after.conversation.state, "planned");
    assert_eq!(after.conversation.revision, before.conversation.revision);
    assert_eq!(after.conversation.approved_at, None);

    // A form with a problem comes back as typed, the problem under its field.
    let r = post_form(
        &mayor,
        "conversations/act",
        &format!("/gesprekken/{id}"),
        &[
            ("id", id.clone()),
            ("revision", before.conversation.revision.to_string()),
            ("command", "plan".into()),
            ("starts_on", "2031-03-04".into()),
            ("starts_at", "10:00".into()),
            ("place", "Kamer van de burgemeester".into()),
            ("duration_minutes", "5".into()),
        ],
    )
    .await;
    let back = location(&r);
    let (_, body) = page(&mayor, &back).await;
    assert!(
        body.contains("value=\"Kamer van de burgemeester\""),
        "typed text kept"
    );
    assert!(
        body.contains("id=\"plan-duration-minutes-problem\""),
        "{body}"
    );
    assert!(body.contains("aria-invalid=\"true\""));
    let after = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(after.conversation.starts_at, None, "nothing was planned");

    // The creation form refused: back on the form as typed, with the Dutch problem.
    let mut form = creation_form("");
    form.retain(|(name, _)| *name != "subject_name");
    form.push(("subject_name", "   ".into()));
    let r = post_form(
        &mayor,
        "conversations/create",
        &format!("/gesprekken/nieuw?soort={KIND}"),
        &form,
    )
    .await;
    let back = location(&r);
    assert!(back.starts_with("/gesprekken/nieuw?soort="), "{back}");
    let (_, body) = page(&mayor, &back).await;
    assert!(body.contains("Vul dit veld in."), "{body}");
    assert!(
        body.contains(&format!("value=\"{ALDERMAN}\"")),
        "typed text kept"
    );
}

/// Calls a server function as the browser's WebAssembly does (form-encoded arguments, an answer
/// in JSON, no redirect).
async fn call_as_wasm(app: &TestApp, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(format!("{}/api/{endpoint}", app.base))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_webassembly_the_same_door_answers_in_json() {
    use app::server_fns::conversations::{ActDone, RecordError};

    let admin = signed_in_admin().await;
    let (mayor, _) = admin.other_organiser(MAYOR).await;
    let (alderman, _) = admin.other_organiser(ALDERMAN).await;
    let id = create_as_mayor(&mayor).await;

    // Done: the page to show next, and the browser is told to go there.
    let r = call_as_wasm(
        &alderman,
        "conversations/act",
        &[("id", &id), ("command", "add_topic"), ("text", "Werkdruk")],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()[reqwest::header::LOCATION],
        format!("/gesprekken/{id}?gedaan=add_topic#agenda").as_str()
    );
    // The answer names the record's new revision: the page's forms post it at once, before
    // the record has loaded again, and the next command from it is done.
    let done: ActDone = r.json().await.unwrap();
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(done.revision, stored.conversation.revision);
    assert_eq!(
        done.page,
        format!("/gesprekken/{id}?gedaan=add_topic#agenda")
    );
    let revision = done.revision.to_string();
    let r = call_as_wasm(
        &alderman,
        "conversations/act",
        &[
            ("id", &id),
            ("revision", &revision),
            ("command", "add_topic"),
            ("text", "Planning van de begroting"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<ActDone>().await.unwrap().revision,
        done.revision + 1
    );

    // Refused: 422 with the reason in both languages; a stranger: 404, as for the page.
    let r = call_as_wasm(
        &alderman,
        "conversations/act",
        &[("id", &id), ("command", "approve"), ("confirm", "on")],
    )
    .await;
    assert_eq!(r.status(), 422);
    match r.json::<RecordError>().await.unwrap() {
        RecordError::Refused { nl, .. } => {
            assert_eq!(nl, "U kunt in dit gesprek niet het verslag vaststellen.")
        }
        other => panic!("{other:?}"),
    }
    let r = call_as_wasm(
        &admin,
        "conversations/act",
        &[
            ("id", &id),
            ("command", "add_topic"),
            ("text", "Ingebroken"),
        ],
    )
    .await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<RecordError>().await.unwrap(), RecordError::Unknown);
    // An old revision changes nothing either.
    let r = call_as_wasm(
        &alderman,
        "conversations/act",
        &[
            ("id", &id),
            ("revision", "0"),
            ("command", "add_topic"),
            ("text", "Te laat"),
        ],
    )
    .await;
    assert_eq!(r.json::<RecordError>().await.unwrap(), RecordError::Stale);
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    let topics: Vec<&str> = stored.agenda.iter().map(|i| i.text.as_str()).collect();
    assert!(topics.contains(&"Werkdruk"), "{topics:?}");
    assert!(!topics.contains(&"Ingebroken") && !topics.contains(&"Te laat"));
}

/// One command posted from the record's page, as its form does (no revision: the latest).
async fn act(app: &TestApp, id: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form: Vec<(&str, String)> = vec![("id", id.to_owned())];
    form.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    post_form(
        app,
        "conversations/act",
        &format!("/gesprekken/{id}"),
        &form,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_goes_from_plan_to_approval_through_its_forms() {
    let admin = signed_in_admin().await;
    let (mayor, _) = admin.other_organiser(MAYOR).await;
    let (secretary, _) = admin.other_organiser(SECRETARY).await;
    let id = create_as_mayor(&mayor).await;
    let done = |r: &reqwest::Response, command: &str| {
        let next = location(r);
        assert!(
            next.contains(&format!("gedaan={command}")),
            "{command}: {next}"
        );
    };

    let r = act(
        &mayor,
        &id,
        &[
            ("command", "plan"),
            ("starts_on", "2031-03-04"),
            ("starts_at", "10:00"),
            ("place", "Raadhuis"),
            ("duration_minutes", "60"),
        ],
    )
    .await;
    done(&r, "plan");
    let (_, body) = page(&mayor, &format!("/gesprekken/{id}")).await;
    assert!(
        body.contains("data-testid=\"duration-warning\""),
        "60 < 90 minutes"
    );
    done(
        &act(&mayor, &id, &[("command", "send_agenda")]).await,
        "send_agenda",
    );
    done(
        &act(&mayor, &id, &[("command", "mark_held")]).await,
        "mark_held",
    );

    // The summary form: every text section's textarea, labelled, in the summary's form.
    let (_, body) = page(&mayor, &format!("/gesprekken/{id}")).await;
    assert!(body.contains("name=\"section_text[]\""), "{body}");
    assert!(body.contains("form=\"record-summary\""));
    assert!(
        body.contains("for=\"summary-resultaten\""),
        "the textarea's label"
    );
    assert!(body.contains("id=\"summary-resultaten\""));
    assert!(body.contains("name=\"what[]\""));
    let r = act(
        &mayor,
        &id,
        &[
            ("command", "save_summary"),
            ("section_id[]", "resultaten"),
            ("section_text[]", "Een goed jaar."),
            ("section_id[]", "ondersteuning"),
            ("section_text[]", ""),
            ("what[]", "Leergang strategisch leiderschap"),
            ("who[]", "Secretaris"),
            ("due_on[]", "2031-12-01"),
            ("what[]", ""),
            ("who[]", ""),
            ("due_on[]", ""),
        ],
    )
    .await;
    done(&r, "save_summary");
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert!(
        stored
            .sections
            .iter()
            .any(|s| s.section_id == "resultaten" && s.text == "Een goed jaar.")
    );
    assert_eq!(stored.agreements.len(), 1, "the empty row is no agreement");
    assert_eq!(stored.agreements[0].due_on, "2031-12-01");
    done(
        &act(&mayor, &id, &[("command", "propose_summary")]).await,
        "propose_summary",
    );

    // The person discussed approves after ticking the confirmation, not before.
    let (_, body) = page(&secretary, &format!("/gesprekken/{id}")).await;
    assert!(body.contains("Een goed jaar."));
    assert!(body.contains("id=\"approve-confirm\""));
    assert!(
        body.contains("data-testid=\"record-audit\""),
        "the audit trail"
    );
    let r = act(&secretary, &id, &[("command", "approve")]).await;
    let back = location(&r);
    let (_, body) = page(&secretary, &back).await;
    assert!(body.contains("id=\"summary-confirm-problem\""), "{body}");
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(stored.conversation.state, "summary_proposed");
    let r = act(
        &secretary,
        &id,
        &[("command", "approve"), ("confirm", "on")],
    )
    .await;
    done(&r, "approve");
    let stored = admin.db.load_conversation(&id).await.unwrap().unwrap();
    assert_eq!(stored.conversation.state, "approved");
    assert!(stored.conversation.keep_until.is_some());
    let (_, body) = page(&secretary, &format!("/gesprekken/{id}")).await;
    assert!(body.contains("Bewaard tot "), "the retention date");
    assert!(body.contains("aria-current=\"step\""));
    assert!(
        !body.contains("name=\"section_text[]\""),
        "nothing to write any more"
    );
}
