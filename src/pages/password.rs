//! "Modifiez votre mot de passe": the parent replaces the letter's temporary password.
use crate::{
    api::auth::SignOut,
    api::journey::{ChangePassword, PasswordView, load_password_step},
    components::{FormErrors, FormMessage, Loaded, MainContent, NewPasswordFields},
    domain::routes,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_password_step());
    view! {
        <Title text="Modifiez votre mot de passe"/>
        <Loaded data=page let:view>
            <MainContent>
                <PasswordForm page=view/>
            </MainContent>
        </Loaded>
    }
}

#[component]
fn PasswordForm(page: PasswordView) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let cancel = ServerAction::<SignOut>::new();
    let errors = FormErrors::of(change);
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
            // Posted as a plain form: only the fields' live check needs the browser.
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <NewPasswordFields
                    new_error=errors.under("new_password").get_untracked()
                    repeat_error=errors.under("repeat_password").get_untracked()
                />
                <div class="warning" role="note">
                    <p><strong>"⚠ Attention !"</strong></p>
                    <p>"Lorsque vous modifiez votre mot de passe, vous restez connecté sur les autres appareils et applications associées. Vérifiez donc aussi "
                    <a href=routes::ACCOUNT>"la liste des appareils qui ont accès à votre compte"</a>
                    ", et supprimez les éventuels appareils et applications que vous ne reconnaissez pas."</p>
                </div>
                <button type="submit" class="primary">"Enregistrer"</button>
            </ActionForm>
            // The step can't be skipped: cancelling signs out, and the letter keeps working.
            <ActionForm action=cancel attr:class="cancel">
                <button type="submit" class="secondary">"Annuler"</button>
            </ActionForm>
        </section>
    }
}
