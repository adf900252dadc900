//! Retention (issue 21): closed scans and conversation records are personal data, kept only as
//! long as the organisation decided. `settings` reads and changes the scan retention period
//! (administrators only) and answers until when a scan is kept; `job` is the daily job that
//! removes the content of what is due and leaves a content-free line; `records` dates a
//! conversation record, approved or not. The rules (dates, what a removed scan keeps) are pure,
//! in `domain::retention` and `domain::conversation::retention`.

pub mod job;
pub mod records;
pub mod settings;

pub use job::{RetentionError, RetentionWork, run_retention, spawn_retention_job};
pub use settings::{
    RetentionSettingError, ScanRetention, scan_retention, scan_retention_months,
    set_scan_retention_months,
};
