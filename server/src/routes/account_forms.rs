use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::auth::client_address::ClientAddress;
use app::auth::{SESSION_COOKIE, service};
use app::domain::account::CurrentUser;
use app::domain::user_error::UserError;
use app::email::templates::Language;
use app::flash;
use app::state::{AppState, LOCALE_COOKIE, cookie_value, unix_now};

use super::session_cookie;

/// Back to the form's page with the error's code, which the page translates.
fn back_with_error(page: &str, error: &UserError) -> Response {
    let separator = if page.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{page}{separator}error={}", error.code())).into_response()
}

async fn actor(state: &AppState, headers: &HeaderMap) -> Result<CurrentUser, UserError> {
    state.signed_in(headers).await?.ok_or(UserError::Forbidden)
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_with_error("/login", &UserError::BadForm);
    };
    let result = service::login(
        &state.db,
        &state.login_limiter,
        &form.email,
        &form.password,
        &client.to_string(),
        unix_now(),
        state.settings.session_ttl,
    )
    .await;
    match result {
        Ok(session) => {
            let cookie = session_cookie::set(
                &session.token,
                state.settings.session_ttl.as_secs(),
                state.settings.secure_cookies,
            );
            (AppendHeaders([(SET_COOKIE, cookie)]), Redirect::to("/")).into_response()
        }
        Err(error) => {
            tracing::info!(code = %error.code(), "login refused");
            back_with_error("/login", &error)
        }
    }
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let token = cookie_value(&headers, SESSION_COOKIE);
    if let Err(error) = service::logout(&state.db, token.as_deref()).await {
        return back_with_error("/", &error);
    }
    let cookie = session_cookie::clear(state.settings.secure_cookies);
    (
        AppendHeaders([(SET_COOKIE, cookie)]),
        Redirect::to("/login?done=logout"),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    email: Option<String>,
    token: Option<String>,
    password: String,
    password_repeat: String,
    /// The first-run setup's one-time code.
    setup_code: Option<String>,
}

pub async fn setup(
    State(state): State<AppState>,
    form: Result<Form<NewPasswordForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_with_error("/setup", &UserError::BadForm);
    };
    let email = form.email.unwrap_or_default();
    match service::setup_first_admin(
        &state.db,
        &email,
        &form.password,
        &form.password_repeat,
        form.setup_code.as_deref().unwrap_or_default(),
        unix_now(),
    )
    .await
    {
        Ok(_) => Redirect::to("/login?done=setup").into_response(),
        Err(error) => back_with_error("/setup", &error),
    }
}

pub async fn accept_invite(
    State(state): State<AppState>,
    form: Result<Form<NewPasswordForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return back_with_error("/login", &UserError::BadForm);
    };
    let token = form.token.unwrap_or_default();
    let page = if app::auth::token::looks_like_token(&token) {
        format!("/invite/{token}")
    } else {
        "/login".to_owned()
    };
    match service::accept_invitation(
        &state.db,
        &token,
        &form.password,
        &form.password_repeat,
        unix_now(),
    )
    .await
    {
        Ok(()) => Redirect::to("/login?done=invite").into_response(),
        Err(error) => back_with_error(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    email: String,
}

pub async fn invite_organiser(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<InviteForm>, FormRejection>,
) -> Response {
    let actor = match actor(&state, &headers).await {
        Ok(actor) => actor,
        Err(error) => return back_with_error("/login", &error),
    };
    let Ok(Form(form)) = form else {
        return back_with_error("/admin/users", &UserError::BadForm);
    };
    let language = match cookie_value(&headers, LOCALE_COOKIE).as_deref() {
        Some("en") => Language::En,
        _ => Language::Nl,
    };
    let base_url = &state.settings.base_url;
    match service::invite_organiser(
        &state.db,
        &actor,
        &form.email,
        base_url,
        language,
        unix_now(),
    )
    .await
    {
        Ok((email, token)) => {
            let link = format!("{}/invite/{token}", state.settings.base_url);
            let target = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("invited", email.as_str())
                .append_pair("link", &link)
                .finish();
            Redirect::to(&format!("/admin/users?{target}")).into_response()
        }
        Err(error) => back_with_error("/admin/users", &error),
    }
}

#[derive(Deserialize)]
pub struct AccountForm {
    id: String,
}

async fn set_active(
    state: AppState,
    headers: HeaderMap,
    form: Result<Form<AccountForm>, FormRejection>,
    active: bool,
) -> Response {
    let actor = match actor(&state, &headers).await {
        Ok(actor) => actor,
        Err(error) => return back_with_error("/login", &error),
    };
    let Ok(Form(form)) = form else {
        return back_with_error("/admin/users", &UserError::BadForm);
    };
    match service::set_account_active(&state.db, &actor, &form.id, active).await {
        Ok(()) => Redirect::to("/admin/users").into_response(),
        Err(error) => back_with_error("/admin/users", &error),
    }
}

pub async fn deactivate(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<AccountForm>, FormRejection>,
) -> Response {
    set_active(state, headers, form, false).await
}

pub async fn activate(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<AccountForm>, FormRejection>,
) -> Response {
    set_active(state, headers, form, true).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// `POST /account/tokens`: create a personal API token; the page shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let user = match actor(&state, &headers).await {
        Ok(user) => user,
        Err(error) => return back_with_error("/login", &error),
    };
    let Ok(Form(form)) = form else {
        return back_with_error("/account/tokens", &UserError::BadForm);
    };
    match app::auth::api_tokens::create(&state.db, &user, &form.name, unix_now()).await {
        Ok(token) => {
            let key = state.flash.put(&flash::session_of(&headers), token).await;
            Redirect::to(&format!("/account/tokens?flash={key}")).into_response()
        }
        Err(error) => back_with_error("/account/tokens", &error),
    }
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let user = match actor(&state, &headers).await {
        Ok(user) => user,
        Err(error) => return back_with_error("/login", &error),
    };
    match app::auth::api_tokens::revoke(&state.db, &user, &id, unix_now()).await {
        Ok(()) => Redirect::to("/account/tokens?done=revoked").into_response(),
        Err(error) => back_with_error("/account/tokens", &error),
    }
}
