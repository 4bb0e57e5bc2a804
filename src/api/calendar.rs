//! "Calendrier": a month of the selected child's school, a day of it, and one event.
use super::AppResult;
use crate::domain::calendar::Day;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventItem {
    pub id: i32,
    pub title: String,
    /// "mardi 17 novembre 2026, 14:00" or, for all-day events, the day(s).
    pub when: String,
    /// The days it covers ("2026-11-17"), to list it under each.
    pub days: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    /// "2026-11", as the page's URL names it.
    pub month: String,
    /// "novembre 2026".
    pub title: String,
    pub previous: String,
    pub next: String,
    pub weeks: Vec<Vec<Day>>,
    /// The events covering at least one day of the month, by start.
    pub events: Vec<EventItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayDetails {
    /// "mardi 17 novembre 2026".
    pub title: String,
    pub events: Vec<EventItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarView {
    pub school: String,
    pub calendar: Calendar,
    /// The day the parent chose in the grid, if any.
    pub day: Option<DayDetails>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub school: String,
    pub event: EventItem,
    /// The description, rendered and sanitised on the server.
    pub html: Option<String>,
    /// The month to go back to.
    pub month: String,
}

/// An event as the calendar lists it.
#[cfg(feature = "ssr")]
pub(crate) fn event_item(event: &crate::server::entities::event::Model) -> EventItem {
    use crate::server::calendar;
    EventItem {
        id: event.id,
        title: event.title.clone(),
        when: calendar::when(event),
        days: calendar::days(event)
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

/// The grid of `month` with `events` (those of the month) marked, and `today` circled.
#[cfg(feature = "ssr")]
pub(crate) fn month_calendar(
    month: crate::domain::calendar::Month,
    today: chrono::NaiveDate,
    events: &[crate::server::entities::event::Model],
) -> Calendar {
    let marked: Vec<chrono::NaiveDate> = events
        .iter()
        .flat_map(crate::server::calendar::days)
        .collect();
    Calendar {
        month: month.to_string(),
        title: month.title(),
        previous: month.previous().to_string(),
        next: month.next().to_string(),
        weeks: month.grid(today, &marked),
        events: events.iter().map(event_item).collect(),
    }
}

pub const UNKNOWN_DATE: &str = "Cette date n'existe pas dans le calendrier.";
pub const NOT_FOUND: &str =
    "Cet événement n'existe pas dans le calendrier de l'école de votre enfant.";

/// `mois` (2026-11) and `jour` (2026-11-17) come from the page's URL; a day opens its month.
#[server(prefix = "/api", endpoint = "calendar")]
pub async fn load_calendar(
    #[server(default)] mois: String,
    #[server(default)] jour: String,
) -> AppResult<CalendarView> {
    use super::AppError;
    use crate::{
        domain::{
            calendar::{Month, long_date},
            limits,
        },
        server::{calendar, lookups},
    };
    let (state, _, standing) = super::guard::settled().await?;
    super::guard::plain_text("mois", &mois, limits::CALENDAR_DATE)?;
    super::guard::plain_text("jour", &jour, limits::CALENDAR_DATE)?;
    let day = match jour.trim() {
        "" => None,
        text => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|day| (1900..=2200).contains(&chrono::Datelike::year(day)))
                .ok_or_else(|| AppError::Refused(UNKNOWN_DATE.into()))?,
        ),
    };
    let month = match (day, mois.trim()) {
        (Some(day), _) => Month::of(day),
        (None, "") => Month::of(state.clock.today()),
        (None, text) => Month::parse(text).ok_or_else(|| AppError::Refused(UNKNOWN_DATE.into()))?,
    };
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let events = calendar::of_month(&state.db, school.id, month).await?;
    let calendar = month_calendar(month, state.clock.today(), &events);
    let day = day.map(|day| {
        let key = day.to_string();
        DayDetails {
            title: long_date(day),
            events: calendar
                .events
                .iter()
                .filter(|event| event.days.contains(&key))
                .cloned()
                .collect(),
        }
    });
    Ok(CalendarView {
        school: school.name,
        calendar,
        day,
    })
}

#[server(prefix = "/api", endpoint = "event")]
pub async fn load_event(id: i32) -> AppResult<EventView> {
    use crate::{
        domain::calendar::Month,
        server::{calendar, clock::brussels, lookups, markdown},
    };
    let (state, _, standing) = super::guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let event = calendar::event(&state.db, school.id, id)
        .await?
        .ok_or_else(|| super::AppError::Refused(NOT_FOUND.into()))?;
    Ok(EventView {
        school: school.name,
        month: Month::of(brussels(event.starts_at).date_naive()).to_string(),
        html: event.description.as_deref().map(markdown::to_safe_html),
        event: event_item(&event),
    })
}
