use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parent_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    pub slot_number: i32,
    /// The letter's password (Argon2id PHC string). It opens the slot until the slot's account has a
    /// password of its own; kept afterwards so that a letter used twice is recognised.
    pub temporary_password_hash: Option<String>,
    /// When the letter stops opening the slot while it is unclaimed (`server::letters`); none: no
    /// end (slots already claimed when letters began to expire).
    pub temporary_password_expires_at: Option<DateTimeUtc>,
    pub account_id: Option<i32>,
    pub claimed_at: Option<DateTimeUtc>,
    /// When the parent re-entered their password for this child, closing the link; a letter used
    /// to sign in confirms its slot at once.
    pub link_confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
