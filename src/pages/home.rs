//! "Accueil": the school, the parent and their children, the school's news and this month.
use crate::{
    api::{
        auth::SignOut,
        home::{Calendar, HomeView, School, load_home},
        journey::ResendConfirmation,
    },
    components::{Loading, load_error},
    domain::calendar::WEEKDAYS_SHORT,
};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| load_home());
    view! {
        <Title text="Accueil"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(view) => view! { <Home home=view/> }.into_any(),
                    Err(error) => load_error(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Home(home: HomeView) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <header class="site-header">
            <p class="school-name">{home.school.name.clone()}</p>
            <nav aria-label="Navigation principale">
                <a href="/" aria-current="page">"Accueil"</a>
                <details class="menu">
                    <summary>"Vers"</summary>
                    <ul>
                        <li><a href="#actualites">"Actualités"</a></li>
                        <li><a href="#calendrier">"Calendrier"</a></li>
                        <li><a href="#mes-enfants">"Mes enfants"</a></li>
                        <li><a href="/aide">"Aide en ligne"</a></li>
                    </ul>
                </details>
                <a href="#mes-cours">"Cours"</a>
            </nav>
            <ActionForm action=sign_out attr:class="sign-out">
                <button type="submit" class="link">"Se déconnecter"</button>
            </ActionForm>
        </header>
        {home.unconfirmed_email.clone().map(|email| view! { <ConfirmReminder email/> })}
        {home.terms_postponed.then(|| view! {
            <p class="reminder" role="status">
                "Vous avez reporté votre réponse aux conditions d'utilisation : elles vous seront présentées à nouveau à votre prochaine connexion."
            </p>
        })}
        <div class="home">
            <aside class="left">
                <section class="parent" aria-label="Parent connecté">
                    <p class="parent-name">{home.parent_name.clone()}</p>
                    <p class="parent-relation">{home.parent_relation.clone()}</p>
                </section>
                <section id="mes-enfants" class="children">
                    <h2>"Mes enfants"</h2>
                    <ul>
                        {home.children.iter().map(|child| view! {
                            <li class:selected=child.selected aria-current=child.selected.then_some("true")>
                                {child.first_name.clone()}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            </aside>
            <div class="centre">
                <section id="mes-cours" class="courses">
                    <h2>"Mes cours"</h2>
                    <p class="empty">"Aucun cours trouvé"</p>
                </section>
                <section id="actualites" class="news">
                    <h2>"Actualités"</h2>
                    {if home.news.is_empty() {
                        view! { <p class="empty">"Aucune actualité pour le moment."</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {home.news.iter().map(|item| view! {
                                    <li>
                                        <details>
                                            <summary>
                                                <span class="news-title">{item.title.clone()}</span>
                                                <time>{item.published.clone()}</time>
                                            </summary>
                                            <div class="news-body" inner_html=item.html.clone()></div>
                                        </details>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <MonthCalendar calendar=home.calendar.clone()/>
            </div>
            <aside class="right">
                <Contacts school=home.school.clone()/>
            </aside>
        </div>
    }
}

#[component]
fn ConfirmReminder(email: String) -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    let query = use_query_map();
    let sent = move || {
        query
            .read()
            .get("confirmation")
            .is_some_and(|v| v == "renvoyee")
    };
    let error = move || {
        resend
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    view! {
        <div class="reminder" role="status">
            <p>{format!("Confirmez votre adresse e-mail : un message a été envoyé à {email}. Ouvrez le lien qu'il contient.")}</p>
            <Show when=sent>
                <p class="field-ok">"Un nouveau message vient de vous être envoyé."</p>
            </Show>
            {move || error().map(|text| view! { <p class="form-error">{text}</p> })}
            <ActionForm action=resend>
                <button type="submit" class="secondary" disabled=move || resend.pending().get()>"Renvoyer le message"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn MonthCalendar(calendar: Calendar) -> impl IntoView {
    view! {
        <section id="calendrier" class="calendar">
            <h2>"Calendrier"</h2>
            <table>
                <caption>{calendar.title.clone()}</caption>
                <thead>
                    <tr>{WEEKDAYS_SHORT.iter().map(|day| view! { <th scope="col">{*day}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {calendar.weeks.iter().map(|week| view! {
                        <tr>
                            {week.iter().map(|day| view! {
                                <td class:other-month=!day.in_month class:today=day.today class:has-events=day.has_events
                                    aria-current=day.today.then_some("date")>
                                    {day.date.day()}
                                </td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <ul class="agenda">
                {calendar.events.iter().map(|event| view! {
                    <li><span class="event-title">{event.title.clone()}</span>" — "<span class="event-when">{event.when.clone()}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Contacts(school: School) -> impl IntoView {
    let line = |label: &'static str, value: Option<String>| {
        view! { <p>{label}" "{value.unwrap_or_default()}</p> }
    };
    view! {
        <section class="contacts">
            <h2>"Coordonnées"</h2>
            <address>
                <p><strong>{school.name.clone()}</strong></p>
                {school.address.clone().map(|address| view! {
                    <p>{address.lines().map(|l| view! { {l.to_owned()}<br/> }).collect_view()}</p>
                })}
                {line("Tél. :", school.phone.clone())}
                {line("Fax :", school.fax.clone())}
                {line("E-mail :", school.email.clone())}
                <p>"Web : "{school.web.clone().map(|web| view! { <a href=web.clone() rel="noopener">{web.clone()}</a> })}</p>
            </address>
        </section>
        <section class="problems">
            <h2>"En cas de problèmes"</h2>
            <p>"Écrivez à l'un des administrateurs de la plateforme :"</p>
            <ul>
                {school.admins.iter().map(|email| view! { <li><a href=format!("mailto:{email}")>{email.clone()}</a></li> }).collect_view()}
            </ul>
        </section>
    }
}
