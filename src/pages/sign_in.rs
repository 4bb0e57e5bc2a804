//! "Connexion": the child's identifier and the letter's (or one's own) password.
use crate::{
    api::auth::SignIn,
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::{limits, routes},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let errors = FormErrors::of(sign_in);
    let query = use_query_map();
    let refused_terms = move || {
        query
            .read()
            .get("conditions")
            .is_some_and(|v| v == "refusees")
    };
    let password_reset = move || query.read().get("mot-de-passe").is_some();
    view! {
        <Title text="Connexion"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Connexion"</h1>
                <Show when=refused_terms>
                    <p class="notice" role="status">
                        "Vous n'avez pas accepté les conditions d'utilisation : sans votre accord, l'école ne peut pas vous "
                        "donner accès à la plateforme, et vous avez été déconnecté. Elles vous seront présentées à nouveau à "
                        "votre prochaine connexion. Pour toute question, contactez les administrateurs de la plateforme de l'école."
                    </p>
                </Show>
                <Show when=password_reset>
                    <p class="field-ok" role="status">
                        "Votre nouveau mot de passe est enregistré et tous vos appareils ont été déconnectés. Connectez-vous avec ce nouveau mot de passe."
                    </p>
                </Show>
                <FormMessage message=errors.general()/>
                <ActionForm action=sign_in attr:class="form" attr:novalidate=true>
                    <Field
                        label="Identifiant"
                        name="identifier"
                        autocomplete="username"
                        required=true
                        maxlength=limits::EMAIL
                        hint="L'adresse e-mail école de l'élève, reprise dans le courrier de l'école : « prénom.nom@domaine-de-l'école », tout en minuscules et sans accent (par exemple albert.durant@isu-dour.be). Si vous avez plusieurs enfants à l'école, commencez par l'un d'eux : vous ajouterez les autres ensuite. Une fois votre propre adresse e-mail confirmée, vous pouvez aussi l'utiliser comme identifiant."
                        value=errors.typed("identifier", "")
                        error=errors.under("identifier")
                    />
                    <Field
                        label="Mot de passe"
                        name="password"
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        hint="Lors de votre première connexion : le mot de passe temporaire du courrier."
                        error=errors.under("password")
                    />
                    <p class="links"><a href=routes::FORGOT_PASSWORD>"Mot de passe oublié ?"</a></p>
                    <button type="submit" class="primary" disabled=move || sign_in.pending().get()>"Connexion"</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
