//! Linking more children to an account (a link is closed by re-entering the account's password),
//! and the courses each child follows.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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
enum ParentSlots {
    Table,
    AccountId,
    ClaimedAt,
    LinkConfirmedAt,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    PlatformId,
    Name,
    Teacher,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CourseStudents {
    Table,
    CourseId,
    StudentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParentSlots::Table)
                .add_column(timestamp_with_time_zone_null(ParentSlots::LinkConfirmedAt))
                .take(),
        )
        .await?;
        // A slot claimed by signing in with its letter was confirmed by that very sign-in.
        m.exec_stmt(
            Query::update()
                .table(ParentSlots::Table)
                .value(
                    ParentSlots::LinkConfirmedAt,
                    Expr::col(ParentSlots::ClaimedAt),
                )
                .and_where(Expr::col(ParentSlots::AccountId).is_not_null())
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Courses::Table)
                .col(pk_auto(Courses::Id))
                .col(integer(Courses::PlatformId))
                .col(string(Courses::Name))
                .col(string_null(Courses::Teacher))
                .col(timestamp_with_time_zone(Courses::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Courses::Table, Courses::PlatformId)
                        .to(Platforms::Table, Platforms::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_courses_platform")
                .table(Courses::Table)
                .col(Courses::PlatformId)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CourseStudents::Table)
                .col(integer(CourseStudents::CourseId))
                .col(integer(CourseStudents::StudentId))
                .primary_key(
                    Index::create()
                        .col(CourseStudents::CourseId)
                        .col(CourseStudents::StudentId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CourseStudents::Table, CourseStudents::CourseId)
                        .to(Courses::Table, Courses::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CourseStudents::Table, CourseStudents::StudentId)
                        .to(Students::Table, Students::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_course_students_student")
                .table(CourseStudents::Table)
                .col(CourseStudents::StudentId)
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CourseStudents::Table).take())
            .await?;
        m.drop_table(Table::drop().table(Courses::Table).take())
            .await?;
        m.alter_table(
            Table::alter()
                .table(ParentSlots::Table)
                .drop_column(ParentSlots::LinkConfirmedAt)
                .take(),
        )
        .await?;
        Ok(())
    }
}
