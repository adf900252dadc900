use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::session::SessionResource;
use crate::domain::account::CurrentUser;
use crate::i18n::*;

/// Renders its children for a logged-in account and sends everyone else to the login page
/// (or to the first-run setup while no account exists).
#[component]
pub fn RequireUser<F, V>(children: F) -> impl IntoView
where
    F: Fn(CurrentUser) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = expect_context::<SessionResource>();
    let i18n = use_i18n();
    let children = std::sync::Arc::new(children);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match session.await {
                            Ok(info) => match info.user {
                                Some(user) => children(user).into_any(),
                                None if info.setup_open => {
                                    view! { <Redirect path="/setup" /> }.into_any()
                                }
                                None => view! { <Redirect path="/login" /> }.into_any(),
                            },
                            Err(_) => {
                                view! {
                                    <div class="message message-error" role="alert">
                                        {t!(i18n, error_internal)}
                                    </div>
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}
