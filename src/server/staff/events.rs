//! Events of the calendar written in the staff area: all-day or timed, over one day or several,
//! for the whole school (administrators) or chosen classes (a teacher: their courses' classes).
use super::{Caller, access};
use crate::server::{
    audience,
    entities::event,
    error::{ServiceError, ServiceResult},
    notifications::{self, notifier},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub struct Draft {
    pub title: String,
    pub description: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub all_day: bool,
    pub classes: Vec<String>,
}

pub async fn add(
    db: &DatabaseConnection,
    caller: &Caller,
    draft: Draft,
    now: DateTime<Utc>,
) -> ServiceResult<event::Model> {
    access::require_classes(db, caller, &draft.classes).await?;
    if draft.title.trim().is_empty() {
        return Err(ServiceError::TitleMissing);
    }
    if draft.ends_at.is_some_and(|end| end < draft.starts_at) {
        return Err(ServiceError::EndsBeforeStart);
    }
    let description = draft
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let txn = crate::server::db::write_transaction(db).await?;
    let created = event::ActiveModel {
        platform_id: Set(caller.platform_id),
        title: Set(draft.title.trim().to_owned()),
        description: Set(description.map(str::to_owned)),
        starts_at: Set(draft.starts_at),
        ends_at: Set(draft.ends_at),
        all_day: Set(draft.all_day),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audience::set_event_classes(&txn, created.id, &draft.classes).await?;
    let students = notifier::students_of(&txn, caller.platform_id, &draft.classes).await?;
    let link = crate::domain::routes::event(created.id);
    let kind = crate::domain::notifications::Kind::Event;
    notifications::tell_parents_of(&txn, now, students, kind, &created.title, &link).await?;
    txn.commit().await?;
    Ok(created)
}

/// The school's events from `since` on, by start, with their classes (a teacher: only those for
/// their classes).
pub async fn coming(
    db: &DatabaseConnection,
    caller: &Caller,
    since: DateTime<Utc>,
) -> ServiceResult<Vec<(event::Model, Vec<String>)>> {
    let events = event::Entity::find()
        .filter(event::Column::PlatformId.eq(caller.platform_id))
        .filter(
            sea_orm::Condition::any()
                .add(event::Column::StartsAt.gte(since))
                .add(event::Column::EndsAt.gte(since)),
        )
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?;
    let mut classes =
        audience::classes_of_events(db, events.iter().map(|e| e.id).collect()).await?;
    let managed = access::managed(db, caller).await?;
    Ok(events
        .into_iter()
        .map(|e| {
            let for_classes = classes.remove(&e.id).unwrap_or_default();
            (e, for_classes)
        })
        .filter(|(_, for_classes)| managed.covers(for_classes))
        .collect())
}

pub async fn remove(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<event::Model> {
    let found = event::Entity::find_by_id(id)
        .filter(event::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let classes = audience::classes_of_events(db, vec![id]).await?;
    let for_classes = classes.get(&id).cloned().unwrap_or_default();
    if !access::managed(db, caller).await?.covers(&for_classes) {
        return Err(ServiceError::Forbidden);
    }
    event::Entity::delete_by_id(id).exec(db).await?;
    Ok(found)
}
