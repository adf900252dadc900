use leptos::prelude::*;

use crate::components::action::{ActionOutcome, SubmitButton};
use crate::components::error_message::ErrorMessage;
use crate::components::localized::pick;
use crate::components::table_wrap::TableWrap;
use crate::domain::scan::ScanStatus;
use crate::domain::scan::progress::{Delivery, InvitationLine, InvitationStatus};
use crate::i18n::*;
use crate::pages::scan_actions::ScanActions;
use crate::server_fns::scan_forms::UploadInformantList;
use crate::server_fns::scans::{InformantPreview, ScanPage};
use leptos_i18n::I18nContext;

/// The informants of a scan: who is invited and whether their email arrived, the form to add
/// one, and the list import with its preview (nothing is saved until every line is good).
#[component]
pub fn Informants(scan: ScanPage, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let open_or_draft = scan.status != ScanStatus::Closed;
    let problems = scan.flash.problems.clone();
    view! {
        <section class="card" id="informants" aria-labelledby="scan-informants">
            <h2 id="scan-informants">{t!(i18n, scan_section_informants)}</h2>
            {(!scan.person_status).then(|| view! { <p class="help">{t!(i18n, scan_counts_only)}</p> })}
            // A plain post's refusal comes with the page (flash); a WebAssembly call's is the
            // informant form's answer.
            {(!problems.is_empty()).then(|| view! {
                <div class="message message-error" role="alert">
                    <ul>{problems.iter().map(|p| view! { <li>{pick(i18n, &p.nl, &p.en)}</li> }).collect_view()}</ul>
                </div>
            })}
            {scan.flash.refused.clone().map(|error| view! { <ErrorMessage error /> })}
            <FormRefusal refusal=actions.informant_refusal() />
            <InvitationTable scan=scan.clone() actions />
        </section>
        {open_or_draft.then(|| view! {
            <AddOne scan=scan.clone() actions />
            <AddList scan=scan.clone() actions />
        })}
    }
}

fn delivery_text(i18n: I18nContext<Locale>, line: &InvitationLine) -> String {
    match (line.status, line.delivery) {
        (InvitationStatus::Pending, _) => t_string!(i18n, scan_delivery_pending).to_string(),
        (InvitationStatus::Revoked, _) => t_string!(i18n, scan_delivery_revoked).to_string(),
        (_, None) | (_, Some(Delivery::Queued)) => {
            t_string!(i18n, scan_delivery_queued).to_string()
        }
        (_, Some(Delivery::Sent)) => t_string!(i18n, scan_delivery_sent).to_string(),
        (_, Some(Delivery::Failed)) => t_string!(i18n, scan_delivery_failed).to_string(),
    }
}

/// What the revoke and resend forms of one invitation hold: which invitation, and a button that
/// names the informant for screen readers.
fn invitation_fields(
    scan_id: String,
    invitation_id: String,
    pending: Signal<bool>,
    label: String,
    who: String,
) -> impl IntoView {
    let aria_label = format!("{label} {who}");
    view! {
        <input type="hidden" name="scan_id" value=scan_id />
        <input type="hidden" name="invitation_id" value=invitation_id />
        <SubmitButton pending label aria_label />
    }
}

#[component]
fn InvitationTable(scan: ScanPage, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let yes_no = move |value: Option<bool>| match value {
        Some(true) => t_string!(i18n, yes).to_string(),
        Some(false) => t_string!(i18n, no).to_string(),
        None => String::new(),
    };
    let group_label = |id: &str| {
        scan.groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| pick(i18n, &g.label_nl, &g.label_en))
            .unwrap_or_else(|| id.to_owned())
    };
    let rows = scan
        .invitations
        .iter()
        .map(|line| {
            let (scan_id, invitation_id) = (scan.id.clone(), line.id.clone());
            let who = if line.name.is_empty() { line.email.clone() } else { line.name.clone() };
            let revoke = (line.status != InvitationStatus::Revoked && scan.status != ScanStatus::Closed)
                .then(|| {
                    let action = actions.revoke;
                    let (scan_id, invitation_id, who) = (scan_id.clone(), invitation_id.clone(), who.clone());
                    let label = t_string!(i18n, scan_revoke).to_string();
                    view! {
                        <ActionForm action attr:class="inline-form">
                            {invitation_fields(scan_id, invitation_id, action.pending().into(), label, who)}
                        </ActionForm>
                    }
                });
            let resend = (line.status != InvitationStatus::Pending && scan.status == ScanStatus::Open)
                .then(|| {
                    let action = actions.resend;
                    let (scan_id, invitation_id, who) = (scan_id.clone(), invitation_id.clone(), who.clone());
                    let label = t_string!(i18n, scan_resend).to_string();
                    view! {
                        <ActionForm action attr:class="inline-form">
                            {invitation_fields(scan_id, invitation_id, action.pending().into(), label, who)}
                        </ActionForm>
                    }
                });
            view! {
                <tr data-status=line.status.as_str()>
                    <td>{line.name.clone()}</td>
                    <td>{line.email.clone()}</td>
                    <td>{group_label(&line.group_id)}</td>
                    <td>
                        {delivery_text(i18n, line)}
                        {line.delivery_error.clone().filter(|_| line.delivery != Some(Delivery::Sent)).map(|reason| view! {
                            <br /><small class="reason">{reason}</small>
                        })}
                    </td>
                    {scan.person_status.then(|| view! {
                        <td>{yes_no(line.submitted)}</td>
                    })}
                    <td class="row-actions">{revoke} " " {resend}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableWrap label=t_string!(i18n, scan_section_informants).to_string()>
            <table data-testid="invitations">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scan_col_name)}</th>
                        <th scope="col">{t!(i18n, field_email)}</th>
                        <th scope="col">{t!(i18n, scan_col_group)}</th>
                        <th scope="col">{t!(i18n, scan_col_delivery)}</th>
                        {scan.person_status.then(|| view! {
                            <th scope="col">{t!(i18n, scan_col_submitted)}</th>
                        })}
                        <th scope="col">{t!(i18n, users_col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
    }
}

fn group_options(i18n: I18nContext<Locale>, scan: &ScanPage, selected: &str) -> AnyView {
    scan.groups
        .iter()
        .filter(|g| !g.is_self)
        .map(|g| {
            view! {
                <option value=g.id.clone() selected=g.id == selected>{pick(i18n, &g.label_nl, &g.label_en)}</option>
            }
        })
        .collect_view()
        .into_any()
}

/// Only a refusal: an informant form's success shows as the page's outcome, at its top.
#[component]
fn FormRefusal(
    refusal: Signal<Option<crate::server_fns::action_error::ActionError>>,
) -> impl IntoView {
    move || {
        refusal
            .get()
            .is_some()
            .then(|| view! { <ActionOutcome refusal /> })
    }
}

#[component]
fn AddOne(scan: ScanPage, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let (name, email, group) = scan.flash.single.clone().unwrap_or_default();
    let action = actions.add;
    view! {
        <section class="card" id="add-one" aria-labelledby="scan-add-one">
            <h2 id="scan-add-one">{t!(i18n, scan_add_one)}</h2>
            <ActionForm action attr:class="stack">
                <input type="hidden" name="scan_id" value=scan.id.clone() />
                <div class="field">
                    <label for="informant-name">{t!(i18n, scan_col_name)}</label>
                    <input id="informant-name" name="name" maxlength="200" value=name />
                </div>
                <div class="field">
                    <label for="informant-email">{t!(i18n, field_email)}</label>
                    <input id="informant-email" name="email" type="email" required maxlength="254" value=email />
                </div>
                <div class="field">
                    <label for="informant-group">{t!(i18n, scan_col_group)}</label>
                    <select id="informant-group" name="group">{group_options(i18n, &scan, &group)}</select>
                </div>
                <SubmitButton pending=action.pending() label=t_string!(i18n, scan_add_one_button).to_string() />
            </ActionForm>
        </section>
    }
}

#[component]
fn AddList(scan: ScanPage, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let action = actions.list;
    let upload_url = <UploadInformantList as leptos::server_fn::ServerFn>::url();
    let (list_scan, upload_scan) = (scan.id.clone(), scan.id.clone());
    let preview = scan.flash.preview.clone();
    let text = preview.as_ref().map(|p| p.text.clone()).unwrap_or_default();
    let clean = preview.as_ref().is_some_and(|p| p.clean);
    view! {
        <section class="card" id="add-list" aria-labelledby="scan-add-list">
            <h2 id="scan-add-list">{t!(i18n, scan_add_list)}</h2>
            <p class="help" id="informant-list-help">{t!(i18n, scan_add_list_help)}</p>
            {preview.map(|p| view! { <PreviewTable preview=p /> })}
            <ActionForm action attr:class="stack">
                <input type="hidden" name="scan_id" value=list_scan />
                <div class="field">
                    <label for="informant-list">{t!(i18n, scan_add_list_field)}</label>
                    <textarea id="informant-list" name="list" rows="10" aria-describedby="informant-list-help"
                        placeholder="Jan Jansen <jan@gemeente.nl>, collega's">{text}</textarea>
                </div>
                <div class="actions">
                    <button type="submit" name="action" value="preview" disabled=move || action.pending().get()
                        aria-busy=move || action.pending().get().then_some("true")>{t!(i18n, scan_add_list_check)}</button>
                    {clean.then(|| view! {
                        " "
                        <button type="submit" name="action" value="save" class="button-primary"
                            disabled=move || action.pending().get()>{t!(i18n, scan_add_list_save)}</button>
                    })}
                </div>
            </ActionForm>
            // A file goes as a plain multipart post (with or without WebAssembly): the server
            // answers with the page that shows its preview.
            <form method="post" action=upload_url
                enctype="multipart/form-data" class="stack upload-form">
                <input type="hidden" name="scan_id" value=upload_scan />
                <div class="field">
                    <label for="informant-file">{t!(i18n, scan_upload_field)}</label>
                    <input id="informant-file" name="file" type="file" required accept=".csv,.txt,text/csv,text/plain" />
                </div>
                <button type="submit">{t!(i18n, scan_upload_check)}</button>
            </form>
        </section>
    }
}

#[component]
fn PreviewTable(preview: InformantPreview) -> impl IntoView {
    let i18n = use_i18n();
    let bad = preview.lines.iter().filter(|l| l.problem.is_some()).count();
    let summary = if preview.clean {
        if preview.lines.len() == 1 {
            t_string!(i18n, scan_preview_clean_one).to_string()
        } else {
            t_string!(i18n, scan_preview_clean, count = preview.lines.len()).to_string()
        }
    } else {
        if bad == 1 {
            t_string!(i18n, scan_preview_bad_one).to_string()
        } else {
            t_string!(i18n, scan_preview_bad, bad).to_string()
        }
    };
    let rows = preview
        .lines
        .iter()
        .map(|line| {
            let class = if line.problem.is_some() { "preview-bad" } else { "preview-good" };
            view! {
                <tr class=class>
                    <td>{line.line_no}</td>
                    <td><code>{line.raw.clone()}</code></td>
                    <td>{match &line.problem {
                        Some(p) => view! { <strong>{t!(i18n, scan_preview_error)} ": "</strong> {pick(i18n, &p.nl, &p.en)} }.into_any(),
                        None => view! {
                            {line.name.clone()} " <" {line.email.clone()} "> — " {pick(i18n, &line.group_nl, &line.group_en)}
                        }.into_any(),
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class=if preview.clean { "message message-ok" } else { "message message-error" }
            role=if preview.clean { "status" } else { "alert" }>
            {summary}
        </div>
        <TableWrap label=t_string!(i18n, scan_add_list).to_string()>
            <table data-testid="preview">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scan_preview_line)}</th>
                        <th scope="col">{t!(i18n, scan_preview_input)}</th>
                        <th scope="col">{t!(i18n, scan_preview_result)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
    }
}
