//! Gathers the home page in a fixed, small number of queries, whatever the amount of news, events
//! and courses: the children and their schools, the selected child's among them (1), the school's
//! administrators (1), the selected child's courses (2), the latest news (1), the days of this
//! month that have events (1, their times alone) and the first 8 of them to come (1).
use super::{
    calendar,
    children::{self, LinkedChild},
    clock::Clock,
    courses,
    entities::{course, event, news, platform},
    error::ServiceResult,
    journey::Standing,
    lookups,
};
use crate::domain::calendar::Month;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

/// How many news items the home page lists.
const HOME_NEWS: u64 = 5;
/// How many of this month's coming events the home page lists under its grid.
const HOME_EVENTS: u64 = 8;

/// What the home page shows, as rows.
pub struct Home {
    pub school: platform::Model,
    /// "En cas de problèmes": the platform administrators' addresses.
    pub admins: Vec<String>,
    pub children: Vec<LinkedChild>,
    pub courses: Vec<course::Model>,
    pub news: Vec<news::Model>,
    /// Today in Brussels, the days of its month that have events, and the first of those to come.
    pub today: NaiveDate,
    pub marked: Vec<NaiveDate>,
    pub coming: Vec<event::Model>,
}

/// The home page of a parent whose journey is done (`standing` was checked by the caller).
pub async fn gather(
    db: &DatabaseConnection,
    clock: &Clock,
    standing: &Standing,
) -> ServiceResult<Home> {
    let selected = &standing.child;
    let children = children::linked_children(db, standing.account.id).await?;
    // The selected child's school came with the children; it is read again only if the child
    // was unlinked in between.
    let school = match children
        .iter()
        .find(|linked| linked.child.id == selected.id)
    {
        Some(linked) => linked.school.clone(),
        None => lookups::platform_of(db, selected).await?,
    };
    let today = clock.today();
    let class = selected.class_name.as_deref();
    Ok(Home {
        admins: lookups::admins_of(db, school.id).await?,
        children,
        courses: courses::of_child(db, selected.id).await?,
        news: super::news::latest(db, school.id, class, clock.now(), HOME_NEWS).await?,
        marked: calendar::marked_days(db, school.id, class, Month::of(today)).await?,
        coming: calendar::coming_in_month(
            db,
            school.id,
            class,
            Month::of(today),
            today,
            HOME_EVENTS,
        )
        .await?,
        today,
        school,
    })
}
