//! The server's VAPID key pair: made once, by whichever instance starts first.
use crate::server::entities::server_key;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use web_push_native::jwt_simple::algorithms::ES256KeyPair;
use web_push_native::p256::{self, elliptic_curve::sec1::ToEncodedPoint};

const NAME: &str = "vapid";

/// The key push messages are signed with, and its public half as browsers are given it.
pub struct VapidKeys {
    pub pair: ES256KeyPair,
    /// The uncompressed P-256 point, base64url: a subscription's `applicationServerKey`.
    pub public: String,
}

/// The stored key pair, made and stored first if there is none (two instances starting at once:
/// one writes, both read what was written).
pub async fn load_or_create(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<VapidKeys, DbErr> {
    if let Some(found) = server_key::Entity::find_by_id(NAME).one(db).await? {
        return of_secret(&found.secret);
    }
    let made = ES256KeyPair::generate();
    let row = server_key::ActiveModel {
        name: Set(NAME.to_owned()),
        secret: Set(URL_SAFE_NO_PAD.encode(made.to_bytes())),
        created_at: Set(now),
    };
    server_key::Entity::insert(row)
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    let stored = server_key::Entity::find_by_id(NAME)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the VAPID key".into()))?;
    of_secret(&stored.secret)
}

fn of_secret(secret: &str) -> Result<VapidKeys, DbErr> {
    let broken = |what: &str| DbErr::Custom(format!("the stored VAPID key is broken: {what}"));
    let bytes = URL_SAFE_NO_PAD
        .decode(secret)
        .map_err(|_| broken("not base64url"))?;
    let pair = ES256KeyPair::from_bytes(&bytes).map_err(|_| broken("not a P-256 key"))?;
    let public = p256::SecretKey::from_slice(&bytes)
        .map_err(|_| broken("not a P-256 key"))?
        .public_key()
        .to_encoded_point(false);
    Ok(VapidKeys {
        pair,
        public: URL_SAFE_NO_PAD.encode(public.as_bytes()),
    })
}
