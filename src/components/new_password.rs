//! "Nouveau mot de passe" and "Répétez…": the two fields of every form that sets a password, with
//! the live check of the rule the server applies. The only part of those forms that needs the
//! browser, so the only part that is an island: the form around it posts as a plain form.
use crate::{
    components::{Field, field_value, island_awake},
    domain::password::{check_new_password, check_strength},
    i18n::td_string,
    language,
};
use leptos::prelude::*;

/// `new_error` and `repeat_error` are the server's messages after a refused post; the live check's
/// own message replaces them as soon as the parent types.
#[island]
pub fn NewPasswordFields(new_error: Option<String>, repeat_error: Option<String>) -> impl IntoView {
    let locale = language::current();
    let typed = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    // Once awake, start from what the parent may have typed already.
    Effect::new(move |_| {
        typed.set(field_value("new_password"));
        repeated.set(field_value("repeat_password"));
        island_awake();
    });
    let live_new = move || {
        let password = typed.get();
        (!password.is_empty())
            .then(|| check_strength(&password).err().map(|p| p.message(locale)))
            .flatten()
    };
    let live_repeat = move || {
        let (password, again) = (typed.get(), repeated.get());
        (!again.is_empty() && check_strength(&password).is_ok())
            .then(|| {
                check_new_password(&password, &again)
                    .err()
                    .map(|p| p.message(locale))
            })
            .flatten()
    };
    let looks_good = move || {
        !typed.get().is_empty() && check_new_password(&typed.get(), &repeated.get()).is_ok()
    };
    // The server's message stands until the parent starts typing again.
    let untouched = move || typed.get().is_empty() && repeated.get().is_empty();
    view! {
        <Field
            label=td_string!(locale, password.new_password)
            name="new_password"
            kind="password"
            autocomplete="new-password"
            required=true
            error=Signal::derive(move || live_new().or_else(|| untouched().then(|| new_error.clone()).flatten()))
            on_input=Callback::new(move |text| typed.set(text))
        />
        <Field
            label=td_string!(locale, password.repeat_password)
            name="repeat_password"
            kind="password"
            autocomplete="new-password"
            required=true
            error=Signal::derive(move || live_repeat().or_else(|| untouched().then(|| repeat_error.clone()).flatten()))
            on_input=Callback::new(move |text| repeated.set(text))
        />
        <Show when=looks_good>
            <p class="field-ok" role="status">{td_string!(locale, password.looks_good)}</p>
        </Show>
    }
}
