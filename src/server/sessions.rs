//! Sessions live in the database, so that several instances behind a load balancer share them and a
//! parent can see and end each one. The browser holds a random 256-bit value in an HttpOnly,
//! SameSite=Lax cookie; the database holds its SHA-256.
use super::{
    AppState,
    client_address::{self, TrustedProxies},
    config::Settings,
    cookies::SiteCookie,
    entities::session,
    tokens,
};
use axum::http::{HeaderMap, HeaderValue, header};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, Set};

/// The most sessions an account keeps: a new one beyond ends the least recently used, so a script
/// signing in again and again cannot pile them up.
pub const MOST_SESSIONS: u64 = 20;

/// Don't write `last_seen_at` on every request: once a minute is precise enough.
const TOUCH_EVERY: Duration = Duration::seconds(60);

#[derive(Debug, Clone)]
pub struct CurrentSession {
    /// The stored digest, never the cookie value.
    pub id: String,
    pub account_id: i32,
    pub student_id: i32,
}

/// The session's cookie: a random 256-bit value, whose SHA-256 is the session's id.
pub const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_session",
    https: "__Host-cartable_session",
};

/// The device a session was opened from, as its request describes it, and the language its pages
/// are in (what a mail to an account that chose none is written in).
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub language: crate::language::Locale,
}

impl Client {
    /// The device a request comes from, as its headers and connection tell: its address is the
    /// TCP peer's, or the one a trusted proxy forwarded (see [`client_address`]).
    pub fn of(
        headers: &HeaderMap,
        peer: Option<std::net::IpAddr>,
        trusted: &TrustedProxies,
    ) -> Self {
        Self {
            user_agent: headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|ua| ua.chars().take(300).collect()),
            ip: peer.map(|peer| client_address::client_ip(peer, headers, trusted).to_string()),
            language: Default::default(),
        }
    }
}

/// Starts a session and returns it with the `Set-Cookie` header that hands it to the browser. A new random
/// id at every sign-in: whatever id the browser had before is never reused.
pub async fn start(
    state: &AppState,
    account_id: i32,
    student_id: i32,
    client: Client,
) -> Result<(CurrentSession, HeaderValue), DbErr> {
    let token = tokens::generate();
    let id = tokens::digest(&token);
    let now = state.clock.now();
    let absolute = state.settings.session_absolute;
    session::ActiveModel {
        id: Set(id.clone()),
        account_id: Set(account_id),
        student_id: Set(student_id),
        user_agent: Set(client.user_agent),
        ip: Set(client.ip),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + absolute),
    }
    .insert(&state.db)
    .await?;
    end_beyond_the_most(&state.db, account_id).await?;
    Ok((
        CurrentSession {
            id,
            account_id,
            student_id,
        },
        COOKIE.set(state.settings.https(), &token, absolute.num_seconds()),
    ))
}

/// Ends the account's least recently used sessions past [`MOST_SESSIONS`].
async fn end_beyond_the_most(
    db: &impl sea_orm::ConnectionTrait,
    account_id: i32,
) -> Result<(), DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let surplus: Vec<String> = session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .filter(session::Column::AccountId.eq(account_id))
        .order_by_desc(session::Column::LastSeenAt)
        .order_by_desc(session::Column::CreatedAt)
        .offset(MOST_SESSIONS)
        // SQLite wants a LIMIT with an OFFSET; there is never more than one surplus session.
        .limit(MOST_SESSIONS)
        .into_tuple()
        .all(db)
        .await?;
    if !surplus.is_empty() {
        session::Entity::delete_many()
            .filter(session::Column::Id.is_in(surplus))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A new id for a session whose parent just proved their password again (a password change, a
/// newly linked child confirmed): whoever may have learnt the old id holds nothing any more.
pub async fn renew(
    state: &AppState,
    current: &CurrentSession,
    client: Client,
) -> Result<(CurrentSession, HeaderValue), DbErr> {
    use super::entities::consent;
    let renewed = start(state, current.account_id, current.student_id, client).await?;
    // Terms postponed "for this session" stay postponed for the same session under its new id.
    consent::Entity::update_many()
        .col_expr(
            consent::Column::SessionId,
            sea_orm::sea_query::Expr::value(renewed.0.id.clone()),
        )
        .filter(consent::Column::SessionId.eq(&current.id))
        .exec(&state.db)
        .await?;
    end(&state.db, &current.id).await?;
    Ok(renewed)
}

/// The `Set-Cookie` header that makes the browser forget its session.
pub fn clear_cookie(settings: &Settings) -> HeaderValue {
    COOKIE.forget(settings.https())
}

/// The live session named by the request's cookie, if any: one that ran past its idle or absolute
/// time on the state's clock is deleted on sight.
pub async fn from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<CurrentSession>, DbErr> {
    let Some(id) = COOKIE.token_digest(state.settings.https(), headers) else {
        return Ok(None);
    };
    let Some(row) = session::Entity::find_by_id(id.clone())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let now = state.clock.now();
    if is_over(&row, now, state.settings.session_idle) {
        end(&state.db, &id).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        session::ActiveModel {
            id: Set(id.clone()),
            last_seen_at: Set(now),
            ..Default::default()
        }
        .update(&state.db)
        .await?;
    }
    Ok(Some(CurrentSession {
        id,
        account_id: row.account_id,
        student_id: row.student_id,
    }))
}

/// A session is over at its absolute end, or once unused for `idle`.
fn is_over(row: &session::Model, now: DateTime<Utc>, idle: Duration) -> bool {
    now >= row.expires_at || now - row.last_seen_at >= idle
}

/// [`is_over`] as a query's filter: the sessions the purge deletes.
pub fn over(now: DateTime<Utc>, idle: Duration) -> Condition {
    Condition::any()
        .add(session::Column::ExpiresAt.lte(now))
        .add(session::Column::LastSeenAt.lte(now - idle))
}

pub async fn end(db: &impl sea_orm::ConnectionTrait, id: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_behind_a_trusted_proxy_is_the_forwarded_address() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.9"));
        let proxy = "127.0.0.1".parse().ok();
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        let forwarded = Client::of(&headers, proxy, &trusted).ip;
        assert_eq!(forwarded.as_deref(), Some("203.0.113.9"));
        let ignored = Client::of(&headers, proxy, &TrustedProxies::default()).ip;
        assert_eq!(ignored.as_deref(), Some("127.0.0.1"));
        assert_eq!(Client::of(&headers, None, &trusted).ip, None);
    }
}
