//! One-time results of a form post, shown on the page the browser is redirected to
//! (post/redirect/get) without putting them in the URL: the handler stores the payload under a
//! random key, the page takes it.
//!
//! Kept in the database (`flash_entries`), so every server process on one database finds what
//! another stored. An entry is bound to the session that made it: its key is useless with
//! another session's cookie (a flashed API token is readable only by its owner). The
//! respondent's pages have no session; there the personal link's token is the session. Taking
//! an entry deletes it (a reload shows nothing more), and an entry lives ten minutes at most.

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::HeaderMap;

use crate::auth::SESSION_COOKIE;
use crate::auth::token::hash_token;
use crate::state::{cookie_value, unix_now};
use crate::storage::Db;

/// How long an entry waits for its page.
pub const TTL_SECS: i64 = 600;

/// The flash entries of one database; cheap to clone.
#[derive(Debug, Clone)]
pub struct FlashStore {
    db: Db,
}

impl FlashStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Stores a payload for `session` (a session cookie's value, or a personal link's token)
    /// and returns the key to put in the redirect. Without a session, or when the database
    /// fails (logged), nothing is stored and the key leads nowhere: the page then shows no
    /// flash, which is what a lost flash would show anyway.
    pub async fn put(&self, session: &str, payload: String) -> String {
        let key = crate::storage::new_id();
        if session.is_empty() {
            return key;
        }
        let now = unix_now();
        let stored = self
            .db
            .put_flash(&key, &hash_token(session), &payload, now, now + TTL_SECS)
            .await;
        if let Err(error) = stored {
            tracing::error!(%error, "could not store a flash entry");
        }
        key
    }

    /// The payload stored under `key` by this `session`, left in place.
    pub async fn peek(&self, session: &str, key: &str) -> Option<String> {
        if session.is_empty() || key.is_empty() {
            return None;
        }
        match self
            .db
            .peek_flash(key, &hash_token(session), unix_now())
            .await
        {
            Ok(payload) => payload,
            Err(error) => {
                tracing::error!(%error, "could not read a flash entry");
                None
            }
        }
    }

    /// The payload stored under `key` by this `session`, once: taking it deletes it.
    pub async fn take(&self, session: &str, key: &str) -> Option<String> {
        if session.is_empty() || key.is_empty() {
            return None;
        }
        match self
            .db
            .take_flash(key, &hash_token(session), unix_now())
            .await
        {
            Ok(payload) => payload,
            Err(error) => {
                tracing::error!(%error, "could not read a flash entry");
                None
            }
        }
    }
}

/// The session a signed-in request's flash entries belong to: its session cookie (empty when
/// there is none, which stores and finds nothing).
pub fn session_of(headers: &HeaderMap) -> String {
    cookie_value(headers, SESSION_COOKIE).unwrap_or_default()
}

/// What the current request has taken already. A page's loader may run more than once while
/// the server renders it (a `Suspense` re-runs its children once their data has come, and a
/// resource created inside is created anew), so within one request every run must see what
/// the first took; a new request (a reload) finds nothing. Provided per request in the Leptos
/// context (`server/src/router.rs`); the lock is held across the take, so runs that start
/// together wait for the first.
#[derive(Debug, Clone, Default)]
pub struct TakenInRequest(Arc<tokio::sync::Mutex<HashMap<String, Option<String>>>>);

/// [`FlashStore::take`] for the session of the request a server function is answering, once
/// per request (see [`TakenInRequest`]).
pub async fn take_in_server_fn(store: &FlashStore, key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    let headers: HeaderMap = leptos_axum::extract().await.ok()?;
    take_in_server_fn_as(store, &session_of(&headers), key).await
}

/// [`take_in_server_fn`] for an explicit `session`: a conversation's personal link's token,
/// for a party who has no session cookie (issue 21).
pub async fn take_in_server_fn_as(store: &FlashStore, session: &str, key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    // Without the request's record of what it took (a loader whose owner was already dropped
    // finds no context), taking would delete the entry under the render that shows it: seen
    // once as a refused form coming back empty in the two-process run. Such a loader only
    // reads; the entry expires by itself.
    let Some(taken) = leptos::prelude::use_context::<TakenInRequest>() else {
        return store.peek(session, key).await;
    };
    let mut taken = taken.0.lock().await;
    if let Some(payload) = taken.get(key) {
        return payload.clone();
    }
    let payload = store.take(session, key).await;
    taken.insert(key.to_owned(), payload.clone());
    payload
}
