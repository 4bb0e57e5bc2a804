//! Gathers the home page in a fixed, small number of queries, whatever the amount of news and events.
use super::{
    entities::{event, news, parent_slot, platform_admin, student},
    journey::{self, Standing},
    markdown,
};
use crate::{
    api::{
        AppError,
        home::{Calendar, Child, EventItem, HomeView, NewsItem, School},
    },
    domain::{
        calendar::{long_date, month_grid, month_title},
        journey::TermsStanding,
        profile::Role,
    },
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Europe::Brussels, Tz};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// How many news items the home page lists.
const HOME_NEWS: u64 = 5;

fn brussels(at: DateTime<Utc>) -> DateTime<Tz> {
    at.with_timezone(&Brussels)
}

/// Midnight in Brussels at the start of `date`, as UTC.
fn start_of(date: NaiveDate) -> DateTime<Utc> {
    Brussels
        .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .earliest()
        .map_or_else(
            || date.and_hms_opt(0, 0, 0).expect("midnight").and_utc(),
            |at| at.with_timezone(&Utc),
        )
}

fn event_when(event: &event::Model) -> String {
    let start = brussels(event.starts_at);
    let end = event.ends_at.map(brussels);
    match (event.all_day, end) {
        (true, Some(end)) if end.date_naive() > start.date_naive() => {
            format!(
                "du {} au {}",
                long_date(start.date_naive()),
                long_date(end.date_naive())
            )
        }
        (true, _) => long_date(start.date_naive()),
        (false, Some(end)) if end.date_naive() == start.date_naive() => {
            format!(
                "{}, {} – {}",
                long_date(start.date_naive()),
                start.format("%H:%M"),
                end.format("%H:%M")
            )
        }
        (false, _) => format!(
            "{}, {}",
            long_date(start.date_naive()),
            start.format("%H:%M")
        ),
    }
}

/// The days an event covers, in Brussels time.
fn event_days(event: &event::Model) -> Vec<NaiveDate> {
    let first = brussels(event.starts_at).date_naive();
    let last = event
        .ends_at
        .map_or(first, |end| brussels(end).date_naive())
        .max(first);
    first
        .iter_days()
        .take_while(|day| *day <= last)
        .take(366)
        .collect()
}

/// The home page of a parent whose journey is done (`standing` was checked by the caller).
pub async fn view(db: &DatabaseConnection, standing: Standing) -> Result<HomeView, AppError> {
    let Standing {
        account,
        child: selected,
        facts,
        ..
    } = standing;
    let school = journey::platform_of(db, &selected).await?;
    let admins = platform_admin::Entity::find()
        .filter(platform_admin::Column::PlatformId.eq(school.id))
        .order_by_asc(platform_admin::Column::Id)
        .all(db)
        .await?;

    // The children linked to this account: those whose slots it claimed.
    let child_ids: Vec<i32> = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account.id))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| slot.student_id)
        .collect();
    let children = student::Entity::find()
        .filter(student::Column::Id.is_in(child_ids))
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?;

    let news = news::Entity::find()
        .filter(news::Column::PlatformId.eq(school.id))
        .filter(news::Column::PublishedAt.lte(Utc::now()))
        .order_by_desc(news::Column::PublishedAt)
        .limit(HOME_NEWS)
        .all(db)
        .await?;

    let today = brussels(Utc::now()).date_naive();
    let first = today.with_day(1).expect("the 1st exists");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("next month exists");
    let events = event::Entity::find()
        .filter(event::Column::PlatformId.eq(school.id))
        .filter(event::Column::StartsAt.lt(start_of(next)))
        // An event that started earlier (up to a year) may still run into this month.
        .filter(event::Column::StartsAt.gte(start_of(first) - Duration::days(366)))
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .filter(|event| event_days(event).last().is_some_and(|last| *last >= first))
        .collect::<Vec<_>>();
    let marked: Vec<NaiveDate> = events.iter().flat_map(event_days).collect();

    let parent_name = format!(
        "{} {}",
        account.first_name.clone().unwrap_or_default(),
        account.last_name.clone().unwrap_or_default()
    );
    let role = account
        .role
        .as_deref()
        .and_then(Role::from_code)
        .unwrap_or(Role::Other);
    let terms_postponed = facts.terms == TermsStanding::PostponedForThisSession;
    Ok(HomeView {
        parent_relation: role
            .relation_to(&format!("{} {}", selected.last_name, selected.first_name)),
        parent_name: parent_name.trim().to_owned(),
        school: School {
            name: school.name,
            address: school.address,
            phone: school.phone,
            fax: school.fax,
            email: school.email,
            web: school.web,
            admins: admins.into_iter().map(|admin| admin.email).collect(),
        },
        children: children
            .into_iter()
            .map(|child| Child {
                id: child.id,
                selected: child.id == selected.id,
                first_name: child.first_name,
                last_name: child.last_name,
            })
            .collect(),
        news: news
            .into_iter()
            .map(|item| NewsItem {
                id: item.id,
                published: brussels(item.published_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                html: markdown::to_safe_html(&item.body_markdown),
                title: item.title,
            })
            .collect(),
        calendar: Calendar {
            title: month_title(first.year(), first.month()),
            weeks: month_grid(first.year(), first.month(), today, &marked),
            events: events
                .iter()
                .map(|event| EventItem {
                    id: event.id,
                    title: event.title.clone(),
                    when: event_when(event),
                })
                .collect(),
        },
        unconfirmed_email: account
            .email
            .clone()
            .filter(|_| account.email_confirmed_at.is_none()),
        terms_postponed,
    })
}
