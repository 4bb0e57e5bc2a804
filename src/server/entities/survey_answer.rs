use sea_orm::entity::prelude::*;

/// One answer of a response: the chosen choices' numbers (`0,2`) or the text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub response_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    pub value: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
