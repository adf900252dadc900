use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::session::SessionResource;
use crate::domain::account::CurrentUser;
use crate::i18n::*;
use crate::server_fns::action_error::ActionError;
use crate::server_fns::session::VisitorSession;

/// The session, awaited so that on the server the children are made once. Awaiting the resource
/// tracks it: when the session arrives during server rendering, the Suspense would run this
/// closure a second time and drop the first run's owner while the resources its children made
/// are still loading on another thread. Such an orphaned loader walking up the owner tree while
/// that tree is being dropped can deadlock reactive_graph 0.2.16 (`Owner::with_context` dropping
/// the last reference to a parent whose cleanup write-locks the child it is reading): seen once
/// as a hung page test. In the browser the session is tracked, so a sign-out re-renders.
async fn session_once(session: SessionResource) -> Result<VisitorSession, ActionError> {
    #[cfg(feature = "ssr")]
    {
        leptos::reactive::computed::ScopedFuture::new_untracked(async move { session.await }).await
    }
    #[cfg(not(feature = "ssr"))]
    {
        session.await
    }
}

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
                        match session_once(session).await {
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
