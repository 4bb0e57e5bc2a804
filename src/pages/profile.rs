//! "Bienvenue": the parent completes their details; the e-mail address then gets confirmed.
use crate::{
    api::journey::{ProfileView, SaveProfile, load_profile},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent},
    domain::{limits, profile::Role},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let locale = language::current();
    let page = Resource::new(|| (), |_| load_profile());
    view! {
        <Title text=td_string!(locale, profile.title)/>
        <Loaded data=page let:view>
            <ProfileForm page=view/>
        </Loaded>
    }
}

#[component]
fn ProfileForm(page: ProfileView) -> impl IntoView {
    let locale = language::current();
    let save = ServerAction::<SaveProfile>::new();
    let errors = FormErrors::of(save);
    let stored = page.form;
    let role = errors.typed("role", stored.role);
    let role_error = errors.under("role");
    view! {
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, profile.title)}</h1>
                <h2>{td_string!(locale, profile.subtitle)}</h2>
                <p>{td_string!(locale, profile.intro)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=save attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, profile.first_name) name="first_name" autocomplete="given-name" required=true maxlength=limits::NAME
                        value=errors.typed("first_name", stored.first_name) error=errors.under("first_name")/>
                    <Field label=td_string!(locale, profile.last_name) name="last_name" autocomplete="family-name" required=true maxlength=limits::NAME
                        value=errors.typed("last_name", stored.last_name) error=errors.under("last_name")/>
                    <div class="field" class:invalid=move || role_error.get().is_some()>
                        <div class="label-line">
                            <label for="role">{td_string!(locale, profile.role)}</label>
                            <span class="required" aria-hidden="true">"★"</span>
                        </div>
                        <select id="role" name="role" required=true aria-invalid=move || role_error.get().is_some().then_some("true")
                            aria-describedby=move || role_error.get().is_some().then_some("role-error")>
                            <option value="" selected=move || role.get().is_empty()>{td_string!(locale, profile.choose)}</option>
                            {Role::ALL.into_iter().map(|choice| view! {
                                <option value=choice.code() selected=move || role.get() == choice.code()>{choice.label(locale)}</option>
                            }).collect_view()}
                        </select>
                        // Always there, as under every <Field>: the message is announced as it appears.
                        <div class="field-message" aria-live="polite">
                            {move || role_error.get().map(|text| view! { <p class="field-error" id="role-error">{text}</p> })}
                        </div>
                    </div>
                    <Field label=td_string!(locale, profile.email) name="email" kind="email" autocomplete="email" required=true maxlength=limits::EMAIL
                        hint=td_string!(locale, profile.email_hint)
                        value=errors.typed("email", stored.email) error=errors.under("email")/>
                    <Field label=td_string!(locale, profile.phone) name="phone" kind="tel" autocomplete="tel"
                        value=errors.typed("phone", stored.phone) error=errors.under("phone")/>
                    <Field label=td_string!(locale, profile.mobile) name="mobile" kind="tel" autocomplete="tel"
                        value=errors.typed("mobile", stored.mobile) error=errors.under("mobile")/>
                    <p class="hint">{td_string!(locale, profile.required_fields)}</p>
                    <button type="submit" class="primary" disabled=move || save.pending().get()>{td_string!(locale, profile.save)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
