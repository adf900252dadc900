//! The pure rules of a conversation record (issue 21): its states ([`RecordState`]), who a
//! party is to it ([`Actor`], [`actor_for`]), what can be done ([`RecordAction`],
//! [`RecordCommand`]) and the one permission rule ([`check`]); the validation of what parties
//! post (the plan, the summary, the agreements), the retention dates and the audit codes; and
//! the view a party gets ([`RecordView`]). No I/O: the service in `crate::conversations` reads
//! and writes, and asks these functions what is allowed.

mod action;
mod actor;
pub mod agreements;
mod audit;
mod check;
mod command;
mod field_error;
pub mod plan;
pub mod retention;
mod state;
pub mod summary;
#[cfg(test)]
mod tests;
mod view;

pub use action::RecordAction;
pub use actor::{Actor, READER_ROLE, actor_for};
pub use agreements::{
    Agreement, AgreementOutcome, AgreementView, carried_forward, look_back, validate_agreements,
    validate_look_back,
};
pub use audit::AuditAction;
pub use check::{RecordRules, Refusal, check};
pub use command::{AgreementInput, RecordCommand, SectionText};
pub use field_error::{FieldError, FieldProblem};
pub use plan::{CheckedPlan, DurationWarning, Plan, plan_view, validate_plan};
pub use retention::{keep_until, record_keep_until, scan_removal_at, unapproved_keep_until};
pub use state::RecordState;
pub use summary::validate_summary;
pub use view::{
    AgendaItemView, AttachedScanView, AuditLine, PartyView, PlanView, RecordDates, RecordView,
    SectionView, SectionViewKind, SettingView, allowed_actions,
};
