//! What a school shows of itself besides its name: its logo (kept in the database, so that every
//! instance behind a load balancer serves the same one) and the "Applications" its header links to.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PlatformLogos {
    Table,
    PlatformId,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlatformApplications {
    Table,
    Id,
    PlatformId,
    Name,
    Url,
    CreatedAt,
}

fn to_platform(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Platforms::Table, Platforms::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PlatformLogos::Table)
                .if_not_exists()
                .col(integer(PlatformLogos::PlatformId).primary_key())
                // Checked from the bytes when uploaded: image/png, image/jpeg or image/webp.
                .col(string_len(PlatformLogos::ContentType, 32))
                .col(blob(PlatformLogos::Bytes))
                // Part of the logo's address, so that browsers may keep it for a year.
                .col(timestamp_with_time_zone(PlatformLogos::UpdatedAt))
                .foreign_key(&mut to_platform(
                    PlatformLogos::Table,
                    PlatformLogos::PlatformId,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlatformApplications::Table)
                .if_not_exists()
                .col(pk_auto(PlatformApplications::Id))
                .col(integer(PlatformApplications::PlatformId))
                .col(string(PlatformApplications::Name))
                .col(string(PlatformApplications::Url))
                .col(timestamp_with_time_zone(PlatformApplications::CreatedAt))
                .foreign_key(&mut to_platform(
                    PlatformApplications::Table,
                    PlatformApplications::PlatformId,
                ))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PlatformApplications::Table.into_iden(),
            PlatformLogos::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
