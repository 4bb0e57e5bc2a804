use sea_orm::entity::prelude::*;

/// A child's absence reported by a parent (see `server::absences`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "absences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    /// The parent who reported it; none once their account was erased.
    pub reported_by: Option<i32>,
    /// `domain::absences::Span`'s code.
    pub span: String,
    pub first_day: Date,
    pub last_day: Date,
    pub reason: String,
    pub certificate_id: Option<i32>,
    pub reported_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub acknowledged_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
