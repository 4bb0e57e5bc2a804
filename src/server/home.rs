//! Gathers the home page in a fixed, small number of queries, whatever the amount of news, events
//! and courses: the school and its administrators (2), the children and their schools (3), the
//! selected child's courses (2), the latest news (1) and this month's events (1).
use super::{
    calendar, children, courses,
    entities::platform_admin,
    journey::{self, Standing},
    news,
};
use crate::{
    api::{
        AppError,
        courses::course_items,
        home::{Child, HomeView, School},
        news::summary,
    },
    domain::{calendar::Month, journey::TermsStanding, profile::Role},
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// How many news items the home page lists.
const HOME_NEWS: u64 = 5;
/// How many of this month's coming events the home page lists under its grid.
const HOME_EVENTS: usize = 8;

/// "En cas de problèmes": the addresses of the platform's administrators, first named first.
pub async fn admins_of(db: &DatabaseConnection, platform_id: i32) -> Result<Vec<String>, DbErr> {
    Ok(platform_admin::Entity::find()
        .filter(platform_admin::Column::PlatformId.eq(platform_id))
        .order_by_asc(platform_admin::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|admin| admin.email)
        .collect())
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
    let admins = admins_of(db, school.id).await?;
    let children = children::linked_children(db, account.id).await?;
    let courses = courses::of_child(db, selected.id).await?;
    let news = news::latest(db, school.id, HOME_NEWS).await?;
    let today = calendar::today();
    let mut calendar = calendar::month_view(db, school.id, Month::of(today)).await?;
    // The grid marks every day with events; the list keeps only what is still to come.
    let today = today.to_string();
    calendar
        .events
        .retain(|event| event.days.last().is_some_and(|last| *last >= today));
    calendar.events.truncate(HOME_EVENTS);

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
            admins,
        },
        children: children
            .into_iter()
            .map(|linked| Child {
                id: linked.child.id,
                selected: linked.child.id == selected.id,
                first_name: linked.child.first_name,
                last_name: linked.child.last_name,
            })
            .collect(),
        courses: course_items(courses),
        news: news.iter().map(summary).collect(),
        calendar,
        unconfirmed_email: account
            .email
            .clone()
            .filter(|_| account.email_confirmed_at.is_none()),
        terms_postponed: facts.terms == TermsStanding::PostponedForThisSession,
    })
}
