//! The app crate's integration tests (storage, services, email), one module per subject, in one
//! binary: each test binary links the whole crate, and fifteen of them cost gigabytes of disk
//! and minutes of linking.

#[path = "../support/mod.rs"]
mod support;

mod accounts;
mod anonymity;
mod appraisal;
mod conversation_types;
mod conversations;
mod frameworks;
mod organisation;
mod organiser_flow;
mod outbox;
mod reader_notify;
mod respond;
mod retention;
mod scans;
mod transactions;
