//! "Agenda sur votre téléphone": each parent's secret calendar address, and what it serves. The
//! address holds 256 random bits and nothing else, so it names nobody; making a new one stops the
//! old at once. It serves the events of every school and class of the parent's confirmed
//! children, from a year back.
use super::{
    calendar,
    children::linked_children,
    entities::{calendar_feed, event},
    tokens,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

/// How far back the feed goes: the school year, and the one before for reference.
const PAST: Duration = Duration::days(365);
/// At most this many events per school and class (a school adds a few hundred a year).
const MOST_EVENTS: u64 = 2_000;

/// The account's token, made on first use.
pub async fn token(
    db: &DatabaseConnection,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    if let Some(feed) = calendar_feed::Entity::find_by_id(account_id)
        .one(db)
        .await?
    {
        return Ok(feed.token);
    }
    let made = tokens::generate();
    // Two tabs asking at once: the first one's token stays, and both show it.
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        account_id: Set(account_id),
        token: Set(made),
        created_at: Set(now),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    calendar_feed::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .map(|feed| feed.token)
        .ok_or_else(|| DbErr::RecordNotFound("calendar feed".into()))
}

/// A new token for the account; the old one opens nothing from now on.
pub async fn renew(
    db: &DatabaseConnection,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let made = tokens::generate();
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        account_id: Set(account_id),
        token: Set(made.clone()),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_feed::Column::AccountId)
            .update_columns([
                calendar_feed::Column::Token,
                calendar_feed::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(made)
}

/// What a feed shows: its calendar's name (the schools') and its events, by start.
pub struct Feed {
    pub name: String,
    pub events: Vec<event::Model>,
}

/// The feed of `token`; `None` when no parent holds it (any more).
pub async fn feed(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Feed>, DbErr> {
    let Some(owner) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let children = linked_children(db, owner.account_id).await?;
    let mut schools: Vec<String> = Vec::new();
    let mut events: Vec<event::Model> = Vec::new();
    let mut audiences: Vec<(i32, Option<String>)> = Vec::new();
    for linked in children.iter().filter(|linked| linked.confirmed) {
        if !schools.contains(&linked.school.name) {
            schools.push(linked.school.name.clone());
        }
        let audience = (linked.school.id, linked.child.class_name.clone());
        if audiences.contains(&audience) {
            continue;
        }
        let (platform_id, class) = (audience.0, audience.1.as_deref());
        events.extend(
            calendar::running_since(db, platform_id, class, now - PAST, MOST_EVENTS).await?,
        );
        audiences.push(audience);
    }
    // Two children in one school share its school-wide events: each once.
    events.sort_by_key(|event| (event.starts_at, event.id));
    events.dedup_by_key(|event| event.id);
    Ok(Some(Feed {
        name: format!("Cartable · {}", schools.join(" · ")),
        events,
    }))
}
