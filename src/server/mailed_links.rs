//! Single-use links mailed to a parent: confirming an e-mail address, choosing a new password.
//! Only the token's SHA-256 is stored, so a copy of the database opens nothing; a link works once,
//! before it expires, and two clicks racing on one link use it once.
use super::{
    entities::mailed_link::{self, Purpose},
    error::{ServiceError, ServiceResult},
    tokens,
};
use crate::domain::limits;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, Set, sea_query::Expr,
};

/// A new link for `account_id`, returning the token to mail. A new confirmation link replaces the
/// account's earlier ones, in one transaction: only the address asked last may be confirmed.
pub async fn issue(
    db: &DatabaseConnection,
    purpose: Purpose,
    account_id: i32,
    email: Option<&str>,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> Result<String, DbErr> {
    let txn = crate::server::db::write_transaction(db).await?;
    if purpose == Purpose::EmailConfirmation {
        mailed_link::Entity::delete_many()
            .filter(mailed_link::Column::Purpose.eq(purpose))
            .filter(mailed_link::Column::AccountId.eq(account_id))
            .filter(mailed_link::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
    }
    let token = tokens::generate();
    mailed_link::ActiveModel {
        purpose: Set(purpose),
        account_id: Set(account_id),
        email: Set(email.map(str::to_owned)),
        token_hash: Set(tokens::digest(&token)),
        expires_at: Set(now + lifetime),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The link `token` names, if it may still be used at `now`.
pub async fn usable(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<mailed_link::Model> {
    if token.is_empty() || token.chars().count() > limits::TOKEN {
        return Err(ServiceError::LinkInvalid(purpose));
    }
    let link = mailed_link::Entity::find()
        .filter(mailed_link::Column::Purpose.eq(purpose))
        .filter(mailed_link::Column::TokenHash.eq(tokens::digest(token)))
        .filter(mailed_link::Column::UsedAt.is_null())
        .one(db)
        .await?
        .ok_or(ServiceError::LinkInvalid(purpose))?;
    if now >= link.expires_at {
        return Err(ServiceError::LinkExpired(purpose));
    }
    Ok(link)
}

/// Uses `link` up, only if nobody did in the meantime: of two racing clicks, one gets
/// `LinkInvalid`.
pub async fn redeem(
    db: &impl ConnectionTrait,
    link: &mailed_link::Model,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let used = mailed_link::Entity::update_many()
        .col_expr(mailed_link::Column::UsedAt, Expr::value(now))
        .filter(mailed_link::Column::Id.eq(link.id))
        .filter(mailed_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if used.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::LinkInvalid(link.purpose))
    }
}

/// Uses up every link of `purpose` the account still has: once a password is reset or changed,
/// no other reset link mailed before may change it again.
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mailed_link::Entity::update_many()
        .col_expr(mailed_link::Column::UsedAt, Expr::value(now))
        .filter(mailed_link::Column::Purpose.eq(purpose))
        .filter(mailed_link::Column::AccountId.eq(account_id))
        .filter(mailed_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The address a waiting confirmation link of `account_id` would confirm, if any.
pub async fn waiting_address(
    db: &impl ConnectionTrait,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let waiting = mailed_link::Entity::find()
        .filter(mailed_link::Column::Purpose.eq(Purpose::EmailConfirmation))
        .filter(mailed_link::Column::AccountId.eq(account_id))
        .filter(mailed_link::Column::UsedAt.is_null())
        .filter(mailed_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    Ok(waiting.and_then(|link| link.email))
}

/// The links that can no longer be used at `now`, whatever their token: used, or expired. The purge
/// deletes them ([`usable`] refuses them either way).
pub fn spent(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(mailed_link::Column::UsedAt.is_not_null())
        .add(mailed_link::Column::ExpiresAt.lte(now))
}
