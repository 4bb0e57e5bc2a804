//! One second factor for staff and parents alike: the TOTP secret and its recovery codes move from
//! the staff account to a table of their own, which a parent's account can hold too; and a parent's
//! sign-in from a browser their account does not know waits for its code in `second_factor_waits`.
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
enum StaffAccounts {
    Table,
    Id,
    TotpSecret,
    TotpEnabledAt,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum StaffRecoveryCodes {
    Table,
    Id,
    StaffId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    Id,
    StaffId,
    AccountId,
    Secret,
    EnabledAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    SecondFactorId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum SecondFactorWaits {
    Table,
    Id,
    ChallengeHash,
    AccountId,
    StudentId,
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

fn iden(table: impl IntoIden, column: impl IntoIden) -> (DynIden, DynIden) {
    (table.into_iden(), column.into_iden())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SecondFactors::Table)
                .if_not_exists()
                .col(pk_auto(SecondFactors::Id))
                // Exactly one of the two owners is set.
                .col(integer_null(SecondFactors::StaffId).unique_key())
                .col(integer_null(SecondFactors::AccountId).unique_key())
                // Base32, kept as typed in the authenticator: a TOTP secret cannot be hashed.
                .col(string(SecondFactors::Secret))
                // None while set up and not yet confirmed with a first code.
                .col(timestamp_with_time_zone_null(SecondFactors::EnabledAt))
                // The last 30-second step a code was accepted for: a code works once (RFC 6238 §5.2).
                .col(big_integer_null(SecondFactors::LastStep))
                .col(timestamp_with_time_zone(SecondFactors::CreatedAt))
                .foreign_key(&mut cascade(
                    iden(SecondFactors::Table, SecondFactors::StaffId),
                    iden(StaffAccounts::Table, StaffAccounts::Id),
                ))
                .foreign_key(&mut cascade(
                    iden(SecondFactors::Table, SecondFactors::AccountId),
                    iden(ParentAccounts::Table, ParentAccounts::Id),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RecoveryCodes::Table)
                .if_not_exists()
                .col(pk_auto(RecoveryCodes::Id))
                .col(integer(RecoveryCodes::SecondFactorId))
                // SHA-256 of the code as typed without dashes, lower case.
                .col(string(RecoveryCodes::CodeHash))
                .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                .foreign_key(&mut cascade(
                    iden(RecoveryCodes::Table, RecoveryCodes::SecondFactorId),
                    iden(SecondFactors::Table, SecondFactors::Id),
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SecondFactorWaits::Table)
                .if_not_exists()
                .col(pk_auto(SecondFactorWaits::Id))
                // SHA-256 of the waiting browser's cookie.
                .col(string(SecondFactorWaits::ChallengeHash).unique_key())
                .col(integer(SecondFactorWaits::AccountId))
                .col(integer(SecondFactorWaits::StudentId))
                .col(integer(SecondFactorWaits::Attempts))
                .col(timestamp_with_time_zone(SecondFactorWaits::ExpiresAt))
                .col(timestamp_with_time_zone(SecondFactorWaits::CreatedAt))
                .foreign_key(&mut cascade(
                    iden(SecondFactorWaits::Table, SecondFactorWaits::AccountId),
                    iden(ParentAccounts::Table, ParentAccounts::Id),
                ))
                .foreign_key(&mut cascade(
                    iden(SecondFactorWaits::Table, SecondFactorWaits::StudentId),
                    iden(Students::Table, Students::Id),
                ))
                .take(),
        )
        .await?;
        // What staff had set up moves over, their recovery codes with it.
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO second_factors (staff_id, secret, enabled_at, last_step, created_at) \
             SELECT id, totp_secret, totp_enabled_at, totp_last_step, created_at \
             FROM staff_accounts WHERE totp_secret IS NOT NULL",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO recovery_codes (second_factor_id, code_hash, used_at) \
             SELECT second_factors.id, staff_recovery_codes.code_hash, staff_recovery_codes.used_at \
             FROM staff_recovery_codes \
             JOIN second_factors ON second_factors.staff_id = staff_recovery_codes.staff_id",
        )
        .await?;
        m.drop_table(Table::drop().table(StaffRecoveryCodes::Table).take())
            .await?;
        for column in [
            StaffAccounts::TotpSecret,
            StaffAccounts::TotpEnabledAt,
            StaffAccounts::TotpLastStep,
        ] {
            m.alter_table(
                Table::alter()
                    .table(StaffAccounts::Table)
                    .drop_column(column)
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_null(StaffAccounts::TotpSecret),
            timestamp_with_time_zone_null(StaffAccounts::TotpEnabledAt),
            big_integer_null(StaffAccounts::TotpLastStep),
        ] {
            m.alter_table(
                Table::alter()
                    .table(StaffAccounts::Table)
                    .add_column(column)
                    .take(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(StaffRecoveryCodes::Table)
                .if_not_exists()
                .col(pk_auto(StaffRecoveryCodes::Id))
                .col(integer(StaffRecoveryCodes::StaffId))
                .col(string(StaffRecoveryCodes::CodeHash))
                .col(timestamp_with_time_zone_null(StaffRecoveryCodes::UsedAt))
                .foreign_key(&mut cascade(
                    iden(StaffRecoveryCodes::Table, StaffRecoveryCodes::StaffId),
                    iden(StaffAccounts::Table, StaffAccounts::Id),
                ))
                .take(),
        )
        .await?;
        // Staff's second factors go back to their account; parents' are dropped with the tables.
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE staff_accounts SET \
             totp_secret = (SELECT secret FROM second_factors WHERE staff_id = staff_accounts.id), \
             totp_enabled_at = (SELECT enabled_at FROM second_factors WHERE staff_id = staff_accounts.id), \
             totp_last_step = (SELECT last_step FROM second_factors WHERE staff_id = staff_accounts.id)",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO staff_recovery_codes (staff_id, code_hash, used_at) \
             SELECT second_factors.staff_id, recovery_codes.code_hash, recovery_codes.used_at \
             FROM recovery_codes \
             JOIN second_factors ON second_factors.id = recovery_codes.second_factor_id \
             WHERE second_factors.staff_id IS NOT NULL",
        )
        .await?;
        for table in [
            SecondFactorWaits::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            SecondFactors::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
