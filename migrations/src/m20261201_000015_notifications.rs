//! Notifications: what a parent is told of (a message, news for their child's class, an event
//! added or changed, terms to accept), how (by mail, immediately or in the morning's digest, or
//! not at all, per child and kind) and when (never during their quiet hours, unless urgent). A
//! notification is written in the transaction of what caused it (or, for news published at a
//! later date, by the notifier once it is out); the notifier turns it into outbox mail.
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
enum News {
    Table,
    NotifiedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Unsubscribe,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    StudentId,
    Kind,
    Title,
    Link,
    Urgent,
    CreatedAt,
    SeenAt,
    DeliverAfter,
    Deferred,
    HandledAt,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    AccountId,
    StudentId,
    Kind,
    Delivery,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    AccountId,
    ByMail,
    QuietFrom,
    QuietUntil,
    UnsubscribeToken,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .if_not_exists()
                .col(big_pk_auto(Notifications::Id))
                .col(integer(Notifications::AccountId))
                .col(integer_null(Notifications::StudentId))
                // `message`, `news`, `event` or `terms`.
                .col(string_len(Notifications::Kind, 16))
                .col(string(Notifications::Title))
                // The page it leads to, on the site.
                .col(string(Notifications::Link))
                .col(boolean(Notifications::Urgent))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                // Shown on the Notifications page (its counter no longer counts it).
                .col(timestamp_with_time_zone_null(Notifications::SeenAt))
                // Not told before: its creation, the end of quiet hours, or the digest's hour.
                .col(timestamp_with_time_zone(Notifications::DeliverAfter))
                // Already put off once (to the digest or past quiet hours): sent when due.
                .col(boolean(Notifications::Deferred))
                // Mailed, bundled, or dropped by the parent's choice: the notifier is done with it.
                .col(timestamp_with_time_zone_null(Notifications::HandledAt))
                .foreign_key(&mut cascade(
                    (Notifications::Table, Notifications::AccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                ))
                .foreign_key(&mut cascade(
                    (Notifications::Table, Notifications::StudentId),
                    (Students::Table, Students::Id),
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_notifications_account")
                .table(Notifications::Table)
                .col(Notifications::AccountId)
                .col(Notifications::Id)
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_notifications_due")
                .table(Notifications::Table)
                .col(Notifications::HandledAt)
                .col(Notifications::DeliverAfter)
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NotificationPreferences::Table)
                .if_not_exists()
                .col(integer(NotificationPreferences::AccountId))
                .col(integer(NotificationPreferences::StudentId))
                .col(string_len(NotificationPreferences::Kind, 16))
                // `immediately`, `digest` or `off`.
                .col(string_len(NotificationPreferences::Delivery, 16))
                .primary_key(
                    Index::create()
                        .col(NotificationPreferences::AccountId)
                        .col(NotificationPreferences::StudentId)
                        .col(NotificationPreferences::Kind),
                )
                .foreign_key(&mut cascade(
                    (
                        NotificationPreferences::Table,
                        NotificationPreferences::AccountId,
                    ),
                    (ParentAccounts::Table, ParentAccounts::Id),
                ))
                .foreign_key(&mut cascade(
                    (
                        NotificationPreferences::Table,
                        NotificationPreferences::StudentId,
                    ),
                    (Students::Table, Students::Id),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NotificationSettings::Table)
                .if_not_exists()
                .col(integer(NotificationSettings::AccountId).primary_key())
                .col(boolean(NotificationSettings::ByMail))
                // Minutes after midnight, Brussels time; from 20:00 until 07:00 by default.
                .col(integer(NotificationSettings::QuietFrom))
                .col(integer(NotificationSettings::QuietUntil))
                // Names the parent in the one-click unsubscribe links of their mails.
                .col(string_len(NotificationSettings::UnsubscribeToken, 64).unique_key())
                .foreign_key(&mut cascade(
                    (NotificationSettings::Table, NotificationSettings::AccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                ))
                .take(),
        )
        .await?;
        // News published at a later date are told of once out.
        m.alter_table(
            Table::alter()
                .table(News::Table)
                .add_column(timestamp_with_time_zone_null(News::NotifiedAt))
                .take(),
        )
        .await?;
        // The one-click unsubscribe address of a notification's mail (RFC 8058).
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(string_null(Outbox::Unsubscribe))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .drop_column(Outbox::Unsubscribe)
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(News::Table)
                .drop_column(News::NotifiedAt)
                .take(),
        )
        .await?;
        for table in [
            NotificationSettings::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
            Notifications::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
