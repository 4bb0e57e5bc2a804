//! "Accueil": the school, the parent and their children, the selected child's courses, the
//! school's latest news and this month.
use crate::{
    api::{
        home::{HomeView, School, load_home},
        journey::ResendConfirmation,
    },
    components::{
        AddChildLink, ChildSwitch, FormErrors, Loaded, MainContent, MonthGrid, Section, SiteHeader,
    },
    domain::routes,
    i18n::td_string,
    language,
    pages::{courses::CourseList, news::NewsList},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = language::current();
    let home = Resource::new(|| (), |_| load_home());
    view! {
        <Title text=td_string!(locale, home.title)/>
        <Loaded data=home let:view>
            <Home home=view/>
        </Loaded>
    }
}

#[component]
fn Home(home: HomeView) -> impl IntoView {
    let locale = language::current();
    view! {
        <SiteHeader school=home.header.clone() current=Section::Home/>
        <MainContent>
            // The page's title for screen readers; the header already shows the school's name.
            <h1 class="visually-hidden">{td_string!(locale, home.title)}</h1>
            {home.unconfirmed_email.clone().map(|email| view! { <ConfirmReminder email/> })}
            {home.terms_postponed.then(|| view! {
                <p class="reminder" role="status">
                    {td_string!(locale, home.terms_postponed)}
                </p>
            })}
            <div class="home">
                <div class="left">
                    <section class="parent" aria-label=td_string!(locale, home.parent_label)>
                        <p class="parent-name">{home.parent_name.clone()}</p>
                        <p class="parent-relation">{home.parent_relation.clone()}</p>
                    </section>
                    <section id="mes-enfants" class="children">
                        <h2>{td_string!(locale, home.children)}</h2>
                        <AddChildLink/>
                        <ul>
                            {home.children.iter().map(|child| view! {
                                <li><ChildSwitch id=child.id first_name=child.first_name.clone() selected=child.selected/></li>
                            }).collect_view()}
                        </ul>
                    </section>
                </div>
                <div class="centre">
                    <section id="mes-cours" class="courses">
                        <h2>{td_string!(locale, home.courses)}</h2>
                        <CourseList courses=home.courses.clone()/>
                    </section>
                    <section id="actualites" class="news">
                        <h2><a href=routes::NEWS>{td_string!(locale, home.news)}</a></h2>
                        <NewsList items=home.news.clone()/>
                    </section>
                    <section id="calendrier" class="calendar">
                        <h2><a href=routes::CALENDAR>{td_string!(locale, home.calendar)}</a></h2>
                        <MonthGrid calendar=home.calendar.clone()/>
                    </section>
                </div>
                <div class="right">
                    <Contacts school=home.school.clone()/>
                </div>
            </div>
        </MainContent>
    }
}

#[component]
fn ConfirmReminder(email: String) -> impl IntoView {
    let locale = language::current();
    let resend = ServerAction::<ResendConfirmation>::new();
    let query = use_query_map();
    let sent = move || {
        query
            .read()
            .get("confirmation")
            .is_some_and(|v| v == "renvoyee")
    };
    let error = FormErrors::of(resend).any();
    view! {
        <div class="reminder" role="status">
            <p>{td_string!(locale, home.confirm_email, email = email)}</p>
            <Show when=sent>
                <p class="field-ok">{td_string!(locale, home.confirmation_resent)}</p>
            </Show>
            {move || error.get().map(|text| view! { <p class="form-error">{text}</p> })}
            <ActionForm action=resend>
                <button type="submit" class="secondary" disabled=move || resend.pending().get()>{td_string!(locale, home.resend)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn Contacts(school: School) -> impl IntoView {
    let locale = language::current();
    let line = |label: &'static str, value: Option<String>| {
        view! { <p>{label}" "{value.unwrap_or_default()}</p> }
    };
    view! {
        <section class="contacts">
            <h2>{td_string!(locale, home.contacts)}</h2>
            <address>
                <p><strong>{school.name.clone()}</strong></p>
                {school.address.clone().map(|address| view! {
                    <p>{address.lines().map(|l| view! { {l.to_owned()}<br/> }).collect_view()}</p>
                })}
                {line(td_string!(locale, home.phone), school.phone.clone())}
                {line(td_string!(locale, home.fax), school.fax.clone())}
                {line(td_string!(locale, home.email), school.email.clone())}
                <p>{td_string!(locale, home.web)}" "{school.web.clone().map(|web| view! { <a href=web.clone() rel="noopener">{web.clone()}</a> })}</p>
            </address>
        </section>
        <section class="problems">
            <h2>{td_string!(locale, home.problems)}</h2>
            <p>{td_string!(locale, home.problems_text)}</p>
            <ul>
                {school.admins.iter().map(|email| view! { <li><a href=format!("mailto:{email}")>{email.clone()}</a></li> }).collect_view()}
            </ul>
        </section>
    }
}
