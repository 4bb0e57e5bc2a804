use sea_orm::entity::prelude::*;

/// One message of a conversation, written by a parent or a staff member.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conversation_id: i32,
    pub author_account_id: Option<i32>,
    pub author_staff_id: Option<i32>,
    /// Markdown, rendered and sanitised when shown.
    pub body: String,
    /// The body rendered and sanitised when written.
    pub html: String,
    /// Bypasses quiet hours and the digest.
    pub urgent: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
