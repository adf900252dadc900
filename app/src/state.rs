//! The one piece of shared server state: handed to axum handlers as `State`, and to server
//! functions as Leptos context. No globals, so tests build their own.
//!
//! What is not the state itself lives beside it, re-exported here: the settings
//! (`state/settings.rs`), the clock (`clock.rs`), cookies (`cookies.rs`) and who is behind a
//! request (`request_identity.rs`, methods of [`AppState`]).

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::auth::rate_limit::LoginLimiter;
use crate::flash::FlashStore;
use crate::site_assets::SiteAssets;
use crate::storage::Db;

mod clock;
mod cookies;
mod request_identity;
mod settings;

pub use clock::unix_now;
pub use cookies::{LOCALE_COOKIE, cookie_value};
pub use settings::Settings;

/// Cheap to clone (one reference count): axum clones the state for every request, and the
/// respondent's pages are served tens of thousands of times a second.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] shares; its fields are read through the state (`state.db`).
pub struct Shared {
    pub leptos_options: LeptosOptions,
    /// The compiled stylesheet's (content-hashed) address.
    pub assets: SiteAssets,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    /// Slows down clients that try many unknown personal links.
    pub link_limiter: Arc<LoginLimiter>,
    /// One-time results of form posts, in the database (`crate::flash`).
    pub flash: FlashStore,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Leptos' own handlers take their options from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}
