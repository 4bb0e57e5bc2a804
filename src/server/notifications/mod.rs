//! Notifications: what a parent is told of (a message, the school's news and events for their
//! child, terms to accept), listed on their Notifications page with a counter, and delivered by
//! [`notifier`] as the parent chose: at once, in the morning's digest, or not at all, never during
//! their quiet hours unless urgent. A notification is written in the transaction of what caused it,
//! so that one exists exactly when its cause does.
pub mod notifier;
pub mod preferences;

pub use preferences::{
    Settings, preferences, save_settings, set_preference, settings, unsubscribe,
};

use super::entities::{notification, parent_slot};
use crate::domain::notifications::Kind;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};

/// How many notifications the page lists (the newest).
pub const SHOWN: u64 = 50;

/// Something to tell a parent.
#[derive(Debug, Clone)]
pub struct Notice {
    pub account_id: i32,
    pub student_id: Option<i32>,
    pub kind: Kind,
    pub title: String,
    /// The page it leads to.
    pub link: String,
    pub urgent: bool,
}

/// How many notices one statement writes: a school's every parent would pass SQLite's limit of
/// bound values in one.
const PER_STATEMENT: usize = 500;

/// Writes notices, in `db`'s transaction if it is one.
pub async fn notify(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    notices: Vec<Notice>,
) -> Result<(), DbErr> {
    for chunk in notices.chunks(PER_STATEMENT) {
        let rows = chunk.iter().map(|n| notification::ActiveModel {
            account_id: Set(n.account_id),
            student_id: Set(n.student_id),
            kind: Set(n.kind.code().to_owned()),
            title: Set(n.title.clone()),
            link: Set(n.link.clone()),
            urgent: Set(n.urgent),
            created_at: Set(now),
            deliver_after: Set(now),
            deferred: Set(false),
            ..Default::default()
        });
        notification::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Tells every parent who holds a letter of one of `students` (once per parent, about the first
/// of their children among them). Returns how many were told.
pub async fn tell_parents_of(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    students: Vec<i32>,
    kind: Kind,
    title: &str,
    link: &str,
) -> Result<usize, DbErr> {
    let slots: Vec<(i32, Option<i32>)> = parent_slot::Entity::find()
        .select_only()
        .column(parent_slot::Column::StudentId)
        .column(parent_slot::Column::AccountId)
        .filter(parent_slot::Column::StudentId.is_in(students))
        .filter(parent_slot::Column::AccountId.is_not_null())
        .order_by_asc(parent_slot::Column::StudentId)
        .into_tuple()
        .all(db)
        .await?;
    let mut told = std::collections::HashSet::new();
    let notices: Vec<Notice> = slots
        .into_iter()
        .filter_map(|(student, account)| {
            let account = account?;
            told.insert(account).then(|| Notice {
                account_id: account,
                student_id: Some(student),
                kind,
                title: title.to_owned(),
                link: link.to_owned(),
                urgent: false,
            })
        })
        .collect();
    let count = notices.len();
    notify(db, now, notices).await?;
    Ok(count)
}

/// A parent's newest notifications.
pub async fn latest(
    db: &impl ConnectionTrait,
    account: i32,
) -> Result<Vec<notification::Model>, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .order_by_desc(notification::Column::Id)
        .limit(SHOWN)
        .all(db)
        .await
}

/// How many of a parent's notifications they have not seen (the navigation's counter).
pub async fn unseen(db: &impl ConnectionTrait, account: i32) -> Result<u64, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .filter(notification::Column::SeenAt.is_null())
        .count(db)
        .await
}

/// The parent has seen their notifications (the page was shown).
pub async fn mark_seen(
    db: &impl ConnectionTrait,
    account: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    notification::Entity::update_many()
        .col_expr(notification::Column::SeenAt, Expr::value(now))
        .filter(notification::Column::AccountId.eq(account))
        .filter(notification::Column::SeenAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
