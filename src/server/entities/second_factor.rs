use sea_orm::entity::prelude::*;

/// A staff member's or a parent's authenticator (exactly one of the two owners is set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub staff_id: Option<i32>,
    #[sea_orm(unique)]
    pub account_id: Option<i32>,
    /// Base32; kept while set up, used once `enabled_at` is set.
    pub secret: String,
    pub enabled_at: Option<DateTimeUtc>,
    /// The last time step a code was accepted for: no code works twice.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
