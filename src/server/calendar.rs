//! The school's calendar: events of a month, of a day, one event; all read in Brussels time.
use super::entities::event;
use crate::{
    api::calendar::{Calendar, EventItem},
    domain::calendar::{Month, long_date, month_grid},
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Europe::Brussels, Tz};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// The longest event the calendar spreads over several days (a school year, and some).
const LONGEST_EVENT_DAYS: i64 = 400;

pub fn brussels(at: DateTime<Utc>) -> DateTime<Tz> {
    at.with_timezone(&Brussels)
}

pub fn today() -> NaiveDate {
    brussels(Utc::now()).date_naive()
}

/// Midnight in Brussels at the start of `date`, as UTC.
pub fn start_of(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Brussels
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

/// "mardi 17 novembre 2026, 14:00 – 15:30", "du lundi 2 … au vendredi 6 …", or the day alone.
pub fn when(event: &event::Model) -> String {
    let start = brussels(event.starts_at);
    let end = event.ends_at.map(brussels);
    match (event.all_day, end) {
        (true, Some(end)) if end.date_naive() > start.date_naive() => format!(
            "du {} au {}",
            long_date(start.date_naive()),
            long_date(end.date_naive())
        ),
        (true, _) => long_date(start.date_naive()),
        (false, Some(end)) if end.date_naive() == start.date_naive() => format!(
            "{}, {} – {}",
            long_date(start.date_naive()),
            start.format("%H:%M"),
            end.format("%H:%M")
        ),
        (false, Some(end)) => format!(
            "du {}, {} au {}, {}",
            long_date(start.date_naive()),
            start.format("%H:%M"),
            long_date(end.date_naive()),
            end.format("%H:%M")
        ),
        (false, None) => format!(
            "{}, {}",
            long_date(start.date_naive()),
            start.format("%H:%M")
        ),
    }
}

/// The days an event covers, in Brussels time.
pub fn days(event: &event::Model) -> Vec<NaiveDate> {
    let first = brussels(event.starts_at).date_naive();
    let last = event
        .ends_at
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
    month: Month,
) -> Result<Vec<event::Model>, DbErr> {
    let first = month.first_day();
    Ok(event::Entity::find()
        .filter(event::Column::PlatformId.eq(platform_id))
        .filter(event::Column::StartsAt.lt(start_of(month.next().first_day())))
        .filter(event::Column::StartsAt.gte(start_of(first) - Duration::days(LONGEST_EVENT_DAYS)))
        // Of the earlier ones, only those still running when the month begins.
        .filter(
            Condition::any()
                .add(event::Column::StartsAt.gte(start_of(first)))
                .add(event::Column::EndsAt.gte(start_of(first))),
        )
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|event| days(event).last().is_some_and(|last| *last >= first))
        .collect())
}

pub fn item(event: &event::Model) -> EventItem {
    EventItem {
        id: event.id,
        title: event.title.clone(),
        when: when(event),
        days: days(event).iter().map(NaiveDate::to_string).collect(),
    }
}

/// The month grid of `month` with its events, in one query.
pub async fn month_view(
    db: &DatabaseConnection,
    platform_id: i32,
    month: Month,
) -> Result<Calendar, DbErr> {
    let events = of_month(db, platform_id, month).await?;
    let marked: Vec<NaiveDate> = events.iter().flat_map(days).collect();
    Ok(Calendar {
        month: month.to_string(),
        title: month.title(),
        previous: month.previous().to_string(),
        next: month.next().to_string(),
        weeks: month_grid(month.year, month.month, today(), &marked),
        events: events.iter().map(item).collect(),
    })
}

/// One event of the platform; `None` for an unknown id or another school's event.
pub async fn event(
    db: &DatabaseConnection,
    platform_id: i32,
    id: i32,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find_by_id(id)
        .filter(event::Column::PlatformId.eq(platform_id))
        .one(db)
        .await
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
        assert_eq!(when(&late), "mardi 17 novembre 2026, 00:30");
    }

    #[test]
    fn a_school_trip_covers_every_day_it_lasts() {
        let trip = event("2026-11-30T07:00:00Z", Some("2026-12-02T15:00:00Z"), true);
        assert_eq!(days(&trip).len(), 3);
        assert_eq!(
            when(&trip),
            "du lundi 30 novembre 2026 au mercredi 2 décembre 2026"
        );
    }

    #[test]
    fn midnight_in_brussels_follows_summer_time() {
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(start_of(summer), at("2026-06-30T22:00:00Z"));
        let winter = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(start_of(winter), at("2026-11-30T23:00:00Z"));
    }
}
