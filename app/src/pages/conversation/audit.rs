//! The audit trail: when, who, what — for the person discussed and the participants (the view
//! holds it only for them), newest first, so the person discussed sees who read their record.

use leptos::prelude::*;

use crate::components::localized::{date_text, language};
use crate::components::table_wrap::TableWrap;
use crate::domain::calendar::amsterdam_offset_secs;
use crate::domain::conversation::RecordView;
use crate::i18n::*;

/// `14:05`, Dutch time.
fn clock(unix: i64) -> String {
    let local = unix + amsterdam_offset_secs(unix);
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[component]
pub(super) fn AuditPart(view: RecordView) -> impl IntoView {
    let i18n = use_i18n();
    let Some(mut lines) = view.audit.clone() else {
        return ().into_any();
    };
    lines.sort_by_key(|line| std::cmp::Reverse(line.at));
    let lang = language(i18n);
    let rows = lines
        .iter()
        .map(|line| {
            let detail = (!line.detail.is_empty())
                .then(|| view! { " " <small class="help">{format!("({})", line.detail)}</small> });
            view! {
                <tr>
                    <td>{format!("{} {}", date_text(i18n, line.at), clock(line.at))}</td>
                    <td>{line.actor.clone()}</td>
                    <td>{line.action.label(lang)}{detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card no-print" id="audit" aria-labelledby="record-audit">
            <h2 id="record-audit">{t!(i18n, conv_audit)}</h2>
            <p class="help">{t!(i18n, conv_audit_help)}</p>
            <TableWrap label=t_string!(i18n, conv_audit).to_string()>
                <table data-testid="record-audit">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, conv_audit_when)}</th>
                            <th scope="col">{t!(i18n, conv_audit_who)}</th>
                            <th scope="col">{t!(i18n, conv_audit_what)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        </section>
    }
    .into_any()
}
