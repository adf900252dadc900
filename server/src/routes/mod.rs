//! Plain HTTP handlers: health, language switch, the respondent's pages and posts, report
//! files, the framework file import and export. Each is thin: parse the request, call a service,
//! answer or redirect. Every organiser form is a server function (`app::server_fns`).

pub mod conversation_files;
pub mod conversation_links;
pub mod cycle_files;
pub mod frameworks;
pub mod health;
pub mod language;
mod personal_pdf;
pub mod report_files;
pub mod respond_forms;
pub mod respond_pages;
pub mod static_files;
