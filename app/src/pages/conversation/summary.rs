//! The summary: the type's form section by section in its own order — each with its number,
//! title, intro and prompts, then the text (a textarea labelled with the section's notes label
//! for whoever may write or change it now), the agreements as rows of what, who and by when
//! (with empty rows for new ones), the look-back on the previous conversation's agreements (an
//! outcome per agreement, each its own small form) and the "Voor akkoord" block. Then proposing
//! the summary, and approving it for the person discussed after ticking a confirmation (works
//! without JavaScript).
//!
//! The text fields belong to one form (`record-summary`) through their `form` attribute, so a
//! look-back form may stand between them in the type's order.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::{date_text, language};
use crate::components::table_wrap::TableWrap;
use crate::domain::conversation::{
    AgreementOutcome, AgreementView, RecordAction, RecordView, SectionView, SectionViewKind,
};
use crate::i18n::*;

use super::feedback::{FieldProblemText, described_by, invalid_flag};
use super::{CommandButton, CommandFields, RecordCtx};

/// The id of the summary's form, which its fields name in their `form` attribute.
const SUMMARY_FORM: &str = "record-summary";
const FORM: &str = "summary";
/// Empty agreement rows offered for new agreements.
const SPARE_ROWS: usize = 3;

/// Which command the summary form posts for this visitor now, if any.
fn summary_command(ctx: &RecordCtx) -> Option<&'static str> {
    if ctx.may(RecordAction::WriteSummary) {
        Some("save_summary")
    } else if ctx.may(RecordAction::ChangeSummary) {
        Some("change_summary")
    } else {
        None
    }
}

#[component]
pub(super) fn SummaryPart(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let command = summary_command(&ctx);
    let typed = command.and_then(|c| ctx.typed(c)).cloned();
    let sections = view
        .sections
        .iter()
        .map(|section| {
            let text = typed
                .as_ref()
                .and_then(|t| {
                    let i = t.section_id.iter().position(|id| id == &section.id)?;
                    t.section_text.get(i).cloned()
                })
                .unwrap_or_else(|| section.text.clone());
            view! {
                <SectionBlock section=section.clone() text view=view.clone() ctx=ctx.clone()
                    editable=command.is_some() />
            }
        })
        .collect_view();
    let save = command.map(|command| {
        let act = ctx.act;
        let label = if command == "change_summary" {
            t_string!(i18n, conv_summary_change).to_string()
        } else {
            t_string!(i18n, conv_summary_save).to_string()
        };
        let form_ctx = ctx.clone();
        view! {
            <ActionForm action=act attr:id=SUMMARY_FORM attr:class="no-print stack" attr:novalidate="">
                <CommandFields ctx=form_ctx command />
                <SubmitButton pending=act.pending() class="button-primary" label />
            </ActionForm>
        }
    });
    let propose = ctx.may(RecordAction::ProposeSummary).then(|| {
        view! {
            <p class="help no-print">{t!(i18n, conv_summary_propose_help)}</p>
            <CommandButton ctx=ctx.clone() command="propose_summary"
                label=t_string!(i18n, conv_summary_propose).to_string() />
        }
    });
    let empty = view.sections.is_empty();
    view! {
        <section class="card" id="summary" aria-labelledby="record-summary-heading">
            <h2 id="record-summary-heading">{t!(i18n, conv_summary)}</h2>
            {empty.then(|| view! { <p class="record-empty">{t!(i18n, conv_summary_empty)}</p> })}
            {sections}
            {save}
            {propose}
        </section>
        <Approval view=view.clone() ctx=ctx.clone() />
    }
}

/// One section of the form: its head (number, title, intro, prompts) and its content.
#[component]
fn SectionBlock(
    section: SectionView,
    text: String,
    view: RecordView,
    ctx: RecordCtx,
    editable: bool,
) -> impl IntoView {
    let heading_id = format!("record-section-{}", section.id);
    let labelled_by = heading_id.clone();
    let prompts = (!section.prompts.is_empty()).then(|| {
        let items = section
            .prompts
            .iter()
            .map(|p| view! { <li>{p.clone()}</li> })
            .collect_view();
        view! { <ul class="record-prompts">{items}</ul> }
    });
    let content = match section.kind {
        SectionViewKind::Text => {
            view! { <SectionText section=section.clone() text ctx=ctx.clone() editable /> }
                .into_any()
        }
        SectionViewKind::Agreements => {
            view! { <Agreements agreements=view.agreements.clone() ctx=ctx.clone() editable /> }
                .into_any()
        }
        SectionViewKind::LookBack => {
            view! { <LookBack agreements=view.previous_agreements.clone() ctx=ctx.clone() /> }
                .into_any()
        }
        SectionViewKind::SignOff => {
            view! { <SignOff view=view.clone() ctx=ctx.clone() /> }.into_any()
        }
    };
    let class = match section.kind {
        SectionViewKind::SignOff => "record-section record-signoff",
        _ => "record-section",
    };
    view! {
        <div class=class id=format!("section-{}", section.id) role="group"
            aria-labelledby=labelled_by data-testid="record-section">
            <div class="record-section-head">
                <h3 id=heading_id>{format!("{}. {}", section.number, section.title)}</h3>
                {section.intro.clone().map(|intro| view! { <p class="record-intro">{intro}</p> })}
                {prompts}
            </div>
            {content}
        </div>
    }
}

/// A text section: the textarea for whoever may write now, the written text otherwise.
#[component]
fn SectionText(
    section: SectionView,
    text: String,
    ctx: RecordCtx,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = section
        .notes_label
        .clone()
        .unwrap_or_else(|| t_string!(i18n, conv_notes_label).to_string());
    if editable {
        let id = format!("summary-{}", section.id);
        let field = format!("sections.{}", section.id);
        let error = ctx.error;
        view! {
            <input type="hidden" name="section_id[]" value=section.id.clone() form=SUMMARY_FORM />
            <label class="record-notes-label" for=id.clone()>{label}</label>
            <textarea id=id name="section_text[]" rows="6" form=SUMMARY_FORM class="no-print-border"
                aria-invalid=invalid_flag(error, field.clone())
                aria-describedby=described_by(error, FORM, field.clone(), None)>{text}</textarea>
            <FieldProblemText error form=FORM field />
        }
        .into_any()
    } else {
        view! {
            <p class="record-notes-label">{label}</p>
            {if text.trim().is_empty() {
                view! { <p class="record-empty">{t!(i18n, conv_not_filled_in)}</p> }.into_any()
            } else {
                view! { <p class="record-notes">{text}</p> }.into_any()
            }}
        }
        .into_any()
    }
}

/// The agreements: a table of what, who and by when; as inputs (the stored ones and empty
/// rows) for whoever may write now.
#[component]
fn Agreements(agreements: Vec<AgreementView>, ctx: RecordCtx, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let head = view! {
        <thead>
            <tr>
                <th scope="col">{t!(i18n, conv_agreement_what)}</th>
                <th scope="col">{t!(i18n, conv_agreement_who)}</th>
                <th scope="col">{t!(i18n, conv_agreement_due)}</th>
            </tr>
        </thead>
    };
    let caption = t_string!(i18n, conv_agreements).to_string();
    if !editable {
        if agreements.is_empty() {
            return view! { <p class="record-empty">{t!(i18n, conv_agreements_none)}</p> }
                .into_any();
        }
        let rows = agreements
            .iter()
            .map(|a| {
                view! {
                    <tr>
                        <td>{a.what.clone()}</td>
                        <td>{a.who.clone()}</td>
                        <td>{due_text(i18n, &a.due_on)}</td>
                    </tr>
                }
            })
            .collect_view();
        return view! {
            <TableWrap label=caption>
                <table class="record-agreements" data-testid="record-agreements">{head}<tbody>{rows}</tbody></table>
            </TableWrap>
        }
        .into_any();
    }
    // As typed after a refused post, else the stored agreements, then empty rows.
    let typed = summary_command(&ctx).and_then(|c| ctx.typed(c)).cloned();
    let mut rows: Vec<(String, String, String)> = match &typed {
        Some(t) => (0..t.what.len().max(t.who.len()).max(t.due_on.len()))
            .map(|i| {
                let at = |list: &[String]| list.get(i).cloned().unwrap_or_default();
                (at(&t.what), at(&t.who), at(&t.due_on))
            })
            .collect(),
        None => agreements
            .iter()
            .map(|a| (a.what.clone(), a.who.clone(), a.due_on.clone()))
            .collect(),
    };
    let filled = rows
        .iter()
        .rposition(|(what, who, due)| !(what.is_empty() && who.is_empty() && due.is_empty()))
        .map_or(0, |i| i + 1);
    rows.truncate(filled);
    rows.extend((0..SPARE_ROWS).map(|_| Default::default()));
    let error = ctx.error;
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, (what, who, due))| {
            let n = i + 1;
            let cell =
                move |name: &'static str, value: String, kind: &'static str, label: String| {
                    let id = format!("agreement-{i}-{name}");
                    let field = format!("agreements.{i}.{name}");
                    let input_name = format!("{name}[]");
                    view! {
                        <td>
                            <label class="visually-hidden" for=id.clone()>{label}</label>
                            <input id=id type=kind name=input_name value=value form=SUMMARY_FORM
                                aria-invalid=invalid_flag(error, field.clone())
                                aria-describedby=described_by(error, FORM, field.clone(), None) />
                            <FieldProblemText error form=FORM field />
                        </td>
                    }
                };
            view! {
                <tr>
                    {cell("what", what, "text",
                        t_string!(i18n, conv_agreement_what_n, n).to_string())}
                    {cell("who", who, "text",
                        t_string!(i18n, conv_agreement_who_n, n).to_string())}
                    {cell("due_on", due, "date",
                        t_string!(i18n, conv_agreement_due_n, n).to_string())}
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="help no-print">{t!(i18n, conv_agreements_help)}</p>
        <TableWrap label=caption>
            <table class="record-agreements" data-testid="record-agreements-form">{head}<tbody>{body}</tbody></table>
        </TableWrap>
    }
    .into_any()
}

/// `2027-06-01` as a date in the page's language; an open end as a dash.
fn due_text(i18n: leptos_i18n::I18nContext<Locale>, due_on: &str) -> String {
    use crate::domain::calendar::{Date, format_date};
    match Date::parse_iso(due_on) {
        Some(date) => format_date(date, language(i18n)),
        None if due_on.trim().is_empty() => "—".to_owned(),
        None => due_on.to_owned(),
    }
}

/// The previous conversation's agreements, each with how it turned out; for whoever writes the
/// summary a small form per agreement.
#[component]
fn LookBack(agreements: Vec<AgreementView>, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    if agreements.is_empty() {
        return view! { <p class="record-empty">{t!(i18n, conv_look_back_none)}</p> }.into_any();
    }
    let lang = language(i18n);
    let may_write = ctx.may(RecordAction::WriteSummary);
    let items = agreements
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let due = due_text(i18n, &a.due_on);
            let outcome = a.outcome.label(lang);
            let note = (!a.outcome_note.is_empty())
                .then(|| view! { <p class="record-notes">{a.outcome_note.clone()}</p> });
            let form = may_write.then(|| {
                let act = ctx.act;
                let typed = ctx
                    .typed("look_back")
                    .filter(|t| t.agreement_id == a.id)
                    .cloned();
                let chosen = typed
                    .as_ref()
                    .map(|t| t.outcome.clone())
                    .unwrap_or_else(|| a.outcome.as_str().to_owned());
                let note_text = typed
                    .map(|t| t.note)
                    .unwrap_or_else(|| a.outcome_note.clone());
                let options = AgreementOutcome::ALL
                    .into_iter()
                    .map(|o| {
                        view! {
                            <option value=o.as_str() selected=chosen == o.as_str()>{o.label(lang)}</option>
                        }
                    })
                    .collect_view();
                let outcome_id = format!("look-back-{i}-outcome");
                let note_id = format!("look-back-{i}-note");
                let form_ctx = ctx.clone();
                view! {
                    <ActionForm action=act attr:class="no-print stack">
                        <CommandFields ctx=form_ctx command="look_back" />
                        <input type="hidden" name="agreement_id" value=a.id.clone() />
                        <div class="field">
                            <label for=outcome_id.clone()>{t!(i18n, conv_look_back_outcome)}</label>
                            <select id=outcome_id name="outcome">{options}</select>
                        </div>
                        <div class="field">
                            <label for=note_id.clone()>{t!(i18n, conv_look_back_note)}</label>
                            <textarea id=note_id name="note" rows="2">{note_text}</textarea>
                        </div>
                        <SubmitButton pending=act.pending()
                            label=t_string!(i18n, conv_look_back_save).to_string() />
                    </ActionForm>
                }
            });
            view! {
                <li data-testid="record-look-back">
                    <p><strong>{a.what.clone()}</strong> " — " {a.who.clone()} " — " {due}</p>
                    <p>{t!(i18n, conv_look_back_outcome)} ": " {outcome}</p>
                    {note}
                    {form}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="plain">{items}</ol> }.into_any()
}

/// "Voor akkoord": who signed, when; the visitor's own signature when they may sign.
#[component]
fn SignOff(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let rows = view
        .parties
        .iter()
        .map(|p| {
            let signed = p
                .signed_at
                .map_or_else(|| "—".to_owned(), |at| date_text(i18n, at));
            view! {
                <tr>
                    <td>{p.role_name.clone()}</td>
                    <td>{p.name.clone()}</td>
                    <td>{signed}</td>
                </tr>
            }
        })
        .collect_view();
    let sign = ctx.may(RecordAction::SignOff).then(|| {
        view! {
            <CommandButton ctx=ctx.clone() command="sign_off"
                label=t_string!(i18n, conv_sign_off).to_string() />
        }
    });
    view! {
        <TableWrap label=t_string!(i18n, conv_sign_off_table).to_string()>
            <table data-testid="record-signatures">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, conv_col_role)}</th>
                        <th scope="col">{t!(i18n, conv_field_name)}</th>
                        <th scope="col">{t!(i18n, conv_signed_on)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
        {sign}
    }
}

/// Approving the proposed summary, for the person discussed: a ticked confirmation first (the
/// door refuses an approval without it), so it needs no JavaScript.
#[component]
fn Approval(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    if !ctx.may(RecordAction::Approve) {
        return ().into_any();
    }
    let act = ctx.act;
    let error = ctx.error;
    let may_change = ctx.may(RecordAction::ChangeSummary);
    let form_ctx = ctx.clone();
    view! {
        <section class="card no-print" id="sign-off" aria-labelledby="record-approve">
            <h2 id="record-approve">{t!(i18n, conv_approve_heading)}</h2>
            <p id="approve-help">{t_string!(i18n, conv_approve_help, person = view.subject_name.clone()).to_string()}</p>
            {may_change.then(|| view! { <p class="help">{t!(i18n, conv_approve_may_change)}</p> })}
            <ActionForm action=act attr:class="confirm-box stack" attr:novalidate="">
                <CommandFields ctx=form_ctx command="approve" />
                <div class="field field-check">
                    <input id="approve-confirm" type="checkbox" name="confirm" value="on" required
                        aria-invalid=invalid_flag(error, "confirm".to_owned())
                        aria-describedby=described_by(error, FORM, "confirm".to_owned(),
                            Some("approve-help".to_owned())) />
                    <label for="approve-confirm">{t!(i18n, conv_approve_confirm)}</label>
                    <FieldProblemText error form=FORM field="confirm" />
                </div>
                <SubmitButton pending=act.pending() class="button-primary"
                    label=t_string!(i18n, conv_approve).to_string() />
            </ActionForm>
        </section>
    }
    .into_any()
}
