//! The report page's server functions: thin wrappers around `crate::report`.

use leptos::prelude::*;

use super::action_error::ActionError;

pub use crate::domain::report_view::{
    Agenda, AttentionItem, BehaviourRow, CommentBlock, CompetencyRow, GroupFigure, LineFigures,
    LineKind, ReportBasis, ReportHeader, ReportView, Summary,
};

#[server]
pub async fn load_report(id: String) -> Result<ReportView, ActionError> {
    let (state, user) = super::signed_in().await?;
    Ok(crate::report::view(&state.db, &user, &id).await?)
}
