//! "Personnel" (administrators): the school's staff with their role, second factor and state;
//! adding one (a link to choose a password is mailed), suspending, restoring, removing.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub admin: bool,
    pub second_factor: bool,
    pub suspended: bool,
    /// Still waiting to choose a password.
    pub invited: bool,
    pub is_caller: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub frame: StaffFrame,
    pub members: Vec<TeamMember>,
}

#[server(prefix = "/api", endpoint = "staff_team")]
pub async fn load_team() -> AppResult<Team> {
    use crate::server::{
        second_factor,
        staff::{Role, accounts},
    };
    let (state, caller) = crate::api::guard::staff().await?;
    let listed = accounts::list(&state.db, &caller).await?;
    let ids: Vec<i32> = listed.iter().map(|m| m.account.id).collect();
    let with_second_factor = second_factor::staff_with_one_on(&state.db, &ids).await?;
    let members = listed
        .into_iter()
        .map(|m| TeamMember {
            id: m.account.id,
            name: format!("{} {}", m.account.first_name, m.account.last_name),
            email: m.account.email,
            admin: m.membership.role == Role::Administrator,
            second_factor: with_second_factor.contains(&m.account.id),
            suspended: m.membership.suspended_at.is_some(),
            invited: m.account.password_hash.is_none(),
            is_caller: m.account.id == caller.staff_id,
        })
        .collect();
    Ok(Team {
        frame: super::frame(&state, &caller).await?,
        members,
    })
}

/// "Ajouter": a staff member of this school, `role` `admin` or `teacher`.
#[server(prefix = "/api", endpoint = "staff_add_member")]
pub async fn add_member(
    first_name: String,
    last_name: String,
    email: String,
    role: String,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::domain::{contact::EmailAddress, limits};
    use crate::server::{
        audit::Kind,
        entities::platform,
        error::ServiceError,
        staff::{Role, accounts},
    };
    use sea_orm::EntityTrait;
    let typed = [
        ("first_name", first_name.as_str()),
        ("last_name", last_name.as_str()),
        ("email", email.as_str()),
    ];
    let form = |e: AppError| e.for_form("email", &typed);
    guard::plain_text("first_name", &first_name, limits::NAME).map_err(form)?;
    guard::plain_text("last_name", &last_name, limits::NAME).map_err(form)?;
    guard::plain_text("email", &email, limits::EMAIL).map_err(form)?;
    let email =
        EmailAddress::parse(&email).ok_or_else(|| form(ServiceError::InvalidEmail.into()))?;
    let role = match role.as_str() {
        "admin" => Role::Administrator,
        _ => Role::Teacher,
    };
    let (state, caller) = guard::staff().await?;
    caller.require_admin()?;
    let school = platform::Entity::find_by_id(caller.platform_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::Internal)?;
    let new = accounts::NewStaff {
        first_name: first_name.clone(),
        last_name: last_name.clone(),
        email: email.clone(),
        role,
    };
    let locale = crate::language::current();
    accounts::add(&state, Some(&caller), &school, new, locale)
        .await
        .map_err(|e| form(e.into()))?;
    super::record(&state, &caller, Kind::StaffAdded, Some(email.as_str())).await?;
    guard::go_to(routes::STAFF_TEAM);
    Ok(())
}

/// "Suspendre" / "Rétablir": `suspended` is "1" to suspend, anything else to restore.
#[server(prefix = "/api", endpoint = "staff_suspend_member")]
pub async fn suspend_member(id: i32, #[server(default)] suspended: String) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::accounts};
    let (state, caller) = guard::staff().await?;
    let suspend = suspended == "1";
    accounts::set_suspended(&state, &caller, id, suspend).await?;
    let kind = if suspend {
        Kind::StaffSuspended
    } else {
        Kind::StaffRestored
    };
    super::record(&state, &caller, kind, Some(&format!("#{id}"))).await?;
    guard::go_to(routes::STAFF_TEAM);
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_remove_member")]
pub async fn remove_member(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::accounts};
    let (state, caller) = guard::staff().await?;
    accounts::remove(&state, &caller, id).await?;
    super::record(&state, &caller, Kind::StaffRemoved, Some(&format!("#{id}"))).await?;
    guard::go_to(routes::STAFF_TEAM);
    Ok(())
}

/// "Désactiver la vérification": a member lost their phone and their recovery codes.
#[server(prefix = "/api", endpoint = "staff_reset_second_factor")]
pub async fn reset_second_factor(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::accounts};
    let (state, caller) = guard::staff().await?;
    accounts::reset_second_factor(&state, &caller, id).await?;
    super::record(
        &state,
        &caller,
        Kind::SecondFactorReset,
        Some(&format!("#{id}")),
    )
    .await?;
    guard::go_to(routes::STAFF_TEAM);
    Ok(())
}
