//! What every page that shows data does: load it, wait for it, then show it or say why not.
use crate::{api::AppError, components::MainContent, domain::routes, i18n::td_string, language};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use std::sync::Arc;

/// Shows `children` with the data of `data` once loaded, "Chargement…" until then (only in the
/// browser: with `SsrMode::Async` the server waits, and sends the page filled in), and
/// [`load_error`]'s answer if the server refused.
///
/// ```ignore
/// <Loaded data=Resource::new(|| (), |_| load_courses()) let:courses>
///     <Courses courses/>
/// </Loaded>
/// ```
#[component]
pub fn Loaded<T, F, V>(
    /// The page's data, from a server function.
    data: Resource<Result<T, AppError>>,
    /// The page itself, made from the data.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Shared with each (re)load below, which may outlive this call.
    let children = Arc::new(children);
    view! {
        <Suspense fallback=Loading>
            {move || {
                let children = Arc::clone(&children);
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => children(value).into_any(),
                        Err(error) => load_error(error),
                    }
                })
            }}
        </Suspense>
    }
}

/// What a page shows when its data is refused: the sign-in page for a lost session, the pending
/// step of the journey, or the message, as the page's content (a page renders its `<main>` with
/// its data).
fn load_error(error: AppError) -> AnyView {
    match error {
        AppError::NotSignedIn => view! { <Redirect path=routes::SIGN_IN/> }.into_any(),
        AppError::StepRequired(step) => view! { <Redirect path=step.path()/> }.into_any(),
        other => {
            let message = other.message(language::current());
            // The page's own <Title> comes with its data: without it, the message names the page.
            view! {
                <Title text=message.clone()/>
                <MainContent>
                    <p class="form-error" role="alert">{message}</p>
                </MainContent>
            }
            .into_any()
        }
    }
}

/// Shown while a page's data loads in the browser (the server sends pages already filled in).
#[component]
fn Loading() -> impl IntoView {
    let locale = language::current();
    view! { <p class="loading" aria-busy="true">{td_string!(locale, common.loading)}</p> }
}

/// The `:id` of the page's route (`/actualites/12`), or 0 when it is not a number: the server then
/// answers that there is no such item.
pub fn route_id() -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    }
}
