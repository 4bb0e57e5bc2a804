//! The parent's home page ("Accueil"): the school, the parent and their children, the selected
//! child's courses, the school's latest news and this month.
use super::{AppResult, calendar::Calendar, courses::CourseItem, news::NewsSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// "En cas de problèmes": the platform administrators' addresses.
    pub admins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Child {
    pub id: i32,
    pub first_name: String,
    pub last_name: String,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    pub school: School,
    /// "Antoinette Dupond".
    pub parent_name: String,
    /// "Mère de Durant Albert".
    pub parent_relation: String,
    pub children: Vec<Child>,
    pub courses: Vec<CourseItem>,
    pub news: Vec<NewsSummary>,
    pub calendar: Calendar,
    /// Set while the address still waits for its confirmation.
    pub unconfirmed_email: Option<String>,
    /// Whether the terms were postponed in this session (a gentle reminder is shown).
    pub terms_postponed: bool,
}

#[server(prefix = "/api", endpoint = "home")]
pub async fn load_home() -> AppResult<HomeView> {
    let (state, _, standing) = super::guard::settled().await?;
    crate::server::home::view(&state.db, standing).await
}

/// What the pages not built yet (Messages, Notifications) show around their empty state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameView {
    pub school: String,
}

#[server(prefix = "/api", endpoint = "frame")]
pub async fn load_frame() -> AppResult<FrameView> {
    let (state, _, standing) = super::guard::settled().await?;
    let school = crate::server::journey::platform_of(&state.db, &standing.child).await?;
    Ok(FrameView {
        school: school.name,
    })
}
