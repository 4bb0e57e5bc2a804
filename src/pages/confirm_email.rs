//! The page of the link mailed to the parent, and the page that thanks them.
use crate::{
    api::journey::ConfirmEmail,
    components::{FormErrors, FormMessage, MainContent},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let locale = language::current();
    let confirm = ServerAction::<ConfirmEmail>::new();
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    view! {
        <Title text=td_string!(locale, recovery.confirm_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, recovery.confirm_title)}</h1>
                <FormMessage message=FormErrors::of(confirm).any()/>
                <p>{td_string!(locale, recovery.confirm_intro)}</p>
                <ActionForm action=confirm>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="primary">{td_string!(locale, recovery.confirm_button)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}

#[component]
pub fn EmailConfirmedPage() -> impl IntoView {
    let locale = language::current();
    view! {
        <Title text=td_string!(locale, recovery.confirmed_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, recovery.confirmed_title)}</h1>
                <p role="status">{td_string!(locale, recovery.confirmed_thanks)}</p>
                <p><a class="button primary" href=routes::HOME>{td_string!(locale, recovery.go_home)}</a></p>
            </section>
        </MainContent>
    }
}
