//! The organiser's writes through their one door, the Leptos server functions: as a plain form
//! post (no JavaScript: a redirect to the page that reports the outcome, or back with the typed
//! refusal) and as the WebAssembly calls them (JSON, the same typed outcome or refusal).

use crate::support;

use app::domain::account::{AccountStatus, Role};
use app::domain::scan::ScanStatus;
use app::domain::user_error::UserError;
use app::server_fns::action_error::ActionError;
use app::server_fns::outcome::Done;
use support::actions::{refusal, refusal_code};
use support::scans::create_scan;
use support::{TestApp, location, signed_in_admin};

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
async fn a_webassembly_call_gets_the_typed_outcome_and_the_page_to_show() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;

    let r = call_as_wasm(&app, "scans/open", &[("id", &id)]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers().contains_key("serverfnredirect"),
        "the browser is told to go to the page that reports it"
    );
    assert_eq!(
        r.headers()[reqwest::header::LOCATION],
        format!("/scans/{id}?gedaan=geopend&aantal=1#actions").as_str()
    );
    let done: Done = r.json().await.unwrap();
    assert_eq!(done, Done::Opened { invited: 1 });

    // Refused: the typed refusal, and nothing changes.
    let r = call_as_wasm(&app, "scans/open", &[("id", &id)]).await;
    assert_eq!(r.status(), 422, "a refusal is not a server error");
    let error: ActionError = r.json().await.unwrap();
    assert_eq!(error, ActionError::Refused(UserError::ScanWrongStatus));
    assert_eq!(
        app.db.find_scan(&id).await.unwrap().unwrap().status,
        ScanStatus::Open
    );

    // Arguments that do not fit are a malformed form, not a crash.
    let r = call_as_wasm(&app, "scans/reopen", &[("ident", &id)]).await;
    let error: ActionError = r.json().await.unwrap();
    assert_eq!(error, ActionError::Refused(UserError::BadForm));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_and_other_organisers_are_refused_and_change_nothing() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;

    let visitor = app.clone_without_client();
    for action in ["open", "delete"] {
        let r = visitor.scan_action(action, &id).await;
        assert_eq!(refusal_code(&r).as_deref(), Some("forbidden"), "{action}");
    }
    let (other, _) = app.other_organiser("ander@gemeente.nl").await;
    for action in ["open", "remind", "release", "close", "delete"] {
        let r = other.scan_action(action, &id).await;
        assert_eq!(
            refusal_code(&r).as_deref(),
            Some("unknown_scan"),
            "{action}"
        );
        // Back on the page it was pressed on, with the refusal for that action only.
        assert!(
            location(&r).contains(&format!("/scans/{id}?confirm={action}")),
            "{}",
            location(&r)
        );
    }
    let invitation = app.db.list_invitations(&id).await.unwrap()[0].id.clone();
    for endpoint in ["scans/invitations/revoke", "scans/invitations/resend"] {
        let r = other
            .act(
                endpoint,
                &format!("/scans/{id}"),
                &[("scan_id", &id), ("invitation_id", &invitation)],
            )
            .await;
        assert_eq!(
            refusal_code(&r).as_deref(),
            Some("unknown_scan"),
            "{endpoint}"
        );
    }
    assert_eq!(
        app.db.find_scan(&id).await.unwrap().unwrap().status,
        ScanStatus::Draft
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_deactivates_and_activates_an_account() {
    let app = signed_in_admin().await;
    let (organiser, organiser_id) = app.other_organiser("ander@gemeente.nl").await;

    // An organiser may not; nor may anyone deactivate themselves.
    let r = organiser
        .act(
            "accounts/deactivate",
            "/admin/users",
            &[("id", &organiser_id)],
        )
        .await;
    assert_eq!(
        refusal(&r),
        Some(ActionError::Refused(UserError::Forbidden))
    );
    let me = app.db.list_accounts().await.unwrap();
    let admin_id = me
        .iter()
        .find(|a| a.role == Role::Admin)
        .unwrap()
        .id
        .clone();
    let r = app
        .act("accounts/deactivate", "/admin/users", &[("id", &admin_id)])
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("cannot_deactivate_self"));

    let r = app
        .act(
            "accounts/deactivate",
            &format!("/admin/users?confirm={organiser_id}"),
            &[("id", &organiser_id)],
        )
        .await;
    assert_eq!(location(&r), "/admin/users?gedaan=gedeactiveerd");
    let status = |app: &TestApp, id: String| {
        let db = app.db.clone();
        async move { db.find_account(&id).await.unwrap().unwrap().status }
    };
    assert_eq!(
        status(&app, organiser_id.clone()).await,
        AccountStatus::Inactive
    );
    let page = app
        .get("/admin/users?gedaan=gedeactiveerd")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Het account staat op non-actief."), "{page}");

    let r = app
        .act(
            "accounts/activate",
            "/admin/users",
            &[("id", &organiser_id)],
        )
        .await;
    assert_eq!(location(&r), "/admin/users?gedaan=geactiveerd");
    assert_eq!(status(&app, organiser_id).await, AccountStatus::Active);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_shows_on_the_page_the_form_was_posted_from() {
    let app = signed_in_admin().await;
    let id = create_scan(&app).await;
    let r = app
        .act(
            "scans/reopen",
            &format!("/scans/{id}"),
            &[("id", &id), ("deadline", "2027-01-31")],
        )
        .await;
    assert_eq!(refusal_code(&r).as_deref(), Some("scan_wrong_status"));
    let back = location(&r);
    let page = app
        .get(back.trim_start_matches(&app.base))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("data-error=\"scan_wrong_status\""),
        "the scan page shows the refusal: {page}"
    );
}
