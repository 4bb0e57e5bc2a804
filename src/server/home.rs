//! Gathers the home page in a fixed, small number of queries, whatever the amount of news, events
//! and courses: the children and their schools, the selected child's among them (1), the selected
//! child's courses (1), and what the school's pages share (its administrators, news and events),
//! from the school's cache or in four more queries.
use super::{
    children::{self, LinkedChild},
    clock::Clock,
    courses,
    entities::{course, platform},
    error::ServiceResult,
    journey::Standing,
    lookups,
    school_cache::{SchoolCache, SchoolShare},
};
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// What the home page shows, as rows.
pub struct Home {
    pub school: platform::Model,
    pub children: Vec<LinkedChild>,
    pub courses: Vec<course::Model>,
    /// Today in Brussels.
    pub today: NaiveDate,
    /// The administrators, news and this month's events of the child's school and class.
    pub shared: Arc<SchoolShare>,
}

/// The home page of a parent whose journey is done (`standing` was checked by the caller).
pub async fn gather(
    db: &DatabaseConnection,
    clock: &Clock,
    cache: &SchoolCache,
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
    let class = selected.class_name.as_deref();
    Ok(Home {
        shared: cache
            .share(db, clock, school.id, class, standing.school_revision)
            .await?,
        children,
        courses: courses::of_child(db, selected.id).await?,
        today: clock.today(),
        school,
    })
}
