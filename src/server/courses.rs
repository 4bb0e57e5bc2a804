//! The courses a child follows, with their teachers, and staff enrolling a child in one.
use super::{
    entities::{course, course_student, student},
    platforms, students,
};
use anyhow::{Context, bail};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, sea_query::Query,
};

/// The courses of `student_id`, by name, in one query.
pub async fn of_child(
    db: &DatabaseConnection,
    student_id: i32,
) -> Result<Vec<course::Model>, DbErr> {
    let followed = Query::select()
        .column(course_student::Column::CourseId)
        .from(course_student::Entity)
        .and_where(course_student::Column::StudentId.eq(student_id))
        .to_owned();
    course::Entity::find()
        .filter(course::Column::Id.in_subquery(followed))
        .order_by_asc(course::Column::Name)
        .all(db)
        .await
}

/// Enrols a student of the platform in a course, created on first use (a course is its name and
/// teacher within the school). Enrolling twice changes nothing.
pub async fn enrol(
    db: &DatabaseConnection,
    platform_code: &str,
    student_identifier: &str,
    name: &str,
    teacher: Option<&str>,
) -> anyhow::Result<course::Model> {
    let name = name.trim();
    let teacher = teacher.map(str::trim).filter(|t| !t.is_empty());
    if name.is_empty() {
        bail!("un cours doit avoir un nom");
    }
    let platform = platforms::named(db, platform_code).await?;
    let child = student::Entity::find()
        .filter(student::Column::PlatformId.eq(platform.id))
        .filter(student::Column::Identifier.eq(students::staff_typed(student_identifier)?.as_str()))
        .one(db)
        .await?
        .with_context(|| {
            format!("aucun élève {student_identifier} sur la plateforme {platform_code}")
        })?;
    let txn = crate::server::db::write_transaction(db).await?;
    let existing = course::Entity::find()
        .filter(course::Column::PlatformId.eq(platform.id))
        .filter(course::Column::Name.eq(name))
        .filter(match teacher {
            Some(teacher) => course::Column::Teacher.eq(teacher),
            None => course::Column::Teacher.is_null(),
        })
        .one(&txn)
        .await?;
    let course = match existing {
        Some(course) => course,
        None => {
            course::ActiveModel {
                platform_id: Set(platform.id),
                name: Set(name.to_owned()),
                teacher: Set(teacher.map(str::to_owned)),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let enrolled = course_student::Entity::find_by_id((course.id, child.id))
        .one(&txn)
        .await?;
    if enrolled.is_none() {
        course_student::ActiveModel {
            course_id: Set(course.id),
            student_id: Set(child.id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(course)
}
