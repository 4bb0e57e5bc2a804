//! A staff member's way in: the second factor after the password, setting it up (administrators
//! must), choosing a password with the mailed link, and signing out.
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::api::second_factor::SecondFactorSetup;

/// The staff account of a waiting or verified session, and the session.
#[cfg(feature = "ssr")]
async fn session_account(
    state: &crate::server::AppState,
) -> AppResult<(
    crate::server::staff::sessions::StaffSession,
    crate::server::entities::staff_account::Model,
)> {
    use crate::api::{AppError, guard};
    use crate::server::entities::staff_account;
    use sea_orm::EntityTrait;
    let session = guard::staff_session(state)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    let account = staff_account::Entity::find_by_id(session.staff_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    Ok((session, account))
}

#[server(prefix = "/api", endpoint = "staff_second_factor_setup")]
pub async fn load_second_factor_setup() -> AppResult<SecondFactorSetup> {
    use crate::api::{AppError, guard};
    use crate::server::{
        second_factor::{self, Owner},
        staff::access,
    };
    let state = guard::state()?;
    let (session, account) = session_account(&state).await?;
    let owner = Owner::Staff(account.id);
    let on = second_factor::enabled_at(&state.db, owner).await?.is_some();
    // A session waiting for its second factor may set one up only if the account has none yet.
    if !session.verified && on {
        return Err(AppError::NotSignedIn);
    }
    if access::membership(&state.db, account.id, session.platform_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotSignedIn);
    }
    SecondFactorSetup::of(&state, owner, &account.email).await
}

/// "Activer": the first code of the authenticator turns the second factor on; the session is
/// then verified (under a new id).
#[server(prefix = "/api", endpoint = "staff_enable_second_factor")]
pub async fn enable_second_factor(code: String) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::server::{
        audit::Kind,
        second_factor::{self, Owner},
        staff::{access, sessions},
    };
    guard::plain_text("code", &code, 20)?;
    let state = guard::state()?;
    let (session, account) = session_account(&state).await?;
    let owner = Owner::Staff(account.id);
    let enabled = second_factor::confirm(&state.db, &state.clock, owner, &code).await;
    enabled.map_err(|e| AppError::from(e).for_form("code", &[]))?;
    let client = guard::client();
    let (verified, cookie) = sessions::verify(&state, &session, &client).await?;
    guard::set_cookie(cookie);
    if let Some(caller) = access::caller(&state.db, &verified).await? {
        super::record(&state, &caller, Kind::SecondFactorEnabled, None).await?;
    }
    guard::go_to(routes::STAFF);
    Ok(())
}

/// The second-factor page's code for a staff member's session waiting for it (see
/// [`crate::api::second_factor::give_second_factor`]).
#[cfg(feature = "ssr")]
pub(crate) async fn finish_staff_sign_in(
    state: &crate::server::AppState,
    code: &str,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::server::{
        audit::{self, Kind},
        error::ServiceError,
        second_factor::{self, Owner},
        staff::{access, sessions},
        throttle::{self, Key},
    };
    let (session, account) = session_account(state).await?;
    if session.verified {
        guard::go_to(routes::STAFF);
        return Ok(());
    }
    let client = guard::client();
    let keys = Key::new("second_factor", &account.id.to_string(), throttle::ACCOUNT)
        .and_ip(client.ip.as_deref());
    let wrong = |e: &ServiceError| matches!(e, ServiceError::WrongCode);
    let check = second_factor::check(&state.db, &state.clock, Owner::Staff(account.id), code);
    let given = match throttle::attempt(&state.db, &state.clock, &keys, wrong, check).await {
        Ok(given) => given,
        Err(ServiceError::WrongCode) => {
            let who = (account.id, session.platform_id);
            let (db, now) = (&state.db, state.clock.now());
            audit::record_staff(db, now, Kind::SecondFactorFailed, who, &client, None).await?;
            return Err(AppError::from(ServiceError::WrongCode).for_form("code", &[]));
        }
        Err(other) => return Err(other.into()),
    };
    throttle::clear(&state.db, &keys[0]).await?;
    let (verified, cookie) = sessions::verify(state, &session, &client).await?;
    guard::set_cookie(cookie);
    let caller = access::caller(&state.db, &verified)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    super::record(state, &caller, Kind::SignInSucceeded, None).await?;
    if given == second_factor::Given::RecoveryCode {
        super::record(state, &caller, Kind::RecoveryCodeUsed, None).await?;
    }
    guard::go_to(routes::STAFF);
    Ok(())
}

/// Who a mailed link is for, shown above the new password's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordLinkHolder {
    pub name: String,
    pub email: String,
}

#[server(prefix = "/api", endpoint = "staff_password_link")]
pub async fn load_password_link(token: String) -> AppResult<PasswordLinkHolder> {
    use crate::api::guard;
    use crate::server::staff::links;
    let state = guard::state()?;
    let holder = links::link_holder(&state.db, &token, state.clock.now()).await?;
    Ok(PasswordLinkHolder {
        name: format!("{} {}", holder.first_name, holder.last_name),
        email: holder.email,
    })
}

/// "Enregistrer" on the mailed link's page: the staff member's password, then the sign-in page.
#[server(prefix = "/api", endpoint = "staff_choose_password")]
pub async fn choose_staff_password(
    token: String,
    new_password: String,
    repeat_password: String,
) -> AppResult<()> {
    use crate::api::guard;
    use crate::domain::limits;
    use crate::server::staff::links;
    guard::plain_text("new_password", &new_password, limits::PASSWORD)?;
    guard::plain_text("repeat_password", &repeat_password, limits::PASSWORD)?;
    let state = guard::state()?;
    let account = links::choose_password(&state, &token, &new_password, &repeat_password).await?;
    let client = guard::client();
    let (db, now) = (&state.db, state.clock.now());
    let kind = crate::server::audit::Kind::StaffPasswordChosen;
    let detail = Some(account.email.as_str());
    for membership in crate::server::staff::accounts::platforms_of(db, account.id).await? {
        let who = (account.id, membership);
        crate::server::audit::record_staff(db, now, kind, who, &client, detail).await?;
    }
    guard::go_to(&format!("{}?mot-de-passe=choisi", routes::SIGN_IN));
    Ok(())
}

/// "Se déconnecter" in the staff area.
#[server(prefix = "/api", endpoint = "staff_sign_out")]
pub async fn staff_sign_out() -> AppResult<()> {
    use crate::api::guard;
    use crate::server::staff::sessions;
    let state = guard::state()?;
    if let Some(session) = guard::staff_session(&state).await? {
        sessions::end(&state.db, &session.id).await?;
    }
    guard::set_cookie(sessions::forget_cookie(state.settings.https()));
    guard::go_to(routes::SIGN_IN);
    Ok(())
}

/// "Changer d'école": a new session in another school of the staff member (their role there
/// applies; an administrator without a second factor sets it up first).
#[server(prefix = "/api", endpoint = "staff_switch_school")]
pub async fn switch_school(school: i32) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::server::staff::{access, sessions};
    let (state, caller) = guard::staff().await?;
    if access::membership(&state.db, caller.staff_id, school)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden);
    }
    let client = guard::client();
    let (_, cookie) = sessions::start(&state, caller.staff_id, school, true, &client).await?;
    sessions::end(&state.db, &caller.session_id).await?;
    guard::set_cookie(cookie);
    guard::go_to(routes::STAFF);
    Ok(())
}
