//! "Journal" (administrators): the school's audit log, filtered by person and kind, and its CSV.
use crate::{
    api::staff::journal::{Journal, load_journal},
    components::{Loaded, MainContent, StaffHeader, StaffSection},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffJournalPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let filter = move || {
        let query = query.read();
        (query.get("personne"), query.get("type"))
    };
    let journal = Resource::new(filter, |(person, kind)| load_journal(person, kind));
    view! {
        <Title text=td_string!(locale, staff.journal_title)/>
        <Loaded data=journal let:journal>
            <JournalView journal/>
        </Loaded>
    }
}

#[component]
fn JournalView(journal: Journal) -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let (person, kind) = {
        let query = query.read_untracked();
        (
            query.get("personne").unwrap_or_default(),
            query.get("type").unwrap_or_default(),
        )
    };
    view! {
        <StaffHeader frame=journal.frame current=StaffSection::Journal/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.journal_title)}</h1>
                <form method="get" action=routes::STAFF_JOURNAL class="search-form">
                    <label for="personne">{td_string!(locale, staff.person_label)}</label>
                    <input id="personne" name="personne" type="search" value=person maxlength=100/>
                    <label for="type">{td_string!(locale, staff.kind_label)}</label>
                    <select id="type" name="type">
                        <option value="">{td_string!(locale, staff.all_kinds)}</option>
                        {journal.kinds.into_iter().map(|(value, label)| {
                            let selected = value == kind;
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit">{td_string!(locale, staff.filter)}</button>
                    // The same filters, answered as a file (`Content-Disposition: attachment`).
                    <button type="submit" formaction=routes::STAFF_JOURNAL_CSV class="secondary">
                        {td_string!(locale, staff.export_csv)}
                    </button>
                </form>
                <table class="staff-table" tabindex="0">
                    <thead><tr>
                        <th scope="col">{td_string!(locale, staff.when)}</th>
                        <th scope="col">{td_string!(locale, staff.what)}</th>
                        <th scope="col">{td_string!(locale, staff.who)}</th>
                        <th scope="col">{td_string!(locale, staff.detail)}</th>
                        <th scope="col">{td_string!(locale, staff.ip)}</th>
                    </tr></thead>
                    <tbody>
                        {journal.lines.into_iter().map(|line| view! {
                            <tr><td>{line.at}</td><td>{line.kind}</td><td>{line.who}</td><td>{line.detail}</td><td>{line.ip}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </MainContent>
    }
}
