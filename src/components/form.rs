//! Form fields with their messages, and the errors a server function sends back to its form.
use crate::{api::AppError, language};
use leptos::{prelude::*, server_fn::ServerFn};

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
    /// The keyboard a phone shows (`numeric` for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
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
                inputmode=inputmode
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(callback) = on_input {
                        callback.run(event_target_value(&ev));
                    }
                }
            />
            // Always there, so that a screen reader announces a message as it appears (the live
            // check as the parent types); empty, it takes no room (main.css).
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
            </div>
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

/// What the server answered to a form, field by field. It reads the action's value, which
/// `ServerAction::new` fills from the URL's `__err` when the form was posted without JavaScript,
/// so both ways of posting show the same messages.
#[derive(Clone, Copy)]
pub struct FormErrors(Signal<Option<AppError>>);

impl FormErrors {
    /// The errors of `action`, which the component showing the form creates as usual.
    pub fn of<S>(action: ServerAction<S>) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Self(Signal::derive(move || {
            action.value().get().and_then(Result::err)
        }))
    }

    /// The errors of a form that no `ServerAction` can stand for (one that sends a file, posted
    /// as it is, with or without JavaScript), read from the URL's `__err` as `ServerAction::new`
    /// reads it (and as `startup::form_errors` vouches for it).
    pub fn of_plain_form(path: &'static str) -> Self {
        use leptos::server_fn::error::ServerFnUrlError;
        let query = leptos_router::hooks::use_query_map();
        Self(Signal::derive(move || {
            let query = query.read();
            let posted_here = query.get("__path").as_deref() == Some(path);
            let error = query.get("__err").filter(|_| posted_here)?;
            Some(ServerFnUrlError::<AppError>::decode_err(&error))
        }))
    }

    /// The errors of a refused post the server rendered the page with, handed to an island (which
    /// must not carry the server function's own client code for so little).
    pub fn refused(error: Option<AppError>) -> Self {
        Self(Signal::stored(error))
    }

    /// What a refused post of `action` came back with, written in the page's language, to hand
    /// to an island (which shows it with [`FormErrors::refused_message`]).
    pub fn refusal<S>(action: ServerAction<S>) -> Option<AppError>
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let locale = language::current();
        let refused = action.value().get_untracked().and_then(Result::err);
        refused.map(|error| error.written(locale))
    }

    /// The message for the top of an island's form: a [`FormErrors::refusal`]'s words.
    pub fn refused_message(self) -> Signal<Option<String>> {
        Signal::derive(move || match self.0.get() {
            Some(AppError::Refused(message)) => Some(message),
            _ => None,
        })
    }

    /// One message for several forms that share it: the first of them that failed.
    pub fn or(self, other: Self) -> Self {
        Self(Signal::derive(move || {
            self.0.get().or_else(|| other.0.get())
        }))
    }

    /// The message to show under `field`.
    pub fn under(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.0.get().and_then(|e| e.message_for(field)))
    }

    /// What to show in `field`: what the parent typed before the error, else `shown`.
    pub fn typed(self, field: &'static str, shown: impl Into<String>) -> Signal<String> {
        let shown = shown.into();
        Signal::derive(move || {
            self.0
                .get()
                .and_then(|e| e.typed(field))
                .unwrap_or_else(|| shown.clone())
        })
    }

    /// The message for the top of the form, when the error is not about one field.
    pub fn general(self) -> Signal<Option<String>> {
        let locale = language::current();
        Signal::derive(move || self.0.get().and_then(|e| e.general_message(locale)))
    }

    /// Any error's own words, for a form that is only a button: it has no field to point at.
    pub fn any(self) -> Signal<Option<String>> {
        let locale = language::current();
        Signal::derive(move || self.0.get().map(|e| e.message(locale)))
    }
}
