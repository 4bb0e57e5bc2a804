//! Pages reachable without signing in: the online help, and the page for unknown URLs.
use crate::{components::MainContent, domain::routes};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page introuvable"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Page introuvable"</h1>
                <p>"Cette page n'existe pas ou plus."</p>
                <p class="link-line"><a href=routes::HOME>"Retour à l'accueil"</a></p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Title text="Aide en ligne"/>
        <MainContent>
            <section class="card narrow help">
                <h1>"Aide en ligne"</h1>
                <h2>"Première connexion"</h2>
                <p>"L'identifiant est l'adresse e-mail école de votre enfant, reprise dans le courrier de l'école : « prénom.nom@domaine-de-l'école », tout en minuscules et sans accent. Le mot de passe est le mot de passe temporaire du courrier."</p>
                <p>"Vous accepterez ensuite les conditions d'utilisation, choisirez votre propre mot de passe et compléterez vos coordonnées. Un message vous demandera de confirmer votre adresse e-mail."</p>
                <h2>"Choisir un mot de passe"</h2>
                <p>"Au moins 8 caractères mêlant lettres, majuscules, chiffres et/ou autres caractères, ou mieux : une phrase de passe d'au moins 20 caractères et 4 mots séparés par des espaces."</p>
                <h2>"Mot de passe oublié"</h2>
                <p>"Sur la page de connexion, « Mot de passe oublié ? » envoie un lien à votre adresse e-mail confirmée. Sans adresse confirmée, ou si vous avez perdu le courrier, écrivez à l'un des administrateurs de la plateforme de l'école : ils vous remettront un nouveau courrier."</p>
                <h2>"Vos appareils"</h2>
                <p>"« Mon compte » liste les appareils connectés à votre compte : déconnectez ceux que vous ne reconnaissez pas, puis changez votre mot de passe."</p>
                <p class="link-line"><a href=routes::SIGN_IN>"Aller à la connexion"</a></p>
            </section>
        </MainContent>
    }
}
