//! Ontwikkelscan's shared crate: the pure domain logic, the Leptos pages (rendered on the server
//! and hydrated in the browser) and, behind the `ssr` feature, storage and account services.

// The scan form is one deep view type; the compiler needs more room to lay it out.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod domain;
pub mod pages;
pub mod promise_text;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod appraisal;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod conversations;
#[cfg(feature = "ssr")]
pub mod email;
#[cfg(feature = "ssr")]
pub mod flash;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod retention;
// Both builds: the `Language` <-> `Locale` conversions are here (the rule itself is `ssr`).
pub mod request_language;
#[cfg(feature = "ssr")]
pub mod respond;
#[cfg(feature = "ssr")]
pub mod scans;
#[cfg(feature = "ssr")]
pub mod site_assets;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod storage;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// The browser entry point. The pages are server-rendered HTML; only the islands
/// (`#[island]` components) are hydrated, each by Leptos' island script after this ran.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
