//! The conversation types that ship with the product, compiled into the binary so a fresh
//! installation (and the WebAssembly bundle) has them without file access.

use super::model::ConversationType;

/// File name and text of each shipped type, in the order screens list them.
pub const BUILTIN_FILES: [(&str, &str); 2] = [
    (
        "functioneringsgesprek-secretaris.toml",
        include_str!("../../../conversation_types/functioneringsgesprek-secretaris.toml"),
    ),
    (
        "raadslid-gesprek.toml",
        include_str!("../../../conversation_types/raadslid-gesprek.toml"),
    ),
];

/// The shipped types, parsed and validated.
///
/// # Panics
/// Only if a shipped file is invalid, which the unit tests rule out.
pub fn builtin() -> Vec<ConversationType> {
    BUILTIN_FILES
        .iter()
        .map(|(name, text)| {
            ConversationType::from_toml(name, text)
                .unwrap_or_else(|e| panic!("shipped conversation type is invalid: {e}"))
        })
        .collect()
}

/// The type with this id among `types`.
pub fn find<'a>(types: &'a [ConversationType], id: &str) -> Option<&'a ConversationType> {
    types.iter().find(|t| t.id == id)
}
