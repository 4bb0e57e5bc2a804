//! The outbox: every mail the site sends is first a row here, written in the same transaction as
//! what caused it, then sent by the background worker of `cartable serve`, which claims rows so
//! that two instances never send one twice, retries with back-off and gives up after a day.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    State,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    ClaimedBy,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .if_not_exists()
                .col(big_pk_auto(Outbox::Id))
                .col(string(Outbox::Recipient))
                .col(string(Outbox::Subject))
                .col(text(Outbox::Body))
                // `pending`, `sent`, or `dead` (given up after a day of failures).
                .col(string_len(Outbox::State, 16))
                .col(integer(Outbox::Attempts))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                // While a worker sends it; a worker that died lets it go when this passes.
                .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                .col(string_null(Outbox::ClaimedBy))
                .col(string_null(Outbox::LastError))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .take(),
        )
        .await?;
        // What a worker looks for: pending rows whose time has come, oldest first.
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::State)
                .col(Outbox::NextAttemptAt)
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Outbox::Table).take())
            .await
    }
}
