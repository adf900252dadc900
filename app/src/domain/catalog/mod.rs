//! The competency catalog: frameworks (competentiekaders) as pure data.
//!
//! A framework is a set of clusters and competencies with definitions and, where the source has
//! them, behaviours and development tips per level, plus job-group profiles. Frameworks are
//! stored as human-readable TOML (see `app/frameworks/`), can be exported and imported as TOML or
//! JSON, and are always validated on load. This module does no I/O: callers pass the file text.
//!
//! Unlevelled frameworks (an empty `levels` list) ask each competency's `items`, or its
//! definition when it has no items; levelled frameworks ask the behaviours of one level.

mod builtin;
mod error;
mod model;
mod parse;
mod search;
mod validate;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;

pub use builtin::{BUILTIN_FILES, builtin};
pub use error::{CatalogError, Format, IdKind, ValidationError};
pub use model::{
    Cluster, Competency, Framework, Level, LevelContent, Profile, ProfileRules, RatingLabel,
};
pub use search::{SearchField, SearchHit, fold, search};
pub use validate::{is_slug, validate};

/// Largest framework file accepted (2 MiB). The biggest shipped file is about 100 KB; the limit
/// keeps a careless or hostile upload from using unbounded memory and time.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
