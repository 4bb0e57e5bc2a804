//! Messages between families and the school. A conversation concerns one student and has members:
//! the staff who wrote or were written to, and the parents the school addressed — one parent per
//! conversation unless the school chose otherwise, so that two separated parents never read each
//! other. Each member keeps their own read mark and archive. Attachments are kept in the database
//! (like the school's logo), once however many messages carry them, so that every instance serves
//! them and a backup holds them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Students {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    PlatformId,
    StudentId,
    Subject,
    CreatedAt,
    LastMessageAt,
}

#[derive(DeriveIden)]
enum ConversationMembers {
    Table,
    Id,
    ConversationId,
    AccountId,
    StaffId,
    LastReadMessageId,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ConversationId,
    AuthorAccountId,
    AuthorStaffId,
    Body,
    Html,
    Urgent,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    FileName,
    ContentType,
    Size,
    Bytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MessageAttachments {
    Table,
    MessageId,
    AttachmentId,
}

fn key(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, columns: Vec<DynIden>) -> IndexCreateStatement {
    let mut index = Index::create();
    index.if_not_exists().name(name).table(table);
    for column in columns {
        index.col(column);
    }
    index.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        m.create_table(
            Table::create()
                .table(Conversations::Table)
                .if_not_exists()
                .col(pk_auto(Conversations::Id))
                .col(integer(Conversations::PlatformId))
                .col(integer(Conversations::StudentId))
                .col(string(Conversations::Subject))
                .col(timestamp_with_time_zone(Conversations::CreatedAt))
                .col(timestamp_with_time_zone(Conversations::LastMessageAt))
                .foreign_key(&mut key(
                    (Conversations::Table, Conversations::PlatformId),
                    (Platforms::Table, Platforms::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (Conversations::Table, Conversations::StudentId),
                    (Students::Table, Students::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConversationMembers::Table)
                .if_not_exists()
                .col(pk_auto(ConversationMembers::Id))
                .col(integer(ConversationMembers::ConversationId))
                // Exactly one of the two is set: a parent or a staff member.
                .col(integer_null(ConversationMembers::AccountId))
                .col(integer_null(ConversationMembers::StaffId))
                // Every message up to this one has been read by this member.
                .col(integer_null(ConversationMembers::LastReadMessageId))
                .col(timestamp_with_time_zone_null(
                    ConversationMembers::ArchivedAt,
                ))
                .foreign_key(&mut key(
                    (
                        ConversationMembers::Table,
                        ConversationMembers::ConversationId,
                    ),
                    (Conversations::Table, Conversations::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (ConversationMembers::Table, ConversationMembers::AccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (ConversationMembers::Table, ConversationMembers::StaffId),
                    (StaffAccounts::Table, StaffAccounts::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Messages::Table)
                .if_not_exists()
                .col(pk_auto(Messages::Id))
                .col(integer(Messages::ConversationId))
                .col(integer_null(Messages::AuthorAccountId))
                .col(integer_null(Messages::AuthorStaffId))
                .col(text(Messages::Body))
                // The body rendered and sanitised once, when written: a long conversation is
                // read far more often than it is written.
                .col(text(Messages::Html))
                .col(boolean(Messages::Urgent))
                .col(timestamp_with_time_zone(Messages::CreatedAt))
                .foreign_key(&mut key(
                    (Messages::Table, Messages::ConversationId),
                    (Conversations::Table, Conversations::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (Messages::Table, Messages::AuthorAccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                    SetNull,
                ))
                .foreign_key(&mut key(
                    (Messages::Table, Messages::AuthorStaffId),
                    (StaffAccounts::Table, StaffAccounts::Id),
                    SetNull,
                ))
                .take(),
        )
        .await?;
        // A file is kept once, however many families one message went to.
        m.create_table(
            Table::create()
                .table(Attachments::Table)
                .if_not_exists()
                .col(pk_auto(Attachments::Id))
                .col(string(Attachments::FileName))
                .col(string_len(Attachments::ContentType, 64))
                .col(integer(Attachments::Size))
                .col(blob(Attachments::Bytes))
                .col(timestamp_with_time_zone(Attachments::CreatedAt))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MessageAttachments::Table)
                .if_not_exists()
                .col(integer(MessageAttachments::MessageId))
                .col(integer(MessageAttachments::AttachmentId))
                .primary_key(
                    Index::create()
                        .col(MessageAttachments::MessageId)
                        .col(MessageAttachments::AttachmentId),
                )
                .foreign_key(&mut key(
                    (MessageAttachments::Table, MessageAttachments::MessageId),
                    (Messages::Table, Messages::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (MessageAttachments::Table, MessageAttachments::AttachmentId),
                    (Attachments::Table, Attachments::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        let indexes = [
            index(
                "idx_conversation_members_parent",
                ConversationMembers::Table,
                vec![
                    ConversationMembers::AccountId.into_iden(),
                    ConversationMembers::ConversationId.into_iden(),
                ],
            ),
            index(
                "idx_conversation_members_staff",
                ConversationMembers::Table,
                vec![
                    ConversationMembers::StaffId.into_iden(),
                    ConversationMembers::ConversationId.into_iden(),
                ],
            ),
            index(
                "idx_conversation_members_conversation",
                ConversationMembers::Table,
                vec![ConversationMembers::ConversationId.into_iden()],
            ),
            index(
                "idx_messages_conversation",
                Messages::Table,
                vec![
                    Messages::ConversationId.into_iden(),
                    Messages::Id.into_iden(),
                ],
            ),
            index(
                "idx_conversations_recent",
                Conversations::Table,
                vec![
                    Conversations::PlatformId.into_iden(),
                    Conversations::LastMessageAt.into_iden(),
                ],
            ),
            index(
                "idx_message_attachments_attachment",
                MessageAttachments::Table,
                vec![MessageAttachments::AttachmentId.into_iden()],
            ),
        ];
        for index in indexes {
            m.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MessageAttachments::Table.into_iden(),
            Attachments::Table.into_iden(),
            Messages::Table.into_iden(),
            ConversationMembers::Table.into_iden(),
            Conversations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
