//! "Calendrier": a month (`?mois=2026-11`), a day of it (`?jour=2026-11-17`), and one event.
use crate::{
    api::calendar::{CalendarView, EventView, load_calendar, load_event},
    components::{EventLine, Loaded, MainContent, MonthGrid, Section, SiteHeader, route_id},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let wanted = move || {
        let query = query.read();
        (
            query.get("mois").unwrap_or_default(),
            query.get("jour").unwrap_or_default(),
        )
    };
    let calendar = Resource::new(wanted, |(month, day)| load_calendar(month, day));
    view! {
        <Title text=td_string!(locale, calendar.title)/>
        <Loaded data=calendar let:view>
            <Month view selected_day=wanted().1/>
        </Loaded>
    }
}

#[component]
fn Month(view: CalendarView, selected_day: String) -> impl IntoView {
    let locale = language::current();
    let CalendarView {
        school,
        calendar,
        day,
    } = view;
    view! {
        <SiteHeader school current=Section::Calendar/>
        <MainContent>
            <div class="calendar-page">
                <section class="card calendar">
                    <h1>{td_string!(locale, calendar.title)}</h1>
                    <MonthGrid calendar selected_day heading_level=2/>
                </section>
                {day.map(|day| view! {
                    <section class="card day" aria-labelledby="day-title">
                        <h2 id="day-title">{day.title}</h2>
                        {if day.events.is_empty() {
                            view! { <p class="empty">{td_string!(locale, calendar.no_events_day)}</p> }.into_any()
                        } else {
                            view! { <ul class="agenda">{day.events.into_iter().map(|event| view! { <EventLine event/> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                })}
            </div>
        </MainContent>
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let id = route_id();
    let event = Resource::new(id, load_event);
    view! {
        <Loaded data=event let:view>
            <Event view/>
        </Loaded>
    }
}

#[component]
fn Event(view: EventView) -> impl IntoView {
    let locale = language::current();
    let EventView {
        school,
        event,
        html,
        month,
    } = view;
    view! {
        <Title text=event.title.clone()/>
        <SiteHeader school current=Section::Calendar/>
        <MainContent>
            <article class="card event">
                <p class="link-line"><a href=format!("{}?mois={month}", routes::CALENDAR)>{td_string!(locale, calendar.back_to_calendar)}</a></p>
                <h1>{event.title}</h1>
                <p class="event-when">{event.when}</p>
                {html.map(|html| view! { <div class="event-body" inner_html=html></div> })}
            </article>
        </MainContent>
    }
}
