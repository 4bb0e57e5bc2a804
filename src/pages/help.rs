//! Pages reachable without signing in: the online help, and the page for unknown URLs.
use crate::{components::MainContent, domain::routes, i18n::td_string, language};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let locale = language::current();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=td_string!(locale, help.not_found_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, help.not_found_title)}</h1>
                <p>{td_string!(locale, help.not_found_text)}</p>
                <p class="link-line"><a href=routes::HOME>{td_string!(locale, help.back_home)}</a></p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let locale = language::current();
    view! {
        <Title text=td_string!(locale, help.title)/>
        <MainContent>
            <section class="card narrow help">
                <h1>{td_string!(locale, help.title)}</h1>
                <h2>{td_string!(locale, help.first_sign_in_title)}</h2>
                <p>{td_string!(locale, help.first_sign_in_identifier)}</p>
                <p>{td_string!(locale, help.first_sign_in_next)}</p>
                <h2>{td_string!(locale, help.password_title)}</h2>
                <p>{td_string!(locale, help.password_text)}</p>
                <h2>{td_string!(locale, help.forgotten_title)}</h2>
                <p>{td_string!(locale, help.forgotten_text)}</p>
                <h2>{td_string!(locale, help.devices_title)}</h2>
                <p>{td_string!(locale, help.devices_text)}</p>
                <h2>{td_string!(locale, help.second_factor_title)}</h2>
                <p>{td_string!(locale, help.second_factor_text)}</p>
                <p class="link-line"><a href=routes::SIGN_IN>{td_string!(locale, help.go_to_sign_in)}</a></p>
            </section>
        </MainContent>
    }
}
