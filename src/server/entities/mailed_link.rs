use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailed_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub purpose: Purpose,
    pub account_id: i32,
    /// The address a confirmation link confirms; none for a reset link.
    pub email: Option<String>,
    /// SHA-256 of the token mailed to the parent; the token itself is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// What a mailed single-use link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Purpose {
    #[sea_orm(string_value = "email_confirmation")]
    EmailConfirmation,
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
