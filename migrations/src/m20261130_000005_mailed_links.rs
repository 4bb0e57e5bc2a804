//! One table for every single-use link mailed to a parent (e-mail confirmation, password reset),
//! so that one piece of code issues and redeems them all. Links still waiting are kept.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MailedLinks {
    Table,
    Id,
    Purpose,
    AccountId,
    Email,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EmailConfirmations {
    Table,
    AccountId,
    Email,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    AccountId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

/// Copies the rows of an older table into `mailed_links`, with their purpose.
fn copy(
    purpose: &str,
    from: impl IntoIden,
    email: Option<SimpleExpr>,
    columns: [DynIden; 5],
) -> InsertStatement {
    let [account, token, expires, used, created] = columns;
    let mut select = Query::select();
    select
        .expr(Expr::val(purpose))
        .column(account)
        .expr(email.unwrap_or_else(|| Expr::val(Option::<String>::None)))
        .column(token)
        .column(expires)
        .column(used)
        .column(created)
        .from(from);
    Query::insert()
        .into_table(MailedLinks::Table)
        .columns([
            MailedLinks::Purpose,
            MailedLinks::AccountId,
            MailedLinks::Email,
            MailedLinks::TokenHash,
            MailedLinks::ExpiresAt,
            MailedLinks::UsedAt,
            MailedLinks::CreatedAt,
        ])
        .select_from(select)
        .expect("as many values as columns")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MailedLinks::Table)
                .col(pk_auto(MailedLinks::Id))
                .col(string(MailedLinks::Purpose))
                .col(integer(MailedLinks::AccountId))
                // The address a confirmation link confirms; none for a reset link.
                .col(string_null(MailedLinks::Email))
                .col(string_uniq(MailedLinks::TokenHash))
                .col(timestamp_with_time_zone(MailedLinks::ExpiresAt))
                .col(timestamp_with_time_zone_null(MailedLinks::UsedAt))
                .col(timestamp_with_time_zone(MailedLinks::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(MailedLinks::Table, MailedLinks::AccountId)
                        .to(ParentAccounts::Table, ParentAccounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_mailed_links_account")
                .table(MailedLinks::Table)
                .col(MailedLinks::AccountId)
                .take(),
        )
        .await?;
        m.exec_stmt(copy(
            "email_confirmation",
            EmailConfirmations::Table,
            Some(Expr::col(EmailConfirmations::Email)),
            [
                EmailConfirmations::AccountId.into_iden(),
                EmailConfirmations::TokenHash.into_iden(),
                EmailConfirmations::ExpiresAt.into_iden(),
                EmailConfirmations::UsedAt.into_iden(),
                EmailConfirmations::CreatedAt.into_iden(),
            ],
        ))
        .await?;
        m.exec_stmt(copy(
            "password_reset",
            PasswordResets::Table,
            None,
            [
                PasswordResets::AccountId.into_iden(),
                PasswordResets::TokenHash.into_iden(),
                PasswordResets::ExpiresAt.into_iden(),
                PasswordResets::UsedAt.into_iden(),
                PasswordResets::CreatedAt.into_iden(),
            ],
        ))
        .await?;
        for table in [
            EmailConfirmations::Table.into_iden(),
            PasswordResets::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }

    /// Links are short-lived: going back drops those waiting rather than rebuilding two tables.
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MailedLinks::Table).take())
            .await
    }
}
