//! The courses a child follows, with their teachers.
use super::entities::{course, course_student};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The courses of `student_id`, by name, in two queries.
pub async fn of_child(
    db: &DatabaseConnection,
    student_id: i32,
) -> Result<Vec<course::Model>, DbErr> {
    let ids: Vec<i32> = course_student::Entity::find()
        .select_only()
        .column(course_student::Column::CourseId)
        .filter(course_student::Column::StudentId.eq(student_id))
        .into_tuple()
        .all(db)
        .await?;
    course::Entity::find()
        .filter(course::Column::Id.is_in(ids))
        .order_by_asc(course::Column::Name)
        .all(db)
        .await
}
