//! Account security: the audit log, password reset links, and the throttle counters that several
//! instances share.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    AccountId,
    Kind,
    Detail,
    Ip,
    UserAgent,
    At,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    AccountId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Throttles {
    Table,
    Key,
    Failures,
    LastFailureAt,
    LockedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key on the account: the log outlives what it tells about.
        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(pk_auto(AuditEvents::Id))
                .col(integer_null(AuditEvents::AccountId))
                .col(string(AuditEvents::Kind))
                .col(string_null(AuditEvents::Detail))
                .col(string_null(AuditEvents::Ip))
                .col(string_null(AuditEvents::UserAgent))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_events_account_at")
                .table(AuditEvents::Table)
                .col(AuditEvents::AccountId)
                .col(AuditEvents::At)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PasswordResets::Table)
                .col(pk_auto(PasswordResets::Id))
                .col(integer(PasswordResets::AccountId))
                .col(string_uniq(PasswordResets::TokenHash))
                .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PasswordResets::Table, PasswordResets::AccountId)
                        .to(ParentAccounts::Table, ParentAccounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Throttles::Table)
                .col(string(Throttles::Key).primary_key())
                .col(integer(Throttles::Failures))
                .col(timestamp_with_time_zone(Throttles::LastFailureAt))
                .col(timestamp_with_time_zone_null(Throttles::LockedUntil))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Throttles::Table.into_iden(),
            PasswordResets::Table.into_iden(),
            AuditEvents::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
