//! "Mon compte": the devices that have access to the account, the recent security events, and
//! changing the password or the e-mail address.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{AppError, error::counts_as_failed_attempt, guard},
    crate::domain::{contact::EmailAddress, limits},
    crate::server::{
        AppState,
        audit::{self, Kind},
        calendar_feeds, credentials, devices,
        error::{ServiceError, ServiceResult},
        sessions::CurrentSession,
        throttle::{self, Key},
    },
    crate::{i18n::td_string, language},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceItem {
    /// Names the session in "Déconnecter" (not the session's secret).
    pub handle: String,
    /// "Téléphone · Chrome 131 sur Android 14".
    pub description: String,
    pub ip: Option<String>,
    /// Brussels time, "30/11/2026 14:05".
    pub first_seen: String,
    pub last_seen: String,
    /// "Cet appareil".
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityEvent {
    pub at: String,
    pub what: String,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub school: crate::api::brand::SchoolBrand,
    pub email: Option<String>,
    pub email_confirmed: bool,
    /// A new address asked for, which replaces `email` once confirmed.
    pub pending_email: Option<String>,
    /// Whether sign-ins on a new device ask for the authenticator's code.
    pub second_factor: bool,
    pub devices: Vec<DeviceItem>,
    pub events: Vec<SecurityEvent>,
    /// The parent's secret calendar address, `https://…/agenda/….ics`.
    pub calendar_feed: String,
}

/// How many security events the page shows.
#[cfg(feature = "ssr")]
const RECENT_EVENTS: u64 = 15;

#[server(prefix = "/api", endpoint = "account")]
pub async fn load_account() -> AppResult<AccountView> {
    use crate::server::{clock::brussels, lookups, mailed_links};
    let (state, session, standing) = guard::settled().await?;
    let locale = language::current();
    let when =
        |at: chrono::DateTime<chrono::Utc>| brussels(at).format("%d/%m/%Y %H:%M").to_string();
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let sessions = devices::list(&state.db, session.account_id, state.clock.now()).await?;
    let events = audit::recent(&state.db, session.account_id, RECENT_EVENTS).await?;
    let now = state.clock.now();
    let waiting = mailed_links::waiting_address(&state.db, session.account_id, now).await?;
    let current_email = standing.account.email.clone();
    let owner = crate::server::second_factor::Owner::Parent(session.account_id);
    let second_factor = crate::server::second_factor::enabled_at(&state.db, owner).await?;
    let feed = calendar_feeds::token(&state.db, session.account_id, now).await?;
    Ok(AccountView {
        calendar_feed: feed_address(&state, &feed),
        second_factor: second_factor.is_some(),
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        pending_email: waiting.filter(|address| Some(address) != current_email.as_ref()),
        email: current_email,
        email_confirmed: standing.account.email_confirmed_at.is_some(),
        devices: sessions
            .into_iter()
            .map(|row| DeviceItem {
                handle: devices::handle(&row.id),
                description: devices::describe(row.user_agent.as_deref(), locale),
                current: row.id == session.id,
                ip: row.ip,
                first_seen: when(row.created_at),
                last_seen: when(row.last_seen_at),
            })
            .collect(),
        events: events
            .into_iter()
            .map(|event| SecurityEvent {
                at: when(event.at),
                what: event.kind.label(locale).to_owned(),
                ip: event.ip,
            })
            .collect(),
    })
}

/// "Déconnecter" on one device; this very device signs out.
#[server(prefix = "/api", endpoint = "remove_device")]
pub async fn remove_device(handle: String) -> AppResult<()> {
    let (state, session) = guard::signed_in().await?;
    guard::plain_text("handle", &handle, limits::DEVICE_HANDLE)?;
    if !devices::remove(&state.db, session.account_id, &handle).await? {
        let locale = language::current();
        return Err(AppError::Refused(
            td_string!(locale, account.device_already_removed).into(),
        ));
    }
    let (now, account) = (state.clock.now(), Some(session.account_id));
    let kind = Kind::SessionRemoved;
    audit::record(&state.db, now, kind, account, &guard::client(), None).await?;
    if handle == devices::handle(&session.id) {
        guard::forget_session_cookie(&state);
        guard::go_to(routes::SIGN_IN);
    } else {
        guard::go_to(&format!("{}?deconnecte={handle}", routes::ACCOUNT));
    }
    Ok(())
}

/// "Déconnecter tous les autres appareils".
#[server(prefix = "/api", endpoint = "remove_other_devices")]
pub async fn remove_other_devices() -> AppResult<()> {
    let (state, session) = guard::signed_in().await?;
    let removed = devices::remove_others(&state.db, &session).await?;
    let (now, account) = (state.clock.now(), Some(session.account_id));
    let detail = format!("{removed} appareil(s)");
    let kind = Kind::OtherSessionsRemoved;
    audit::record(
        &state.db,
        now,
        kind,
        account,
        &guard::client(),
        Some(&detail),
    )
    .await?;
    guard::go_to(&format!("{}?deconnectes={removed}", routes::ACCOUNT));
    Ok(())
}

/// "Nouvelle adresse" for the calendar feed: the old address stops working at once (a phone lost,
/// an address shared too widely).
#[server(prefix = "/api", endpoint = "renew_calendar_feed")]
pub async fn renew_calendar_feed() -> AppResult<()> {
    let (state, session, _) = guard::settled().await?;
    let now = state.clock.now();
    calendar_feeds::renew(&state.db, session.account_id, now).await?;
    let kind = Kind::CalendarFeedRenewed;
    let account = Some(session.account_id);
    audit::record(&state.db, now, kind, account, &guard::client(), None).await?;
    guard::go_to(&format!("{}?agenda=nouvelle", routes::ACCOUNT));
    Ok(())
}

#[cfg(feature = "ssr")]
fn feed_address(state: &AppState, token: &str) -> String {
    let site = state.settings.public_url.trim_end_matches('/');
    format!("{site}{}", routes::calendar_feed(token))
}

/// The current password is guessed like any other: the same throttle as signing in.
#[cfg(feature = "ssr")]
pub(super) async fn with_current_password<T>(
    state: &AppState,
    session: &CurrentSession,
    change: impl std::future::Future<Output = ServiceResult<T>>,
) -> Result<T, AppError> {
    let account = session.account_id.to_string();
    let keys = [Key::new("password", &account, throttle::ACCOUNT)];
    let (db, clock) = (&state.db, &state.clock);
    Ok(throttle::attempt(db, clock, &keys, counts_as_failed_attempt, change).await?)
}

/// "Modifier mon mot de passe".
#[server(prefix = "/api", endpoint = "change_own_password")]
pub async fn change_own_password(
    current_password: String,
    new_password: String,
    repeat_password: String,
    /// The checkbox "Déconnecter mes autres appareils", checked by default: absent when unticked.
    #[server(default)]
    sign_out_others: String,
) -> AppResult<()> {
    let (state, session, _) = guard::settled().await?;
    for (field, value) in [
        ("current_password", &current_password),
        ("new_password", &new_password),
        ("repeat_password", &repeat_password),
    ] {
        guard::plain_text(field, value, limits::PASSWORD)?;
    }
    let client = guard::client();
    let change = credentials::change_password(
        &state,
        &session,
        &client,
        &current_password,
        &new_password,
        &repeat_password,
        !sign_out_others.is_empty(),
    );
    with_current_password(&state, &session, change).await?;
    guard::renew_session(&state, &session).await?;
    guard::go_to(&format!("{}?mot-de-passe=modifie", routes::ACCOUNT));
    Ok(())
}

/// "Modifier mon adresse e-mail": a confirmation link goes to the new address.
#[server(prefix = "/api", endpoint = "change_email")]
pub async fn change_email(email: String, current_password: String) -> AppResult<()> {
    let (state, session, _) = guard::settled().await?;
    guard::plain_text("email", &email, limits::EMAIL)?;
    guard::plain_text("current_password", &current_password, limits::PASSWORD)?;
    let form_error = |error: AppError| error.for_form("current_password", &[("email", &email)]);
    let Some(address) = EmailAddress::parse(&email) else {
        return Err(form_error(ServiceError::InvalidEmail.into()));
    };
    let client = guard::client();
    let change = credentials::change_email(&state, &session, &client, &address, &current_password);
    with_current_password(&state, &session, change)
        .await
        .map_err(form_error)?;
    guard::go_to(&format!("{}?email=modifie", routes::ACCOUNT));
    Ok(())
}
