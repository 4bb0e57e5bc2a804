use sea_orm::entity::prelude::*;

/// A file a message carries (one file may be carried by every copy of a message sent to a class).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub attachment_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
