//! The second factor, for parents and staff alike: the code asked after the password on the
//! second-factor page, and a parent's own set-up in "Mon compte" (staff set theirs up in the staff
//! area, [`super::staff::auth`]).
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{AppError, guard},
    crate::server::{
        AppState,
        audit::{self, Kind},
        entities::second_factor_wait,
        error::ServiceError,
        second_factor::{self, Given, Owner},
        second_factor_waits,
        throttle::{self, Key},
    },
};

/// The set-up page: the secret as a QR code and typed, and the ten recovery codes to keep; or,
/// once on, how many recovery codes are left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorSetup {
    /// Already on: nothing to set up.
    pub enabled: bool,
    pub qr_code: String,
    pub secret: String,
    pub recovery_codes: Vec<String>,
    pub recovery_codes_left: u64,
}

#[cfg(feature = "ssr")]
impl SecondFactorSetup {
    /// The page of an owner whose second factor is on, or else of its set-up.
    pub(super) async fn of(state: &AppState, owner: Owner, account_name: &str) -> AppResult<Self> {
        let db = &state.db;
        if second_factor::enabled_at(db, owner).await?.is_some() {
            return Ok(Self {
                enabled: true,
                qr_code: String::new(),
                secret: String::new(),
                recovery_codes: Vec::new(),
                recovery_codes_left: second_factor::recovery_codes_left(db, owner).await?,
            });
        }
        let issuer = second_factor::issuer(&state.settings.public_url);
        let setup = second_factor::prepare(db, &state.clock, owner, &issuer, account_name).await?;
        Ok(Self {
            enabled: false,
            qr_code: setup.qr_code,
            secret: setup.secret,
            recovery_codes: setup.recovery_codes,
            recovery_codes_left: second_factor::RECOVERY_CODES as u64,
        })
    }
}

/// "Valider" on the second-factor page: the authenticator's code, or a recovery code, for the
/// parent's sign-in waiting in this browser, or else for the staff member's session.
#[server(prefix = "/api", endpoint = "second_factor")]
pub async fn give_second_factor(code: String) -> AppResult<()> {
    guard::plain_text("code", &code, 30)?;
    let state = guard::state()?;
    if let Some(token) =
        guard::cookie(&state, second_factor_waits::COOKIE).filter(|t| !t.is_empty())
    {
        let now = state.clock.now();
        if let Some(wait) = second_factor_waits::waiting(&state.db, now, &token).await? {
            return finish_parent_sign_in(&state, wait, &code).await;
        }
        // A wait that ended: its cookie goes, and a staff member's session is served instead.
        guard::set_cookie(second_factor_waits::COOKIE.forget(state.settings.https()));
        if guard::staff_session(&state).await?.is_none() {
            return Err(ServiceError::CodeExpired.into());
        }
    }
    super::staff::auth::finish_staff_sign_in(&state, &code).await
}

#[cfg(feature = "ssr")]
async fn finish_parent_sign_in(
    state: &AppState,
    wait: second_factor_wait::Model,
    code: &str,
) -> AppResult<()> {
    let client = guard::client();
    let (db, clock) = (&state.db, &state.clock);
    let account = wait.account_id.to_string();
    let keys =
        Key::new("parent_second_factor", &account, throttle::ACCOUNT).and_ip(client.ip.as_deref());
    let wrong = |e: &ServiceError| matches!(e, ServiceError::WrongCode);
    let finish = second_factor_waits::finish(db, clock, &wait, code);
    let (opened, given) = match throttle::attempt(db, clock, &keys, wrong, finish).await {
        Ok(finished) => finished,
        Err(ServiceError::WrongCode) => {
            let (now, account) = (clock.now(), Some(wait.account_id));
            audit::record(db, now, Kind::SecondFactorFailed, account, &client, None).await?;
            return Err(AppError::from(ServiceError::WrongCode).for_form("code", &[]));
        }
        Err(other) => return Err(other.into()),
    };
    throttle::clear(db, &keys[0]).await?;
    guard::set_cookie(second_factor_waits::COOKIE.forget(state.settings.https()));
    if given == Given::RecoveryCode {
        let (now, account) = (clock.now(), Some(wait.account_id));
        audit::record(db, now, Kind::RecoveryCodeUsed, account, &client, None).await?;
    }
    let browser = guard::browser(state);
    super::auth::open_session(state, opened, &browser, client, None).await
}

/// A parent's page of their own second factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnSecondFactor {
    pub school: crate::api::brand::SchoolBrand,
    pub setup: SecondFactorSetup,
}

#[server(prefix = "/api", endpoint = "own_second_factor")]
pub async fn load_own_second_factor() -> AppResult<OwnSecondFactor> {
    use crate::server::lookups;
    let (state, session, standing) = guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    // The authenticator lists the account under its address, or else the child's identifier.
    let name = match &standing.account.email {
        Some(email) => email.clone(),
        None => standing.child.identifier.clone(),
    };
    let owner = Owner::Parent(session.account_id);
    Ok(OwnSecondFactor {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        setup: SecondFactorSetup::of(&state, owner, &name).await?,
    })
}

/// "Activer": the authenticator's first code turns the parent's second factor on.
#[server(prefix = "/api", endpoint = "enable_own_second_factor")]
pub async fn enable_own_second_factor(code: String) -> AppResult<()> {
    use crate::server::credentials;
    let (state, session, _) = guard::settled().await?;
    guard::plain_text("code", &code, 20)?;
    let (client, browser) = (guard::client(), guard::browser(&state));
    credentials::turn_on_second_factor(&state, &session, (&client, &browser), &code)
        .await
        .map_err(|error| AppError::from(error).for_form("code", &[]))?;
    guard::go_to(&format!("{}?second-facteur=active", routes::ACCOUNT));
    Ok(())
}

/// "Désactiver", with the current password.
#[server(prefix = "/api", endpoint = "disable_own_second_factor")]
pub async fn disable_own_second_factor(current_password: String) -> AppResult<()> {
    use crate::{domain::limits, server::credentials};
    let (state, session, _) = guard::settled().await?;
    guard::plain_text("current_password", &current_password, limits::PASSWORD)?;
    let client = guard::client();
    let turn_off =
        credentials::turn_off_second_factor(&state, &session, &client, &current_password);
    super::account::with_current_password(&state, &session, turn_off)
        .await
        .map_err(|error| error.for_form("current_password", &[]))?;
    guard::go_to(&format!("{}?second-facteur=desactive", routes::ACCOUNT));
    Ok(())
}
