use sea_orm::entity::prelude::*;

/// A class a news item is meant for; an item with none is for the whole school.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news_classes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub news_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub class_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
