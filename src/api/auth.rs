//! Signing in and out.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;

/// Signs a parent in with a child's identifier and a password (the letter's, or their own), then
/// sends them to the next step of their journey.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: String) -> AppResult<()> {
    use super::{
        AppError,
        error::{SIGN_IN_REFUSED, counts_as_failed_attempt},
        guard,
    };
    use crate::{
        domain::{identifier::Identifier, limits},
        server::{
            accounts,
            audit::{self, Kind},
            error::ServiceError,
            sessions,
            throttle::{self, Key},
        },
    };

    // A refusal is shown under the password; the identifier comes back to its field.
    let refused =
        |error: AppError| error.for_form("password", &[("identifier", identifier.as_str())]);
    if identifier.trim().is_empty() {
        return Err(AppError::field(
            "identifier",
            "Indiquez l'identifiant reçu dans le courrier de l'école.",
        ));
    }
    if password.is_empty() {
        return Err(refused(AppError::Refused(
            "Indiquez votre mot de passe.".into(),
        )));
    }
    let typed_badly = guard::plain_text("identifier", &identifier, limits::EMAIL).is_err()
        || guard::plain_text("password", &password, limits::PASSWORD).is_err();
    let login = Identifier::parse(&identifier).filter(|_| !typed_badly);
    let Some(login) = login else {
        return Err(refused(AppError::Refused(SIGN_IN_REFUSED.into())));
    };
    let state = guard::state()?;
    let (db, clock) = (&state.db, &state.clock);
    let client = guard::client();
    let keys = Key::new("login", login.as_str(), throttle::ACCOUNT).and_ip(client.ip.as_deref());
    let typed = Some(login.as_str());
    let record = |kind, account| audit::record(db, clock.now(), kind, account, &client, typed);
    // The attempt is taken before the password is checked, so that parallel guesses cannot all
    // pass a lock that none of them has set yet; a success gives it back.
    let check = accounts::sign_in(db, clock, &login, &password);
    let signed_in = match throttle::attempt(db, clock, &keys, counts_as_failed_attempt, check).await
    {
        Ok(signed_in) => signed_in,
        Err(locked @ ServiceError::Locked { .. }) => {
            record(Kind::SignInThrottled, None).await?;
            return Err(locked.into());
        }
        Err(refusal) if counts_as_failed_attempt(&refusal) => {
            record(Kind::SignInFailed, None).await?;
            return Err(refused(refusal.into()));
        }
        Err(other) => return Err(other.into()),
    };
    // A success clears the login (an address's count is never cleared by one success).
    throttle::clear(db, &keys[0]).await?;
    record(Kind::SignInSucceeded, Some(signed_in.account_id)).await?;

    // Whatever session the browser had is ended: a sign-in always gets a new id.
    if let Some(previous) = guard::session(&state).await? {
        sessions::end(db, &previous.id).await?;
    }
    let (session, cookie) =
        sessions::start(&state, signed_in.account_id, signed_in.student_id, client).await?;
    guard::set_session_cookie(cookie);
    guard::go_to_next_step(&state, &session).await
}

/// Ends the session on the server (the cookie alone would not be enough) and in the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> AppResult<()> {
    use super::guard;
    use crate::server::{audit, sessions};
    let state = guard::state()?;
    if let Some(session) = guard::session(&state).await? {
        sessions::end(&state.db, &session.id).await?;
        let (now, account) = (state.clock.now(), Some(session.account_id));
        let kind = audit::Kind::SignedOut;
        audit::record(&state.db, now, kind, account, &guard::client(), None).await?;
    }
    guard::forget_session_cookie(&state);
    // A shared family computer keeps nothing of the child once the parent signs out.
    expect_context::<leptos_axum::ResponseOptions>().insert_header(
        axum::http::HeaderName::from_static("clear-site-data"),
        axum::http::HeaderValue::from_static("\"cache\", \"storage\""),
    );
    guard::go_to(routes::SIGN_IN);
    Ok(())
}
