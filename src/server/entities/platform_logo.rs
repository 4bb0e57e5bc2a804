use sea_orm::entity::prelude::*;

/// A school's logo: the uploaded image's bytes, of a type checked from its content.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_logos")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub platform_id: i32,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
