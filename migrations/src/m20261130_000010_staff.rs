//! The school's side: staff accounts (one person may be staff of several platforms, with a role in
//! each), their sessions, their second factor's recovery codes and their mailed password links;
//! courses' teachers; news and events meant for chosen classes (none listed: the whole school); and
//! the audit log's staff member and platform, so that each school reads its own journal.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum News {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    StaffId,
    PlatformId,
}

#[derive(DeriveIden)]
enum StaffAccounts {
    Table,
    Id,
    Email,
    FirstName,
    LastName,
    PasswordHash,
    PasswordChangedAt,
    TotpSecret,
    TotpEnabledAt,
    TotpLastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffMemberships {
    Table,
    Id,
    StaffId,
    PlatformId,
    Role,
    SuspendedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    Id,
    StaffId,
    PlatformId,
    VerifiedAt,
    UserAgent,
    Ip,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum StaffRecoveryCodes {
    Table,
    Id,
    StaffId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffLinks {
    Table,
    Id,
    StaffId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffImports {
    Table,
    Id,
    PlatformId,
    StaffId,
    ListText,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CourseTeachers {
    Table,
    CourseId,
    StaffId,
}

#[derive(DeriveIden)]
enum NewsClasses {
    Table,
    NewsId,
    ClassName,
}

#[derive(DeriveIden)]
enum EventClasses {
    Table,
    EventId,
    ClassName,
}

fn cascade(from: (DynIden, DynIden), to: (DynIden, DynIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn iden(table: impl IntoIden, column: impl IntoIden) -> (DynIden, DynIden) {
    (table.into_iden(), column.into_iden())
}

fn staff() -> (DynIden, DynIden) {
    iden(StaffAccounts::Table, StaffAccounts::Id)
}

fn platform() -> (DynIden, DynIden) {
    iden(Platforms::Table, Platforms::Id)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StaffAccounts::Table)
                .if_not_exists()
                .col(pk_auto(StaffAccounts::Id))
                .col(string(StaffAccounts::Email).unique_key())
                .col(string(StaffAccounts::FirstName))
                .col(string(StaffAccounts::LastName))
                // None until the staff member opens the mailed link and chooses one.
                .col(string_null(StaffAccounts::PasswordHash))
                .col(timestamp_with_time_zone_null(
                    StaffAccounts::PasswordChangedAt,
                ))
                // Base32, kept as typed in the authenticator: a TOTP secret cannot be hashed.
                .col(string_null(StaffAccounts::TotpSecret))
                .col(timestamp_with_time_zone_null(StaffAccounts::TotpEnabledAt))
                // The last 30-second step a code was accepted for: a code works once (RFC 6238 §5.2).
                .col(big_integer_null(StaffAccounts::TotpLastStep))
                .col(timestamp_with_time_zone(StaffAccounts::CreatedAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StaffMemberships::Table)
                .if_not_exists()
                .col(pk_auto(StaffMemberships::Id))
                .col(integer(StaffMemberships::StaffId))
                .col(integer(StaffMemberships::PlatformId))
                .col(string_len(StaffMemberships::Role, 16))
                .col(timestamp_with_time_zone_null(StaffMemberships::SuspendedAt))
                .col(timestamp_with_time_zone(StaffMemberships::CreatedAt))
                .foreign_key(&mut cascade(
                    iden(StaffMemberships::Table, StaffMemberships::StaffId),
                    staff(),
                ))
                .foreign_key(&mut cascade(
                    iden(StaffMemberships::Table, StaffMemberships::PlatformId),
                    platform(),
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_staff_memberships_one_per_platform")
                .table(StaffMemberships::Table)
                .col(StaffMemberships::StaffId)
                .col(StaffMemberships::PlatformId)
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StaffSessions::Table)
                .if_not_exists()
                .col(string(StaffSessions::Id).primary_key())
                .col(integer(StaffSessions::StaffId))
                .col(integer(StaffSessions::PlatformId))
                // When the second factor was given; None while it is awaited.
                .col(timestamp_with_time_zone_null(StaffSessions::VerifiedAt))
                .col(string_null(StaffSessions::UserAgent))
                .col(string_null(StaffSessions::Ip))
                .col(timestamp_with_time_zone(StaffSessions::CreatedAt))
                .col(timestamp_with_time_zone(StaffSessions::LastSeenAt))
                .col(timestamp_with_time_zone(StaffSessions::ExpiresAt))
                .foreign_key(&mut cascade(
                    iden(StaffSessions::Table, StaffSessions::StaffId),
                    staff(),
                ))
                .foreign_key(&mut cascade(
                    iden(StaffSessions::Table, StaffSessions::PlatformId),
                    platform(),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StaffRecoveryCodes::Table)
                .if_not_exists()
                .col(pk_auto(StaffRecoveryCodes::Id))
                .col(integer(StaffRecoveryCodes::StaffId))
                .col(string(StaffRecoveryCodes::CodeHash))
                .col(timestamp_with_time_zone_null(StaffRecoveryCodes::UsedAt))
                .foreign_key(&mut cascade(
                    iden(StaffRecoveryCodes::Table, StaffRecoveryCodes::StaffId),
                    staff(),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StaffLinks::Table)
                .if_not_exists()
                .col(pk_auto(StaffLinks::Id))
                .col(integer(StaffLinks::StaffId))
                .col(string(StaffLinks::TokenHash).unique_key())
                .col(timestamp_with_time_zone(StaffLinks::ExpiresAt))
                .col(timestamp_with_time_zone_null(StaffLinks::UsedAt))
                .col(timestamp_with_time_zone(StaffLinks::CreatedAt))
                .foreign_key(&mut cascade(
                    iden(StaffLinks::Table, StaffLinks::StaffId),
                    staff(),
                ))
                .take(),
        )
        .await?;
        // A class list waiting for its preview to be confirmed (deleted once imported).
        m.create_table(
            Table::create()
                .table(StaffImports::Table)
                .if_not_exists()
                .col(pk_auto(StaffImports::Id))
                .col(integer(StaffImports::PlatformId))
                .col(integer(StaffImports::StaffId))
                .col(text(StaffImports::ListText))
                .col(timestamp_with_time_zone(StaffImports::CreatedAt))
                .foreign_key(&mut cascade(
                    iden(StaffImports::Table, StaffImports::PlatformId),
                    platform(),
                ))
                .foreign_key(&mut cascade(
                    iden(StaffImports::Table, StaffImports::StaffId),
                    staff(),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CourseTeachers::Table)
                .if_not_exists()
                .col(integer(CourseTeachers::CourseId))
                .col(integer(CourseTeachers::StaffId))
                .primary_key(
                    Index::create()
                        .col(CourseTeachers::CourseId)
                        .col(CourseTeachers::StaffId),
                )
                .foreign_key(&mut cascade(
                    iden(CourseTeachers::Table, CourseTeachers::CourseId),
                    iden(Courses::Table, Courses::Id),
                ))
                .foreign_key(&mut cascade(
                    iden(CourseTeachers::Table, CourseTeachers::StaffId),
                    staff(),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NewsClasses::Table)
                .if_not_exists()
                .col(integer(NewsClasses::NewsId))
                .col(string(NewsClasses::ClassName))
                .primary_key(
                    Index::create()
                        .col(NewsClasses::NewsId)
                        .col(NewsClasses::ClassName),
                )
                .foreign_key(&mut cascade(
                    iden(NewsClasses::Table, NewsClasses::NewsId),
                    iden(News::Table, News::Id),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EventClasses::Table)
                .if_not_exists()
                .col(integer(EventClasses::EventId))
                .col(string(EventClasses::ClassName))
                .primary_key(
                    Index::create()
                        .col(EventClasses::EventId)
                        .col(EventClasses::ClassName),
                )
                .foreign_key(&mut cascade(
                    iden(EventClasses::Table, EventClasses::EventId),
                    iden(Events::Table, Events::Id),
                ))
                .take(),
        )
        .await?;
        // SQLite alters one column at a time.
        for column in [AuditEvents::StaffId, AuditEvents::PlatformId] {
            m.alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(integer_null(column))
                    .take(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_audit_events_platform")
                .table(AuditEvents::Table)
                .col(AuditEvents::PlatformId)
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_audit_events_platform")
                .table(AuditEvents::Table)
                .to_owned(),
        )
        .await?;
        for column in [AuditEvents::StaffId, AuditEvents::PlatformId] {
            m.alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .drop_column(column)
                    .take(),
            )
            .await?;
        }
        for table in [
            EventClasses::Table.into_iden(),
            NewsClasses::Table.into_iden(),
            CourseTeachers::Table.into_iden(),
            StaffImports::Table.into_iden(),
            StaffLinks::Table.into_iden(),
            StaffRecoveryCodes::Table.into_iden(),
            StaffSessions::Table.into_iden(),
            StaffMemberships::Table.into_iden(),
            StaffAccounts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
