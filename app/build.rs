//! Generates the typed translation module from `locales/*.json` (Dutch first, English second),
//! so a missing or misspelt key is a compile error instead of a blank on screen.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    // interpolate_display: `t_string!` with values, for attributes and plain text.
    let options = ParseOptions::new().interpolate_display(true);
    let config = Config::new("nl")?.add_locale("en")?.parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}
