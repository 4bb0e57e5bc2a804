//! Platforms (schools), their students and parent access slots, parent accounts, terms of use and
//! consents, e-mail confirmations, sessions, and the school's news and calendar.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
    Code,
    Name,
    Domain,
    Address,
    Phone,
    Fax,
    Email,
    Web,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PlatformAdmins {
    Table,
    Id,
    PlatformId,
    Email,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
    PlatformId,
    Identifier,
    FirstName,
    LastName,
    ClassName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
    PasswordHash,
    PasswordChangedAt,
    FirstName,
    LastName,
    Role,
    Email,
    EmailConfirmedAt,
    Phone,
    Mobile,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ParentSlots {
    Table,
    Id,
    StudentId,
    SlotNumber,
    TemporaryPasswordHash,
    AccountId,
    ClaimedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TermsVersions {
    Table,
    Id,
    PlatformId,
    Version,
    BodyMarkdown,
    PostponeUntil,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    AccountId,
    StudentId,
    TermsVersionId,
    Decision,
    SessionId,
    DecidedAt,
}

#[derive(DeriveIden)]
enum EmailConfirmations {
    Table,
    Id,
    AccountId,
    Email,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    AccountId,
    StudentId,
    UserAgent,
    Ip,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum News {
    Table,
    Id,
    PlatformId,
    Title,
    BodyMarkdown,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    PlatformId,
    Title,
    Description,
    StartsAt,
    EndsAt,
    AllDay,
}

fn fk(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Platforms::Table)
                .col(pk_auto(Platforms::Id))
                .col(string_uniq(Platforms::Code))
                .col(string(Platforms::Name))
                .col(string(Platforms::Domain))
                .col(string_null(Platforms::Address))
                .col(string_null(Platforms::Phone))
                .col(string_null(Platforms::Fax))
                .col(string_null(Platforms::Email))
                .col(string_null(Platforms::Web))
                .col(timestamp_with_time_zone(Platforms::CreatedAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlatformAdmins::Table)
                .col(pk_auto(PlatformAdmins::Id))
                .col(integer(PlatformAdmins::PlatformId))
                .col(string(PlatformAdmins::Email))
                .foreign_key(&mut fk(
                    PlatformAdmins::Table,
                    PlatformAdmins::PlatformId,
                    Platforms::Table,
                    Platforms::Id,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Students::Table)
                .col(pk_auto(Students::Id))
                .col(integer(Students::PlatformId))
                .col(string_uniq(Students::Identifier))
                .col(string(Students::FirstName))
                .col(string(Students::LastName))
                .col(string_null(Students::ClassName))
                .col(timestamp_with_time_zone(Students::CreatedAt))
                .foreign_key(&mut fk(
                    Students::Table,
                    Students::PlatformId,
                    Platforms::Table,
                    Platforms::Id,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ParentAccounts::Table)
                .col(pk_auto(ParentAccounts::Id))
                // NULL until the parent replaces the letter's temporary password with their own.
                .col(string_null(ParentAccounts::PasswordHash))
                .col(timestamp_with_time_zone_null(
                    ParentAccounts::PasswordChangedAt,
                ))
                .col(string_null(ParentAccounts::FirstName))
                .col(string_null(ParentAccounts::LastName))
                .col(string_null(ParentAccounts::Role))
                .col(string_null(ParentAccounts::Email))
                .col(timestamp_with_time_zone_null(
                    ParentAccounts::EmailConfirmedAt,
                ))
                .col(string_null(ParentAccounts::Phone))
                .col(string_null(ParentAccounts::Mobile))
                .col(timestamp_with_time_zone(ParentAccounts::CreatedAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ParentSlots::Table)
                .col(pk_auto(ParentSlots::Id))
                .col(integer(ParentSlots::StudentId))
                .col(integer(ParentSlots::SlotNumber))
                // The letter's password; cleared once the parent has chosen their own.
                .col(string_null(ParentSlots::TemporaryPasswordHash))
                .col(integer_null(ParentSlots::AccountId))
                .col(timestamp_with_time_zone_null(ParentSlots::ClaimedAt))
                .col(timestamp_with_time_zone(ParentSlots::CreatedAt))
                .foreign_key(&mut fk(
                    ParentSlots::Table,
                    ParentSlots::StudentId,
                    Students::Table,
                    Students::Id,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(ParentSlots::Table, ParentSlots::AccountId)
                        .to(ParentAccounts::Table, ParentAccounts::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .index(
                    Index::create()
                        .unique()
                        .col(ParentSlots::StudentId)
                        .col(ParentSlots::SlotNumber),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_parent_slots_account")
                .table(ParentSlots::Table)
                .col(ParentSlots::AccountId)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TermsVersions::Table)
                .col(pk_auto(TermsVersions::Id))
                .col(integer(TermsVersions::PlatformId))
                .col(integer(TermsVersions::Version))
                .col(text(TermsVersions::BodyMarkdown))
                .col(date_null(TermsVersions::PostponeUntil))
                .col(timestamp_with_time_zone(TermsVersions::PublishedAt))
                .foreign_key(&mut fk(
                    TermsVersions::Table,
                    TermsVersions::PlatformId,
                    Platforms::Table,
                    Platforms::Id,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(TermsVersions::PlatformId)
                        .col(TermsVersions::Version),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Consents::Table)
                .col(pk_auto(Consents::Id))
                .col(integer(Consents::AccountId))
                .col(integer(Consents::StudentId))
                .col(integer(Consents::TermsVersionId))
                .col(string(Consents::Decision))
                // For a postponement: the session it was granted to (it lasts until the next sign-in).
                .col(string_null(Consents::SessionId))
                .col(timestamp_with_time_zone(Consents::DecidedAt))
                .foreign_key(&mut fk(
                    Consents::Table,
                    Consents::AccountId,
                    ParentAccounts::Table,
                    ParentAccounts::Id,
                ))
                .foreign_key(&mut fk(
                    Consents::Table,
                    Consents::StudentId,
                    Students::Table,
                    Students::Id,
                ))
                .foreign_key(&mut fk(
                    Consents::Table,
                    Consents::TermsVersionId,
                    TermsVersions::Table,
                    TermsVersions::Id,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_consents_lookup")
                .table(Consents::Table)
                .col(Consents::AccountId)
                .col(Consents::StudentId)
                .col(Consents::TermsVersionId)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EmailConfirmations::Table)
                .col(pk_auto(EmailConfirmations::Id))
                .col(integer(EmailConfirmations::AccountId))
                .col(string(EmailConfirmations::Email))
                .col(string_uniq(EmailConfirmations::TokenHash))
                .col(timestamp_with_time_zone(EmailConfirmations::ExpiresAt))
                .col(timestamp_with_time_zone_null(EmailConfirmations::UsedAt))
                .col(timestamp_with_time_zone(EmailConfirmations::CreatedAt))
                .foreign_key(&mut fk(
                    EmailConfirmations::Table,
                    EmailConfirmations::AccountId,
                    ParentAccounts::Table,
                    ParentAccounts::Id,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                // SHA-256 of the cookie's random value: a leaked database does not leak live sessions.
                .col(string(Sessions::Id).primary_key())
                .col(integer(Sessions::AccountId))
                .col(integer(Sessions::StudentId))
                .col(string_null(Sessions::UserAgent))
                .col(string_null(Sessions::Ip))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .foreign_key(&mut fk(
                    Sessions::Table,
                    Sessions::AccountId,
                    ParentAccounts::Table,
                    ParentAccounts::Id,
                ))
                .foreign_key(&mut fk(
                    Sessions::Table,
                    Sessions::StudentId,
                    Students::Table,
                    Students::Id,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sessions_account")
                .table(Sessions::Table)
                .col(Sessions::AccountId)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(News::Table)
                .col(pk_auto(News::Id))
                .col(integer(News::PlatformId))
                .col(string(News::Title))
                .col(text(News::BodyMarkdown))
                .col(timestamp_with_time_zone(News::PublishedAt))
                .foreign_key(&mut fk(
                    News::Table,
                    News::PlatformId,
                    Platforms::Table,
                    Platforms::Id,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_news_platform_date")
                .table(News::Table)
                .col(News::PlatformId)
                .col(News::PublishedAt)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Events::Table)
                .col(pk_auto(Events::Id))
                .col(integer(Events::PlatformId))
                .col(string(Events::Title))
                .col(text_null(Events::Description))
                .col(timestamp_with_time_zone(Events::StartsAt))
                .col(timestamp_with_time_zone_null(Events::EndsAt))
                .col(boolean(Events::AllDay))
                .foreign_key(&mut fk(
                    Events::Table,
                    Events::PlatformId,
                    Platforms::Table,
                    Platforms::Id,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_events_platform_start")
                .table(Events::Table)
                .col(Events::PlatformId)
                .col(Events::StartsAt)
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Events::Table.into_iden(),
            News::Table.into_iden(),
            Sessions::Table.into_iden(),
            EmailConfirmations::Table.into_iden(),
            Consents::Table.into_iden(),
            TermsVersions::Table.into_iden(),
            ParentSlots::Table.into_iden(),
            ParentAccounts::Table.into_iden(),
            Students::Table.into_iden(),
            PlatformAdmins::Table.into_iden(),
            Platforms::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
