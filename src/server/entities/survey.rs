use sea_orm::entity::prelude::*;

/// A survey a school asks parents (see `server::surveys`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub platform_id: i32,
    pub title: String,
    pub description: String,
    pub closes_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
