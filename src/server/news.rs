//! The school's news ("Actualités"): newest first, by pages, and one item at a time. An item
//! dated in the future stays hidden until then.
use super::{entities::news, platforms};
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

/// Items per page of the news list.
pub const PER_PAGE: u64 = 10;

/// The platform's items published by `now` for a child of `class`, newest first.
fn published(platform_id: i32, class: Option<&str>, now: DateTime<Utc>) -> Select<news::Entity> {
    news::Entity::find()
        .filter(news::Column::PlatformId.eq(platform_id))
        .filter(super::audience::news_for(class))
        .filter(news::Column::PublishedAt.lte(now))
        .order_by_desc(news::Column::PublishedAt)
        .order_by_desc(news::Column::Id)
}

/// One page of the news list.
pub struct Page {
    pub items: Vec<news::Model>,
    /// From 1, within the pages that exist (the last one for a number past the end).
    pub number: u64,
    /// How many pages there are.
    pub count: u64,
}

/// The `wanted`-th page (from 1) of [`PER_PAGE`] items: one count, one fetch.
pub async fn page(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    now: DateTime<Utc>,
    wanted: u64,
) -> Result<Page, DbErr> {
    let pages = published(platform_id, class, now).paginate(db, PER_PAGE);
    let count = pages.num_pages().await?;
    let number = wanted.clamp(1, count.max(1));
    let items = pages.fetch_page(number - 1).await?;
    Ok(Page {
        items,
        number,
        count,
    })
}

/// The latest `limit` items, without counting the rest (the home page).
pub async fn latest(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<news::Model>, DbErr> {
    published(platform_id, class, now)
        .limit(limit)
        .all(db)
        .await
}

/// One published item of the platform; `None` for an unknown id or another school's item.
pub async fn item(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    now: DateTime<Utc>,
    id: i32,
) -> Result<Option<news::Model>, DbErr> {
    published(platform_id, class, now)
        .filter(news::Column::Id.eq(id))
        .one(db)
        .await
}

/// Adds a news item (staff); a later `published_at` schedules it.
pub async fn add(
    db: &DatabaseConnection,
    platform_code: &str,
    title: &str,
    body: &str,
    published_at: Option<DateTime<Utc>>,
) -> anyhow::Result<news::Model> {
    if title.trim().is_empty() {
        bail!("une actualité doit avoir un titre");
    }
    let platform = platforms::named(db, platform_code).await?;
    let now = Utc::now();
    let published_at = published_at.unwrap_or(now);
    // Out now: its parents are told with it; at a later date, by the notifier then.
    let out_now = published_at <= now;
    let txn = super::db::write_transaction(db).await?;
    let item = news::ActiveModel {
        platform_id: Set(platform.id),
        title: Set(title.trim().to_owned()),
        body_markdown: Set(body.to_owned()),
        published_at: Set(published_at),
        notified_at: Set(out_now.then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if out_now {
        super::notifications::notifier::tell_news(&txn, now, &item).await?;
    }
    txn.commit().await?;
    Ok(item)
}

/// The platform's news, newest first, published or scheduled (staff).
pub async fn list_all(
    db: &DatabaseConnection,
    platform_code: &str,
) -> anyhow::Result<Vec<news::Model>> {
    let platform = platforms::named(db, platform_code).await?;
    Ok(news::Entity::find()
        .filter(news::Column::PlatformId.eq(platform.id))
        .order_by_desc(news::Column::PublishedAt)
        .all(db)
        .await?)
}

/// Removes a news item of the platform (an id of another school is refused).
pub async fn remove(
    db: &DatabaseConnection,
    platform_code: &str,
    id: i32,
) -> anyhow::Result<news::Model> {
    let platform = platforms::named(db, platform_code).await?;
    let item = news::Entity::find_by_id(id)
        .filter(news::Column::PlatformId.eq(platform.id))
        .one(db)
        .await?
        .with_context(|| format!("aucune actualité {id} sur la plateforme {platform_code}"))?;
    news::Entity::delete_by_id(id).exec(db).await?;
    Ok(item)
}
