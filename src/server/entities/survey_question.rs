use sea_orm::entity::prelude::*;

/// A question of a survey; `choices` one per line (none for a text question).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub position: i32,
    /// `domain::surveys::QuestionKind`'s code.
    pub kind: String,
    pub prompt: String,
    pub choices: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
