//! What each parent chose: per child and kind, at once, in the digest or not at all; for all their
//! notifications, mail and push on or off and their quiet hours. Nothing is stored until they choose: the
//! defaults of `domain::notifications` stand in. The one-click unsubscribe of a mail (RFC 8058)
//! turns its kind off for every child.
use crate::{
    domain::notifications::{Delivery, Kind, QuietHours},
    server::{
        entities::{notification_preference as preference, notification_setting, parent_slot},
        error::{ServiceError, ServiceResult},
        tokens,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, sea_query::OnConflict,
};
use std::collections::HashMap;

/// A parent's settings for all their notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub by_mail: bool,
    /// Web push to the devices that allowed it.
    pub by_push: bool,
    pub quiet: QuietHours,
    /// Names the parent in their mails' unsubscribe links.
    pub unsubscribe_token: String,
}

/// The parent's settings, written with the defaults the first time they are asked for (their
/// unsubscribe token must exist before their first mail).
pub async fn settings(db: &impl ConnectionTrait, account: i32) -> Result<Settings, DbErr> {
    if let Some(found) = notification_setting::Entity::find_by_id(account)
        .one(db)
        .await?
    {
        return Ok(of_row(found));
    }
    let quiet = QuietHours::default();
    let row = notification_setting::ActiveModel {
        account_id: Set(account),
        by_mail: Set(true),
        by_push: Set(true),
        quiet_from: Set(quiet.from as i32),
        quiet_until: Set(quiet.until as i32),
        unsubscribe_token: Set(tokens::generate()),
    };
    // Two first requests at once: one writes, both read what was written.
    notification_setting::Entity::insert(row)
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    let written = notification_setting::Entity::find_by_id(account)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("notification settings".into()))?;
    Ok(of_row(written))
}

fn of_row(row: notification_setting::Model) -> Settings {
    Settings {
        by_mail: row.by_mail,
        by_push: row.by_push,
        quiet: QuietHours {
            from: u32::try_from(row.quiet_from).unwrap_or_default(),
            until: u32::try_from(row.quiet_until).unwrap_or_default(),
        },
        unsubscribe_token: row.unsubscribe_token,
    }
}

/// Saves mail and push on or off, and the quiet hours.
pub async fn save_settings(
    db: &impl ConnectionTrait,
    account: i32,
    (by_mail, by_push): (bool, bool),
    quiet: QuietHours,
) -> Result<(), DbErr> {
    settings(db, account).await?;
    let mut row = notification_setting::Entity::find_by_id(account)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("notification settings".into()))?
        .into_active_model();
    row.by_mail = Set(by_mail);
    row.by_push = Set(by_push);
    row.quiet_from = Set(quiet.from as i32);
    row.quiet_until = Set(quiet.until as i32);
    row.update(db).await?;
    Ok(())
}

/// The deliveries a parent chose, by child and kind (absent: the kind's default).
pub async fn preferences(
    db: &impl ConnectionTrait,
    account: i32,
) -> Result<HashMap<(i32, Kind), Delivery>, DbErr> {
    Ok(preference::Entity::find()
        .filter(preference::Column::AccountId.eq(account))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            let kind = Kind::parse(&row.kind)?;
            Some(((row.student_id, kind), Delivery::parse(&row.delivery)?))
        })
        .collect())
}

/// Chooses how one kind about one child reaches the parent; a child not theirs is refused.
pub async fn set_preference(
    db: &impl ConnectionTrait,
    account: i32,
    student: i32,
    kind: Kind,
    delivery: Delivery,
) -> ServiceResult<()> {
    let holds = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account))
        .filter(parent_slot::Column::StudentId.eq(student))
        .one(db)
        .await?;
    if holds.is_none() {
        return Err(ServiceError::Forbidden);
    }
    upsert(db, account, student, kind, delivery).await?;
    Ok(())
}

async fn upsert(
    db: &impl ConnectionTrait,
    account: i32,
    student: i32,
    kind: Kind,
    delivery: Delivery,
) -> Result<(), DbErr> {
    let row = preference::ActiveModel {
        account_id: Set(account),
        student_id: Set(student),
        kind: Set(kind.code().to_owned()),
        delivery: Set(delivery.code().to_owned()),
    };
    preference::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                preference::Column::AccountId,
                preference::Column::StudentId,
                preference::Column::Kind,
            ])
            .update_column(preference::Column::Delivery)
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The one-click unsubscribe of a mail: `kind` off for every child of the parent the token names.
/// Returns whether the token named someone.
pub async fn unsubscribe(
    db: &impl ConnectionTrait,
    token: &str,
    kind: Kind,
) -> Result<bool, DbErr> {
    let found = notification_setting::Entity::find()
        .filter(notification_setting::Column::UnsubscribeToken.eq(token))
        .one(db)
        .await?;
    let Some(found) = found else {
        return Ok(false);
    };
    let children: Vec<i32> = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(found.account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|slot| slot.student_id)
        .collect();
    for child in children {
        upsert(db, found.account_id, child, kind, Delivery::Off).await?;
    }
    Ok(true)
}
