use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::framework_import::ImportFramework;
use crate::server_fns::frameworks::{ImportReport, list_frameworks, load_import_report};

/// Administrators import their own frameworks and export any. The upload is a plain multipart
/// post to the server function `import_framework`; its result comes back once through the
/// `report` key.
#[component]
pub fn AdminFrameworksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, admin_frameworks_title).to_string() />
        <RequireUser children=move |user| {
            if user.is_admin() {
                view! { <FrameworkAdmin /> }.into_any()
            } else {
                view! { <ErrorMessage error=UserError::Forbidden /> }.into_any()
            }
        } />
    }
}

#[component]
fn FrameworkAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report_key = move || query.read().get("report");
    let report = Resource::new(report_key, |key| async move {
        match key {
            Some(key) => load_import_report(key).await.ok().flatten(),
            None => None,
        }
    });
    let frameworks = Resource::new(|| (), |_| list_frameworks());
    let import_url = <ImportFramework as leptos::server_fn::ServerFn>::url();
    view! {
        <h1>{t!(i18n, admin_frameworks_title)}</h1>
        <p>{t!(i18n, admin_frameworks_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                report.await.map(|report| match report {
                    ImportReport::Imported { name, version } => view! {
                        <div class="message message-ok" role="status">
                            {t_string!(i18n, admin_frameworks_imported, name, version).to_string()}
                        </div>
                    }.into_any(),
                    ImportReport::Rejected { messages_nl, messages_en } => {
                        let messages = match i18n.get_locale() {
                            Locale::nl => messages_nl,
                            Locale::en => messages_en,
                        };
                        view! {
                            <div class="message message-error" role="alert">
                                <p>{t!(i18n, admin_frameworks_rejected)}</p>
                                <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    }
                })
            })}
        </Suspense>
        <section class="card">
            <form method="post" action=import_url
                enctype="multipart/form-data" class="stack">
                <div class="field">
                    <label for="framework-file">{t!(i18n, admin_frameworks_file)}</label>
                    <input id="framework-file" name="file" type="file" accept=".toml,.json,application/json" required />
                </div>
                <button type="submit" class="button-primary">{t!(i18n, admin_frameworks_import)}</button>
            </form>
        </section>
        <h2>{t!(i18n, admin_frameworks_export)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                frameworks.await.ok().map(|list| view! {
                    <ul>
                        {list.into_iter().map(|f| view! {
                            <li>
                                {f.name.clone()} " (" {f.version} "): "
                                <a href=format!("/frameworks/{}/export?format=toml", f.id) rel="external" download>
                                    {t!(i18n, admin_frameworks_export_toml)}
                                </a>
                                " · "
                                <a href=format!("/frameworks/{}/export?format=json", f.id) rel="external" download>
                                    {t!(i18n, admin_frameworks_export_json)}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}
