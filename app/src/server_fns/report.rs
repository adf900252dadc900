//! The report page's server functions: thin wrappers around `crate::report`.

use leptos::prelude::*;

pub use crate::domain::report_view::{
    Agenda, AttentionItem, BehaviourRow, CommentBlock, CompetencyRow, GroupFigure, LineFigures,
    LineKind, ReportBasis, ReportView,
};

#[server]
pub async fn load_report(id: String) -> Result<ReportView, ServerFnError> {
    let (state, user) = super::require_user().await?;
    crate::report::view(&state.db, &user, &id)
        .await
        .map_err(|e| ServerFnError::new(e.user_error().code()))
}
