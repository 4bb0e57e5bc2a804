//! Surveys ("enquêtes"): staff ask the parents of the whole school or chosen classes a few
//! questions until a closing time; each parent answers once for each child concerned.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    PlatformId,
    Title,
    Description,
    ClosesAt,
    CreatedBy,
    CreatedAt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum SurveyClasses {
    Table,
    SurveyId,
    ClassName,
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    Id,
    SurveyId,
    Position,
    Kind,
    Prompt,
    /// The choices, one per line.
    Choices,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    SurveyId,
    StudentId,
    AccountId,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    ResponseId,
    QuestionId,
    Value,
}

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

fn key(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        m.create_table(
            Table::create()
                .table(Surveys::Table)
                .if_not_exists()
                .col(pk_auto(Surveys::Id))
                .col(integer(Surveys::PlatformId))
                .col(string_len(Surveys::Title, 200))
                .col(text(Surveys::Description))
                .col(timestamp_with_time_zone(Surveys::ClosesAt))
                .col(integer_null(Surveys::CreatedBy))
                .col(timestamp_with_time_zone(Surveys::CreatedAt))
                .col(timestamp_with_time_zone_null(Surveys::RemindedAt))
                .foreign_key(&mut key(
                    (Surveys::Table, Surveys::PlatformId),
                    (Platforms::Table, Platforms::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (Surveys::Table, Surveys::CreatedBy),
                    (StaffAccounts::Table, StaffAccounts::Id),
                    SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyClasses::Table)
                .if_not_exists()
                .col(integer(SurveyClasses::SurveyId))
                .col(string_len(SurveyClasses::ClassName, 100))
                .primary_key(
                    Index::create()
                        .col(SurveyClasses::SurveyId)
                        .col(SurveyClasses::ClassName),
                )
                .foreign_key(&mut key(
                    (SurveyClasses::Table, SurveyClasses::SurveyId),
                    (Surveys::Table, Surveys::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyQuestions::Table)
                .if_not_exists()
                .col(pk_auto(SurveyQuestions::Id))
                .col(integer(SurveyQuestions::SurveyId))
                .col(integer(SurveyQuestions::Position))
                .col(string_len(SurveyQuestions::Kind, 16))
                .col(string_len(SurveyQuestions::Prompt, 300))
                .col(text(SurveyQuestions::Choices))
                .foreign_key(&mut key(
                    (SurveyQuestions::Table, SurveyQuestions::SurveyId),
                    (Surveys::Table, Surveys::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyResponses::Table)
                .if_not_exists()
                .col(pk_auto(SurveyResponses::Id))
                .col(integer(SurveyResponses::SurveyId))
                .col(integer(SurveyResponses::StudentId))
                .col(integer_null(SurveyResponses::AccountId))
                .col(timestamp_with_time_zone(SurveyResponses::AnsweredAt))
                .foreign_key(&mut key(
                    (SurveyResponses::Table, SurveyResponses::SurveyId),
                    (Surveys::Table, Surveys::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (SurveyResponses::Table, SurveyResponses::StudentId),
                    (Students::Table, Students::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (SurveyResponses::Table, SurveyResponses::AccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                    SetNull,
                ))
                // Once per parent and child: two tabs answering at once make one answer.
                .index(
                    Index::create()
                        .name("survey_responses_once")
                        .col(SurveyResponses::SurveyId)
                        .col(SurveyResponses::StudentId)
                        .col(SurveyResponses::AccountId)
                        .unique(),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SurveyAnswers::Table)
                .if_not_exists()
                .col(integer(SurveyAnswers::ResponseId))
                .col(integer(SurveyAnswers::QuestionId))
                .col(text(SurveyAnswers::Value))
                .primary_key(
                    Index::create()
                        .col(SurveyAnswers::ResponseId)
                        .col(SurveyAnswers::QuestionId),
                )
                .foreign_key(&mut key(
                    (SurveyAnswers::Table, SurveyAnswers::ResponseId),
                    (SurveyResponses::Table, SurveyResponses::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (SurveyAnswers::Table, SurveyAnswers::QuestionId),
                    (SurveyQuestions::Table, SurveyQuestions::Id),
                    Cascade,
                ))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SurveyAnswers::Table.into_iden(),
            SurveyResponses::Table.into_iden(),
            SurveyQuestions::Table.into_iden(),
            SurveyClasses::Table.into_iden(),
            Surveys::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
