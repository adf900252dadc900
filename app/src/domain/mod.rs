//! Pure domain logic: no I/O, no Leptos, no database. Compiled into both the server and the
//! WebAssembly bundle, and the most thoroughly tested part of the code base.

pub mod account;
pub mod anonymity_promise;
pub mod appraisal;
pub mod calendar;
pub mod catalog;
pub mod conversation;
pub mod conversation_type;
pub mod informant_form;
pub mod informants;
pub mod language;
pub mod number_text;
pub mod questionnaire;
pub mod rating;
pub mod record_document;
pub mod report_readers;
pub mod report_view;
pub mod retention;
pub mod scan;
pub mod scoring;
pub mod user_error;
