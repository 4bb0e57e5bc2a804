//! What the server functions share on the server side: the state, the caller (session, device)
//! read from the request, the journey's checks, and the first look at every text field.
use super::AppError;
use crate::domain::limits;
use crate::{
    domain::journey::JourneyStep,
    language,
    server::{
        AppState,
        client_address::TrustedProxies,
        cookies::SiteCookie,
        journey::{self, Standing},
        known_browsers,
        sessions::{self, Client, CurrentSession},
    },
};
use axum::http::request::Parts;
use leptos::prelude::{expect_context, use_context};

/// What the journey middleware found for a page request. It travels in the request's extensions
/// to the server functions that render the page, so that they don't read it all again.
#[derive(Debug, Clone)]
pub struct CheckedPage {
    pub session: CurrentSession,
    pub standing: std::sync::Arc<Standing>,
}

/// The services' state, inside a server function or a page rendered on the server.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}

/// The device of the request being answered.
pub fn client() -> Client {
    let Some(parts) = use_context::<Parts>() else {
        return Client::default();
    };
    let address = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
    let (state, nobody) = (use_context::<AppState>(), TrustedProxies::default());
    let trusted = state
        .as_ref()
        .map_or(&nobody, |state| &state.settings.trusted_proxies);
    let client = Client::of(&parts.headers, address.map(|info| info.0.ip()), trusted);
    Client {
        language: language::current(),
        ..client
    }
}

/// The live session the request's cookie names, if any.
pub async fn session(state: &AppState) -> Result<Option<CurrentSession>, AppError> {
    match use_context::<Parts>() {
        Some(parts) => Ok(sessions::from_headers(state, &parts.headers).await?),
        None => Ok(None),
    }
}

/// What the journey middleware already checked, when a page is being rendered.
fn checked_page() -> Option<CheckedPage> {
    use_context::<Parts>()?
        .extensions
        .get::<CheckedPage>()
        .cloned()
}

/// The state and the caller's live session, or `NotSignedIn`.
pub async fn signed_in() -> Result<(AppState, CurrentSession), AppError> {
    let state = state()?;
    if let Some(checked) = checked_page() {
        return Ok((state, checked.session));
    }
    let session = session(&state).await?.ok_or(AppError::NotSignedIn)?;
    Ok((state, session))
}

/// The caller, who must stand exactly at `step` of the journey, with where they stand.
pub async fn at_step(step: JourneyStep) -> Result<(AppState, CurrentSession, Standing), AppError> {
    if let Some(checked) = checked_page() {
        let state = state()?;
        return match checked.standing.step() {
            current if current == step => Ok((state, checked.session, (*checked.standing).clone())),
            current => Err(AppError::StepRequired(current)),
        };
    }
    let (state, session) = signed_in().await?;
    let standing = journey::require_step(&state.db, &session, step).await?;
    Ok((state, session, standing))
}

/// A parent who finished the journey for the child the session shows, with where they stand.
/// Every server function that reads a child's data starts here: the child is linked to the
/// account, its terms are accepted (or postponed) and its link confirmed.
pub async fn settled() -> Result<(AppState, CurrentSession, Standing), AppError> {
    at_step(JourneyStep::Done).await
}

/// Hands the browser a cookie (`Set-Cookie`).
pub fn set_cookie(cookie: axum::http::HeaderValue) {
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(axum::http::header::SET_COOKIE, cookie);
}

/// The value of one of the site's cookies in the request being answered.
pub fn cookie(state: &AppState, cookie: SiteCookie) -> Option<String> {
    let parts = use_context::<Parts>()?;
    cookie
        .read(state.settings.https(), &parts.headers)
        .map(str::to_owned)
}

/// The browser of the request being answered, as its long-lived cookie names it.
pub fn browser(state: &AppState) -> known_browsers::Browser {
    match use_context::<Parts>() {
        Some(parts) => known_browsers::Browser::of(&parts.headers, state.settings.https()),
        None => known_browsers::Browser::default(),
    }
}

/// At sign-in, the browser takes the account's language, so that a new phone opens in the
/// parent's. An account that has none yet takes the language its parent signed in with. (A choice
/// the browser made before signing in is not written over the account's: on a family computer, it
/// may be the other parent's.) A failure here leaves the language as it was; the sign-in goes on.
pub async fn settle_language(state: &AppState, account_id: i32) {
    use crate::server::{accounts, cookies, lookups};
    let account = match lookups::account(&state.db, account_id).await {
        Ok(account) => account,
        Err(error) => return tracing::warn!(%error, "the account's language was not read"),
    };
    let remembered = account
        .and_then(|a| a.language)
        .and_then(|tag| language::parse(&tag));
    let shown = language::current();
    match remembered {
        Some(remembered) if remembered != shown => {
            let (https, seconds) = (state.settings.https(), cookies::LANGUAGE_SECONDS);
            set_cookie(cookies::LANGUAGE.set(https, language::tag(remembered), seconds));
        }
        Some(_) => {}
        None => {
            if let Err(error) = accounts::set_language(&state.db, account_id, shown).await {
                tracing::warn!(%error, "the account's language was not saved");
            }
        }
    }
}

/// Gives the caller's session a new id (and the browser its cookie) after they proved their
/// password again.
pub async fn renew_session(
    state: &AppState,
    session: &CurrentSession,
) -> Result<CurrentSession, AppError> {
    let (renewed, cookie) = sessions::renew(state, session, client()).await?;
    set_cookie(cookie);
    Ok(renewed)
}

/// Makes the browser forget its session cookie (the session itself is ended by the caller).
pub fn forget_session_cookie(state: &AppState) {
    set_cookie(sessions::clear_cookie(&state.settings));
}

/// Sends the browser on to `path`: a real redirect for a form posted without JavaScript, a
/// client-side navigation otherwise.
pub fn go_to(path: &str) {
    leptos_axum::redirect(path);
}

/// Sends the browser to the caller's next step of the journey.
pub async fn go_to_next_step(state: &AppState, session: &CurrentSession) -> Result<(), AppError> {
    go_to(journey::step(&state.db, session).await?.path());
    Ok(())
}

/// Refuses, before any work is done on it, a field longer than `max` characters or holding a
/// control character: no keyboard types one, and PostgreSQL refuses to store NUL.
pub fn plain_text(field: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.chars().count() > max {
        return Err(AppError::field(
            field,
            &limits::too_long(language::current(), max),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::field(
            field,
            crate::domain::profile::control_characters(language::current()),
        ));
    }
    Ok(())
}

/// The staff session the request's cookie names, if any (verified or waiting for its second
/// factor).
pub async fn staff_session(
    state: &AppState,
) -> Result<Option<crate::server::staff::sessions::StaffSession>, AppError> {
    match use_context::<Parts>() {
        Some(parts) => {
            Ok(crate::server::staff::sessions::from_headers(state, &parts.headers).await?)
        }
        None => Ok(None),
    }
}

/// The staff member asking, with a verified session and an active role in its platform; every
/// staff server function starts here, then lets its service check the role and the rows.
pub async fn staff() -> Result<(AppState, crate::server::staff::Caller), AppError> {
    let state = state()?;
    let session = staff_session(&state).await?.ok_or(AppError::NotSignedIn)?;
    let caller = crate::server::staff::access::caller(&state.db, &session)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    Ok((state, caller))
}

/// [`plain_text`] for a field of several lines (a news item's Markdown): line breaks and tabs
/// are allowed, other control characters are not.
pub fn plain_text_multiline(field: &str, value: &str, max: usize) -> Result<(), AppError> {
    let flattened: String = value
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    plain_text(field, &flattened, max)
}
