//! How much one informant list may hold, so a preview stays bounded.

/// Most informants in one list: more than any 360° round needs, and it bounds the preview.
pub const MAX_LINES: usize = 1000;
/// Largest list accepted (256 KiB), refused before parsing so a careless upload of a huge file
/// cannot use unbounded memory and time. 1000 lines of 250 bytes still fit.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;
/// Longest informant name, in characters; names appear in the organiser's overview only.
pub const MAX_NAME_CHARS: usize = 200;
