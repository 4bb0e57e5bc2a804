//! The header of every page of a signed-in parent: the school, the seed's navigation, signing out.
use crate::api::auth::SignOut;
use leptos::prelude::*;

/// The part of the site a page belongs to, marked in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    News,
    Calendar,
    Children,
    Courses,
    Messages,
    Notifications,
    Account,
}

#[component]
pub fn SiteHeader(school: String, current: Section) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let link = move |section: Section, href: &'static str, text: &'static str| {
        view! { <a href=href aria-current=(section == current).then_some("page")>{text}</a> }
    };
    view! {
        <header class="site-header">
            <p class="school-name">{school}</p>
            <nav aria-label="Navigation principale">
                {link(Section::Home, "/", "Accueil")}
                <details class="menu">
                    <summary>"Vers"</summary>
                    <ul>
                        <li>{link(Section::News, "/actualites", "Actualités")}</li>
                        <li>{link(Section::Calendar, "/calendrier", "Calendrier")}</li>
                        <li>{link(Section::Children, "/enfants", "Mes enfants")}</li>
                        <li>{link(Section::Messages, "/messages", "Messages")}</li>
                        <li><a href="/aide">"Aide en ligne"</a></li>
                    </ul>
                </details>
                {link(Section::Courses, "/cours", "Cours")}
                {link(Section::Messages, "/messages", "Messages")}
                {link(Section::Notifications, "/notifications", "Notifications")}
            </nav>
            <div class="sign-out">
            {link(Section::Account, "/appareils", "Mon compte")}
            <ActionForm action=sign_out>
                <button type="submit" class="link">"Se déconnecter"</button>
            </ActionForm>
            </div>
        </header>
    }
}
