use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    pub student_id: i32,
    pub terms_version_id: i32,
    pub decision: Decision,
    pub session_id: Option<String>,
    pub decided_at: DateTimeUtc,
}

/// The decisions a parent can take on the terms of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Decision {
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// "Ignorer": through for this session, asked again at the next sign-in.
    #[sea_orm(string_value = "postponed")]
    Postponed,
    #[sea_orm(string_value = "refused")]
    Refused,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
