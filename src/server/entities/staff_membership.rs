use sea_orm::entity::prelude::*;

/// A staff account's role in one platform.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub staff_id: i32,
    pub platform_id: i32,
    pub role: Role,
    /// A suspended member signs in to nothing of this platform.
    pub suspended_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// What a staff member may do in a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Role {
    /// Runs the platform: students, letters, news, calendar, terms, staff, journal.
    #[sea_orm(string_value = "admin")]
    Administrator,
    /// Their courses, their students and their families; news and events for their classes.
    #[sea_orm(string_value = "teacher")]
    Teacher,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
