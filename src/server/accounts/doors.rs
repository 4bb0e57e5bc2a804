//! The doors of a login: each way a child's identifier or a parent's confirmed address may open an
//! account, with the hash the password must match there.
use crate::server::{
    entities::{parent_account, parent_slot, student},
    lookups,
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

/// One way into an account that a login names: a slot of the child it identifies, or an account
/// whose confirmed address it is.
pub(super) struct Door {
    /// The hash the password must open: the account's own, or the letter's before it is chosen.
    pub hash: Option<String>,
    /// Whether `hash` is a letter's (what was typed is then read as a letter is printed).
    pub letter: bool,
    pub student_id: i32,
    pub account_id: Option<i32>,
    pub slot: Option<parent_slot::Model>,
}

/// The doors of a child's identifier: one per slot.
pub(super) async fn of_child(
    db: &DatabaseConnection,
    child: &student::Model,
) -> Result<Vec<Door>, DbErr> {
    let mut doors = Vec::new();
    for slot in lookups::slots_of(db, Some(child)).await? {
        let account = match slot.account_id {
            Some(id) => lookups::account(db, id).await?,
            None => None,
        };
        let own = account.and_then(|account| account.password_hash);
        doors.push(Door {
            letter: own.is_none(),
            hash: own.or_else(|| slot.temporary_password_hash.clone()),
            student_id: child.id,
            account_id: slot.account_id,
            slot: Some(slot),
        });
    }
    Ok(doors)
}

/// The doors of a parent's confirmed address: its accounts (a couple may share one mailbox), each
/// opening on its first child. An address never claims a letter.
pub(super) async fn of_address(db: &DatabaseConnection, email: &str) -> Result<Vec<Door>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let accounts = parent_account::Entity::find()
        .filter(parent_account::Column::Email.eq(email))
        .filter(parent_account::Column::EmailConfirmedAt.is_not_null())
        .filter(parent_account::Column::PasswordHash.is_not_null())
        .order_by_asc(parent_account::Column::Id)
        .limit(crate::domain::limits::PARENT_SLOTS as u64)
        .all(db)
        .await?;
    let mut doors = Vec::new();
    for account in accounts {
        let first_child = parent_slot::Entity::find()
            .filter(parent_slot::Column::AccountId.eq(account.id))
            .filter(parent_slot::Column::LinkConfirmedAt.is_not_null())
            .order_by_asc(parent_slot::Column::Id)
            .one(db)
            .await?;
        if let Some(slot) = first_child {
            doors.push(Door {
                hash: account.password_hash,
                letter: false,
                student_id: slot.student_id,
                account_id: Some(account.id),
                slot: None,
            });
        }
    }
    Ok(doors)
}
