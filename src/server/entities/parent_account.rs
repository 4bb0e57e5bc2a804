use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parent_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Argon2id PHC string; `None` while the parent still uses the letter's temporary password.
    pub password_hash: Option<String>,
    pub password_changed_at: Option<DateTimeUtc>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<crate::domain::profile::Role>,
    pub email: Option<String>,
    pub email_confirmed_at: Option<DateTimeUtc>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    /// The language the parent chose (`language::parse` reads it); mails go out in it.
    pub language: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
