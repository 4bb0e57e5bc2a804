//! "Modifiez votre mot de passe": the parent replaces the letter's temporary password.
use crate::{
    api::auth::SignOut,
    api::journey::{ChangePassword, PasswordView, load_password_step},
    components::{FormErrors, FormMessage, Loaded, MainContent, NewPasswordFields},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let locale = language::current();
    let page = Resource::new(|| (), |_| load_password_step());
    view! {
        <Title text=td_string!(locale, password.title)/>
        <Loaded data=page let:view>
            <MainContent>
                <PasswordForm page=view/>
            </MainContent>
        </Loaded>
    }
}

#[component]
fn PasswordForm(page: PasswordView) -> impl IntoView {
    let locale = language::current();
    let change = ServerAction::<ChangePassword>::new();
    let cancel = ServerAction::<SignOut>::new();
    let errors = FormErrors::of(change);
    view! {
        <section class="card narrow">
            <h1>{td_string!(locale, password.title)}</h1>
            <p class="identifier">{td_string!(locale, password.identifier_label)} <strong>{page.identifier}</strong></p>
            <div class="info" role="note">
                <p>{td_string!(locale, password.info_length)}</p>
                <p>{td_string!(locale, password.info_password_rule)}<br/>
                {td_string!(locale, password.info_passphrase_rule)}</p>
            </div>
            <FormMessage message=errors.general()/>
            // Posted as a plain form: only the fields' live check needs the browser.
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <NewPasswordFields
                    new_error=errors.under("new_password").get_untracked()
                    repeat_error=errors.under("repeat_password").get_untracked()
                />
                <div class="warning" role="note">
                    <p><strong>{td_string!(locale, password.warning_title)}</strong></p>
                    <p>{td_string!(locale, password.warning_before_link)}
                    <a href=routes::ACCOUNT>{td_string!(locale, password.warning_link)}</a>
                    {td_string!(locale, password.warning_after_link)}</p>
                </div>
                <button type="submit" class="primary">{td_string!(locale, password.save)}</button>
            </ActionForm>
            // The step can't be skipped: cancelling signs out, and the letter keeps working.
            <ActionForm action=cancel attr:class="cancel">
                <button type="submit" class="secondary">{td_string!(locale, password.cancel)}</button>
            </ActionForm>
        </section>
    }
}
