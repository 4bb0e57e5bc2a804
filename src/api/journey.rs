//! The first sign-in journey: terms of use, own password, profile and its e-mail confirmation.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{AppError, guard},
    crate::domain::{calendar, journey::JourneyStep, limits},
    crate::server::{
        AppState, accounts, entities::consent::Decision, journey, lookups, markdown,
        sessions::CurrentSession, terms,
    },
    crate::{i18n::td_string, language},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermsView {
    pub identifier: String,
    pub school: String,
    pub version: i32,
    /// The school's Markdown, rendered and sanitised on the server.
    pub html: String,
    /// "Ignorer (possible jusqu'au …)" is offered only while this is set.
    pub postpone_until: Option<String>,
}

#[server(prefix = "/api", endpoint = "terms")]
pub async fn load_terms() -> AppResult<TermsView> {
    let locale = language::current();
    let (state, _, standing) = guard::at_step(JourneyStep::Terms).await?;
    let journey::Standing { child, terms, .. } = standing;
    let school = lookups::platform_of(&state.db, &child).await?;
    // The terms step is pending only when there are terms.
    let terms = terms.ok_or(AppError::Internal)?;
    Ok(TermsView {
        identifier: child.identifier,
        school: school.name,
        version: terms.version,
        html: markdown::to_safe_html(&terms.body_markdown),
        postpone_until: terms::can_postpone(&terms, state.clock.today())
            .then(|| {
                terms
                    .postpone_until
                    .map(|d| calendar::day_month_year(locale, d))
            })
            .flatten(),
    })
}

#[cfg(feature = "ssr")]
async fn decide(version: i32, decision: Decision) -> Result<(AppState, CurrentSession), AppError> {
    use crate::server::audit;
    let (state, session) = guard::signed_in().await?;
    journey::decide_terms(&state.db, &state.clock, &session, version, decision).await?;
    let kind = match decision {
        Decision::Accepted => audit::Kind::TermsAccepted,
        Decision::Refused => audit::Kind::TermsRefused,
        Decision::Postponed => return Ok((state, session)),
    };
    let detail = format!("version {version}");
    let (now, account, client) = (state.clock.now(), Some(session.account_id), guard::client());
    audit::record(&state.db, now, kind, account, &client, Some(&detail)).await?;
    Ok((state, session))
}

/// "Oui, je les accepte".
#[server(prefix = "/api", endpoint = "accept_terms")]
pub async fn accept_terms(version: i32) -> AppResult<()> {
    let (state, session) = decide(version, Decision::Accepted).await?;
    guard::go_to_next_step(&state, &session).await
}

/// "Ignorer (possible jusqu'au …)": through for this session, asked again at the next sign-in.
#[server(prefix = "/api", endpoint = "postpone_terms")]
pub async fn postpone_terms(version: i32) -> AppResult<()> {
    let (state, session) = decide(version, Decision::Postponed).await?;
    guard::go_to_next_step(&state, &session).await
}

/// "Non, je ne les accepte pas": the refusal is recorded and the session ends.
#[server(prefix = "/api", endpoint = "refuse_terms")]
pub async fn refuse_terms(version: i32) -> AppResult<()> {
    use crate::server::sessions;
    let (state, session) = decide(version, Decision::Refused).await?;
    sessions::end(&state.db, &session.id).await?;
    guard::forget_session_cookie(&state);
    guard::go_to(&format!("{}?conditions=refusees", routes::SIGN_IN));
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordView {
    pub identifier: String,
}

#[server(prefix = "/api", endpoint = "password")]
pub async fn load_password_step() -> AppResult<PasswordView> {
    let (_, _, standing) = guard::at_step(JourneyStep::Password).await?;
    Ok(PasswordView {
        identifier: standing.child.identifier,
    })
}

/// "Enregistrer" on "Modifiez votre mot de passe".
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(new_password: String, repeat_password: String) -> AppResult<()> {
    let (state, session, _) = guard::at_step(JourneyStep::Password).await?;
    for (field, value) in [
        ("new_password", &new_password),
        ("repeat_password", &repeat_password),
    ] {
        guard::plain_text(field, value, limits::PASSWORD)?;
    }
    let (db, clock) = (&state.db, &state.clock);
    accounts::choose_password(db, clock, &session, &new_password, &repeat_password).await?;
    guard::go_to_next_step(&state, &session).await
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub identifier: String,
    pub form: crate::domain::profile::ProfileForm,
}

#[server(prefix = "/api", endpoint = "profile")]
pub async fn load_profile() -> AppResult<ProfileView> {
    let (_, _, standing) = guard::at_step(JourneyStep::Profile).await?;
    let journey::Standing { account, child, .. } = standing;
    Ok(ProfileView {
        identifier: child.identifier,
        form: crate::domain::profile::ProfileForm {
            first_name: account.first_name.unwrap_or_default(),
            last_name: account.last_name.unwrap_or_default(),
            role: account
                .role
                .map(|role| role.code().to_owned())
                .unwrap_or_default(),
            email: account.email.unwrap_or_default(),
            phone: account.phone.unwrap_or_default(),
            mobile: account.mobile.unwrap_or_default(),
        },
    })
}

/// "Enregistrer" on "Bienvenue": saves the profile and mails a confirmation link.
#[server(prefix = "/api", endpoint = "save_profile")]
pub async fn save_profile(
    first_name: String,
    last_name: String,
    #[server(default)] role: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] mobile: String,
) -> AppResult<()> {
    let (state, session, _) = guard::at_step(JourneyStep::Profile).await?;
    for (field, value) in [
        ("first_name", &first_name),
        ("last_name", &last_name),
        ("email", &email),
        ("phone", &phone),
        ("mobile", &mobile),
        ("role", &role),
    ] {
        guard::plain_text(field, value, limits::PROFILE_FIELD)?;
    }
    let form = crate::domain::profile::ProfileForm {
        first_name,
        last_name,
        role,
        email,
        phone,
        mobile,
    };
    let typed = form.typed();
    let typed: Vec<(&str, &str)> = typed
        .iter()
        .map(|(field, value)| (*field, value.as_str()))
        .collect();
    accounts::save_profile(&state, &session, form, language::current())
        .await
        .map_err(|refusal| AppError::from(refusal).for_form("email", &typed))?;
    guard::go_to_next_step(&state, &session).await
}

/// "Renvoyer le message" on the home page's reminder.
#[server(prefix = "/api", endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> AppResult<String> {
    use crate::server::error::ServiceError;
    let locale = language::current();
    let (state, session, standing) = guard::settled().await?;
    match (standing.account.email, standing.account.email_confirmed_at) {
        (Some(email), None) => {
            let (db, clock, account) = (&state.db, &state.clock, Some(session.account_id));
            crate::server::throttle::count_mail(db, clock, account, &email).await?;
            accounts::send_confirmation(&state, session.account_id, &email, locale).await?;
            Ok(td_string!(locale, profile.confirmation_resent, email = email).to_string())
        }
        _ => Err(ServiceError::AlreadyConfirmed.into()),
    }
}

/// The button of the link mailed to the parent. A button, not the link itself, so that mail
/// scanners which open links don't use it up.
#[server(prefix = "/api", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> AppResult<()> {
    let state = guard::state()?;
    guard::plain_text("token", &token, limits::TOKEN)?;
    let client = guard::client();
    accounts::confirm_email(&state.db, &state.clock, &client, token.trim()).await?;
    guard::go_to(routes::EMAIL_CONFIRMED);
    Ok(())
}
