//! A month of the school's calendar: the grid (today and days with events marked, each day a link
//! to its details) and, for small screens, the same events as an agenda list.
use crate::{
    api::calendar::{Calendar, EventItem},
    domain::{calendar::weekdays_short, routes},
    i18n::td_string,
    language,
};
use chrono::Datelike;
use leptos::prelude::*;

/// `heading_level` keeps the headings in order: 2 under the calendar page's h1, 3 (the default)
/// under the home page's "Calendrier".
#[component]
pub fn MonthGrid(
    calendar: Calendar,
    #[prop(optional)] selected_day: Option<String>,
    #[prop(default = 3)] heading_level: u8,
) -> impl IntoView {
    let locale = language::current();
    let Calendar {
        title,
        previous,
        next,
        weeks,
        events,
        ..
    } = calendar;
    view! {
        <div class="month">
            <nav class="month-nav" aria-label=td_string!(locale, calendar.change_month)>
                <a href=format!("{}?mois={previous}", routes::CALENDAR) rel="prev">{td_string!(locale, calendar.previous_month)}</a>
                {heading(heading_level, "month-title", title.clone())}
                <a href=format!("{}?mois={next}", routes::CALENDAR) rel="next">{td_string!(locale, calendar.next_month)}</a>
            </nav>
            <table class="month-grid">
                <caption class="visually-hidden">{title.clone()}</caption>
                <thead>
                    <tr>{weekdays_short(locale).into_iter().map(|day| view! { <th scope="col">{day}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {weeks.into_iter().map(|week| view! {
                        <tr>
                            {week.into_iter().map(|day| {
                                let date = day.date.to_string();
                                let selected = selected_day.as_deref() == Some(date.as_str());
                                view! {
                                    <td class:other-month=!day.in_month class:today=day.today
                                        class:has-events=day.has_events class:selected=selected>
                                        // On the link, which is what a screen reader reads as it is focused.
                                        <a href=format!("{}?jour={date}", routes::CALENDAR)
                                            aria-current=day.today.then_some("date")
                                            aria-label=day.has_events.then(|| td_string!(locale, calendar.day_with_events, day = day.date.day()))>
                                            {day.date.day()}
                                        </a>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {heading(heading_level, "agenda-title", td_string!(locale, calendar.agenda_title, month = &title))}
            {if events.is_empty() {
                view! { <p class="empty">{td_string!(locale, calendar.no_events_month)}</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {events.into_iter().map(|event| view! { <EventLine event/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// A heading of `level` 2 or 3.
fn heading(level: u8, class: &'static str, text: String) -> AnyView {
    match level {
        2 => view! { <h2 class=class>{text}</h2> }.into_any(),
        _ => view! { <h3 class=class>{text}</h3> }.into_any(),
    }
}

/// One event in a list: its title, a link to its page, and when it takes place.
#[component]
pub fn EventLine(event: EventItem) -> impl IntoView {
    view! {
        <li>
            <a class="event-title" href=routes::event(event.id)>{event.title}</a>
            <span class="event-when">{event.when}</span>
        </li>
    }
}
