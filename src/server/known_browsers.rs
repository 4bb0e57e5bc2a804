//! Browsers that signed in to an account before: OWASP's "device cookies". A long-lived random
//! cookie, whose SHA-256 is stored once per account it signed in to. It proves nothing on its own
//! (the password is still asked), but it lets the rightful parent past the lock that strangers'
//! failures put on a child's identifier, and spares them the code mailed to a browser the account
//! does not know. Its own failures lock it like a login.
use super::{cookies::SiteCookie, entities::known_browser, tokens};
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set, sea_query::Expr,
};

pub const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_browser",
    https: "__Host-cartable_browser",
};

/// A browser is remembered for a year after its last sign-in.
const LIFETIME: Duration = Duration::days(365);

/// The browser a request comes from: its cookie's digest, when it has one.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    digest: Option<String>,
}

impl Browser {
    pub fn of(headers: &HeaderMap, https: bool) -> Self {
        Self {
            digest: COOKIE.token_digest(https, headers),
        }
    }

    /// A name for the browser's own throttle key, which says nothing of the cookie.
    pub fn throttle_name(&self) -> Option<&str> {
        self.digest.as_deref().map(|digest| &digest[..32])
    }
}

/// The browsers no account remembers at `now`: no sign-in for a year. The purge deletes them
/// ([`accounts_of`] ignores them either way).
pub fn forgotten(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::all().add(known_browser::Column::LastSignInAt.lte(now - LIFETIME))
}

/// The accounts this browser signed in to within the last year.
pub async fn accounts_of(
    db: &impl ConnectionTrait,
    browser: &Browser,
    now: DateTime<Utc>,
) -> Result<Vec<i32>, DbErr> {
    let Some(digest) = &browser.digest else {
        return Ok(Vec::new());
    };
    known_browser::Entity::find()
        .select_only()
        .column(known_browser::Column::AccountId)
        .filter(known_browser::Column::TokenHash.eq(digest))
        .filter(known_browser::Column::LastSignInAt.gt(now - LIFETIME))
        .into_tuple()
        .all(db)
        .await
}

/// Forgets every browser of the account but `browser`: when a parent turns the second factor on
/// (perhaps fearing their password is known), each other browser gives it at its next sign-in.
pub async fn forget_all_but(
    db: &impl ConnectionTrait,
    account_id: i32,
    browser: &Browser,
) -> Result<(), DbErr> {
    let mut others = known_browser::Entity::delete_many()
        .filter(known_browser::Column::AccountId.eq(account_id));
    if let Some(digest) = &browser.digest {
        others = others.filter(known_browser::Column::TokenHash.ne(digest));
    }
    others.exec(db).await?;
    Ok(())
}

/// Remembers that this browser signed in to `account_id`, and returns the cookie to hand it when
/// it had none.
pub async fn remember(
    db: &impl ConnectionTrait,
    browser: &Browser,
    account_id: i32,
    now: DateTime<Utc>,
    https: bool,
) -> Result<Option<HeaderValue>, DbErr> {
    let (token, digest) = match &browser.digest {
        // The browser keeps its cookie: only its age is renewed.
        Some(digest) => (None, digest.clone()),
        None => {
            let token = tokens::generate();
            let digest = tokens::digest(&token);
            (Some(token), digest)
        }
    };
    let renewed = known_browser::Entity::update_many()
        .col_expr(known_browser::Column::LastSignInAt, Expr::value(now))
        .filter(known_browser::Column::TokenHash.eq(&digest))
        .filter(known_browser::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    if renewed.rows_affected == 0 {
        known_browser::ActiveModel {
            token_hash: Set(digest),
            account_id: Set(account_id),
            created_at: Set(now),
            last_sign_in_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(token.map(|token| COOKIE.set(https, &token, LIFETIME.num_seconds())))
}
