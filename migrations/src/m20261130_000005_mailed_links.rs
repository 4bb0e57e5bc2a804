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
    Id,
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
    Id,
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
                .if_not_exists()
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
                .if_not_exists()
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

    /// Back to the two tables of 000001 and 000003, with the links still waiting in each.
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let account_key = |table: DynIden, column: DynIden| {
            ForeignKey::create()
                .from(table, column)
                .to(ParentAccounts::Table, ParentAccounts::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned()
        };
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
                .foreign_key(&mut account_key(
                    EmailConfirmations::Table.into_iden(),
                    EmailConfirmations::AccountId.into_iden(),
                ))
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
                .foreign_key(&mut account_key(
                    PasswordResets::Table.into_iden(),
                    PasswordResets::AccountId.into_iden(),
                ))
                .take(),
        )
        .await?;
        let back = |purpose: &str, to: DynIden, with_email: bool| {
            let mut columns = vec![MailedLinks::AccountId.into_iden()];
            if with_email {
                columns.push(MailedLinks::Email.into_iden());
            }
            columns.extend([
                MailedLinks::TokenHash.into_iden(),
                MailedLinks::ExpiresAt.into_iden(),
                MailedLinks::UsedAt.into_iden(),
                MailedLinks::CreatedAt.into_iden(),
            ]);
            let select = Query::select()
                .columns(columns.clone())
                .from(MailedLinks::Table)
                .and_where(Expr::col(MailedLinks::Purpose).eq(purpose))
                .to_owned();
            Query::insert()
                .into_table(to)
                .columns(columns)
                .select_from(select)
                .expect("as many values as columns")
                .to_owned()
        };
        m.exec_stmt(back(
            "email_confirmation",
            EmailConfirmations::Table.into_iden(),
            true,
        ))
        .await?;
        m.exec_stmt(back(
            "password_reset",
            PasswordResets::Table.into_iden(),
            false,
        ))
        .await?;
        m.drop_table(Table::drop().table(MailedLinks::Table).take())
            .await
    }
}
