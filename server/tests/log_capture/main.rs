//! Tests that search the server's logs for what must never be in them. They install one
//! process-wide subscriber (`support::logs`), so they have a binary of their own, apart from
//! `integration`, whose logs would otherwise pile up here.

#[path = "../support/mod.rs"]
mod support;

mod conversation_links;
mod cycle_logs;
mod logs;
