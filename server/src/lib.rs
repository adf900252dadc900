//! The Ontwikkelscan server: configuration, the axum router around the Leptos app, logging and
//! the command-line tools. `main.rs` only parses arguments and calls into here, so the
//! integration tests start exactly the same application on a free port.

pub mod api;
pub mod cli;
pub mod config;
pub mod router;
pub mod routes;
pub mod security;
pub mod startup;
pub mod telemetry;

/// mimalloc instead of glibc's malloc for the server and everything built on this library
/// (tests, benchmarks): a page render makes thousands of small allocations on several threads,
/// and under load glibc's allocator alone took about a quarter of the CPU time (perf record of
/// `cargo bench -p server --bench respond_load -- --hold`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
