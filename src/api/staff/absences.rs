//! "Absences" on the school's side: the absences parents reported, those still to acknowledge
//! first; an administrator sees the school's, a teacher those of the students of their courses.
//! Acknowledging one is written to the school's journal (the child and the days, not the reason).
use super::StaffFrame;
use crate::api::{AppResult, absences::AbsenceLine};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffAbsences {
    pub frame: StaffFrame,
    /// Whether acknowledged absences are listed too.
    pub all: bool,
    pub absences: Vec<AbsenceLine>,
}

#[server(prefix = "/api", endpoint = "staff_absences")]
pub async fn load_staff_absences(#[server(default)] all: bool) -> AppResult<StaffAbsences> {
    use crate::server::absences::{self, Reader};
    let (state, caller) = crate::api::guard::staff().await?;
    let found = absences::list(&state.db, Reader::Staff(&caller), !all).await?;
    Ok(StaffAbsences {
        frame: super::frame(&state, &caller).await?,
        all,
        absences: found
            .into_iter()
            .map(|found| crate::api::absences::line(found, None))
            .collect(),
    })
}

/// "Bien reçu": the school has seen absence `id`; both parents read it on their page.
#[server(prefix = "/api", endpoint = "staff_acknowledge_absence")]
pub async fn acknowledge_absence(id: i32) -> AppResult<()> {
    use crate::{
        api::guard,
        domain::routes,
        server::{absences, audit::Kind},
    };
    let (state, caller) = guard::staff().await?;
    let done = absences::acknowledge(&state.db, &caller, id, state.clock.now()).await?;
    let line = crate::api::absences::line(done, None);
    let detail = format!("{} · {}", line.child, line.days);
    super::record(&state, &caller, Kind::AbsenceAcknowledged, Some(&detail)).await?;
    guard::go_to(routes::STAFF_ABSENCES);
    Ok(())
}
