//! The second factor: its code after the password (staff, and parents on a new browser), and a
//! parent's own set-up in "Mon compte" ("Vérification en deux étapes").
use crate::{
    api::second_factor::{
        DisableOwnSecondFactor, EnableOwnSecondFactor, GiveSecondFactor, OwnSecondFactor,
        load_own_second_factor,
    },
    components::{
        Field, FirstCodeFields, FormErrors, FormMessage, Loaded, MainContent,
        SecondFactorSetupCard, Section, SiteHeader,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let locale = language::current();
    let give = ServerAction::<GiveSecondFactor>::new();
    let errors = FormErrors::of(give);
    view! {
        <Title text=td_string!(locale, staff.second_factor_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, staff.second_factor_title)}</h1>
                <p>{td_string!(locale, staff.second_factor_intro)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=give attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, staff.code_label) name="code" required=true
                        autocomplete="one-time-code" maxlength=30 error=errors.under("code")/>
                    <button type="submit" class="primary" disabled=move || give.pending().get()>
                        {td_string!(locale, staff.verify)}
                    </button>
                </ActionForm>
                <p class="hint">{td_string!(locale, account.second_factor_lost)}</p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn OwnSecondFactorPage() -> impl IntoView {
    let locale = language::current();
    let own = Resource::new(|| (), |_| load_own_second_factor());
    view! {
        <Title text=td_string!(locale, staff.second_factor_title)/>
        <Loaded data=own let:own>
            <OwnSecondFactorView own/>
        </Loaded>
    }
}

#[component]
fn OwnSecondFactorView(own: OwnSecondFactor) -> impl IntoView {
    let locale = language::current();
    let school = own.school;
    let setup = own.setup;
    if setup.enabled {
        let left = setup.recovery_codes_left;
        return view! {
            <SiteHeader school current=Section::Account/>
            <MainContent>
                <TurnOff recovery_codes_left=left/>
            </MainContent>
        }
        .into_any();
    }
    let enable = ServerAction::<EnableOwnSecondFactor>::new();
    let errors = FormErrors::of(enable);
    view! {
        <SiteHeader school current=Section::Account/>
        <MainContent>
            <SecondFactorSetupCard setup intro=td_string!(locale, account.second_factor_setup_intro)>
                <ActionForm action=enable attr:class="form" attr:novalidate=true>
                    <FirstCodeFields errors pending=enable.pending()/>
                </ActionForm>
                <p class="link-line"><a href=routes::ACCOUNT>{td_string!(locale, account.back_to_account)}</a></p>
            </SecondFactorSetupCard>
        </MainContent>
    }
    .into_any()
}

/// "Désactiver", with the current password.
#[component]
fn TurnOff(recovery_codes_left: u64) -> impl IntoView {
    let locale = language::current();
    let disable = ServerAction::<DisableOwnSecondFactor>::new();
    let errors = FormErrors::of(disable);
    let done = td_string!(locale, staff.setup_done, count = recovery_codes_left).to_string();
    view! {
        <section class="card narrow">
            <h1>{td_string!(locale, staff.second_factor_title)}</h1>
            <p class="field-ok" role="status">{done}</p>
            <h2>{td_string!(locale, account.second_factor_disable_title)}</h2>
            <p class="hint">{td_string!(locale, account.second_factor_disable_hint)}</p>
            <FormMessage message=errors.general()/>
            <ActionForm action=disable attr:class="form" attr:novalidate=true>
                <Field label=td_string!(locale, account.current_password) name="current_password" kind="password" required=true
                    autocomplete="current-password" error=errors.under("current_password")/>
                <button type="submit" class="secondary" disabled=move || disable.pending().get()>
                    {td_string!(locale, account.second_factor_disable)}
                </button>
            </ActionForm>
            <p class="link-line"><a href=routes::ACCOUNT>{td_string!(locale, account.back_to_account)}</a></p>
        </section>
    }
}
