//! "Mot de passe oublié ?" and the page of the link it mails: a new password.
use crate::{
    api::recovery::{RequestPasswordReset, ResetPassword, reset_admins},
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::{limits::RESET_LINK_MINUTES, routes},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::of(request);
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    let domain = move || query.read().get("domaine").unwrap_or_default();
    let admins = Resource::new(domain, reset_admins);
    view! {
        <Title text="Mot de passe oublié"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Mot de passe oublié ?"</h1>
                <Show when=sent fallback=move || view! {
                    <p>"Indiquez l'identifiant d'un de vos enfants (prénom.nom@…) ou votre adresse e-mail confirmée : nous y enverrons un lien pour choisir un nouveau mot de passe."</p>
                    <FormMessage message=errors.general()/>
                    <ActionForm action=request attr:class="form" attr:novalidate=true>
                        <Field label="Identifiant ou adresse e-mail" name="who" required=true autocomplete="username"
                            error=errors.under("who")/>
                        <button type="submit" class="primary" disabled=move || request.pending().get()>"Envoyer le lien"</button>
                    </ActionForm>
                }>
                    <p class="field-ok" role="status">{format!("Si un compte correspond et que son adresse e-mail est confirmée, un lien vient d'y être envoyé. Il est valable {RESET_LINK_MINUTES} minutes et ne sert qu'une fois.")}</p>
                    <p>"Rien reçu, ou pas d'adresse e-mail confirmée ? Les administrateurs de la plateforme de l'école vous remettront un nouveau courrier :"</p>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let admins = admins.await.unwrap_or_default();
                            if admins.is_empty() {
                                view! { <p>"leurs adresses figurent sur le courrier et sur le site de l'école."</p> }.into_any()
                            } else {
                                view! { <ul>{admins.into_iter().map(|email| view! { <li><a href=format!("mailto:{email}")>{email.clone()}</a></li> }).collect_view()}</ul> }.into_any()
                            }
                        })}
                    </Suspense>
                </Show>
                <p>"Vous vous connectez pour la première fois ? Utilisez le courrier personnel que l'école vous a remis."</p>
                <p class="link-line"><a href=routes::SIGN_IN>"Retour à la connexion"</a></p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let errors = FormErrors::of(reset);
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    view! {
        <Title text="Nouveau mot de passe"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Choisissez un nouveau mot de passe"</h1>
                <p class="hint">"Tous vos appareils seront déconnectés ; vous vous reconnecterez avec ce nouveau mot de passe."</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=reset attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token/>
                    <Field label="Nouveau mot de passe" name="new_password" kind="password" required=true
                        autocomplete="new-password" error=errors.under("new_password")
                        hint="Au moins 8 caractères mêlant lettres, majuscules, chiffres et/ou autres caractères, ou une phrase de passe de 20 caractères et 4 mots."/>
                    <Field label="Répétez le nouveau mot de passe" name="repeat_password" kind="password" required=true
                        autocomplete="new-password" error=errors.under("repeat_password")/>
                    <button type="submit" class="primary" disabled=move || reset.pending().get()>"Enregistrer"</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
