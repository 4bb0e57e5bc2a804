//! News written in the staff area: for the whole school (administrators) or chosen classes (a
//! teacher: only classes of their courses), published now or at a date, listed and removed.
use super::{Caller, access};
use crate::server::{
    audience,
    entities::news,
    error::{ServiceError, ServiceResult},
    notifications::notifier,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// A news item as staff write it.
pub struct Draft {
    pub title: String,
    pub body_markdown: String,
    /// None: the whole school.
    pub classes: Vec<String>,
    /// None: now.
    pub published_at: Option<DateTime<Utc>>,
}

/// Publishes (or schedules) a news item.
pub async fn publish(
    db: &DatabaseConnection,
    caller: &Caller,
    draft: Draft,
    now: DateTime<Utc>,
) -> ServiceResult<news::Model> {
    access::require_classes(db, caller, &draft.classes).await?;
    if draft.title.trim().is_empty() {
        return Err(ServiceError::TitleMissing);
    }
    let txn = crate::server::db::write_transaction(db).await?;
    let published_at = draft.published_at.unwrap_or(now);
    // Out now: its parents are told with it; at a later date, by the notifier then.
    let out_now = published_at <= now;
    let item = news::ActiveModel {
        platform_id: Set(caller.platform_id),
        title: Set(draft.title.trim().to_owned()),
        body_markdown: Set(draft.body_markdown),
        published_at: Set(published_at),
        notified_at: Set(out_now.then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audience::set_news_classes(&txn, item.id, &draft.classes).await?;
    if out_now {
        notifier::tell_news(&txn, now, &item).await?;
    }
    txn.commit().await?;
    Ok(item)
}

/// The school's news the caller may manage, newest first, with their classes: every item for an
/// administrator; for a teacher, those meant only for their classes.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
) -> ServiceResult<Vec<(news::Model, Vec<String>)>> {
    let items = news::Entity::find()
        .filter(news::Column::PlatformId.eq(caller.platform_id))
        .order_by_desc(news::Column::PublishedAt)
        .order_by_desc(news::Column::Id)
        .all(db)
        .await?;
    let mut classes = audience::classes_of_news(db, items.iter().map(|i| i.id).collect()).await?;
    let managed = access::managed(db, caller).await?;
    Ok(items
        .into_iter()
        .map(|item| {
            let for_classes = classes.remove(&item.id).unwrap_or_default();
            (item, for_classes)
        })
        .filter(|(_, for_classes)| managed.covers(for_classes))
        .collect())
}

/// Removes a news item the caller manages; another school's item, or a teacher's attempt on an
/// item for the whole school or another class, is refused alike.
pub async fn remove(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<news::Model> {
    let item = news::Entity::find_by_id(id)
        .filter(news::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let classes = audience::classes_of_news(db, vec![id]).await?;
    let for_classes = classes.get(&id).cloned().unwrap_or_default();
    if !access::managed(db, caller).await?.covers(&for_classes) {
        return Err(ServiceError::Forbidden);
    }
    news::Entity::delete_by_id(id).exec(db).await?;
    Ok(item)
}
