//! "Notifications": not built yet, so it says so plainly instead of leading nowhere.
use crate::{
    api::home::load_frame,
    components::{Loaded, MainContent, Section, SiteHeader},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn EmptyState(section: Section, title: &'static str, text: &'static str) -> impl IntoView {
    let locale = language::current();
    let frame = Resource::new(|| (), |_| load_frame());
    view! {
        <Title text=title/>
        <Loaded data=frame let:frame>
            <SiteHeader school=frame.school current=section/>
            <MainContent>
                <section class="card empty-state">
                    <h1>{title}</h1>
                    <p>{text}</p>
                    <p class="link-line"><a href=routes::HOME>{td_string!(locale, school.back_home)}</a></p>
                </section>
            </MainContent>
        </Loaded>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = language::current();
    view! {
        <EmptyState section=Section::Notifications title=td_string!(locale, school.notifications_title)
            text=td_string!(locale, school.notifications_text)/>
    }
}
