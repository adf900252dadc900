//! One file per page.

pub mod admin_frameworks;
pub mod competency;
pub mod framework;
pub mod frameworks;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod outbox;
pub mod setup;
pub mod users;
