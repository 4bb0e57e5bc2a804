//! Calendar feeds: each parent's secret address, which a phone's calendar subscribes to. Kept as it
//! is (not as a digest) so that "Mon compte" can show it again for the next device; it opens the
//! school events the parent already sees, and a new one replaces it at once.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    AccountId,
    Token,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CalendarFeeds::Table)
                .if_not_exists()
                // One address per parent: making a new one replaces the old.
                .col(integer(CalendarFeeds::AccountId).primary_key())
                // 256 random bits, base64url.
                .col(string_len(CalendarFeeds::Token, 64).unique_key())
                .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CalendarFeeds::Table, CalendarFeeds::AccountId)
                        .to(ParentAccounts::Table, ParentAccounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CalendarFeeds::Table).take())
            .await
    }
}
