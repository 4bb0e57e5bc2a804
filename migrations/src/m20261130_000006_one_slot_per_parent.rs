//! One account holds at most one parent slot of a child: two letters of one child claimed by the
//! same account (possible when two claims raced) would count one parent twice. Such doubles, if
//! any, keep the lowest slot; the others are freed, their letters working again.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParentSlots {
    Table,
    StudentId,
    AccountId,
}

const INDEX: &str = "idx_parent_slots_one_per_account";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE parent_slots SET account_id = NULL, claimed_at = NULL, link_confirmed_at = NULL \
                 WHERE id IN (SELECT later.id FROM parent_slots later JOIN parent_slots first \
                 ON later.student_id = first.student_id AND later.account_id = first.account_id \
                 AND later.slot_number > first.slot_number)",
            )
            .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(ParentSlots::Table)
                .col(ParentSlots::StudentId)
                .col(ParentSlots::AccountId)
                .unique()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(INDEX)
                .table(ParentSlots::Table)
                .to_owned(),
        )
        .await
    }
}
