//! Web push: the server's VAPID key pair (made at first start, kept here so that every instance
//! signs with the same key and browsers' subscriptions outlive a restart), each device a parent
//! allowed to be told on, and push messages in the outbox beside mail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ServerKeys {
    Table,
    Name,
    Secret,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PushSubscriptions {
    Table,
    Id,
    AccountId,
    Endpoint,
    P256dh,
    Auth,
    Device,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    ByPush,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    PushSubscriptionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ServerKeys::Table)
                .if_not_exists()
                // `vapid`: the key push messages are signed with.
                .col(string_len(ServerKeys::Name, 32).primary_key())
                // The private key, base64url.
                .col(string(ServerKeys::Secret))
                .col(timestamp_with_time_zone(ServerKeys::CreatedAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PushSubscriptions::Table)
                .if_not_exists()
                .col(pk_auto(PushSubscriptions::Id))
                .col(integer(PushSubscriptions::AccountId))
                // The push service's address for this browser (https, a known push service).
                .col(string_len(PushSubscriptions::Endpoint, 1024).unique_key())
                // The browser's public key and secret, base64url: the message is encrypted to them.
                .col(string_len(PushSubscriptions::P256dh, 128))
                .col(string_len(PushSubscriptions::Auth, 64))
                // "Chrome sur Android", as "Mon compte" names devices.
                .col(string_len(PushSubscriptions::Device, 128))
                .col(timestamp_with_time_zone(PushSubscriptions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PushSubscriptions::Table, PushSubscriptions::AccountId)
                        .to(ParentAccounts::Table, ParentAccounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_push_subscriptions_account")
                .table(PushSubscriptions::Table)
                .col(PushSubscriptions::AccountId)
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(NotificationSettings::Table)
                .add_column(boolean(NotificationSettings::ByPush).default(true))
                .take(),
        )
        .await?;
        // A push message waits in the outbox like a mail; a subscription deleted since is skipped.
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(integer_null(Outbox::PushSubscriptionId))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .drop_column(Outbox::PushSubscriptionId)
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(NotificationSettings::Table)
                .drop_column(NotificationSettings::ByPush)
                .take(),
        )
        .await?;
        for table in [
            PushSubscriptions::Table.into_iden(),
            ServerKeys::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
