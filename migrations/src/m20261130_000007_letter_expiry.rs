//! Letters expire: each parent slot's temporary password works until `temporary_password_expires_at`
//! (NULL: no end). A letter lying unused in a drawer, or lost, must not open a child's data forever.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentSlots {
    Table,
    AccountId,
    TemporaryPasswordExpiresAt,
}

/// What the school's commands give a new letter by default (`--valid-days`).
const WAITING_LETTERS_DAYS: i64 = 90;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParentSlots::Table)
                .add_column(timestamp_with_time_zone_null(
                    ParentSlots::TemporaryPasswordExpiresAt,
                ))
                .take(),
        )
        .await?;
        // Letters already sent home and still unused get the default validity from today, rather
        // than none: "no expiry" would leave open, for good, the very hole this change closes. A
        // parent who finds theirs too late reads that it expired and asks the school for a new one.
        // Slots already claimed keep NULL: their letter has served, and an account's own password
        // never expires with it.
        let until = chrono::Utc::now() + chrono::Duration::days(WAITING_LETTERS_DAYS);
        m.exec_stmt(
            Query::update()
                .table(ParentSlots::Table)
                .value(ParentSlots::TemporaryPasswordExpiresAt, until)
                .and_where(Expr::col(ParentSlots::AccountId).is_null())
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParentSlots::Table)
                .drop_column(ParentSlots::TemporaryPasswordExpiresAt)
                .take(),
        )
        .await
    }
}
