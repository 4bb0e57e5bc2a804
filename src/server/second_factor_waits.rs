//! A parent's sign-in that gave the right password, from a browser their account never signed in
//! to, while their account has a second factor on: it waits here for the authenticator's code (or a
//! recovery code), held by a short-lived cookie. The code replaces the one that would otherwise be
//! mailed to such a browser, and a browser the account knows is not asked (as the issue says: "at
//! every sign-in on a new device").
use super::{
    accounts::SignedIn,
    clock::Clock,
    cookies::SiteCookie,
    entities::second_factor_wait,
    error::{ServiceError, ServiceResult},
    second_factor::{self, Given, Owner},
    tokens,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, ExprTrait,
    QueryFilter, Set, sea_query::Expr,
};

/// The waiting browser's cookie.
pub const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_second_factor",
    https: "__Host-cartable_second_factor",
};

/// How long the code may be typed after the password.
pub const MINUTES: i64 = 10;
/// Wrong codes a waiting sign-in takes before it ends (the account's throttle counts them too).
pub const MOST_ATTEMPTS: i32 = 5;

/// Whether this sign-in must wait for a second factor: the account has one on and this browser
/// never signed in to it.
pub async fn needed(
    db: &DatabaseConnection,
    account_id: i32,
    known_to_browser: &[i32],
) -> Result<bool, DbErr> {
    if known_to_browser.contains(&account_id) {
        return Ok(false);
    }
    let on = second_factor::enabled_at(db, Owner::Parent(account_id)).await?;
    Ok(on.is_some())
}

/// Starts the wait, and returns the token for the browser's cookie.
pub async fn start(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    opened: SignedIn,
) -> Result<String, DbErr> {
    let token = tokens::generate();
    second_factor_wait::ActiveModel {
        challenge_hash: Set(tokens::digest(&token)),
        account_id: Set(opened.account_id),
        student_id: Set(opened.student_id),
        attempts: Set(0),
        expires_at: Set(now + Duration::minutes(MINUTES)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The sign-in waiting in the browser that holds `token`, while it may still be finished.
pub async fn waiting(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    token: &str,
) -> Result<Option<second_factor_wait::Model>, DbErr> {
    if token.is_empty() {
        return Ok(None);
    }
    second_factor_wait::Entity::find()
        .filter(second_factor_wait::Column::ChallengeHash.eq(tokens::digest(token)))
        .filter(Condition::all().add(spent(now).not()))
        .one(db)
        .await
}

/// Finishes the waiting sign-in with a code: the account it opens, and how the code was given.
/// A wrong code counts against the wait, which ends after [`MOST_ATTEMPTS`]; the right one ends
/// it too, so that two tabs racing with it open one session.
pub async fn finish(
    db: &DatabaseConnection,
    clock: &Clock,
    wait: &second_factor_wait::Model,
    code: &str,
) -> ServiceResult<(SignedIn, Given)> {
    let given = match second_factor::check(db, clock, Owner::Parent(wait.account_id), code).await {
        Ok(given) => given,
        Err(ServiceError::WrongCode) => {
            second_factor_wait::Entity::update_many()
                .col_expr(
                    second_factor_wait::Column::Attempts,
                    Expr::col(second_factor_wait::Column::Attempts).add(1),
                )
                .filter(second_factor_wait::Column::Id.eq(wait.id))
                .exec(db)
                .await?;
            return Err(ServiceError::WrongCode);
        }
        Err(other) => return Err(other),
    };
    let ended = second_factor_wait::Entity::delete_by_id(wait.id)
        .exec(db)
        .await?;
    if ended.rows_affected == 0 {
        return Err(ServiceError::CodeExpired);
    }
    let opened = SignedIn {
        account_id: wait.account_id,
        student_id: wait.student_id,
    };
    Ok((opened, given))
}

/// The waits that can no longer be finished at `now`: expired, or ended by wrong codes. The purge
/// deletes them ([`waiting`] ignores them either way).
pub fn spent(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(second_factor_wait::Column::ExpiresAt.lte(now))
        .add(second_factor_wait::Column::Attempts.gte(MOST_ATTEMPTS))
}
