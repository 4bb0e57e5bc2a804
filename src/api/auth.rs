//! Signing in and out.
use super::AppResult;
use leptos::prelude::*;

/// Signs a parent in with a child's identifier and a password (the letter's, or their own), then
/// sends them to the next step of their journey.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: String) -> AppResult<()> {
    use super::{AppError, guard};
    use crate::server::{AppState, accounts, journey, sessions};
    use axum::http::{header, request::Parts};

    let state = AppState::current()?;
    let keep_identifier = |error: AppError| match error {
        AppError::Refused(message) => AppError::Invalid {
            errors: vec![crate::domain::profile::FieldError::new(
                "password", &message,
            )],
            typed: vec![("identifier".into(), identifier.chars().take(254).collect())],
        },
        other => other,
    };
    if identifier.trim().is_empty() {
        return Err(AppError::field(
            "identifier",
            "Indiquez l'identifiant reçu dans le courrier de l'école.",
        ));
    }
    if password.is_empty() {
        return Err(keep_identifier(AppError::Refused(
            "Indiquez votre mot de passe.".into(),
        )));
    }
    if identifier.len() > 254 || password.chars().count() > crate::domain::password::MAX_LENGTH {
        return Err(keep_identifier(AppError::Refused(
            accounts::SIGN_IN_REFUSED.into(),
        )));
    }
    let signed_in = accounts::sign_in(&state.db, &identifier, &password)
        .await
        .map_err(keep_identifier)?;

    let parts = use_context::<Parts>();
    let user_agent = parts
        .as_ref()
        .and_then(|p| p.headers.get(header::USER_AGENT))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let ip = parts
        .as_ref()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        })
        .map(|info| info.0.ip().to_string());
    // Whatever session the browser had is ended: a sign-in always gets a new id.
    if let Some(previous) = sessions::current(&state).await? {
        sessions::end(&state.db, &previous.id).await?;
    }
    let (session, cookie) = sessions::start(
        &state,
        signed_in.account_id,
        signed_in.student_id,
        user_agent,
        ip,
    )
    .await?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(header::SET_COOKIE, cookie);

    guard::go_to(journey::step(&state.db, &session).await?.path());
    Ok(())
}

/// Ends the session on the server (the cookie alone would not be enough) and in the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> AppResult<()> {
    use crate::server::{AppState, sessions};
    let state = AppState::current()?;
    if let Some(session) = sessions::current(&state).await? {
        sessions::end(&state.db, &session.id).await?;
    }
    expect_context::<leptos_axum::ResponseOptions>().append_header(
        axum::http::header::SET_COOKIE,
        sessions::clear_cookie(&state.settings),
    );
    super::guard::go_to("/connexion");
    Ok(())
}
