//! Scoring and anonymity: from submitted responses to the figures of the report.
//!
//! Pure functions only — no I/O, no Leptos, no database — so the rules can be tested exhaustively
//! and shown to readers exactly as they run. Entry points: [`build_report`] for the figures,
//! [`build_version`] for everything readers may see (figures, comments, who is in each line).
//!
//! # The rules (shown on the report page)
//!
//! **Scale.** Every behaviour is rated 1 onvoldoende, 2 enigszins onvoldoende, 3 normaal,
//! 4 goed, 5 uitstekend, or "kan ik niet beoordelen", which is left out of every average.
//!
//! **Scores.** A respondent's score on a competency (at one level) is the mean of their ratings
//! on its behaviours, counting only the answers the report publishes for those behaviours (see
//! Anonymity). Someone with such a rating on fewer than half of those behaviours is not counted
//! for that competency. Per competency, level and group the report gives the number of counted
//! respondents (n), the mean, how often each label was given and how often "cannot judge" was
//! given. Every respondent weighs equally, however many behaviours they rated.
//!
//! **Spread.** Self and groups marked identifiable also get the *sample* standard deviation
//! (divisor n − 1, from two respondents) and the lowest and highest respondent score. Lines protected by k never show
//! a lowest or highest score: with n and the mean they would give the scores of a line of three.
//! They show the standard deviation only from k + 1 counted respondents: n and the mean fix one
//! equation over the scores and the standard deviation a second, so k + 1 people with both leave
//! as many unknowns as k people with the mean alone. "Others" shows it only on the same terms for
//! its members protected by k, and not when exactly one line inside it lacks its own (subtracting
//! would give that line's).
//!
//! **Anonymity.** A group is shown only when at least k of its respondents are counted (k is set
//! per scan, default 3, never below 2). Self is shown as self; a group the scan marks as
//! identifiable (e.g. a board of two, who were told so) is shown as itself at any size. Groups
//! too small to show are combined into one "other informants" line when together they reach k;
//! if they do not, their answers are left out of every figure, "others" included, so that no
//! group can be recovered by subtracting published figures. The same rule is applied per
//! behaviour, among the groups the competency shows; per behaviour only self and "others" are
//! published. Answers left out of a behaviour are also left out of the competency — its means,
//! n and distribution — so the two levels add up and cannot be subtracted from each other; a
//! group that thereby falls below k for the competency is decided again, behaviours included.
//!
//! **Comments.** Self's comments are shown as self's, an identifiable group's under its name.
//! Any other comment is shown only when its writer's group reaches the competency's figures at
//! every level asked: under the group's name when the group is shown at every level, unlabelled
//! when it is pooled into "other informants" at some; a comment of a group left out of the
//! figures is not shown. A list (one competency, one label)
//! is shown only with comments of at least k different respondents. See [`comments`].
//!
//! **Versions.** The report is read once the scan is closed or released early; released figures
//! stay frozen while answers come in, and are replaced only when every line protected by k — and
//! every comment list — holds the same respondents with the same figures, or the same
//! respondents and at least k more. So two versions a reader sees never differ by fewer than k
//! people. See [`release`].
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
//! [`report`], [`highlights`], [`comments`], [`release`].

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
pub use anonymity::{Breakdown, GroupLine, LineMembers};
pub use comments::{CommentSource, CompetencyComments};
pub use highlights::{BehaviourHighlight, HIGHLIGHT_COUNT, Highlights};
pub use input::{
    BehaviourId, CompetencyId, GroupId, ItemStructure, LevelId, Response, ResponseId, ScanConfig,
    ScoringError,
};
pub use release::{Membership, ScanState, Shown, Version, readers_see};
pub use report::{BehaviourResult, CompetencyResult, Method, Report, build_report, build_version};
pub use stats::{Distribution, Spread, Stats};
