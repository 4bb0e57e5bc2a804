//! Signing in and out.
use super::AppResult;
use leptos::prelude::*;

/// Signs a parent in with a child's identifier and a password (the letter's, or their own), then
/// sends them to the next step of their journey.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: String) -> AppResult<()> {
    use super::{AppError, guard};
    use crate::{
        domain::{identifier::normalize_identifier, password::MAX_LENGTH},
        server::{
            AppState, accounts,
            audit::{self, Kind},
            journey, sessions,
            throttle::{self, Key},
        },
    };

    // A refusal is shown under the password; the identifier comes back to its field.
    let refused = |message: &str| AppError::Invalid {
        errors: vec![crate::domain::profile::FieldError::new("password", message)],
        typed: vec![("identifier".into(), identifier.chars().take(254).collect())],
    };
    if identifier.trim().is_empty() {
        return Err(AppError::field(
            "identifier",
            "Indiquez l'identifiant reçu dans le courrier de l'école.",
        ));
    }
    if password.is_empty() {
        return Err(refused("Indiquez votre mot de passe."));
    }
    let typed_badly = guard::plain_text("identifier", &identifier, 254).is_err()
        || guard::plain_text("password", &password, MAX_LENGTH).is_err();
    if typed_badly {
        return Err(refused(accounts::SIGN_IN_REFUSED));
    }
    let state = AppState::current()?;
    let client = sessions::Client::of_request();
    let login = normalize_identifier(&identifier);
    let keys = Key::new("login", &login, throttle::ACCOUNT).and_ip(client.ip.as_deref());
    let now = state.clock.now();
    if let Err(locked) = throttle::check(&state.db, &state.clock, &keys).await {
        audit::record(
            &state.db,
            now,
            Kind::SignInThrottled,
            None,
            &client,
            Some(&login),
        )
        .await?;
        return Err(locked);
    }
    let signed_in = match accounts::sign_in(&state.db, &identifier, &password).await {
        Ok(signed_in) => signed_in,
        Err(AppError::Refused(message)) => {
            throttle::fail(&state.db, &state.clock, &keys).await?;
            audit::record(
                &state.db,
                now,
                Kind::SignInFailed,
                None,
                &client,
                Some(&login),
            )
            .await?;
            return Err(refused(&message));
        }
        Err(other) => return Err(other),
    };
    throttle::clear(&state.db, &keys[0]).await?;
    audit::record(
        &state.db,
        now,
        Kind::SignInSucceeded,
        Some(signed_in.account_id),
        &client,
        Some(&login),
    )
    .await?;

    // Whatever session the browser had is ended: a sign-in always gets a new id.
    if let Some(previous) = sessions::current(&state).await? {
        sessions::end(&state.db, &previous.id).await?;
    }
    let (session, cookie) =
        sessions::start(&state, signed_in.account_id, signed_in.student_id, client).await?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(axum::http::header::SET_COOKIE, cookie);
    guard::go_to(journey::step(&state.db, &session).await?.path());
    Ok(())
}

/// Ends the session on the server (the cookie alone would not be enough) and in the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> AppResult<()> {
    use crate::server::{AppState, audit, sessions};
    let state = AppState::current()?;
    if let Some(session) = sessions::current(&state).await? {
        sessions::end(&state.db, &session.id).await?;
        let client = sessions::Client::of_request();
        let (now, account) = (state.clock.now(), Some(session.account_id));
        audit::record(
            &state.db,
            now,
            audit::Kind::SignedOut,
            account,
            &client,
            None,
        )
        .await?;
    }
    super::guard::forget_session_cookie(&state);
    super::guard::go_to("/connexion");
    Ok(())
}
