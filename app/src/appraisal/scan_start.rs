//! A 360° scan started from a cycle (art. 6 lid 10): the new-scan form filled in with the
//! employee as subject, Maastricht's guide, the cycle's profile and the competencies chosen for
//! the development agreements, at the level of the job's salary scale. Only the cycle's manager
//! gets it; anyone else is told the cycle does not exist. The manager still reviews and saves
//! the form as any scan (informants, deadline, readers): nothing is created here.

use super::profile_view::chosen;
use super::service::AppraisalError;
use crate::domain::account::CurrentUser;
use crate::domain::appraisal::competency_choice::{CYCLE_FRAMEWORK_ID, level_for_scale};
use crate::domain::catalog::Framework;
use crate::domain::scan::form::ScanForm;
use crate::storage::Db;

/// The new-scan form for cycle `id`, from `framework` (the newest stored guide).
pub async fn scan_form_for_cycle(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    framework: &Framework,
    now: i64,
) -> Result<ScanForm, AppraisalError> {
    let record = db.load_cycle(id).await?.ok_or(AppraisalError::Unknown)?;
    if record.cycle.manager_id != user.id || framework.id != CYCLE_FRAMEWORK_ID {
        return Err(AppraisalError::Unknown);
    }
    let mut form = ScanForm::new_for(framework, record.cycle.profile_id.as_deref(), now);
    form.subject_name = record.cycle.employee_name.clone();
    form.subject_email = record.cycle.employee_email.clone();
    let competencies: Vec<String> = chosen(&record).into_iter().map(|c| c.id).collect();
    if !competencies.is_empty() {
        form.competency_ids = competencies;
    }
    if let Some(level) = record
        .cycle
        .salary_scale
        .and_then(|s| u8::try_from(s).ok())
        .and_then(|s| level_for_scale(framework, s))
    {
        form.level_id = level.id.clone();
    }
    Ok(form)
}
