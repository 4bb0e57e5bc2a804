//! Each parent account remembers the language its parent chose (`fr`, `nl`, `de` or `en`; NULL until
//! they sign in once), so that a new device shows it at once and every mail goes out in it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Language,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParentAccounts::Table)
                .add_column(string_len_null(ParentAccounts::Language, 8))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParentAccounts::Table)
                .drop_column(ParentAccounts::Language)
                .take(),
        )
        .await
    }
}
