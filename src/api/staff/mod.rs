//! The staff area's server functions. Each starts with [`super::guard::staff`] (a verified staff
//! session, an active role in its platform) and hands the caller to a service of
//! `server::staff`, which checks the role and the platform of every row it touches; each write is
//! recorded in the school's journal.
pub mod absences;
pub mod area;
pub mod auth;
pub mod calendar;
pub mod courses;
pub mod intradesk;
pub mod journal;
pub mod messages;
pub mod news;
pub mod school;
pub mod students;
pub mod surveys;
pub mod team;
pub mod terms;

use serde::{Deserialize, Serialize};

/// What every staff page shows around its content: the school, who is signed in, and whether the
/// administrators' sections are theirs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffFrame {
    pub school: String,
    pub name: String,
    pub admin: bool,
    /// The other schools the staff member works for, as (id, name): "Changer d'école".
    pub other_schools: Vec<(i32, String)>,
}

#[cfg(feature = "ssr")]
pub(crate) async fn frame(
    state: &crate::server::AppState,
    caller: &crate::server::staff::Caller,
) -> super::AppResult<StaffFrame> {
    use crate::server::entities::platform;
    use sea_orm::EntityTrait;
    let school = platform::Entity::find_by_id(caller.platform_id)
        .one(&state.db)
        .await?
        .ok_or(super::AppError::Internal)?;
    let others = crate::server::staff::accounts::other_platforms(&state.db, caller).await?;
    Ok(StaffFrame {
        school: school.name,
        name: caller.name.clone(),
        admin: caller.is_admin(),
        other_schools: others.into_iter().map(|p| (p.id, p.name)).collect(),
    })
}

/// Writes a staff action to the journal.
#[cfg(feature = "ssr")]
pub(crate) async fn record(
    state: &crate::server::AppState,
    caller: &crate::server::staff::Caller,
    kind: crate::server::audit::Kind,
    detail: Option<&str>,
) -> super::AppResult<()> {
    let who = (caller.staff_id, caller.platform_id);
    let client = super::guard::client();
    crate::server::audit::record_staff(&state.db, state.clock.now(), kind, who, &client, detail)
        .await?;
    Ok(())
}

/// The classes a news item or an event is for, as the form ticked them (`classes[0]=3B`): each
/// one of the school's, trimmed and once; none means the whole school, which a teacher may not
/// write to. A refusal is said under the boxes. (Whether a teacher teaches them is the service's
/// rule.)
#[cfg(feature = "ssr")]
pub(crate) async fn audience(
    state: &crate::server::AppState,
    caller: &crate::server::staff::Caller,
    ticked: Vec<String>,
) -> super::AppResult<Vec<String>> {
    use crate::{i18n::td_string, language};
    let locale = language::current();
    for class in &ticked {
        super::guard::plain_text("classes", class, crate::domain::limits::NAME)?;
    }
    let mut classes: Vec<String> = ticked
        .into_iter()
        .map(|class| class.trim().to_owned())
        .filter(|class| !class.is_empty())
        .collect();
    classes.sort();
    classes.dedup();
    let known = crate::server::staff::students::school_classes(&state.db, caller).await?;
    if classes.iter().any(|class| !known.contains(class)) {
        let message = td_string!(locale, staff.unknown_class);
        return Err(super::AppError::field("classes", message));
    }
    if classes.is_empty() && !caller.is_admin() {
        let message = td_string!(locale, staff.choose_own_class);
        return Err(super::AppError::field("classes", message));
    }
    Ok(classes)
}
