//! The organiser's scan forms that still post around Leptos (create, edit, informants): thin
//! handlers that read the posted form, call a scan service and redirect (post/redirect/get), so
//! every form also works without JavaScript. Refused input goes back through the flash store;
//! the outcome travels as a typed [`Done`] in the address. The life-cycle actions are server
//! functions (`app::server_fns::scan_lifecycle`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use app::domain::account::CurrentUser;
use app::domain::informants::{Informant, check_informant, parse_informant_list};
use app::domain::scan::form::{FormProblem, ScanForm, group_options};
use app::domain::user_error::UserError;
use app::flash;
use app::scans::ScanServiceError;
use app::scans::service;
use app::server_fns::outcome::Done;
use app::server_fns::scans::{InformantPreview, PreviewLineView, ScanFormFlash, ScanPageFlash};
use app::state::{AppState, unix_now};

type Pairs = Vec<(String, String)>;

fn pairs(body: &Bytes) -> Pairs {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn to(page: &str) -> Response {
    Redirect::to(page).into_response()
}

fn with_error(page: &str, error: &UserError) -> Response {
    let separator = if page.contains('?') { '&' } else { '?' };
    to(&format!("{page}{separator}error={}", error.code()))
}

async fn organiser(state: &AppState, headers: &HeaderMap) -> Result<CurrentUser, Response> {
    match state.signed_in(headers).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(with_error("/login", &UserError::Forbidden)),
        Err(error) => Err(with_error("/login", &error)),
    }
}

fn scan_page(id: &str) -> String {
    format!("/scans/{id}")
}

/// Form-level problems of a service error, in the flash shape.
fn problems(error: &ScanServiceError) -> Vec<FormProblem> {
    error
        .messages()
        .into_iter()
        .map(|(nl, en)| FormProblem { nl, en })
        .collect()
}

/// Back to a form with its problems: the form-level ones through the flash store, a single
/// code (unknown scan, changed meanwhile) in the URL.
async fn refused_form(
    state: &AppState,
    session: &str,
    page: &str,
    form: ScanForm,
    error: ScanServiceError,
) -> Response {
    match error {
        ScanServiceError::Invalid(_) | ScanServiceError::Informants(_) => {
            let flash = ScanFormFlash {
                problems: problems(&error),
                form,
            };
            let key = state
                .flash
                .put(session, serde_json::to_string(&flash).unwrap_or_default())
                .await;
            let separator = if page.contains('?') { '&' } else { '?' };
            to(&format!("{page}{separator}flash={key}"))
        }
        other => with_error(page, &other.user_error()),
    }
}

/// The groups the form offered, so the posted ticks can be read against them.
async fn offered_groups(
    state: &AppState,
    user: &CurrentUser,
    scan_id: Option<&str>,
    framework_id: &str,
) -> Vec<app::domain::scan::form::GroupChoice> {
    let current = match scan_id {
        Some(id) => service::load_for(&state.db, user, id)
            .await
            .map(|s| s.scan.groups.clone())
            .unwrap_or_default(),
        None => app::domain::scan::default_groups(framework_id),
    };
    group_options(framework_id, &current)
}

/// `POST /scans`: create a draft scan.
pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let user = match organiser(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let pairs = pairs(&body);
    let framework_id = field(&pairs, "framework_id").to_owned();
    let offered = offered_groups(&state, &user, None, &framework_id).await;
    let form = ScanForm::from_pairs(&pairs, &offered);
    let page = format!("/scans/new?framework={}", url_encode(&framework_id));
    let draft = match form.to_draft() {
        Ok(draft) => draft,
        Err(problems) => {
            let payload =
                serde_json::to_string(&ScanFormFlash { form, problems }).unwrap_or_default();
            let key = state.flash.put(&flash::session_of(&headers), payload).await;
            return to(&format!("{page}&flash={key}"));
        }
    };
    match service::create_scan(&state.db, &user, &draft, unix_now()).await {
        Ok(id) => to(&Done::Created.next_page(&id)),
        Err(error) => refused_form(&state, &flash::session_of(&headers), &page, form, error).await,
    }
}

/// `POST /scans/{id}/edit`: change a scan's settings (what its status allows).
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let user = match organiser(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let pairs = pairs(&body);
    let framework_id = field(&pairs, "framework_id").to_owned();
    let offered = offered_groups(&state, &user, Some(&id), &framework_id).await;
    let form = ScanForm::from_pairs(&pairs, &offered);
    let page = format!("{}/edit", scan_page(&id));
    let Some(revision) = form.revision else {
        return with_error(&page, &UserError::BadForm);
    };
    let draft = match form.to_draft() {
        Ok(draft) => draft,
        Err(problems) => {
            let payload =
                serde_json::to_string(&ScanFormFlash { form, problems }).unwrap_or_default();
            let key = state.flash.put(&flash::session_of(&headers), payload).await;
            return to(&format!("{page}?flash={key}"));
        }
    };
    match service::update_scan(&state.db, &user, &id, revision, &draft, unix_now()).await {
        Ok(()) => to(&Done::Saved.next_page(&id)),
        Err(error) => refused_form(&state, &flash::session_of(&headers), &page, form, error).await,
    }
}

async fn flash_page(
    state: &AppState,
    session: &str,
    id: &str,
    flash: &ScanPageFlash,
    anchor: &str,
) -> Response {
    let key = state
        .flash
        .put(session, serde_json::to_string(flash).unwrap_or_default())
        .await;
    to(&format!("{}?flash={key}#{anchor}", scan_page(id)))
}

/// `POST /scans/{id}/informants`: add one informant (`action=add`), or check a pasted list
/// (`action=preview`) and save it when every line is good (`action=save`).
pub async fn informants(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let user = match organiser(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    informants_with(state, flash::session_of(&headers), user, id, pairs(&body)).await
}

/// `POST /scans/{id}/informants/upload` (multipart, field `file`): a CSV or text file of
/// informants, shown in the same preview as a pasted list (nothing is saved yet).
pub async fn upload_informants(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let user = match organiser(&state, &headers).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let session = flash::session_of(&headers);
    let Ok(mut multipart) = multipart else {
        return with_error(&scan_page(&id), &UserError::BadForm);
    };
    let mut text = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            text = match field.bytes().await {
                Ok(bytes) if bytes.len() <= app::domain::informants::MAX_INPUT_BYTES => {
                    Some(String::from_utf8(bytes.to_vec()))
                }
                // Over the limit: the parser reports the size, as for a pasted list.
                Ok(bytes) => Some(Ok("x".repeat(bytes.len()))),
                Err(_) => None,
            };
            break;
        }
    }
    let text = match text {
        Some(Ok(text)) => text,
        Some(Err(_)) => {
            let flash = ScanPageFlash {
                problems: vec![FormProblem {
                    nl: "het bestand is geen tekst in UTF-8; sla het op als CSV (UTF-8) en probeer het opnieuw".into(),
                    en: "the file is not UTF-8 text; save it as CSV (UTF-8) and try again".into(),
                }],
                ..ScanPageFlash::default()
            };
            return flash_page(&state, &session, &id, &flash, "add-list").await;
        }
        None => return with_error(&scan_page(&id), &UserError::BadForm),
    };
    let pairs = vec![
        ("action".to_owned(), "preview".to_owned()),
        ("list".to_owned(), text),
    ];
    informants_with(state, session, user, id, pairs).await
}

async fn informants_with(
    state: AppState,
    session: String,
    user: CurrentUser,
    id: String,
    pairs: Pairs,
) -> Response {
    let stored = match service::load_for(&state.db, &user, &id).await {
        Ok(stored) => stored,
        Err(error) => return with_error("/scans", &error.user_error()),
    };
    let existing = match service::existing_addresses(&state.db, &id).await {
        Ok(existing) => existing,
        Err(error) => return with_error(&scan_page(&id), &error.user_error()),
    };
    let context = service::informant_context(&stored, &existing);
    let links = state.settings.links();
    let now = unix_now();

    let (name, email, group) = (
        field(&pairs, "name"),
        field(&pairs, "email"),
        field(&pairs, "group"),
    );
    match field(&pairs, "action") {
        "add" => {
            let single = (name.to_owned(), email.to_owned(), group.to_owned());
            let informant = match check_informant(name, email, group, &context) {
                Ok(informant) => informant,
                Err(error) => {
                    let flash = ScanPageFlash {
                        problems: vec![FormProblem {
                            nl: error.message_nl(),
                            en: error.to_string(),
                        }],
                        single: Some(single),
                        ..ScanPageFlash::default()
                    };
                    return flash_page(&state, &session, &id, &flash, "add-one").await;
                }
            };
            save(
                &state,
                &session,
                &user,
                &id,
                &[informant],
                &links,
                now,
                "add-one",
            )
            .await
        }
        "preview" | "save" => {
            let text = field(&pairs, "list").to_owned();
            let preview = match parse_informant_list(&text, &context) {
                Ok(preview) => preview,
                Err(error) => {
                    let flash = ScanPageFlash {
                        problems: vec![FormProblem {
                            nl: error.message_nl(),
                            en: error.to_string(),
                        }],
                        preview: Some(InformantPreview {
                            text,
                            lines: Vec::new(),
                            clean: false,
                        }),
                        ..ScanPageFlash::default()
                    };
                    return flash_page(&state, &session, &id, &flash, "add-list").await;
                }
            };
            if field(&pairs, "action") == "save" && preview.is_clean() && !preview.lines.is_empty()
            {
                let list: Vec<Informant> = preview.informants().cloned().collect();
                return save(&state, &session, &user, &id, &list, &links, now, "add-list").await;
            }
            let lines = preview
                .lines
                .iter()
                .map(|line| {
                    let (name, email, group) = match &line.outcome {
                        Ok(i) => (i.name.clone(), i.email.as_str().to_owned(), i.group.clone()),
                        Err(_) => Default::default(),
                    };
                    let label = stored.scan.group(&group);
                    PreviewLineView {
                        line_no: line.line_no,
                        raw: line.raw.clone(),
                        name,
                        email,
                        group_nl: label.map(|g| g.label_nl.clone()).unwrap_or_default(),
                        group_en: label.map(|g| g.label_en.clone()).unwrap_or_default(),
                        problem: line.outcome.as_ref().err().map(|e| FormProblem {
                            nl: e.message_nl(),
                            en: e.to_string(),
                        }),
                    }
                })
                .collect();
            let flash = ScanPageFlash {
                preview: Some(InformantPreview {
                    text,
                    lines,
                    clean: preview.is_clean() && !preview.lines.is_empty(),
                }),
                ..ScanPageFlash::default()
            };
            flash_page(&state, &session, &id, &flash, "add-list").await
        }
        _ => with_error(&scan_page(&id), &UserError::BadForm),
    }
}

#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    session: &str,
    user: &CurrentUser,
    id: &str,
    list: &[Informant],
    links: &app::scans::mail::LinkMaker<'_>,
    now: i64,
    anchor: &str,
) -> Response {
    match service::add_informants(&state.db, links, user, id, list, now).await {
        Ok(added) => to(&Done::Added { added }.next_page(id)),
        Err(error @ (ScanServiceError::Informants(_) | ScanServiceError::Invalid(_))) => {
            let flash = ScanPageFlash {
                problems: problems(&error),
                ..ScanPageFlash::default()
            };
            flash_page(state, session, id, &flash, anchor).await
        }
        Err(error) => with_error(&scan_page(id), &error.user_error()),
    }
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
