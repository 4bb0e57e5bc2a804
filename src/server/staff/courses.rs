//! "Cours" in the staff area: the school's courses with their teachers and students; an
//! administrator creates one, names its teachers and enrols a whole class at once. A teacher sees
//! their own courses.
use super::{Caller, access};
use crate::server::{
    entities::{course, course_student, course_teacher, staff_account, staff_membership, student},
    error::{ServiceError, ServiceResult},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub struct Course {
    pub course: course::Model,
    pub teachers: Vec<String>,
    pub students: Vec<student::Model>,
}

/// The caller's courses (all of the school's for an administrator), by name.
pub async fn list(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<Course>> {
    let mut query =
        course::Entity::find().filter(course::Column::PlatformId.eq(caller.platform_id));
    if !caller.is_admin() {
        query = query.filter(course::Column::Id.is_in(access::own_courses(db, caller).await?));
    }
    let courses = query.order_by_asc(course::Column::Name).all(db).await?;
    let ids: Vec<i32> = courses.iter().map(|c| c.id).collect();
    let taught = course_teacher::Entity::find()
        .filter(course_teacher::Column::CourseId.is_in(ids.clone()))
        .all(db)
        .await?;
    let staff = staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(taught.iter().map(|t| t.staff_id)))
        .all(db)
        .await?;
    let enrolled = course_student::Entity::find()
        .filter(course_student::Column::CourseId.is_in(ids))
        .all(db)
        .await?;
    let students = student::Entity::find()
        .filter(student::Column::Id.is_in(enrolled.iter().map(|e| e.student_id)))
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?;
    Ok(courses
        .into_iter()
        .map(|course| {
            let mut teachers: Vec<String> = taught
                .iter()
                .filter(|t| t.course_id == course.id)
                .filter_map(|t| staff.iter().find(|s| s.id == t.staff_id))
                .map(|s| format!("{} {}", s.first_name, s.last_name))
                .collect();
            if teachers.is_empty() {
                teachers.extend(course.teacher.clone());
            }
            let students = students
                .iter()
                .filter(|s| {
                    enrolled
                        .iter()
                        .any(|e| e.course_id == course.id && e.student_id == s.id)
                })
                .cloned()
                .collect();
            Course {
                course,
                teachers,
                students,
            }
        })
        .collect())
}

/// A new course of the caller's school (administrators).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    name: &str,
    now: DateTime<Utc>,
) -> ServiceResult<course::Model> {
    caller.require_admin()?;
    if name.trim().is_empty() {
        return Err(ServiceError::TitleMissing);
    }
    Ok(course::ActiveModel {
        platform_id: Set(caller.platform_id),
        name: Set(name.trim().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A course of the caller's school (administrators); another school's is refused like an unknown.
async fn of_school(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<course::Model> {
    caller.require_admin()?;
    course::Entity::find_by_id(id)
        .filter(course::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// Names a staff member of the school as a teacher of a course.
pub async fn assign_teacher(
    db: &DatabaseConnection,
    caller: &Caller,
    course_id: i32,
    staff_id: i32,
) -> ServiceResult<course::Model> {
    let found = of_school(db, caller, course_id).await?;
    let member = staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(staff_id))
        .filter(staff_membership::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?;
    if member.is_none() {
        return Err(ServiceError::Forbidden);
    }
    super::accounts::teach(db, staff_id, found.id).await?;
    Ok(found)
}

/// Enrols every student of `class` in a course; those already in it stay as they are. Returns how
/// many were added.
pub async fn enrol_class(
    db: &DatabaseConnection,
    caller: &Caller,
    course_id: i32,
    class: &str,
) -> ServiceResult<usize> {
    let found = of_school(db, caller, course_id).await?;
    let in_class = student::Entity::find()
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .filter(student::Column::ClassName.eq(class))
        .all(db)
        .await?;
    let already: Vec<i32> = course_student::Entity::find()
        .filter(course_student::Column::CourseId.eq(found.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.student_id)
        .collect();
    let new: Vec<_> = in_class
        .iter()
        .filter(|s| !already.contains(&s.id))
        .map(|s| course_student::ActiveModel {
            course_id: Set(found.id),
            student_id: Set(s.id),
        })
        .collect();
    let added = new.len();
    if added > 0 {
        course_student::Entity::insert_many(new).exec(db).await?;
    }
    Ok(added)
}
