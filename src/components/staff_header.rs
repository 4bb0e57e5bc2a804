//! The staff area's header: the school, who is signed in, the sections their role opens, and
//! signing out. Administrators see "Personnel" and "Journal"; teachers do not.
use crate::{
    api::staff::{
        StaffFrame,
        auth::{StaffSignOut, SwitchSchool},
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffSection {
    Home,
    Students,
    Courses,
    News,
    Calendar,
    Messages,
    Surveys,
    Intradesk,
    Absences,
    Terms,
    School,
    Team,
    Journal,
}

#[component]
pub fn StaffHeader(frame: StaffFrame, current: StaffSection) -> impl IntoView {
    let sign_out = ServerAction::<StaffSignOut>::new();
    let switch = ServerAction::<SwitchSchool>::new();
    let others = frame.other_schools.clone();
    let locale = language::current();
    let link = move |section: StaffSection, href: &'static str, text: &'static str| {
        view! { <a href=href aria-current=(section == current).then_some("page")>{text}</a> }
    };
    let role = if frame.admin {
        td_string!(locale, staff.role_admin)
    } else {
        td_string!(locale, staff.role_teacher)
    };
    let signed_in = td_string!(locale, staff.signed_in_as, name = frame.name.as_str()).to_string();
    view! {
        <header class="site-header staff-header">
            <p class="school-name">{frame.school}" · "{td_string!(locale, staff.area)}</p>
            <details class="site-menu">
                <summary>{td_string!(locale, common.menu)}</summary>
                <nav aria-label=td_string!(locale, staff.nav_label)>
                    {link(StaffSection::Home, routes::STAFF, td_string!(locale, staff.home))}
                    {link(StaffSection::Students, routes::STAFF_STUDENTS, td_string!(locale, staff.students))}
                    {link(StaffSection::Courses, routes::STAFF_COURSES, td_string!(locale, staff.courses))}
                    {link(StaffSection::News, routes::STAFF_NEWS, td_string!(locale, staff.news))}
                    {link(StaffSection::Calendar, routes::STAFF_CALENDAR, td_string!(locale, staff.calendar))}
                    {link(StaffSection::Messages, routes::STAFF_MESSAGES, td_string!(locale, common.messages))}
                    {link(StaffSection::Surveys, routes::STAFF_SURVEYS, td_string!(locale, surveys.title))}
                    {link(StaffSection::Intradesk, routes::STAFF_INTRADESK, td_string!(locale, intradesk.title))}
                    {link(StaffSection::Absences, routes::STAFF_ABSENCES, td_string!(locale, absences.title))}
                    {frame.admin.then(|| link(StaffSection::Terms, routes::STAFF_TERMS, td_string!(locale, staff.terms)))}
                    {frame.admin.then(|| link(StaffSection::School, routes::STAFF_SCHOOL, td_string!(locale, staff.school)))}
                    {frame.admin.then(|| link(StaffSection::Team, routes::STAFF_TEAM, td_string!(locale, staff.team)))}
                    {frame.admin.then(|| link(StaffSection::Journal, routes::STAFF_JOURNAL, td_string!(locale, staff.journal)))}
                </nav>
                <div class="sign-out">
                    <span class="signed-in">{signed_in}" ("{role}")"</span>
                    {(!others.is_empty()).then(|| view! {
                        <ActionForm action=switch attr:class="inline-form">
                            <select name="school" aria-label=td_string!(locale, staff.switch_school)>
                                {others.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="link">{td_string!(locale, staff.switch_school)}</button>
                        </ActionForm>
                    })}
                    <ActionForm action=sign_out>
                        <button type="submit" class="link">{td_string!(locale, staff.sign_out)}</button>
                    </ActionForm>
                </div>
            </details>
        </header>
    }
}
