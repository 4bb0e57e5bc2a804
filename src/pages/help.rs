//! Pages reachable without signing in: help with a lost password, and the page for unknown URLs.
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <Title text="Mot de passe oublié"/>
        <section class="card narrow">
            <h1>"Mot de passe oublié ?"</h1>
            <p>"Vous vous connectez pour la première fois ? Utilisez l'identifiant et le mot de passe temporaire du courrier personnel que l'école vous a remis par l'intermédiaire de votre enfant."</p>
            <p>"Vous avez perdu ce courrier, ou oublié le mot de passe que vous aviez choisi ? Écrivez à l'un des administrateurs de la plateforme de l'école (leurs adresses figurent dans le courrier et sur le site de l'école) : ils vous remettront un nouveau courrier."</p>
            <p><a href="/connexion">"Retour à la connexion"</a></p>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page introuvable"/>
        <section class="card narrow">
            <h1>"Page introuvable"</h1>
            <p>"Cette page n'existe pas ou plus."</p>
            <p><a href="/">"Retour à l'accueil"</a></p>
        </section>
    }
}

#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Title text="Aide en ligne"/>
        <section class="card narrow help">
            <h1>"Aide en ligne"</h1>
            <h2>"Première connexion"</h2>
            <p>"L'identifiant est l'adresse e-mail école de votre enfant, reprise dans le courrier de l'école : « prénom.nom@domaine-de-l'école », tout en minuscules et sans accent. Le mot de passe est le mot de passe temporaire du courrier."</p>
            <p>"Vous accepterez ensuite les conditions d'utilisation, choisirez votre propre mot de passe et compléterez vos coordonnées. Un message vous demandera de confirmer votre adresse e-mail."</p>
            <h2>"Choisir un mot de passe"</h2>
            <p>"Au moins 8 caractères mêlant lettres, majuscules, chiffres et/ou autres caractères, ou mieux : une phrase de passe d'au moins 20 caractères et 4 mots séparés par des espaces."</p>
            <h2>"Courrier perdu ou mot de passe oublié"</h2>
            <p>"Écrivez à l'un des administrateurs de la plateforme de l'école : ils vous remettront un nouveau courrier."</p>
            <p><a href="/connexion">"Aller à la connexion"</a></p>
        </section>
    }
}
