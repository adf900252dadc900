use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::frameworks::list_frameworks;

/// All frameworks, newest versions.
#[component]
pub fn FrameworksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, frameworks_title).to_string() />
        <RequireUser children=move |_| view! { <FrameworkList /> } />
    }
}

#[component]
fn FrameworkList() -> impl IntoView {
    let i18n = use_i18n();
    let frameworks = Resource::new(|| (), |_| list_frameworks());
    view! {
        <h1>{t!(i18n, frameworks_title)}</h1>
        <p>{t!(i18n, frameworks_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match frameworks.await {
                    Ok(list) => view! {
                        <TableWrap label=t_string!(i18n, frameworks_title).to_string()>
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, frameworks_col_name)}</th>
                                        <th scope="col">{t!(i18n, frameworks_col_version)}</th>
                                        <th scope="col">{t!(i18n, frameworks_col_competencies)}</th>
                                        <th scope="col">{t!(i18n, frameworks_col_levels)}</th>
                                        <th scope="col">{t!(i18n, frameworks_col_profiles)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|f| view! {
                                        <tr>
                                            <td><a href=format!("/frameworks/{}", f.id)>{f.name}</a></td>
                                            <td>{f.version}</td>
                                            <td>{f.competencies}</td>
                                            <td>{f.levels}</td>
                                            <td>{f.profiles}</td>
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
