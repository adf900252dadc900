//! One file per page.

pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod setup;
pub mod users;
