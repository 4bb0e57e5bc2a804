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
    /// The header's school: its name, logo and applications.
    pub header: super::brand::SchoolBrand,
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
    let home = crate::server::home::gather(&state.db, &state.clock, &state.school_cache, &standing)
        .await?;
    let header =
        super::brand::SchoolBrand::for_parent(&state.db, home.school.clone(), standing.account.id)
            .await?;
    Ok(home_view(
        home,
        header,
        &standing,
        crate::language::current(),
    ))
}

#[cfg(feature = "ssr")]
fn home_view(
    home: crate::server::home::Home,
    header: super::brand::SchoolBrand,
    standing: &crate::server::journey::Standing,
    locale: crate::language::Locale,
) -> HomeView {
    use super::{calendar::month_calendar, courses::course_items, news::summary};
    use crate::domain::{calendar::Month, journey::TermsStanding, profile::Role};
    let (account, selected) = (&standing.account, &standing.child);
    let calendar = month_calendar(
        locale,
        Month::of(home.today),
        home.today,
        &home.shared.marked,
        &home.shared.coming,
    );
    let name = |part: &Option<String>| part.clone().unwrap_or_default();
    let parent_name = format!("{} {}", name(&account.first_name), name(&account.last_name));
    let role = account.role.unwrap_or(Role::Other);
    let school = home.school;
    HomeView {
        header,
        parent_relation: role.relation_to(
            locale,
            &format!("{} {}", selected.last_name, selected.first_name),
        ),
        parent_name: parent_name.trim().to_owned(),
        school: School {
            name: school.name,
            address: school.address,
            phone: school.phone,
            fax: school.fax,
            email: school.email,
            web: school.web,
            admins: home.shared.admins.clone(),
        },
        children: home
            .children
            .into_iter()
            .map(|linked| Child {
                id: linked.child.id,
                selected: linked.child.id == selected.id,
                first_name: linked.child.first_name,
                last_name: linked.child.last_name,
            })
            .collect(),
        courses: course_items(home.courses),
        news: home.shared.news.iter().map(summary).collect(),
        calendar,
        unconfirmed_email: account
            .email
            .clone()
            .filter(|_| account.email_confirmed_at.is_none()),
        terms_postponed: standing.facts.terms == TermsStanding::PostponedForThisSession,
    }
}
