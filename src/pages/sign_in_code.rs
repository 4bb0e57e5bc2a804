//! "Vérification": the code mailed to the parent's address when their password alone may not open
//! the account (a browser it never signed in from, or a password that opens more than one account).
use crate::{
    api::auth::SignInCode,
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::{limits, routes},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let locale = language::current();
    let confirm = ServerAction::<SignInCode>::new();
    let errors = FormErrors::of(confirm);
    view! {
        <Title text=td_string!(locale, sign_in.code_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, sign_in.code_title)}</h1>
                <p>{td_string!(locale, sign_in.code_intro, minutes = limits::SIGN_IN_CODE_MINUTES).to_string()}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                    <Field
                        label=td_string!(locale, sign_in.code_label)
                        name="code"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        required=true
                        maxlength=20
                        error=errors.under("code")
                    />
                    <button type="submit" class="primary" disabled=move || confirm.pending().get()>
                        {td_string!(locale, sign_in.code_submit)}
                    </button>
                </ActionForm>
                <p class="hint">
                    {td_string!(locale, sign_in.no_code_before_link)}
                    <a href=routes::SIGN_IN>{td_string!(locale, sign_in.no_code_link)}</a>
                    {td_string!(locale, sign_in.no_code_after_link)}
                </p>
            </section>
        </MainContent>
    }
}
