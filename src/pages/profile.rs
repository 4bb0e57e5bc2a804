//! "Bienvenue": the parent completes their details; the e-mail address then gets confirmed.
use crate::{
    api::journey::{ProfileView, SaveProfile, load_profile},
    components::{Field, FormMessage, Loading, load_error},
    domain::profile::Role,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_profile());
    view! {
        <Title text="Bienvenue"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <ProfileForm page=view/> }.into_any(),
                    Err(error) => load_error(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForm(page: ProfileView) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let error = move || save.value().get().and_then(Result::err);
    let stored = page.form;
    // What to show in a field: what was typed before an error, else what is stored.
    let shown = move |field: &'static str, stored: String| {
        Signal::derive(move || {
            error()
                .and_then(|e| e.typed(field))
                .unwrap_or_else(|| stored.clone())
        })
    };
    let message = move |field: &'static str| {
        Signal::derive(move || error().and_then(|e| e.message_for(field)))
    };
    let role = shown("role", stored.role.clone());
    view! {
        <section class="card narrow">
            <h1>"Bienvenue"</h1>
            <h2>"Continuez à compléter vos données"</h2>
            <p>"Pour pouvoir vous joindre, il est important que notre école dispose des données correctes. Pour ce faire, veuillez compléter les informations ci-dessous."</p>
            <FormMessage message=Signal::derive(move || error().and_then(|e| e.general_message()))/>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                <Field label="Votre prénom" name="first_name" autocomplete="given-name" required=true maxlength=100
                    value=shown("first_name", stored.first_name.clone()) error=message("first_name")/>
                <Field label="Votre nom de famille" name="last_name" autocomplete="family-name" required=true maxlength=100
                    value=shown("last_name", stored.last_name.clone()) error=message("last_name")/>
                <div class="field" class:invalid=move || message("role").get().is_some()>
                    <div class="label-line">
                        <label for="role">"Votre rôle"</label>
                        <span class="required" aria-hidden="true">"★"</span>
                    </div>
                    <select id="role" name="role" required=true aria-invalid=move || message("role").get().is_some().then_some("true")>
                        <option value="" selected=move || role.get().is_empty()>"Choisissez…"</option>
                        {Role::ALL.into_iter().map(|choice| view! {
                            <option value=choice.code() selected=move || role.get() == choice.code()>{choice.label()}</option>
                        }).collect_view()}
                    </select>
                    {move || message("role").get().map(|text| view! { <p class="field-error" id="role-error">{text}</p> })}
                </div>
                <Field label="Adresse e-mail" name="email" kind="email" autocomplete="email" required=true maxlength=254
                    hint="L'école vous y envoie ses notifications. Vous recevrez un message pour la confirmer."
                    value=shown("email", stored.email.clone()) error=message("email")/>
                <Field label="Numéro de téléphone" name="phone" kind="tel" autocomplete="tel"
                    value=shown("phone", stored.phone.clone()) error=message("phone")/>
                <Field label="Numéro de GSM" name="mobile" kind="tel" autocomplete="tel"
                    value=shown("mobile", stored.mobile.clone()) error=message("mobile")/>
                <p class="hint">"★ Champs obligatoires"</p>
                <button type="submit" class="primary" disabled=move || save.pending().get()>"Enregistrer"</button>
            </ActionForm>
        </section>
    }
}
