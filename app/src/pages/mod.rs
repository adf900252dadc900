//! One file per page.
//!
//! Page titles are plain strings, never closures over signals: leptos_axum reads the title after
//! the render, when the page's reactive owner may already be gone (a panic under load).

pub mod admin_conversation_types;
pub mod admin_frameworks;
pub mod appraisal_overview;
pub mod competency;
pub mod conversation;
pub mod conversation_new;
pub mod conversation_type;
pub mod conversations;
pub mod cycle;
pub mod cycle_new;
pub mod cycles;
pub mod framework;
pub mod frameworks;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod outbox;
pub mod report;
pub mod report_readers_notice;
pub mod report_sections;
pub mod retention;
pub mod scan;
pub mod scan_actions;
pub mod scan_form;
pub mod scan_informants;
pub mod scans;
pub mod setup;
pub mod tokens;
pub mod users;
