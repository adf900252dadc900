use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::conversation_types::{
    ImportConversationType, TypeImportReport, list_conversation_types, load_type_import_report,
};

/// Administrators see every conversation type (shipped and imported) and import their own. The
/// upload is a plain multipart post to `import_conversation_type`; its result comes back once
/// through the `report` key, so the page works without JavaScript.
#[component]
pub fn AdminConversationTypesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, conversation_types_admin_title).to_string() />
        <RequireUser children=move |user| {
            if user.is_admin() {
                view! { <TypeAdmin /> }.into_any()
            } else {
                view! { <ErrorMessage error=UserError::Forbidden /> }.into_any()
            }
        } />
    }
}

#[component]
fn TypeAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report_key = move || query.read().get("report");
    let report = Resource::new(report_key, |key| async move {
        match key {
            Some(key) => load_type_import_report(key).await.ok().flatten(),
            None => None,
        }
    });
    let types = Resource::new(|| (), |_| list_conversation_types());
    let import_url = <ImportConversationType as leptos::server_fn::ServerFn>::url();
    view! {
        <h1>{t!(i18n, conversation_types_admin_title)}</h1>
        <p>{t!(i18n, conversation_types_admin_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                report.await.map(|report| match report {
                    TypeImportReport::Imported { name, version, unchanged } => {
                        let text = if unchanged {
                            t_string!(i18n, conversation_types_unchanged, name, version).to_string()
                        } else {
                            t_string!(i18n, conversation_types_imported, name, version).to_string()
                        };
                        view! { <div class="message message-ok" role="status">{text}</div> }.into_any()
                    }
                    TypeImportReport::Rejected { messages_nl, messages_en } => {
                        let messages = match i18n.get_locale() {
                            Locale::nl => messages_nl,
                            Locale::en => messages_en,
                        };
                        view! {
                            <div class="message message-error" role="alert">
                                <p>{t!(i18n, conversation_types_rejected)}</p>
                                <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    }
                })
            })}
        </Suspense>
        <section class="card">
            <form method="post" action=import_url enctype="multipart/form-data" class="stack">
                <div class="field">
                    <label for="conversation-type-file">{t!(i18n, conversation_types_file)}</label>
                    <input id="conversation-type-file" name="file" type="file" accept=".toml,application/toml" required />
                </div>
                <button type="submit" class="button-primary">{t!(i18n, conversation_types_import)}</button>
            </form>
        </section>
        <h2>{t!(i18n, conversation_types_title)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match types.await {
                    Ok(list) => view! {
                        <TableWrap label=t_string!(i18n, conversation_types_title).to_string()>
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, conversation_types_col_name)}</th>
                                        <th scope="col">{t!(i18n, conversation_types_col_version)}</th>
                                        <th scope="col">{t!(i18n, conversation_types_col_origin)}</th>
                                        <th scope="col">{t!(i18n, conversation_types_col_sections)}</th>
                                        <th scope="col">{t!(i18n, conversation_types_col_retention)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|t| view! {
                                        <tr>
                                            <td><a href=format!("/conversation-types/{}", t.id)>{t.name}</a></td>
                                            <td>{t.version}</td>
                                            <td>{if t.builtin {
                                                t_string!(i18n, conversation_types_builtin).to_string()
                                            } else {
                                                t_string!(i18n, conversation_types_imported_origin).to_string()
                                            }}</td>
                                            <td>{t.sections}</td>
                                            <td>{t_string!(i18n, conversation_types_months, months = t.retention_months).to_string()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableWrap>
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
