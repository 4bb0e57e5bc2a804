//! "Calendrier" in the staff area: the coming events and adding one (all-day or timed, one day or
//! several, for the whole school or chosen classes), removing one.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub id: i32,
    pub title: String,
    pub when: String,
    pub classes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffCalendar {
    pub frame: StaffFrame,
    pub classes: Vec<String>,
    pub events: Vec<StaffEvent>,
}

#[server(prefix = "/api", endpoint = "staff_calendar")]
pub async fn load_staff_calendar() -> AppResult<StaffCalendar> {
    use crate::{
        language,
        server::{
            calendar,
            staff::{events, students},
        },
    };
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let since = state.clock.now() - chrono::Duration::days(31);
    let events = events::coming(&state.db, &caller, since)
        .await?
        .into_iter()
        .map(|(event, classes)| StaffEvent {
            id: event.id,
            when: calendar::when(locale, &event),
            title: event.title,
            classes,
        })
        .collect();
    Ok(StaffCalendar {
        frame: super::frame(&state, &caller).await?,
        classes: students::classes(&state.db, &caller).await?,
        events,
    })
}

/// "Ajouter l'événement": `starts`/`ends` are days (`2026-12-18`) for an all-day event, else
/// Brussels times (`2026-12-18T19:00`); `ends` may stay empty.
#[server(prefix = "/api", endpoint = "staff_add_event")]
pub async fn add_event(
    title: String,
    #[server(default)] description: String,
    starts: String,
    #[server(default)] ends: String,
    #[server(default)] all_day: Option<String>,
    #[server(default)] classes: Vec<String>,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::i18n::td_string;
    use crate::server::{audit::Kind, clock, staff::events};
    let locale = crate::language::current();
    let ticked = classes.join(",");
    let typed = [
        ("title", title.as_str()),
        ("description", description.as_str()),
        ("starts", starts.as_str()),
        ("ends", ends.as_str()),
        ("classes", ticked.as_str()),
    ];
    let form = |e: AppError| e.for_form("title", &typed);
    guard::plain_text("title", &title, crate::domain::limits::NEWS_TITLE).map_err(form)?;
    guard::plain_text_multiline(
        "description",
        &description,
        crate::domain::limits::NEWS_BODY,
    )
    .map_err(form)?;
    let all_day = all_day.is_some();
    let read =
        |field: &str, text: &str| -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            let at = if all_day {
                chrono::NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
                    .ok()
                    .map(clock::start_of)
            } else {
                chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
                    .ok()
                    .and_then(clock::from_brussels)
            };
            at.map(Some).ok_or_else(|| {
                form(AppError::field(
                    field,
                    td_string!(locale, staff.date_invalid),
                ))
            })
        };
    let starts_at = read("starts", &starts)?.ok_or_else(|| {
        form(AppError::field(
            "starts",
            td_string!(locale, staff.date_missing),
        ))
    })?;
    let ends_at = read("ends", &ends)?;
    let (state, caller) = guard::staff().await?;
    let audience = super::audience(&state, &caller, classes)
        .await
        .map_err(form)?;
    let draft = events::Draft {
        title: title.clone(),
        description: Some(description.clone()),
        starts_at,
        ends_at,
        all_day,
        classes: audience,
    };
    let created = events::add(&state.db, &caller, draft, state.clock.now())
        .await
        .map_err(|e| form(e.into()))?;
    super::record(&state, &caller, Kind::EventAdded, Some(&created.title)).await?;
    guard::go_to(routes::STAFF_CALENDAR);
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_remove_event")]
pub async fn remove_event(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::events};
    let (state, caller) = guard::staff().await?;
    let removed = events::remove(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::EventRemoved, Some(&removed.title)).await?;
    guard::go_to(routes::STAFF_CALENDAR);
    Ok(())
}
