//! A staff member's way in: setting the second factor up (its code is asked on the page shared with
//! parents, `pages::second_factor`), and choosing a password with the mailed link.
use crate::{
    api::staff::auth::{
        ChooseStaffPassword, EnableSecondFactor, SecondFactorSetup, load_password_link,
        load_second_factor_setup,
    },
    components::{
        FirstCodeFields, FormErrors, FormMessage, Loaded, MainContent, NewPasswordFields,
        SecondFactorSetupCard,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffSecurityPage() -> impl IntoView {
    let locale = language::current();
    let setup = Resource::new(|| (), |_| load_second_factor_setup());
    view! {
        <Title text=td_string!(locale, staff.setup_title)/>
        <Loaded data=setup let:setup>
            <SetupView setup/>
        </Loaded>
    }
}

#[component]
fn SetupView(setup: SecondFactorSetup) -> impl IntoView {
    let locale = language::current();
    let enable = ServerAction::<EnableSecondFactor>::new();
    let errors = FormErrors::of(enable);
    if setup.enabled {
        let done =
            td_string!(locale, staff.setup_done, count = setup.recovery_codes_left).to_string();
        return view! {
            <MainContent>
                <section class="card narrow">
                    <h1>{td_string!(locale, staff.second_factor_title)}</h1>
                    <p class="field-ok" role="status">{done}</p>
                    <p class="link-line"><a href=routes::STAFF>{td_string!(locale, staff.home)}</a></p>
                </section>
            </MainContent>
        }
        .into_any();
    }
    view! {
        <MainContent>
            <SecondFactorSetupCard setup intro=td_string!(locale, staff.setup_intro)>
                <ActionForm action=enable attr:class="form" attr:novalidate=true>
                    <FirstCodeFields errors pending=enable.pending()/>
                </ActionForm>
            </SecondFactorSetupCard>
        </MainContent>
    }
    .into_any()
}

#[component]
pub fn StaffPasswordPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    let holder = Resource::new(token, load_password_link);
    let choose = ServerAction::<ChooseStaffPassword>::new();
    let errors = FormErrors::of(choose);
    view! {
        <Title text=td_string!(locale, staff.password_title)/>
        <Loaded data=holder let:holder>
            <MainContent>
                <section class="card narrow">
                    <h1>{td_string!(locale, staff.password_title)}</h1>
                    <p>{td_string!(locale, staff.password_intro, name = holder.name.as_str(), email = holder.email.as_str()).to_string()}</p>
                    <FormMessage message=errors.general()/>
                    <ActionForm action=choose attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="token" value=token/>
                        <NewPasswordFields
                            new_error=errors.under("new_password").get_untracked()
                            repeat_error=errors.under("repeat_password").get_untracked()
                        />
                        <button type="submit" class="primary" disabled=move || choose.pending().get()>
                            {td_string!(locale, staff.save)}
                        </button>
                    </ActionForm>
                </section>
            </MainContent>
        </Loaded>
    }
}
