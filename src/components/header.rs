//! The header of every page of a signed-in parent (the school with its logo, the seed's navigation,
//! the school's "Applications", signing out), and the `<main>` that holds every page's own content.
use crate::{
    api::{auth::SignOut, brand::SchoolBrand},
    domain::routes,
    i18n::td_string,
    language,
};
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
    Surveys,
    Intradesk,
    Absences,
    Notifications,
    Account,
}

/// The id of every page's `<main>`, where the shell's skip link ("Aller au contenu") leads.
pub const MAIN_ID: &str = "contenu";

/// A page's own content, after the header: the one `<main>` of the page. `tabindex="-1"` lets the
/// skip link move the keyboard's focus there, not only the scroll.
#[component]
pub fn MainContent(children: Children) -> impl IntoView {
    view! { <main id=MAIN_ID tabindex="-1">{children()}</main> }
}

#[component]
pub fn SiteHeader(school: SchoolBrand, current: Section) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let locale = language::current();
    let (unread, unseen) = (school.unread_messages, school.unseen_notifications);
    let link = move |section: Section, href: &'static str, text: &'static str| {
        view! { <a href=href aria-current=(section == current).then_some("page")>{text}</a> }
    };
    view! {
        <header class="site-header">
            <p class="school-name">
                // The name says it: the logo beside it is decoration.
                {school.logo.map(|logo| view! { <img class="school-logo" src=logo alt="" height="40"/> })}
                {school.name}
            </p>
            // On a phone the navigation folds into "Menu"; where there is room it always shows and
            // "Menu" is hidden (main.css). A <details> opens and closes without JavaScript.
            <details class="site-menu">
                <summary>{td_string!(locale, common.menu)}</summary>
                <nav aria-label=td_string!(locale, common.main_navigation)>
                    {link(Section::Home, routes::HOME, td_string!(locale, common.home))}
                    <details class="menu">
                        <summary>{td_string!(locale, common.to)}</summary>
                        <ul>
                            <li>{link(Section::News, routes::NEWS, td_string!(locale, common.news))}</li>
                            <li>{link(Section::Calendar, routes::CALENDAR, td_string!(locale, common.calendar))}</li>
                            <li>{link(Section::Surveys, routes::SURVEYS, td_string!(locale, surveys.title))}</li>
                            <li>{link(Section::Intradesk, routes::INTRADESK, td_string!(locale, intradesk.title))}</li>
                            <li>{link(Section::Children, routes::CHILDREN, td_string!(locale, common.my_children))}</li>
                            <li>{link(Section::Messages, routes::MESSAGES, td_string!(locale, common.messages))}</li>
                            <li>{link(Section::Absences, routes::ABSENCES, td_string!(locale, absences.title))}</li>
                            <li><a href=routes::HELP>{td_string!(locale, common.online_help)}</a></li>
                        </ul>
                    </details>
                    {link(Section::Courses, routes::COURSES, td_string!(locale, common.courses))}
                    <a href=routes::MESSAGES aria-current=(current == Section::Messages).then_some("page")>
                        {td_string!(locale, common.messages)}
                        {(unread > 0).then(|| view! {
                            " " <span class="badge" aria-label=td_string!(locale, messages.unread, count = unread).to_string()>{unread}</span>
                        })}
                    </a>
                    <a href=routes::NOTIFICATIONS aria-current=(current == Section::Notifications).then_some("page")>
                        {td_string!(locale, common.notifications)}
                        {(unseen > 0).then(|| view! {
                            " " <span class="badge" aria-label=td_string!(locale, notifications.unseen, count = unseen).to_string()>{unseen}</span>
                        })}
                    </a>
                    {(!school.applications.is_empty()).then(|| view! {
                        <details class="menu">
                            <summary>{td_string!(locale, common.applications)}</summary>
                            <ul>
                                {school.applications.into_iter().map(|app| view! {
                                    <li><a href=app.url rel="noopener noreferrer" target="_blank">{app.name}</a></li>
                                }).collect_view()}
                            </ul>
                        </details>
                    })}
                </nav>
                <div class="sign-out">
                    {link(Section::Account, routes::ACCOUNT, td_string!(locale, common.my_account))}
                    <ActionForm action=sign_out>
                        <button type="submit" class="link">{td_string!(locale, common.sign_out)}</button>
                    </ActionForm>
                </div>
            </details>
        </header>
    }
}
