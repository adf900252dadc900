//! Informants of a scan, typed one by one or pasted/uploaded as a list.
//!
//! A list is turned into a *preview* first: every line with the informant it yields or the
//! reason it cannot be used, so the organiser fixes the list before anything is saved. Accepted
//! forms, one informant a line:
//!
//! * `Piet Jansen <piet@gemeente.nl>, collega's`
//! * `piet@gemeente.nl, staff`
//! * `Piet Jansen, piet@gemeente.nl, staff` (three columns, as pasted from a spreadsheet)
//! * CSV with a header row such as `naam,email,groep` or `name,email,group`, in any column
//!   order, separated by `,`, `;` (Dutch spreadsheet exports) or tabs.
//!
//! Fields may be separated by `,`, `;` or a tab. A group is given by its id or by its Dutch or
//! English label, case-insensitively and with accents and apostrophes tolerated. Blank lines and
//! lines starting with `#` are skipped. Pure code: the caller passes the text and what is already
//! invited.
//!
//! One file per purpose, all re-exported here: `informant.rs` (an informant and the address
//! rule), `check.rs` (the checks every informant gets), `group_names.rs` (a group by id or
//! label), `list.rs` (parsing a list, in `list/` free lines or CSV), `preview.rs` (the result),
//! `error.rs` (every problem, in English and Dutch) and `limits.rs`.

mod check;
mod error;
mod group_names;
mod informant;
mod limits;
mod list;
mod preview;

pub use check::{InformantContext, check_informant};
pub use error::InformantError;
pub use group_names::find_group;
pub use informant::{Informant, parse_address, subject_invitation};
pub use limits::{MAX_INPUT_BYTES, MAX_LINES, MAX_NAME_CHARS};
pub use list::parse_informant_list;
pub use preview::{Preview, PreviewLine};
