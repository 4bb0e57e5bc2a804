use sea_orm::entity::prelude::*;

/// One account a waiting sign-in may open, with the code mailed to that account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// SHA-256 of the waiting browser's cookie.
    pub challenge_hash: String,
    pub account_id: i32,
    /// The child whose identifier (or a child of the account, for an e-mail) was typed.
    pub student_id: i32,
    /// SHA-256 of the code, salted with the challenge (see `server::sign_in_codes`).
    pub code_hash: String,
    /// Wrong codes typed for this waiting sign-in.
    pub attempts: i32,
    pub expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
