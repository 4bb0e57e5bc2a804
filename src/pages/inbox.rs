//! "Messages" and "Notifications": not built yet, so they say so plainly instead of leading nowhere.
use crate::{
    api::home::load_frame,
    components::{Loaded, MainContent, Section, SiteHeader},
    domain::routes,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn EmptyState(section: Section, title: &'static str, text: &'static str) -> impl IntoView {
    let frame = Resource::new(|| (), |_| load_frame());
    view! {
        <Title text=title/>
        <Loaded data=frame let:frame>
            <SiteHeader school=frame.school current=section/>
            <MainContent>
                <section class="card empty-state">
                    <h1>{title}</h1>
                    <p>{text}</p>
                    <p class="link-line"><a href=routes::HOME>"Retour à l'accueil"</a></p>
                </section>
            </MainContent>
        </Loaded>
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    view! {
        <EmptyState section=Section::Messages title="Messages"
            text="Vous n'avez aucun message. La messagerie avec l'école arrive dans une prochaine version de Cartable ; en attendant, écrivez à l'école à l'adresse indiquée sur la page d'accueil."/>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <EmptyState section=Section::Notifications title="Notifications"
            text="Vous n'avez aucune notification. Les nouvelles actualités et les événements de l'école restent visibles sur la page d'accueil."/>
    }
}
