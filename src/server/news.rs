//! The school's news ("Actualités"): newest first, by pages, and one item at a time. An item
//! dated in the future stays hidden until then.
use super::entities::news;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Select,
};

/// Items per page of the news list.
pub const PER_PAGE: u64 = 10;

fn published(platform_id: i32) -> Select<news::Entity> {
    news::Entity::find()
        .filter(news::Column::PlatformId.eq(platform_id))
        .filter(news::Column::PublishedAt.lte(Utc::now()))
}

/// One page of the news list.
pub struct Page {
    pub items: Vec<news::Model>,
    /// From 1, within the pages that exist (the last one for a number past the end).
    pub number: u64,
    /// How many pages there are.
    pub count: u64,
}

/// The `wanted`-th page (from 1) of `per_page` items: one count, one fetch.
pub async fn page(
    db: &DatabaseConnection,
    platform_id: i32,
    wanted: u64,
    per_page: u64,
) -> Result<Page, DbErr> {
    let pages = published(platform_id)
        .order_by_desc(news::Column::PublishedAt)
        .order_by_desc(news::Column::Id)
        .paginate(db, per_page);
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
    limit: u64,
) -> Result<Vec<news::Model>, DbErr> {
    use sea_orm::QuerySelect;
    published(platform_id)
        .order_by_desc(news::Column::PublishedAt)
        .order_by_desc(news::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// One published item of the platform; `None` for an unknown id or another school's item.
pub async fn item(
    db: &DatabaseConnection,
    platform_id: i32,
    id: i32,
) -> Result<Option<news::Model>, DbErr> {
    published(platform_id)
        .filter(news::Column::Id.eq(id))
        .one(db)
        .await
}
