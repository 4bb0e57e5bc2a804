//! Staff sessions: like parents' (a random 256-bit cookie, its SHA-256 stored), in a table and a
//! cookie of their own, so that a parent's session can never be taken for a staff member's. A
//! session waits for the second factor before it opens the staff area: that wait lasts minutes.
use crate::server::{
    AppState, cookies::SiteCookie, entities::staff_session, sessions::Client, tokens,
};
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

pub const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_staff",
    https: "__Host-cartable_staff",
};

/// How long a password alone keeps a session waiting for its second factor.
pub const SECOND_FACTOR_MINUTES: i64 = 10;

/// Don't write `last_seen_at` on every request: once a minute is precise enough.
const TOUCH_EVERY: Duration = Duration::seconds(60);

#[derive(Debug, Clone)]
pub struct StaffSession {
    /// The stored digest, never the cookie's value.
    pub id: String,
    pub staff_id: i32,
    pub platform_id: i32,
    /// Whether the second factor was given (or is not needed).
    pub verified: bool,
}

/// Starts a session for `staff_id` in `platform_id`, verified or waiting for the second factor,
/// and the `Set-Cookie` that hands it to the browser.
pub async fn start(
    state: &AppState,
    staff_id: i32,
    platform_id: i32,
    verified: bool,
    client: &Client,
) -> Result<(StaffSession, HeaderValue), DbErr> {
    let token = tokens::generate();
    let id = tokens::digest(&token);
    let now = state.clock.now();
    let lifetime = if verified {
        state.settings.session_absolute
    } else {
        Duration::minutes(SECOND_FACTOR_MINUTES)
    };
    staff_session::ActiveModel {
        id: Set(id.clone()),
        staff_id: Set(staff_id),
        platform_id: Set(platform_id),
        verified_at: Set(verified.then_some(now)),
        user_agent: Set(client.user_agent.clone()),
        ip: Set(client.ip.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetime),
    }
    .insert(&state.db)
    .await?;
    let session = StaffSession {
        id,
        staff_id,
        platform_id,
        verified,
    };
    let cookie = COOKIE.set(
        state.settings.https(),
        &token,
        state.settings.session_absolute.num_seconds(),
    );
    Ok((session, cookie))
}

/// The live staff session the request's cookie names, if any; one past its time is deleted.
pub async fn from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<StaffSession>, DbErr> {
    let Some(id) = COOKIE.token_digest(state.settings.https(), headers) else {
        return Ok(None);
    };
    let Some(row) = staff_session::Entity::find_by_id(id.clone())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let now = state.clock.now();
    if now >= row.expires_at || now - row.last_seen_at >= state.settings.session_idle {
        end(&state.db, &id).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        staff_session::ActiveModel {
            id: Set(id.clone()),
            last_seen_at: Set(now),
            ..Default::default()
        }
        .update(&state.db)
        .await?;
    }
    Ok(Some(StaffSession {
        id,
        staff_id: row.staff_id,
        platform_id: row.platform_id,
        verified: row.verified_at.is_some(),
    }))
}

/// The session that waited for its second factor is replaced by a verified one with a new id (so
/// that whoever saw the waiting cookie holds nothing).
pub async fn verify(
    state: &AppState,
    waiting: &StaffSession,
    client: &Client,
) -> Result<(StaffSession, HeaderValue), DbErr> {
    let verified = start(state, waiting.staff_id, waiting.platform_id, true, client).await?;
    end(&state.db, &waiting.id).await?;
    Ok(verified)
}

pub async fn end(db: &impl ConnectionTrait, id: &str) -> Result<(), DbErr> {
    staff_session::Entity::delete_by_id(id.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a staff member, in one platform or in all: a suspension, a removal, a new
/// password.
pub async fn end_all(
    db: &impl ConnectionTrait,
    staff_id: i32,
    platform_id: Option<i32>,
) -> Result<u64, DbErr> {
    let mut which = Condition::all().add(staff_session::Column::StaffId.eq(staff_id));
    if let Some(platform_id) = platform_id {
        which = which.add(staff_session::Column::PlatformId.eq(platform_id));
    }
    let deleted = staff_session::Entity::delete_many()
        .filter(which)
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// What the daily purge deleted of the staff's side.
pub struct Purged {
    pub sessions: u64,
    pub links: u64,
    pub imports: u64,
}

/// Deletes ended staff sessions, used or expired password links, and class lists pasted more than
/// a day ago and never imported (children's names are not kept without a reason).
pub async fn purge(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idle: Duration,
) -> Result<Purged, DbErr> {
    use crate::server::entities::{staff_import, staff_link};
    let sessions = staff_session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(staff_session::Column::ExpiresAt.lte(now))
                .add(staff_session::Column::LastSeenAt.lte(now - idle)),
        )
        .exec(db)
        .await?;
    let links = staff_link::Entity::delete_many()
        .filter(
            Condition::any()
                .add(staff_link::Column::UsedAt.is_not_null())
                .add(staff_link::Column::ExpiresAt.lte(now)),
        )
        .exec(db)
        .await?;
    let imports = staff_import::Entity::delete_many()
        .filter(staff_import::Column::CreatedAt.lte(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(Purged {
        sessions: sessions.rows_affected,
        links: links.rows_affected,
        imports: imports.rows_affected,
    })
}

/// The `Set-Cookie` that makes the browser forget its staff session.
pub fn forget_cookie(https: bool) -> HeaderValue {
    COOKIE.forget(https)
}
