//! Plain HTTP handlers: health, language switch and the HTML form posts of the account pages.
//! Each is thin: parse the form, call the account service, redirect with a result code.

pub mod account_forms;
pub mod frameworks;
pub mod health;
pub mod language;
pub mod report_files;
pub mod respond_forms;
pub mod respond_pages;
pub mod session_cookie;
