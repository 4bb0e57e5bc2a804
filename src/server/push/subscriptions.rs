//! The devices a parent allowed to be told on. A browser has one subscription: when another parent
//! subscribes on it, it becomes theirs (the last to sign in and allow it is told there).
use crate::server::{
    entities::push_subscription,
    error::{ServiceError, ServiceResult},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

/// The most devices one parent keeps: a new one beyond it replaces the oldest.
const MOST: usize = 10;

/// What a browser's `PushSubscription` gives.
pub struct Subscription<'a> {
    pub endpoint: &'a str,
    /// base64url of the browser's P-256 public key (65 bytes, uncompressed).
    pub p256dh: &'a str,
    /// base64url of its 16-byte secret.
    pub auth: &'a str,
}

impl Subscription<'_> {
    /// Whether its keys are what a browser makes: a point on P-256 and a 16-byte secret.
    fn keys_valid(&self) -> bool {
        let point = URL_SAFE_NO_PAD.decode(self.p256dh.trim_end_matches('='));
        let secret = URL_SAFE_NO_PAD.decode(self.auth.trim_end_matches('='));
        matches!((point, secret), (Ok(point), Ok(secret))
            if secret.len() == 16
                && point.len() == 65
                && web_push_native::p256::PublicKey::from_sec1_bytes(&point).is_ok())
    }
}

/// Keeps a browser's subscription for `account`, whose endpoint the caller checked.
pub async fn save(
    db: &impl ConnectionTrait,
    account: i32,
    subscription: Subscription<'_>,
    device: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if !subscription.keys_valid() {
        return Err(ServiceError::Forbidden);
    }
    let existing = push_subscription::Entity::find()
        .filter(push_subscription::Column::Endpoint.eq(subscription.endpoint))
        .one(db)
        .await?;
    let mut row = match existing {
        Some(found) => found.into_active_model(),
        None => push_subscription::ActiveModel {
            endpoint: Set(subscription.endpoint.to_owned()),
            ..Default::default()
        },
    };
    row.account_id = Set(account);
    row.p256dh = Set(subscription.p256dh.trim_end_matches('=').to_owned());
    row.auth = Set(subscription.auth.trim_end_matches('=').to_owned());
    row.device = Set(device.chars().take(128).collect());
    row.created_at = Set(now);
    row.save(db).await?;
    let mine = of_account(db, account).await?;
    for old in mine.iter().skip(MOST) {
        push_subscription::Entity::delete_by_id(old.id)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A parent's devices, newest first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    account: i32,
) -> Result<Vec<push_subscription::Model>, DbErr> {
    push_subscription::Entity::find()
        .filter(push_subscription::Column::AccountId.eq(account))
        .order_by_desc(push_subscription::Column::CreatedAt)
        .order_by_desc(push_subscription::Column::Id)
        .all(db)
        .await
}

/// "Ne plus prévenir cet appareil": one of the parent's own devices (another's is refused).
pub async fn remove(db: &impl ConnectionTrait, account: i32, id: i32) -> ServiceResult<()> {
    let removed = push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Id.eq(id))
        .filter(push_subscription::Column::AccountId.eq(account))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ServiceError::Forbidden);
    }
    Ok(())
}
