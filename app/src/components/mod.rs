//! Building blocks shared by the pages.

pub mod action;
pub mod error_message;
pub mod layout;
pub mod localized;
pub mod require_user;
pub mod session;
pub mod table_wrap;
