//! The header of every page of a signed-in parent (the school, the seed's navigation, signing out),
//! and the `<main>` that holds every page's own content.
use crate::{api::auth::SignOut, domain::routes};
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

/// The id of every page's `<main>`, where the shell's "Aller au contenu" leads.
pub const MAIN_ID: &str = "contenu";

/// A page's own content, after the header: the one `<main>` of the page. `tabindex="-1"` lets the
/// skip link move the keyboard's focus there, not only the scroll.
#[component]
pub fn MainContent(children: Children) -> impl IntoView {
    view! { <main id=MAIN_ID tabindex="-1">{children()}</main> }
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
            // On a phone the navigation folds into "Menu"; where there is room it always shows and
            // "Menu" is hidden (main.css). A <details> opens and closes without JavaScript.
            <details class="site-menu">
                <summary>"Menu"</summary>
                <nav aria-label="Navigation principale">
                    {link(Section::Home, routes::HOME, "Accueil")}
                    <details class="menu">
                        <summary>"Vers"</summary>
                        <ul>
                            <li>{link(Section::News, routes::NEWS, "Actualités")}</li>
                            <li>{link(Section::Calendar, routes::CALENDAR, "Calendrier")}</li>
                            <li>{link(Section::Children, routes::CHILDREN, "Mes enfants")}</li>
                            <li>{link(Section::Messages, routes::MESSAGES, "Messages")}</li>
                            <li><a href=routes::HELP>"Aide en ligne"</a></li>
                        </ul>
                    </details>
                    {link(Section::Courses, routes::COURSES, "Cours")}
                    {link(Section::Messages, routes::MESSAGES, "Messages")}
                    {link(Section::Notifications, routes::NOTIFICATIONS, "Notifications")}
                </nav>
                <div class="sign-out">
                    {link(Section::Account, routes::ACCOUNT, "Mon compte")}
                    <ActionForm action=sign_out>
                        <button type="submit" class="link">"Se déconnecter"</button>
                    </ActionForm>
                </div>
            </details>
        </header>
    }
}
