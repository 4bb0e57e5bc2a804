//! "Espace école": the sections a staff member's role opens, and their second factor's state.
use crate::{
    api::staff::area::{StaffHome, load_staff_home},
    components::{Loaded, MainContent, StaffHeader, StaffSection},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let locale = language::current();
    let home = Resource::new(|| (), |_| load_staff_home());
    view! {
        <Title text=td_string!(locale, staff.area)/>
        <Loaded data=home let:home>
            <HomeView home/>
        </Loaded>
    }
}

#[component]
fn HomeView(home: StaffHome) -> impl IntoView {
    let locale = language::current();
    let admin = home.frame.admin;
    let pending = home.pending_absences;
    let classes = home.classes.join(", ");
    let counted = td_string!(
        locale,
        staff.home_students,
        count = home.students,
        classes = classes.as_str()
    )
    .to_string();
    view! {
        <StaffHeader frame=home.frame current=StaffSection::Home/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.area)}</h1>
                <p>{if admin { td_string!(locale, staff.home_intro_admin) } else { td_string!(locale, staff.home_intro_teacher) }}</p>
                <p>{counted}</p>
                <ul class="staff-sections">
                    <li><a href=routes::STAFF_STUDENTS>{td_string!(locale, staff.students)}</a></li>
                    <li><a href=routes::STAFF_COURSES>{td_string!(locale, staff.courses)}</a></li>
                    <li><a href=routes::STAFF_NEWS>{td_string!(locale, staff.news)}</a></li>
                    <li><a href=routes::STAFF_CALENDAR>{td_string!(locale, staff.calendar)}</a></li>
                    <li><a href=routes::STAFF_SURVEYS>{td_string!(locale, surveys.title)}</a></li>
                    <li><a href=routes::STAFF_INTRADESK>{td_string!(locale, intradesk.title)}</a></li>
                    <li>
                        <a href=routes::STAFF_ABSENCES>{td_string!(locale, absences.title)}</a>
                        {(pending > 0).then(|| view! {
                            " " <span class="badge">{td_string!(locale, absences.to_acknowledge, count = pending)}</span>
                        })}
                    </li>
                    {admin.then(|| view! { <li><a href=routes::STAFF_TERMS>{td_string!(locale, staff.terms)}</a></li> })}
                    {admin.then(|| view! { <li><a href=routes::STAFF_SCHOOL>{td_string!(locale, staff.school)}</a></li> })}
                    {admin.then(|| view! { <li><a href=routes::STAFF_TEAM>{td_string!(locale, staff.team)}</a></li> })}
                    {admin.then(|| view! { <li><a href=routes::STAFF_JOURNAL>{td_string!(locale, staff.journal)}</a></li> })}
                </ul>
                {if home.second_factor {
                    view! { <p>{td_string!(locale, staff.second_factor_on)}</p> }.into_any()
                } else {
                    view! { <p>{td_string!(locale, staff.second_factor_off)}" "<a href=routes::STAFF_SECURITY>{td_string!(locale, staff.second_factor_setup_link)}</a></p> }.into_any()
                }}
            </section>
        </MainContent>
    }
}
