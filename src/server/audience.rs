//! Who a news item or an event is for: the whole school (no class listed), or the classes listed.
//! A parent sees an item for the whole school and those for the class of the child shown.
use super::entities::{event, event_class, news, news_class};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::Query,
};
use std::collections::HashMap;

/// The news a child of `class` sees (all for the whole school; none of a class's without one).
pub fn news_for(class: Option<&str>) -> Condition {
    let targeted = Query::select()
        .column(news_class::Column::NewsId)
        .from(news_class::Entity)
        .to_owned();
    let mut seen = Condition::any().add(news::Column::Id.not_in_subquery(targeted));
    if let Some(class) = class {
        let for_class = Query::select()
            .column(news_class::Column::NewsId)
            .from(news_class::Entity)
            .and_where(news_class::Column::ClassName.eq(class))
            .to_owned();
        seen = seen.add(news::Column::Id.in_subquery(for_class));
    }
    seen
}

/// The events a child of `class` sees.
pub fn events_for(class: Option<&str>) -> Condition {
    let targeted = Query::select()
        .column(event_class::Column::EventId)
        .from(event_class::Entity)
        .to_owned();
    let mut seen = Condition::any().add(event::Column::Id.not_in_subquery(targeted));
    if let Some(class) = class {
        let for_class = Query::select()
            .column(event_class::Column::EventId)
            .from(event_class::Entity)
            .and_where(event_class::Column::ClassName.eq(class))
            .to_owned();
        seen = seen.add(event::Column::Id.in_subquery(for_class));
    }
    seen
}

/// Lists the classes a news item is for.
pub async fn set_news_classes(
    db: &impl ConnectionTrait,
    news_id: i32,
    classes: &[String],
) -> Result<(), DbErr> {
    if classes.is_empty() {
        return Ok(());
    }
    news_class::Entity::insert_many(classes.iter().map(|class| news_class::ActiveModel {
        news_id: Set(news_id),
        class_name: Set(class.clone()),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Lists the classes an event is for.
pub async fn set_event_classes(
    db: &impl ConnectionTrait,
    event_id: i32,
    classes: &[String],
) -> Result<(), DbErr> {
    if classes.is_empty() {
        return Ok(());
    }
    event_class::Entity::insert_many(classes.iter().map(|class| event_class::ActiveModel {
        event_id: Set(event_id),
        class_name: Set(class.clone()),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// The classes of each of `ids`' news items (absent: the whole school).
pub async fn classes_of_news(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut classes: HashMap<i32, Vec<String>> = HashMap::new();
    for row in news_class::Entity::find()
        .filter(news_class::Column::NewsId.is_in(ids))
        .all(db)
        .await?
    {
        classes.entry(row.news_id).or_default().push(row.class_name);
    }
    Ok(classes)
}

/// The classes of each of `ids`' events (absent: the whole school).
pub async fn classes_of_events(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut classes: HashMap<i32, Vec<String>> = HashMap::new();
    for row in event_class::Entity::find()
        .filter(event_class::Column::EventId.is_in(ids))
        .all(db)
        .await?
    {
        classes
            .entry(row.event_id)
            .or_default()
            .push(row.class_name);
    }
    Ok(classes)
}
