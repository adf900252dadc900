//! After approval: the readers (who may read the record once it is shared with them), adding
//! one, sharing, and archiving — archiving asks first on a second step (`?bevestig=archiveren`),
//! which needs no JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::action::SubmitButton;
use crate::components::localized::date_text;
use crate::domain::conversation::{RecordAction, RecordView};
use crate::i18n::*;

use super::feedback::{FieldProblemText, described_by, invalid_flag};
use super::{CommandButton, CommandFields, RecordCtx};

const FORM: &str = "readers";

#[component]
pub(super) fn SharingPart(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let may_share = ctx.may(RecordAction::Share);
    let may_archive = ctx.may(RecordAction::Archive);
    if view.readers.is_empty() && !may_share && !may_archive {
        return ().into_any();
    }
    let readers =
        view.readers
            .iter()
            .map(|r| {
                let shared = match r.shared_at {
                    Some(at) => t_string!(i18n, conv_reader_shared_on, date = date_text(i18n, at))
                        .to_string(),
                    None => t_string!(i18n, conv_reader_not_shared).to_string(),
                };
                view! { <li>{r.name.clone()} " — " <span class="help">{shared}</span></li> }
            })
            .collect_view();
    let no_readers = view.readers.is_empty();
    // Adding a reader shares at once; the share button is only for readers named but not yet
    // shared with, so it never offers a step that can only be refused.
    let someone_unshared = view.readers.iter().any(|r| r.shared_at.is_none());
    let add = may_share.then(|| {
        let act = ctx.act;
        let error = ctx.error;
        let typed = ctx.typed("add_reader").cloned().unwrap_or_default();
        let form_ctx = ctx.clone();
        view! {
            <ActionForm action=act attr:class="no-print stack" attr:novalidate="">
                <CommandFields ctx=form_ctx command="add_reader" />
                <h3>{t!(i18n, conv_reader_add_heading)}</h3>
                <p class="help" id="reader-help">{t!(i18n, conv_reader_add_help)}</p>
                <div class="field">
                    <label for="reader-name">{t!(i18n, conv_field_name)}</label>
                    <input id="reader-name" type="text" name="name" value=typed.name required autocomplete="off"
                        aria-invalid=invalid_flag(error, "name".to_owned())
                        aria-describedby=described_by(error, FORM, "name".to_owned(), Some("reader-help".to_owned())) />
                    <FieldProblemText error form=FORM field="name" />
                </div>
                <div class="field">
                    <label for="reader-email">{t!(i18n, field_email)}</label>
                    <input id="reader-email" type="email" name="email" value=typed.email required autocomplete="off"
                        aria-invalid=invalid_flag(error, "email".to_owned())
                        aria-describedby=described_by(error, FORM, "email".to_owned(), None) />
                    <FieldProblemText error form=FORM field="email" />
                </div>
                <SubmitButton pending=act.pending()
                    label=t_string!(i18n, conv_reader_add).to_string() />
            </ActionForm>
            {someone_unshared.then(|| view! {
                <p class="help no-print">{t!(i18n, conv_share_help)}</p>
                <CommandButton ctx=ctx.clone() command="share"
                    label=t_string!(i18n, conv_share).to_string() />
            })}
        }
    });
    let archive = may_archive.then(|| view! { <Archive ctx=ctx.clone() /> });
    view! {
        <section class="card" id="readers" aria-labelledby="record-readers">
            <h2 id="record-readers">{t!(i18n, conv_readers)}</h2>
            {if no_readers {
                view! { <p class="record-empty">{t!(i18n, conv_readers_none)}</p> }.into_any()
            } else {
                view! { <ul data-testid="record-readers">{readers}</ul> }.into_any()
            }}
            {add}
            {archive}
        </section>
    }
    .into_any()
}

/// Archiving, confirmed on a second step.
#[component]
fn Archive(ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let base = format!("/gesprekken/{}", ctx.id);
    move || {
        let asked = query.read().get("bevestig").as_deref() == Some("archiveren");
        if asked {
            let act = ctx.act;
            let form_ctx = ctx.clone();
            let back = base.clone();
            view! {
                <ActionForm action=act attr:class="confirm-box no-print" attr:role="group"
                    attr:aria-labelledby="confirm-archive">
                    <CommandFields ctx=form_ctx command="archive" />
                    <p id="confirm-archive">{t!(i18n, conv_archive_question)}</p>
                    <SubmitButton pending=act.pending() class="button-primary"
                        label=t_string!(i18n, conv_archive_confirm).to_string() />
                    " "
                    <a href=back>{t!(i18n, users_cancel)}</a>
                </ActionForm>
            }
            .into_any()
        } else {
            view! {
                <p class="no-print">
                    <a class="button" href=format!("{base}?bevestig=archiveren#readers")>{t!(i18n, conv_archive)}</a>
                </p>
            }
            .into_any()
        }
    }
}
