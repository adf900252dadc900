//! Conversation types (gesprekstypen) as data, beside the competency frameworks.
//!
//! A conversation type is the form of one kind of conversation record: who takes part (roles,
//! the person discussed, who plans), the sections with their questions word for word from the
//! source, a sample agenda, preparation questions, a minimum duration and how long a record is
//! kept. Types are human-readable TOML files (`app/conversation_types/`, format in its README),
//! compiled in or imported by an administrator, and always validated on load, so the record
//! rules (`domain::conversation`) can rely on every reference in a type. No I/O: callers pass
//! the file text.

mod builtin;
mod error;
mod example;
mod model;
mod parse;
mod validate;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;

pub use builtin::{BUILTIN_FILES, builtin, find};
pub use error::{ItemKind, TypeError, TypeProblem};
pub use example::EXAMPLE_TOML;
pub use model::{
    AnswerKind, ConversationType, FormSection, PartyRole, PreparationQuestion, SectionKind,
    SubjectMayChange,
};
pub use validate::validate;

/// Largest conversation type file accepted (256 KiB). The shipped files are under 10 KB; the
/// limit keeps a careless or hostile upload from using unbounded memory and time.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// Role id the record rules reserve for readers (people given read access after approval), so
/// a type may not define a role with this id.
pub const READER_ROLE: &str = "reader";

/// Longest retention a type may ask for: ten years.
pub const MAX_RETENTION_MONTHS: u32 = 120;
