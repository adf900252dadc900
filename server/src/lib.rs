//! The Ontwikkelscan server: configuration, the axum router around the Leptos app, logging and
//! the command-line tools. `main.rs` only parses arguments and calls into here, so the
//! integration tests start exactly the same application on a free port.

pub mod api;
pub mod cli;
pub mod config;
pub mod router;
pub mod routes;
pub mod startup;
pub mod telemetry;
