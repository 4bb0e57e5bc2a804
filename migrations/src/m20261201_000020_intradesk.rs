//! Intradesk: the documents a school shares with its families, in folders, each for the whole
//! school (no class listed) or chosen classes, with who among the parents has opened each. The
//! file itself is kept in `attachments`, like a message's.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IntradeskFolders {
    Table,
    Id,
    PlatformId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IntradeskDocuments {
    Table,
    Id,
    FolderId,
    AttachmentId,
    Title,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden)]
enum IntradeskDocumentClasses {
    Table,
    DocumentId,
    ClassName,
}

#[derive(DeriveIden)]
enum IntradeskOpens {
    Table,
    DocumentId,
    AccountId,
    OpenedAt,
}

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffAccounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ParentAccounts {
    Table,
    Id,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        m.create_table(
            Table::create()
                .table(IntradeskFolders::Table)
                .if_not_exists()
                .col(pk_auto(IntradeskFolders::Id))
                .col(integer(IntradeskFolders::PlatformId))
                .col(string_len(IntradeskFolders::Name, 100))
                .col(timestamp_with_time_zone(IntradeskFolders::CreatedAt))
                .foreign_key(&mut key(
                    (IntradeskFolders::Table, IntradeskFolders::PlatformId),
                    (Platforms::Table, Platforms::Id),
                    Cascade,
                ))
                .index(
                    Index::create()
                        .name("intradesk_folders_platform_name")
                        .col(IntradeskFolders::PlatformId)
                        .col(IntradeskFolders::Name)
                        .unique(),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IntradeskDocuments::Table)
                .if_not_exists()
                .col(pk_auto(IntradeskDocuments::Id))
                .col(integer(IntradeskDocuments::FolderId))
                .col(integer(IntradeskDocuments::AttachmentId))
                .col(string_len(IntradeskDocuments::Title, 200))
                .col(integer_null(IntradeskDocuments::AddedBy))
                .col(timestamp_with_time_zone(IntradeskDocuments::AddedAt))
                .foreign_key(&mut key(
                    (IntradeskDocuments::Table, IntradeskDocuments::FolderId),
                    (IntradeskFolders::Table, IntradeskFolders::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (IntradeskDocuments::Table, IntradeskDocuments::AttachmentId),
                    (Attachments::Table, Attachments::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (IntradeskDocuments::Table, IntradeskDocuments::AddedBy),
                    (StaffAccounts::Table, StaffAccounts::Id),
                    SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IntradeskDocumentClasses::Table)
                .if_not_exists()
                .col(integer(IntradeskDocumentClasses::DocumentId))
                .col(string_len(IntradeskDocumentClasses::ClassName, 100))
                .primary_key(
                    Index::create()
                        .col(IntradeskDocumentClasses::DocumentId)
                        .col(IntradeskDocumentClasses::ClassName),
                )
                .foreign_key(&mut key(
                    (
                        IntradeskDocumentClasses::Table,
                        IntradeskDocumentClasses::DocumentId,
                    ),
                    (IntradeskDocuments::Table, IntradeskDocuments::Id),
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IntradeskOpens::Table)
                .if_not_exists()
                .col(integer(IntradeskOpens::DocumentId))
                .col(integer(IntradeskOpens::AccountId))
                // The first time: what the school asks is whether a parent has seen it.
                .col(timestamp_with_time_zone(IntradeskOpens::OpenedAt))
                .primary_key(
                    Index::create()
                        .col(IntradeskOpens::DocumentId)
                        .col(IntradeskOpens::AccountId),
                )
                .foreign_key(&mut key(
                    (IntradeskOpens::Table, IntradeskOpens::DocumentId),
                    (IntradeskDocuments::Table, IntradeskDocuments::Id),
                    Cascade,
                ))
                .foreign_key(&mut key(
                    (IntradeskOpens::Table, IntradeskOpens::AccountId),
                    (ParentAccounts::Table, ParentAccounts::Id),
                    Cascade,
                ))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IntradeskOpens::Table.into_iden(),
            IntradeskDocumentClasses::Table.into_iden(),
            IntradeskDocuments::Table.into_iden(),
            IntradeskFolders::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
