use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::auth::client_address::ClientAddress;
use app::auth::{SESSION_COOKIE, service};
use app::domain::user_error::UserError;
use app::state::{AppState, cookie_value, unix_now};

use super::session_cookie;

/// Back to the form's page with the error's code, which the page translates.
fn back_with_error(page: &str, error: &UserError) -> Response {
    let separator = if page.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{page}{separator}error={}", error.code())).into_response()
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
