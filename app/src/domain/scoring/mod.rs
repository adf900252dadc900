//! Scoring and anonymity: from submitted responses to the figures of the report.
//!
//! Pure functions only — no I/O, no Leptos, no database — so the rules can be tested exhaustively
//! and shown to readers exactly as they run. Entry point: [`build_report`].
//!
//! # The rules (shown on the report page)
//!
//! **Scale.** Every behaviour is rated 1 onvoldoende, 2 enigszins onvoldoende, 3 normaal,
//! 4 goed, 5 uitstekend, or "kan ik niet beoordelen", which is left out of every average.
//!
//! **Scores.** A respondent's score on a competency (at one level) is the mean of their ratings
//! on its behaviours. Someone who rated fewer than half of those behaviours is not counted for
//! that competency. Per competency, level and group the report gives the number of counted
//! respondents (n), the mean, the *sample* standard deviation (divisor n − 1), the lowest and
//! highest respondent score, how often each label was given and how often "cannot judge" was
//! given. Every respondent weighs equally, however many behaviours they rated.
//!
//! **Anonymity.** A group is shown only when at least k of its respondents are counted (k is set
//! per scan, default 3, never below 2). Self is shown as self; a group the scan marks as
//! identifiable (e.g. a board of two, who were told so) is shown as itself at any size. Groups
//! too small to show are combined into one "other informants" line when together they reach k;
//! if they do not, their answers are left out of every figure, "others" included, so that no
//! group can be recovered by subtracting published figures. The same rule is applied per
//! behaviour, among the groups the competency shows; per behaviour only self and "others" are
//! published, and answers left out of a behaviour are also left out of the competency's
//! distribution, so the two levels add up and cannot be subtracted from each other.
//!
//! **Others and gap.** "Others" are all respondents of the shown groups and of the "other
//! informants" line, self excluded, each weighing equally (not the mean of the group means). The
//! gap is others' mean minus self's mean.
//!
//! **Self–other agreement** (after Fleenor et al., 1996): over-estimation when self is at least
//! the threshold (default 0.5) above others, under-estimation when at least the threshold below,
//! in agreement otherwise; each split by whether others' mean is at least 3 ("normaal") or
//! below. See [`AgreementCategory`].
//!
//! **Behaviours.** The five highest and five lowest rated behaviours by others and the five with
//! the largest difference between self and others, with the anonymity rule applied per
//! behaviour. See [`highlights`].
//!
//! The submodules document each rule in detail: [`stats`], [`anonymity`], [`agreement`],
//! [`report`], [`highlights`].

pub mod agreement;
pub mod anonymity;
pub mod comments;
pub mod highlights;
pub mod input;
pub mod release;
pub mod report;
pub mod stats;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use agreement::AgreementCategory;
pub use anonymity::{Breakdown, GroupLine};
pub use comments::{CommentInput, CommentSource, CompetencyComments, publish_comments};
pub use highlights::{BehaviourHighlight, HIGHLIGHT_COUNT, Highlights};
pub use input::{
    BehaviourId, CompetencyId, GroupId, ItemStructure, LevelId, Response, ScanConfig, ScoringError,
};
pub use report::{BehaviourResult, CompetencyResult, Method, Report, build_report};
pub use stats::{Distribution, Spread, Stats};
