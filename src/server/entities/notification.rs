use sea_orm::entity::prelude::*;

/// Something a parent is told of (see `server::notifications`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i32,
    pub student_id: Option<i32>,
    /// A `domain::notifications::Kind`'s code.
    pub kind: String,
    pub title: String,
    /// The page it leads to.
    pub link: String,
    pub urgent: bool,
    pub created_at: DateTimeUtc,
    pub seen_at: Option<DateTimeUtc>,
    pub deliver_after: DateTimeUtc,
    pub deferred: bool,
    pub handled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
