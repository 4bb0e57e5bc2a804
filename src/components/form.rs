//! Form fields with their messages, and the handling of a page whose data could not be loaded.
use crate::api::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// A labelled input, with an optional hint and the server's (or the live check's) message under it.
/// `value` is what to show first: what was stored, or what the parent typed before an error.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(into, optional)] value: Signal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    /// Called with the field's text at every keystroke (live checks).
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            // The star sits outside the label so that the field's name is exactly the seed's words;
            // `required` tells assistive technology.
            <div class="label-line">
                <label for=name>{label}</label>
                {required.then_some(view! { <span class="required" aria-hidden="true">"★"</span> })}
            </div>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=name
                name=name
                type=kind
                value=move || value.get()
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(callback) = on_input {
                        callback.run(event_target_value(&ev));
                    }
                }
            />
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}

/// A message for the whole form (a refusal, a technical problem), announced to screen readers.
#[component]
pub fn FormMessage(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="form-error" role="alert">{text}</p> })
    }
}

/// What a page shows when its data is refused: the sign-in page for a lost session, the pending
/// step of the journey, or the message.
pub fn load_error(error: AppError) -> AnyView {
    match error {
        AppError::NotSignedIn => view! { <Redirect path="/connexion"/> }.into_any(),
        AppError::StepRequired(step) => view! { <Redirect path=step.path()/> }.into_any(),
        other => view! { <p class="form-error" role="alert">{other.to_string()}</p> }.into_any(),
    }
}

/// Shown while a page's data loads in the browser (the server sends pages already filled in).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">"Chargement…"</p> }
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
