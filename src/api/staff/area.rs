//! The staff area's home page: the sections the caller's role opens.
use super::StaffFrame;
use crate::api::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffHome {
    pub frame: StaffFrame,
    pub second_factor: bool,
    pub students: u64,
    pub classes: Vec<String>,
    /// The absences parents reported that the caller has not acknowledged yet.
    pub pending_absences: i64,
}

#[server(prefix = "/api", endpoint = "staff_home")]
pub async fn load_staff_home() -> AppResult<StaffHome> {
    use crate::server::{absences, staff::students};
    let (state, caller) = crate::api::guard::staff().await?;
    let listed = students::search(&state.db, &caller, None, None).await?;
    Ok(StaffHome {
        frame: super::frame(&state, &caller).await?,
        second_factor: caller.second_factor,
        students: listed.len() as u64,
        classes: students::classes(&state.db, &caller).await?,
        pending_absences: absences::pending(&state.db, &caller).await?,
    })
}
