//! The school's calendar: the events of a month, one event, and staff adding and removing them.
//! Days are Brussels days.
use super::{
    clock::{brussels, start_of},
    entities::event,
    platforms,
};
use crate::{
    domain::calendar::{self, Month},
    language::Locale,
};
use anyhow::{Context, bail};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// The longest event the calendar spreads over several days (a school year, and some).
const LONGEST_EVENT_DAYS: i64 = 400;

/// When `event` takes place, in words of `locale` and in Brussels time.
pub fn when(locale: Locale, event: &event::Model) -> String {
    let local = |at| brussels(at).naive_local();
    calendar::when(
        locale,
        local(event.starts_at),
        event.ends_at.map(local),
        event.all_day,
    )
}

/// The days an event covers, in Brussels time.
pub fn days(event: &event::Model) -> Vec<NaiveDate> {
    days_between(event.starts_at, event.ends_at)
}

/// The days from `starts_at` to `ends_at` (or that day alone), in Brussels time.
fn days_between(starts_at: DateTime<Utc>, ends_at: Option<DateTime<Utc>>) -> Vec<NaiveDate> {
    let first = brussels(starts_at).date_naive();
    let last = ends_at
        .map_or(first, |end| brussels(end).date_naive())
        .max(first);
    first
        .iter_days()
        .take_while(|day| *day <= last)
        .take(LONGEST_EVENT_DAYS as usize)
        .collect()
}

/// The platform's events that cover at least one day of `month`, by start. One query, on the
/// (platform, start) index: the events starting in the month, and those starting up to
/// [`LONGEST_EVENT_DAYS`] before that still run when it begins.
pub async fn of_month(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    month: Month,
) -> Result<Vec<event::Model>, DbErr> {
    let first = month.first_day();
    Ok(in_month(platform_id, class, month)
        .all(db)
        .await?
        .into_iter()
        .filter(|event| days(event).last().is_some_and(|last| *last >= first))
        .collect())
}

/// The days of `month` that have an event, for a grid that only marks them: the times alone are
/// read, not the events (a busy month holds hundreds).
pub async fn marked_days(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    month: Month,
) -> Result<Vec<NaiveDate>, DbErr> {
    let spans: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = in_month(platform_id, class, month)
        .select_only()
        .column(event::Column::StartsAt)
        .column(event::Column::EndsAt)
        .into_tuple()
        .all(db)
        .await?;
    let mut days: Vec<NaiveDate> = spans
        .into_iter()
        .flat_map(|(starts_at, ends_at)| days_between(starts_at, ends_at))
        .filter(|day| Month::of(*day) == month)
        .collect();
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// The first `most` events of `month` still to come on `today` (running or later), by start.
pub async fn coming_in_month(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    month: Month,
    today: NaiveDate,
    most: u64,
) -> Result<Vec<event::Model>, DbErr> {
    let from = start_of(today);
    Ok(in_month(platform_id, class, month)
        .filter(running_from(from))
        .limit(most)
        .all(db)
        .await?
        .into_iter()
        .filter(|event| days(event).last().is_some_and(|last| *last >= today))
        .collect())
}

/// The events that start at `at` or later, or still run then.
fn running_from(at: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(event::Column::StartsAt.gte(at))
        .add(event::Column::EndsAt.gte(at))
}

/// The platform's events for `class` that start at `from` or later or still run then, by start,
/// `most` of them at most (a parent's calendar feed).
pub async fn running_since(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    from: DateTime<Utc>,
    most: u64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::PlatformId.eq(platform_id))
        .filter(super::audience::events_for(class))
        .filter(running_from(from))
        .order_by_asc(event::Column::StartsAt)
        .limit(most)
        .all(db)
        .await
}

/// The query of the platform's events that may cover a day of `month`, by start.
fn in_month(platform_id: i32, class: Option<&str>, month: Month) -> sea_orm::Select<event::Entity> {
    let first = month.first_day();
    event::Entity::find()
        .filter(event::Column::PlatformId.eq(platform_id))
        .filter(super::audience::events_for(class))
        .filter(event::Column::StartsAt.lt(start_of(month.next().first_day())))
        .filter(event::Column::StartsAt.gte(start_of(first) - Duration::days(LONGEST_EVENT_DAYS)))
        // Of the earlier ones, only those still running when the month begins.
        .filter(running_from(start_of(first)))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
}

/// One event of the platform; `None` for an unknown id or another school's event.
pub async fn event(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    id: i32,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find_by_id(id)
        .filter(event::Column::PlatformId.eq(platform_id))
        .filter(super::audience::events_for(class))
        .one(db)
        .await
}

/// Adds an event to the platform's calendar (staff).
pub async fn add_event(
    db: &DatabaseConnection,
    platform_code: &str,
    title: &str,
    description: Option<&str>,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    all_day: bool,
) -> anyhow::Result<event::Model> {
    if title.trim().is_empty() {
        bail!("un événement doit avoir un titre");
    }
    if ends_at.is_some_and(|end| end < starts_at) {
        bail!("un événement ne peut pas finir avant de commencer");
    }
    let platform = platforms::named(db, platform_code).await?;
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    Ok(event::ActiveModel {
        platform_id: Set(platform.id),
        title: Set(title.trim().to_owned()),
        description: Set(description.map(str::to_owned)),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        all_day: Set(all_day),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The platform's events by start, past and coming.
pub async fn list_events(
    db: &DatabaseConnection,
    platform_code: &str,
) -> anyhow::Result<Vec<event::Model>> {
    let platform = platforms::named(db, platform_code).await?;
    Ok(event::Entity::find()
        .filter(event::Column::PlatformId.eq(platform.id))
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?)
}

/// Removes an event of the platform (an id of another school is refused).
pub async fn remove_event(
    db: &DatabaseConnection,
    platform_code: &str,
    id: i32,
) -> anyhow::Result<event::Model> {
    let platform = platforms::named(db, platform_code).await?;
    let found = event::Entity::find_by_id(id)
        .filter(event::Column::PlatformId.eq(platform.id))
        .one(db)
        .await?
        .with_context(|| format!("aucun événement {id} sur la plateforme {platform_code}"))?;
    event::Entity::delete_by_id(id).exec(db).await?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn event(starts: &str, ends: Option<&str>, all_day: bool) -> event::Model {
        event::Model {
            id: 1,
            platform_id: 1,
            title: "Réunion".into(),
            description: None,
            starts_at: at(starts),
            ends_at: ends.map(at),
            all_day,
        }
    }

    #[test]
    fn a_late_evening_event_belongs_to_its_brussels_day() {
        // 23:30 UTC on the 16th is 00:30 on the 17th in Brussels (winter time).
        let late = event("2026-11-16T23:30:00Z", None, false);
        assert_eq!(
            days(&late),
            [NaiveDate::from_ymd_opt(2026, 11, 17).unwrap()]
        );
        assert_eq!(when(Locale::fr, &late), "mardi 17 novembre 2026, 00:30");
    }

    #[test]
    fn a_school_trip_covers_every_day_it_lasts() {
        let trip = event("2026-11-30T07:00:00Z", Some("2026-12-02T15:00:00Z"), true);
        assert_eq!(days(&trip).len(), 3);
    }
}
