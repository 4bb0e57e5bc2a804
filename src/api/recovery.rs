//! "Mot de passe oublié ?": a link mailed to a confirmed address, and the new password it opens.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{AppError, guard},
    crate::domain::limits,
    crate::server::{
        credentials,
        throttle::{self, Key},
    },
};

/// "Envoyer": the same answer, at once, whether or not an account matches; the link (if any) is
/// mailed in the background.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(who: String) -> AppResult<()> {
    use crate::{
        domain::{contact::EmailAddress, identifier::Identifier},
        i18n::td_string,
        language,
        server::credentials::ResetRequest,
    };
    let state = guard::state()?;
    if who.trim().is_empty() {
        let locale = language::current();
        return Err(AppError::field(
            "who",
            td_string!(locale, recovery.who_missing),
        ));
    }
    guard::plain_text("who", &who, limits::EMAIL)?;
    let client = guard::client();
    let identifier = Identifier::parse(&who);
    let named = identifier.as_ref().map_or(who.as_str(), Identifier::as_str);
    let keys = Key::new("reset", named, throttle::RESET).and_ip(client.ip.as_deref());
    // Every request counts, never given back: each may send a mail.
    let _counted = throttle::reserve(&state.db, &state.clock, &keys).await?;
    let domain = identifier
        .as_ref()
        .and_then(Identifier::domain)
        .unwrap_or_default()
        .to_owned();
    let request = ResetRequest {
        email: EmailAddress::parse(&who),
        identifier,
    };
    let background = state.clone();
    let (staff_email, locale) = (request.email.clone(), language::current());
    // The mail goes out after the answer, in the request's span so that its log keeps the id.
    let send = async move {
        // A staff member's address gets their own link (to the staff password page).
        if let Some(email) = staff_email {
            let sent =
                crate::server::staff::links::send_reset_link(&background, &email, locale).await;
            if let Err(error) = sent {
                tracing::error!(?error, "staff password reset request failed");
            }
        }
        if let Err(error) = credentials::send_reset_links(background, request, client).await {
            tracing::error!(?error, "password reset request failed");
        }
    };
    tokio::spawn(tracing::Instrument::in_current_span(send));
    let page = routes::FORGOT_PASSWORD;
    guard::go_to(&format!("{page}?envoye=1&domaine={domain}"));
    Ok(())
}

/// The administrators of the platform whose students' identifiers end with `domain` (public: they
/// are printed on every letter).
#[server(prefix = "/api", endpoint = "reset_admins")]
pub async fn reset_admins(domain: String) -> AppResult<Vec<String>> {
    let state = guard::state()?;
    guard::plain_text("domain", &domain, limits::EMAIL)?;
    Ok(credentials::admins_for(&state.db, &domain).await?)
}

/// "Enregistrer" on the page of a mailed link.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    new_password: String,
    repeat_password: String,
) -> AppResult<()> {
    let state = guard::state()?;
    guard::plain_text("token", &token, limits::TOKEN)?;
    guard::plain_text("new_password", &new_password, limits::PASSWORD)?;
    guard::plain_text("repeat_password", &repeat_password, limits::PASSWORD)?;
    let client = guard::client();
    let (token, repeated) = (token.trim(), &repeat_password);
    credentials::reset_password(&state, &client, token, &new_password, repeated).await?;
    guard::go_to(&format!("{}?mot-de-passe=reinitialise", routes::SIGN_IN));
    Ok(())
}
