//! "Absences" on the school's side: what parents reported, those still to acknowledge first.
use crate::{
    api::staff::absences::{AcknowledgeAbsence, StaffAbsences, load_staff_absences},
    components::{
        AbsenceList, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffAbsencesPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let all = move || query.read().get("toutes").is_some();
    let absences = Resource::new(all, load_staff_absences);
    view! {
        <Title text=td_string!(locale, absences.title)/>
        <Loaded data=absences let:absences>
            <AbsencesView absences/>
        </Loaded>
    }
}

#[component]
fn AbsencesView(absences: StaffAbsences) -> impl IntoView {
    let locale = language::current();
    let acknowledge = ServerAction::<AcknowledgeAbsence>::new();
    let errors = FormErrors::of(acknowledge);
    let (href, switch) = if absences.all {
        (
            routes::STAFF_ABSENCES.to_owned(),
            td_string!(locale, absences.show_waiting),
        )
    } else {
        (
            format!("{}?toutes=1", routes::STAFF_ABSENCES),
            td_string!(locale, absences.show_all),
        )
    };
    view! {
        <StaffHeader frame=absences.frame current=StaffSection::Absences/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, absences.title)}</h1>
                <p class="hint">{td_string!(locale, absences.staff_intro)}</p>
                <FormMessage message=errors.any()/>
                <AbsenceList absences=absences.absences acknowledge with_class=true/>
                <p class="link-line"><a href=href>{switch}</a></p>
            </section>
        </MainContent>
    }
}
