//! The visitor's session, loaded once per page and shared through context. Here rather than in
//! the shell (`app.rs`), so the pages and components that read it do not import the shell that
//! imports them.

use leptos::prelude::*;

use crate::server_fns::action_error::ActionError;
use crate::server_fns::session::{VisitorSession, session_info};

/// The session of the current visitor, loaded once per page and shared through context.
pub type SessionResource = Resource<Result<VisitorSession, ActionError>>;

/// Loads the visitor's session and provides it as context; called once, by the app's root.
pub fn provide_session() {
    let session: SessionResource = Resource::new(|| (), |_| session_info());
    provide_context(session);
}
