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
    let csv = format!(
        "{}?personne={}&type={}",
        routes::STAFF_JOURNAL_CSV,
        form_urlencoded_component(&person),
        form_urlencoded_component(&kind)
    );
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
                </form>
                <p><a href=csv download="journal.csv">{td_string!(locale, staff.export_csv)}</a></p>
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

/// A value for a URL's query: letters, digits and `-._~` as they are, the rest percent-encoded.
fn form_urlencoded_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
