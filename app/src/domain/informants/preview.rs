//! The preview of a pasted or uploaded list: every line with the informant it yields or the
//! reason it cannot be used.

use super::{Informant, InformantError};

/// One line of the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewLine {
    /// 1-based line number in the pasted text or file.
    pub line_no: usize,
    /// The line as it was given (without its line ending).
    pub raw: String,
    /// The informant, or why this line cannot be used.
    pub outcome: Result<Informant, InformantError>,
}

/// The whole preview, in input order; blank and comment lines are not part of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// Every informant line.
    pub lines: Vec<PreviewLine>,
}

impl Preview {
    /// The informants of the good lines.
    pub fn informants(&self) -> impl Iterator<Item = &Informant> {
        self.lines.iter().filter_map(|l| l.outcome.as_ref().ok())
    }

    /// The problems of the bad lines.
    pub fn errors(&self) -> impl Iterator<Item = &InformantError> {
        self.lines.iter().filter_map(|l| l.outcome.as_ref().err())
    }

    /// True when every line is usable, so the list can be saved as it is.
    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }
}
