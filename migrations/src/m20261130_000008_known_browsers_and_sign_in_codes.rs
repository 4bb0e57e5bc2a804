//! Browsers that signed in to an account before (their long-lived cookie lets the rightful parent
//! past a lock that strangers' failures set), and the one-time codes mailed when a sign-in cannot
//! tell which account a password opens, or comes from a browser the account does not know.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum KnownBrowsers {
    Table,
    Id,
    TokenHash,
    AccountId,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum SignInCodes {
    Table,
    Id,
    ChallengeHash,
    AccountId,
    StudentId,
    CodeHash,
    Attempts,
    ExpiresAt,
    CreatedAt,
}

fn cascade(from: (DynIden, DynIden), to: (DynIden, DynIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let account = || {
            (
                ParentAccounts::Table.into_iden(),
                ParentAccounts::Id.into_iden(),
            )
        };
        m.create_table(
            Table::create()
                .table(KnownBrowsers::Table)
                .if_not_exists()
                .col(pk_auto(KnownBrowsers::Id))
                // One browser's cookie may know several accounts (a family computer).
                .col(string(KnownBrowsers::TokenHash))
                .col(integer(KnownBrowsers::AccountId))
                .col(timestamp_with_time_zone(KnownBrowsers::CreatedAt))
                .col(timestamp_with_time_zone(KnownBrowsers::LastSignInAt))
                .foreign_key(&mut cascade(
                    (
                        KnownBrowsers::Table.into_iden(),
                        KnownBrowsers::AccountId.into_iden(),
                    ),
                    account(),
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_known_browsers_token_account")
                .table(KnownBrowsers::Table)
                .col(KnownBrowsers::TokenHash)
                .col(KnownBrowsers::AccountId)
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SignInCodes::Table)
                .if_not_exists()
                .col(pk_auto(SignInCodes::Id))
                // The browser's waiting sign-in: one row per account the password opened.
                .col(string(SignInCodes::ChallengeHash))
                .col(integer(SignInCodes::AccountId))
                .col(integer(SignInCodes::StudentId))
                .col(string(SignInCodes::CodeHash))
                .col(integer(SignInCodes::Attempts).default(0))
                .col(timestamp_with_time_zone(SignInCodes::ExpiresAt))
                .col(timestamp_with_time_zone(SignInCodes::CreatedAt))
                .foreign_key(&mut cascade(
                    (
                        SignInCodes::Table.into_iden(),
                        SignInCodes::AccountId.into_iden(),
                    ),
                    account(),
                ))
                .foreign_key(&mut cascade(
                    (
                        SignInCodes::Table.into_iden(),
                        SignInCodes::StudentId.into_iden(),
                    ),
                    (Students::Table.into_iden(), Students::Id.into_iden()),
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_sign_in_codes_challenge")
                .table(SignInCodes::Table)
                .col(SignInCodes::ChallengeHash)
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SignInCodes::Table.into_iden(),
            KnownBrowsers::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
