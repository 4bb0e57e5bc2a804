use sea_orm::entity::prelude::*;

/// A parent's settings for all their notifications: mail and push on or off, quiet hours, and the token of
/// their one-click unsubscribe links.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i32,
    pub by_mail: bool,
    /// Web push to the devices that allowed it.
    pub by_push: bool,
    /// Minutes after midnight, Brussels time.
    pub quiet_from: i32,
    pub quiet_until: i32,
    #[sea_orm(unique)]
    pub unsubscribe_token: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
