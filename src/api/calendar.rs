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
    pub school: crate::api::brand::SchoolBrand,
    pub calendar: Calendar,
    /// The day the parent chose in the grid, if any.
    pub day: Option<DayDetails>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub school: crate::api::brand::SchoolBrand,
    pub event: EventItem,
    /// The description, rendered and sanitised on the server.
    pub html: Option<String>,
    /// The month to go back to.
    pub month: String,
}

/// An event as the calendar lists it, its date in words of `locale`.
#[cfg(feature = "ssr")]
pub(crate) fn event_item(
    locale: crate::language::Locale,
    event: &crate::server::entities::event::Model,
) -> EventItem {
    use crate::server::calendar;
    EventItem {
        id: event.id,
        title: event.title.clone(),
        when: calendar::when(locale, event),
        days: calendar::days(event)
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

/// The grid of `month` with the `marked` days and `today` circled, and the `listed` events under
/// it; its words in `locale`.
#[cfg(feature = "ssr")]
pub(crate) fn month_calendar(
    locale: crate::language::Locale,
    month: crate::domain::calendar::Month,
    today: chrono::NaiveDate,
    marked: &[chrono::NaiveDate],
    listed: &[crate::server::entities::event::Model],
) -> Calendar {
    Calendar {
        month: month.to_string(),
        title: month.title(locale),
        previous: month.previous().to_string(),
        next: month.next().to_string(),
        weeks: month.grid(today, marked),
        events: listed
            .iter()
            .map(|event| event_item(locale, event))
            .collect(),
    }
}

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
        i18n::td_string,
        language,
        server::{calendar, lookups},
    };
    let locale = language::current();
    let unknown_date = || AppError::Refused(td_string!(locale, calendar.unknown_date).into());
    let (state, _, standing) = super::guard::settled().await?;
    super::guard::plain_text("mois", &mois, limits::CALENDAR_DATE)?;
    super::guard::plain_text("jour", &jour, limits::CALENDAR_DATE)?;
    let day = match jour.trim() {
        "" => None,
        text => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|day| (1900..=2200).contains(&chrono::Datelike::year(day)))
                .ok_or_else(unknown_date)?,
        ),
    };
    let month = match (day, mois.trim()) {
        (Some(day), _) => Month::of(day),
        (None, "") => Month::of(state.clock.today()),
        (None, text) => Month::parse(text).ok_or_else(unknown_date)?,
    };
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let events = calendar::of_month(
        &state.db,
        school.id,
        standing.child.class_name.as_deref(),
        month,
    )
    .await?;
    let marked: Vec<_> = events.iter().flat_map(calendar::days).collect();
    let calendar = month_calendar(locale, month, state.clock.today(), &marked, &events);
    let day = day.map(|day| {
        let key = day.to_string();
        DayDetails {
            title: long_date(locale, day),
            events: calendar
                .events
                .iter()
                .filter(|event| event.days.contains(&key))
                .cloned()
                .collect(),
        }
    });
    Ok(CalendarView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        calendar,
        day,
    })
}

#[server(prefix = "/api", endpoint = "event")]
pub async fn load_event(id: i32) -> AppResult<EventView> {
    use crate::{
        domain::calendar::Month,
        i18n::td_string,
        language,
        server::{calendar, clock::brussels, lookups, markdown},
    };
    let locale = language::current();
    let (state, _, standing) = super::guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let event = calendar::event(
        &state.db,
        school.id,
        standing.child.class_name.as_deref(),
        id,
    )
    .await?
    .ok_or_else(|| super::AppError::Refused(td_string!(locale, calendar.event_not_found).into()))?;
    Ok(EventView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        month: Month::of(brussels(event.starts_at).date_naive()).to_string(),
        html: event.description.as_deref().map(markdown::to_safe_html),
        event: event_item(locale, &event),
    })
}
