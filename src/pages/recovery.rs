//! "Mot de passe oublié ?" and the page of the link it mails: a new password.
use crate::{
    api::recovery::{RequestPasswordReset, ResetPassword, reset_admins},
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::{limits::RESET_LINK_MINUTES, routes},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = language::current();
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::of(request);
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    let domain = move || query.read().get("domaine").unwrap_or_default();
    let admins = Resource::new(domain, reset_admins);
    view! {
        <Title text=td_string!(locale, recovery.forgot_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, recovery.forgot_heading)}</h1>
                <Show when=sent fallback=move || view! {
                    <p>{td_string!(locale, recovery.forgot_intro)}</p>
                    <FormMessage message=errors.general()/>
                    <ActionForm action=request attr:class="form" attr:novalidate=true>
                        <Field label=td_string!(locale, recovery.who_label) name="who" required=true autocomplete="username"
                            error=errors.under("who")/>
                        <button type="submit" class="primary" disabled=move || request.pending().get()>
                            {td_string!(locale, recovery.send_link)}
                        </button>
                    </ActionForm>
                }>
                    <p class="field-ok" role="status">
                        {td_string!(locale, recovery.link_sent, minutes = RESET_LINK_MINUTES)}
                    </p>
                    <p>{td_string!(locale, recovery.nothing_received)}</p>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let admins = admins.await.unwrap_or_default();
                            if admins.is_empty() {
                                view! { <p>{td_string!(locale, recovery.admins_elsewhere)}</p> }.into_any()
                            } else {
                                view! { <ul>{admins.into_iter().map(|email| view! { <li><a href=format!("mailto:{email}")>{email.clone()}</a></li> }).collect_view()}</ul> }.into_any()
                            }
                        })}
                    </Suspense>
                </Show>
                <p>{td_string!(locale, recovery.first_time)}</p>
                <p class="link-line"><a href=routes::SIGN_IN>{td_string!(locale, recovery.back_to_sign_in)}</a></p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let locale = language::current();
    let reset = ServerAction::<ResetPassword>::new();
    let errors = FormErrors::of(reset);
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    view! {
        <Title text=td_string!(locale, recovery.new_password_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, recovery.new_password_heading)}</h1>
                <p class="hint">{td_string!(locale, recovery.new_password_intro)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=reset attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token/>
                    <Field label=td_string!(locale, recovery.new_password_label) name="new_password" kind="password" required=true
                        autocomplete="new-password" error=errors.under("new_password")
                        hint=td_string!(locale, recovery.new_password_hint)/>
                    <Field label=td_string!(locale, recovery.repeat_password_label) name="repeat_password" kind="password" required=true
                        autocomplete="new-password" error=errors.under("repeat_password")/>
                    <button type="submit" class="primary" disabled=move || reset.pending().get()>
                        {td_string!(locale, recovery.save)}
                    </button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
