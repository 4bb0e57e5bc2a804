//! "Intradesk" for parents: the documents the school shares with them, by folder.
use crate::{
    api::intradesk::{IntradeskView, load_intradesk},
    components::{DocumentList, Loaded, MainContent, Section, SiteHeader},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn IntradeskPage() -> impl IntoView {
    let locale = language::current();
    let intradesk = Resource::new(|| (), |_| load_intradesk());
    view! {
        <Title text=td_string!(locale, intradesk.title)/>
        <Loaded data=intradesk let:intradesk>
            <Intradesk intradesk/>
        </Loaded>
    }
}

#[component]
fn Intradesk(intradesk: IntradeskView) -> impl IntoView {
    let locale = language::current();
    let empty = intradesk.folders.is_empty();
    view! {
        <SiteHeader school=intradesk.school current=Section::Intradesk/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, intradesk.title)}</h1>
                <p class="hint">{td_string!(locale, intradesk.intro)}</p>
                {empty.then(|| view! { <p class="empty">{td_string!(locale, intradesk.none)}</p> })}
            </section>
            {intradesk.folders.into_iter().map(|folder| view! {
                <section class="card folder">
                    <h2>{folder.name}</h2>
                    <DocumentList documents=folder.documents/>
                </section>
            }).collect_view()}
        </MainContent>
    }
}
