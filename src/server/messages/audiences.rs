//! Who may be written to: the teachers and administrators a parent reaches about a child, and the
//! students whose parents a staff member's audience names (a student they reach, one of their
//! classes or courses, the whole school for administrators).
use crate::server::{
    entities::{course, course_student, course_teacher, staff_account, staff_membership, student},
    error::{ServiceError, ServiceResult},
    staff::{Caller, Role, access},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// Who a parent writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// A teacher of one of the child's courses.
    Teacher(i32),
    /// The school's administrators, together.
    Administrators,
}

/// Who staff write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Student(i32),
    Class(String),
    Course(i32),
    /// Administrators only.
    School,
}

/// The teachers a parent may write to about `child`: those of the child's courses, with an
/// active membership of the child's school, by name.
pub async fn recipients_for(
    db: &impl ConnectionTrait,
    child: &student::Model,
) -> Result<Vec<(i32, String)>, sea_orm::DbErr> {
    let courses: Vec<i32> = course_student::Entity::find()
        .select_only()
        .column(course_student::Column::CourseId)
        .filter(course_student::Column::StudentId.eq(child.id))
        .into_tuple()
        .all(db)
        .await?;
    let teachers: Vec<i32> = course_teacher::Entity::find()
        .select_only()
        .column(course_teacher::Column::StaffId)
        .filter(course_teacher::Column::CourseId.is_in(courses))
        .into_tuple()
        .all(db)
        .await?;
    active_staff(db, child.platform_id, Some(teachers), None).await
}

/// The active staff of a school among `among` (all if `None`), of `role` (any if `None`).
pub(super) async fn active_staff(
    db: &impl ConnectionTrait,
    platform: i32,
    among: Option<Vec<i32>>,
    role: Option<Role>,
) -> Result<Vec<(i32, String)>, sea_orm::DbErr> {
    let mut members = staff_membership::Entity::find()
        .select_only()
        .column(staff_membership::Column::StaffId)
        .filter(staff_membership::Column::PlatformId.eq(platform))
        .filter(staff_membership::Column::SuspendedAt.is_null());
    if let Some(among) = among {
        members = members.filter(staff_membership::Column::StaffId.is_in(among));
    }
    if let Some(role) = role {
        members = members.filter(staff_membership::Column::Role.eq(role));
    }
    let ids: Vec<i32> = members.into_tuple().all(db).await?;
    let mut staff: Vec<(i32, String)> = staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect();
    staff.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(staff)
}

/// The students of an audience, if the caller may write to it: a student they reach, one of their
/// classes, one of their courses; the whole school for administrators.
pub(super) async fn audience_students(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    audience: &Audience,
) -> ServiceResult<Vec<student::Model>> {
    let of_school =
        student::Entity::find().filter(student::Column::PlatformId.eq(caller.platform_id));
    Ok(match audience {
        Audience::Student(id) => vec![access::reachable_student(db, caller, *id).await?],
        Audience::Class(class) => {
            access::require_classes(db, caller, std::slice::from_ref(class)).await?;
            of_school
                .filter(student::Column::ClassName.eq(class.as_str()))
                .all(db)
                .await?
        }
        Audience::Course(id) => {
            let found = course::Entity::find_by_id(*id)
                .filter(course::Column::PlatformId.eq(caller.platform_id))
                .one(db)
                .await?
                .ok_or(ServiceError::Forbidden)?;
            if !caller.is_admin() && !access::own_courses(db, caller).await?.contains(&found.id) {
                return Err(ServiceError::Forbidden);
            }
            let enrolled: Vec<i32> = course_student::Entity::find()
                .select_only()
                .column(course_student::Column::StudentId)
                .filter(course_student::Column::CourseId.eq(found.id))
                .into_tuple()
                .all(db)
                .await?;
            of_school
                .filter(student::Column::Id.is_in(enrolled))
                .all(db)
                .await?
        }
        Audience::School => {
            caller.require_admin()?;
            of_school.all(db).await?
        }
    })
}
