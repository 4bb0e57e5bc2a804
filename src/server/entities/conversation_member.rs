use sea_orm::entity::prelude::*;

/// A parent or a staff member in a conversation, with their own read mark and archive.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversation_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conversation_id: i32,
    /// A parent's account; exactly one of `account_id` and `staff_id` is set.
    pub account_id: Option<i32>,
    pub staff_id: Option<i32>,
    /// Every message up to this one has been read.
    pub last_read_message_id: Option<i32>,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
