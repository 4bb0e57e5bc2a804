//! "Bienvenue": the parent completes their details; the e-mail address then gets confirmed.
use crate::{
    api::journey::{ProfileView, SaveProfile, load_profile},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent},
    domain::{limits, profile::Role},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_profile());
    view! {
        <Title text="Bienvenue"/>
        <Loaded data=page let:view>
            <ProfileForm page=view/>
        </Loaded>
    }
}

#[component]
fn ProfileForm(page: ProfileView) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let errors = FormErrors::of(save);
    let stored = page.form;
    let role = errors.typed("role", stored.role);
    let role_error = errors.under("role");
    view! {
        <MainContent>
            <section class="card narrow">
                <h1>"Bienvenue"</h1>
                <h2>"Continuez à compléter vos données"</h2>
                <p>"Pour pouvoir vous joindre, il est important que notre école dispose des données correctes. Pour ce faire, veuillez compléter les informations ci-dessous."</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=save attr:class="form" attr:novalidate=true>
                    <Field label="Votre prénom" name="first_name" autocomplete="given-name" required=true maxlength=limits::NAME
                        value=errors.typed("first_name", stored.first_name) error=errors.under("first_name")/>
                    <Field label="Votre nom de famille" name="last_name" autocomplete="family-name" required=true maxlength=limits::NAME
                        value=errors.typed("last_name", stored.last_name) error=errors.under("last_name")/>
                    <div class="field" class:invalid=move || role_error.get().is_some()>
                        <div class="label-line">
                            <label for="role">"Votre rôle"</label>
                            <span class="required" aria-hidden="true">"★"</span>
                        </div>
                        <select id="role" name="role" required=true aria-invalid=move || role_error.get().is_some().then_some("true")
                            aria-describedby=move || role_error.get().is_some().then_some("role-error")>
                            <option value="" selected=move || role.get().is_empty()>"Choisissez…"</option>
                            {Role::ALL.into_iter().map(|choice| view! {
                                <option value=choice.code() selected=move || role.get() == choice.code()>{choice.label()}</option>
                            }).collect_view()}
                        </select>
                        // Always there, as under every <Field>: the message is announced as it appears.
                        <div class="field-message" aria-live="polite">
                            {move || role_error.get().map(|text| view! { <p class="field-error" id="role-error">{text}</p> })}
                        </div>
                    </div>
                    <Field label="Adresse e-mail" name="email" kind="email" autocomplete="email" required=true maxlength=limits::EMAIL
                        hint="L'école vous y envoie ses notifications. Vous recevrez un message pour la confirmer."
                        value=errors.typed("email", stored.email) error=errors.under("email")/>
                    <Field label="Numéro de téléphone" name="phone" kind="tel" autocomplete="tel"
                        value=errors.typed("phone", stored.phone) error=errors.under("phone")/>
                    <Field label="Numéro de GSM" name="mobile" kind="tel" autocomplete="tel"
                        value=errors.typed("mobile", stored.mobile) error=errors.under("mobile")/>
                    <p class="hint">"★ Champs obligatoires"</p>
                    <button type="submit" class="primary" disabled=move || save.pending().get()>"Enregistrer"</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
