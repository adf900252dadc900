//! Maastricht's "het goede gesprek" (issue 22, seed 004): one employee's cycle of planning,
//! progress and assessment, run by their manager, as use cases over `domain::appraisal`.

pub mod mail;
pub mod pdf;
pub mod profile_view;
pub mod reminders;
pub mod scan_start;
pub mod service;
pub mod view;

pub use service::{AppraisalError, NewCycleInput, act, create, list_for, overview, view_for};
