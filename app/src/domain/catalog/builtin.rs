//! The three frameworks that ship with the product, compiled into the binary so that a fresh
//! installation (and the WebAssembly bundle) has them without any file access.

use super::model::Framework;

/// File name and text of each shipped framework, in the order screens list them.
pub const BUILTIN_FILES: [(&str, &str); 3] = [
    (
        "gemeentesecretaris.toml",
        include_str!("../../../frameworks/gemeentesecretaris.toml"),
    ),
    (
        "maastricht-2014.toml",
        include_str!("../../../frameworks/maastricht-2014.toml"),
    ),
    (
        "raadslid.toml",
        include_str!("../../../frameworks/raadslid.toml"),
    ),
];

/// The shipped frameworks, parsed and validated.
///
/// # Panics
/// Only if a shipped file is invalid, which the unit tests rule out (`builtin_files_are_valid`).
pub fn builtin() -> Vec<Framework> {
    BUILTIN_FILES
        .iter()
        .map(|(name, text)| {
            Framework::from_toml(name, text)
                .unwrap_or_else(|e| panic!("shipped framework is invalid: {e}"))
        })
        .collect()
}
