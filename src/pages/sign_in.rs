//! "Connexion": the child's identifier and the letter's (or one's own) password.
use crate::{
    api::auth::SignIn,
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::{limits, routes},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = language::current();
    let sign_in = ServerAction::<SignIn>::new();
    let errors = FormErrors::of(sign_in);
    let query = use_query_map();
    let refused_terms = move || {
        query
            .read()
            .get("conditions")
            .is_some_and(|v| v == "refusees")
    };
    let password_reset = move || query.read().get("mot-de-passe").is_some();
    view! {
        <Title text=td_string!(locale, sign_in.title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, sign_in.title)}</h1>
                <Show when=refused_terms>
                    <p class="notice" role="status">
                        {td_string!(locale, sign_in.terms_refused)}
                    </p>
                </Show>
                <Show when=password_reset>
                    <p class="field-ok" role="status">
                        {td_string!(locale, sign_in.password_reset)}
                    </p>
                </Show>
                <FormMessage message=errors.general()/>
                <ActionForm action=sign_in attr:class="form" attr:novalidate=true>
                    <Field
                        label=td_string!(locale, sign_in.identifier_label)
                        name="identifier"
                        autocomplete="username"
                        required=true
                        maxlength=limits::EMAIL
                        hint=td_string!(locale, sign_in.identifier_hint)
                        value=errors.typed("identifier", "")
                        error=errors.under("identifier")
                    />
                    <Field
                        label=td_string!(locale, sign_in.password_label)
                        name="password"
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        hint=td_string!(locale, sign_in.password_hint)
                        error=errors.under("password")
                    />
                    <p class="links"><a href=routes::FORGOT_PASSWORD>{td_string!(locale, sign_in.forgot_password)}</a></p>
                    <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                        {td_string!(locale, sign_in.submit)}
                    </button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
