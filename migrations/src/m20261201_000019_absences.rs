//! Absences: a parent reports that a child will be (or was) away, with an optional certificate
//! kept in `attachments` like a message's file; the school acknowledges it. The row belongs to the
//! child, not to the parent who wrote it: both parents see it, and it stays when a parent's account
//! is erased (the reporter is then forgotten).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Absences {
    Table,
    Id,
    StudentId,
    ReportedBy,
    Span,
    FirstDay,
    LastDay,
    Reason,
    CertificateId,
    ReportedAt,
    AcknowledgedAt,
    AcknowledgedBy,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
}

fn key(
    from: Absences,
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Absences::Table, from)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Absences::Table)
                .if_not_exists()
                .col(pk_auto(Absences::Id))
                .col(integer(Absences::StudentId))
                .col(integer_null(Absences::ReportedBy))
                // "day", "morning", "afternoon" or "period" (`domain::absences::Span`).
                .col(string_len(Absences::Span, 16))
                .col(date(Absences::FirstDay))
                .col(date(Absences::LastDay))
                .col(text(Absences::Reason))
                .col(integer_null(Absences::CertificateId))
                .col(timestamp_with_time_zone(Absences::ReportedAt))
                .col(timestamp_with_time_zone_null(Absences::AcknowledgedAt))
                .col(integer_null(Absences::AcknowledgedBy))
                .foreign_key(&mut key(
                    Absences::StudentId,
                    (Students::Table, Students::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut key(
                    Absences::ReportedBy,
                    (ParentAccounts::Table, ParentAccounts::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut key(
                    Absences::AcknowledgedBy,
                    (StaffAccounts::Table, StaffAccounts::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut key(
                    Absences::CertificateId,
                    (Attachments::Table, Attachments::Id),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        // A child's absences, newest first; the school's list reads them by student too.
        m.create_index(
            Index::create()
                .name("absences_student_first_day")
                .table(Absences::Table)
                .col(Absences::StudentId)
                .col(Absences::FirstDay)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Absences::Table).take())
            .await
    }
}
