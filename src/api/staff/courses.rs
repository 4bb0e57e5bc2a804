//! "Cours" in the staff area: the courses with their teachers and students; an administrator
//! creates one, names a teacher, enrols a class at once.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffCourse {
    pub id: i32,
    pub name: String,
    pub teachers: Vec<String>,
    pub students: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffCourses {
    pub frame: StaffFrame,
    pub courses: Vec<StaffCourse>,
    pub classes: Vec<String>,
    /// (id, name) of the school's staff, for "Enseignant"; administrators only.
    pub staff: Vec<(i32, String)>,
}

#[server(prefix = "/api", endpoint = "staff_courses")]
pub async fn load_staff_courses() -> AppResult<StaffCourses> {
    use crate::server::staff::{accounts, courses, students};
    let (state, caller) = crate::api::guard::staff().await?;
    let staff = match caller.is_admin() {
        true => accounts::list(&state.db, &caller)
            .await?
            .into_iter()
            .map(|m| {
                (
                    m.account.id,
                    format!("{} {}", m.account.first_name, m.account.last_name),
                )
            })
            .collect(),
        false => Vec::new(),
    };
    Ok(StaffCourses {
        frame: super::frame(&state, &caller).await?,
        courses: courses::list(&state.db, &caller)
            .await?
            .into_iter()
            .map(|c| StaffCourse {
                id: c.course.id,
                name: c.course.name,
                teachers: c.teachers,
                students: c
                    .students
                    .into_iter()
                    .map(|s| {
                        format!(
                            "{} {} ({})",
                            s.first_name,
                            s.last_name,
                            s.class_name.unwrap_or_default()
                        )
                    })
                    .collect(),
            })
            .collect(),
        classes: students::classes(&state.db, &caller).await?,
        staff,
    })
}

#[server(prefix = "/api", endpoint = "staff_add_course")]
pub async fn add_course(name: String) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::courses};
    guard::plain_text("title", &name, crate::domain::limits::NEWS_TITLE)?;
    let (state, caller) = guard::staff().await?;
    let created = courses::create(&state.db, &caller, &name, state.clock.now()).await?;
    super::record(&state, &caller, Kind::CourseChanged, Some(&created.name)).await?;
    guard::go_to(routes::STAFF_COURSES);
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_assign_teacher")]
pub async fn assign_teacher(course: i32, staff: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::courses};
    let (state, caller) = guard::staff().await?;
    let course = courses::assign_teacher(&state.db, &caller, course, staff).await?;
    let detail = format!("{} : enseignant #{staff}", course.name);
    super::record(&state, &caller, Kind::CourseChanged, Some(&detail)).await?;
    guard::go_to(routes::STAFF_COURSES);
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_enrol_class")]
pub async fn enrol_class(course: i32, class: String) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::courses};
    guard::plain_text("class", &class, crate::domain::limits::NAME)?;
    let (state, caller) = guard::staff().await?;
    let added = courses::enrol_class(&state.db, &caller, course, &class).await?;
    let detail = format!("cours #{course} : classe {class}, {added} élève(s)");
    super::record(&state, &caller, Kind::CourseChanged, Some(&detail)).await?;
    guard::go_to(routes::STAFF_COURSES);
    Ok(())
}
