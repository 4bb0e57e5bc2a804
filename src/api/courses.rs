//! "Cours": the courses of the selected child, with their teachers.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseItem {
    pub name: String,
    pub teacher: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoursesView {
    pub school: crate::api::brand::SchoolBrand,
    /// The child whose courses these are.
    pub child: String,
    pub courses: Vec<CourseItem>,
}

#[cfg(feature = "ssr")]
pub(crate) fn course_items(
    courses: Vec<crate::server::entities::course::Model>,
) -> Vec<CourseItem> {
    courses
        .into_iter()
        .map(|course| CourseItem {
            name: course.name,
            teacher: course.teacher,
        })
        .collect()
}

#[server(prefix = "/api", endpoint = "courses")]
pub async fn load_courses() -> AppResult<CoursesView> {
    use crate::server::{courses, lookups};
    let (state, _, standing) = super::guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let courses = courses::of_child(&state.db, standing.child.id).await?;
    Ok(CoursesView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        child: standing.child.first_name,
        courses: course_items(courses),
    })
}
