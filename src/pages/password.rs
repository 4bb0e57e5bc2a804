//! "Modifiez votre mot de passe": the parent replaces the letter's temporary password.
use crate::{
    api::auth::SignOut,
    api::journey::{ChangePassword, PasswordView, load_password_step},
    components::{Field, FormErrors, FormMessage, Loaded},
    domain::{
        password::{check_new_password, check_strength},
        routes,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_password_step());
    view! {
        <Title text="Modifiez votre mot de passe"/>
        <Loaded data=page let:view>
            <PasswordForm page=view/>
        </Loaded>
    }
}

#[component]
fn PasswordForm(page: PasswordView) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let cancel = ServerAction::<SignOut>::new();
    let errors = FormErrors::of(change);
    // Live feedback with the same rule the server applies.
    let typed = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let live_new = move || {
        let password = typed.get();
        (!password.is_empty())
            .then(|| {
                check_strength(&password)
                    .err()
                    .map(|p| p.message().into_owned())
            })
            .flatten()
    };
    let live_repeat = move || {
        let (password, again) = (typed.get(), repeated.get());
        (!again.is_empty() && check_strength(&password).is_ok())
            .then(|| {
                check_new_password(&password, &again)
                    .err()
                    .map(|p| p.message().into_owned())
            })
            .flatten()
    };
    let new_error = errors.under("new_password");
    let repeat_error = errors.under("repeat_password");
    let looks_good = move || {
        !typed.get().is_empty() && check_new_password(&typed.get(), &repeated.get()).is_ok()
    };
    view! {
        <section class="card narrow">
            <h1>"Modifiez votre mot de passe"</h1>
            <p class="identifier">"Identifiant : " <strong>{page.identifier}</strong></p>
            <div class="info" role="note">
                <p>"Plus le mot de passe est long, plus il est difficile à deviner. C'est la raison pour laquelle il vaut mieux utiliser une phrase de passe. De plus, une phrase de passe est plus facile à retenir."</p>
                <p>"Un mot de passe compte au moins 8 caractères et contient une combinaison de lettres, majuscules, chiffres et/ou autres caractères."<br/>
                "Une phrase de passe compte au moins 20 caractères et 4 mots qui sont séparés par des espaces."</p>
            </div>
            <FormMessage message=errors.general()/>
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <Field
                    label="Nouveau mot de passe"
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    error=Signal::derive(move || live_new().or_else(|| new_error.get()))
                    on_input=Callback::new(move |text| typed.set(text))
                />
                <Field
                    label="Répétez le nouveau mot de passe"
                    name="repeat_password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    error=Signal::derive(move || live_repeat().or_else(|| repeat_error.get()))
                    on_input=Callback::new(move |text| repeated.set(text))
                />
                <Show when=looks_good>
                    <p class="field-ok" role="status">"✓ Ce mot de passe respecte les règles."</p>
                </Show>
                <div class="warning" role="note">
                    <p><strong>"⚠ Attention !"</strong></p>
                    <p>"Lorsque vous modifiez votre mot de passe, vous restez connecté sur les autres appareils et applications associées. Vérifiez donc aussi "
                    <a href=routes::ACCOUNT>"la liste des appareils qui ont accès à votre compte"</a>
                    ", et supprimez les éventuels appareils et applications que vous ne reconnaissez pas."</p>
                </div>
                <button type="submit" class="primary" disabled=move || change.pending().get()>"Enregistrer"</button>
            </ActionForm>
            // The step can't be skipped: cancelling signs out, and the letter keeps working.
            <ActionForm action=cancel attr:class="cancel">
                <button type="submit" class="secondary">"Annuler"</button>
            </ActionForm>
        </section>
    }
}
