//! The parent's home page: the school, the parent and their children, news and the month calendar.
use super::AppResult;
use crate::domain::calendar::Day;
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
pub struct NewsItem {
    pub id: i32,
    pub title: String,
    /// Brussels time, "2020-11-17 11:45" as the seed shows it.
    pub published: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventItem {
    pub id: i32,
    pub title: String,
    /// "mardi 17 novembre 2026, 14:00" or, for all-day events, the day(s).
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    pub title: String,
    pub weeks: Vec<Vec<Day>>,
    pub events: Vec<EventItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    pub school: School,
    /// "Antoinette Dupond".
    pub parent_name: String,
    /// "Mère de Durant Albert".
    pub parent_relation: String,
    pub children: Vec<Child>,
    pub news: Vec<NewsItem>,
    pub calendar: Calendar,
    /// Set while the address still waits for its confirmation.
    pub unconfirmed_email: Option<String>,
    /// Whether the terms were postponed in this session (a gentle reminder is shown).
    pub terms_postponed: bool,
}

#[server(prefix = "/api", endpoint = "home")]
pub async fn load_home() -> AppResult<HomeView> {
    use crate::{
        domain::journey::JourneyStep,
        server::{home, journey},
    };
    let (state, session) = super::guard::signed_in().await?;
    let standing = journey::require_step(&state.db, &session, JourneyStep::Done).await?;
    home::view(&state.db, standing).await
}
