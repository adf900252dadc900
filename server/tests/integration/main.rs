//! The server's integration tests, one module per subject, in one binary: each test binary
//! links the whole server (about 700 MB with line tables), so twenty of them filled a CI
//! machine's disk and spent minutes linking. The tests that capture the process's log are in
//! `log_capture`, apart: their subscriber takes every log line of the process.

#[path = "../support/mod.rs"]
mod support;

mod api;
mod api_conversations;
mod cli;
mod compression;
mod concurrent_submissions;
mod conversation_pages;
mod conversation_types;
mod cycles;
mod http;
mod organiser_actions;
mod page_weight;
mod report;
mod report_documents;
mod respond_audience;
mod respond_pages;
mod scan_forms;
mod security;
mod static_files;
