//! The page of the link mailed to the parent, and the page that thanks them.
use crate::{
    api::journey::ConfirmEmail,
    components::{FormErrors, FormMessage, MainContent},
    domain::routes,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEmail>::new();
    let query = use_query_map();
    let token = move || query.read().get("jeton").unwrap_or_default();
    view! {
        <Title text="Confirmez votre adresse e-mail"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Confirmez votre adresse e-mail"</h1>
                <FormMessage message=FormErrors::of(confirm).any()/>
                <p>"Cliquez sur le bouton pour confirmer que cette adresse est bien la vôtre."</p>
                <ActionForm action=confirm>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="primary">"Confirmer mon adresse e-mail"</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}

#[component]
pub fn EmailConfirmedPage() -> impl IntoView {
    view! {
        <Title text="Adresse e-mail confirmée"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Adresse e-mail confirmée"</h1>
                <p role="status">"Merci ! Votre adresse e-mail est confirmée : l'école vous y enverra ses notifications."</p>
                <p><a class="button primary" href=routes::HOME>"Aller à l'accueil"</a></p>
            </section>
        </MainContent>
    }
}
