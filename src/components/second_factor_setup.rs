//! The set-up card of a second factor, for staff and parents alike: the QR code, the key to type,
//! and the ten recovery codes; the form that confirms it with a first code ([`FirstCodeFields`],
//! in the caller's own `ActionForm`) is its child.
use super::{Field, FormErrors, FormMessage};
use crate::{api::second_factor::SecondFactorSetup, i18n::td_string, language};
use leptos::prelude::*;

#[component]
pub fn SecondFactorSetupCard(
    setup: SecondFactorSetup,
    /// Why and how, in the words of who sets it up (administrators must, parents may).
    intro: &'static str,
    children: Children,
) -> impl IntoView {
    let locale = language::current();
    view! {
        <section class="card">
            <h1>{td_string!(locale, staff.setup_title)}</h1>
            <p>{intro}</p>
            <img class="qr-code" src=setup.qr_code alt=td_string!(locale, staff.setup_qr_alt) width="200" height="200"/>
            <p>{td_string!(locale, staff.setup_secret)}" : "<code class="secret" data-secret="totp">{setup.secret}</code></p>
            <h2>{td_string!(locale, staff.setup_codes_title)}</h2>
            <p>{td_string!(locale, staff.setup_codes_intro)}</p>
            <ul class="recovery-codes">
                {setup.recovery_codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
            {children()}
        </section>
    }
}

/// The inside of the form that turns a second factor on: the authenticator's first code.
#[component]
pub fn FirstCodeFields(errors: FormErrors, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    let locale = language::current();
    view! {
        <FormMessage message=errors.general()/>
        <Field label=td_string!(locale, staff.setup_code_label) name="code" required=true
            autocomplete="one-time-code" inputmode="numeric" maxlength=6 error=errors.under("code")/>
        <button type="submit" class="primary" disabled=move || pending.get()>
            {td_string!(locale, staff.setup_submit)}
        </button>
    }
}
