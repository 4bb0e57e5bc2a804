//! Printing parents' letters from the staff area. A letter's password is stored hashed, so a
//! letter cannot be printed twice: printing gives every unclaimed slot of the chosen students a new
//! temporary password (the letters printed before for those slots stop working), and slots a
//! parent already claimed are left alone. One student, one class, or the whole school at once.
use super::{Caller, access};
use crate::server::{
    entities::{parent_slot, student},
    error::ServiceResult,
    letters::Validity,
    passwords,
    students::{Issue, SlotLetter, StudentLetters},
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

/// Whose letters to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Student(i32),
    Class(String),
    School,
}

/// The letters of `scope`, freshly issued (administrators), with each student's row. Students
/// whose slots are all claimed are not listed.
pub async fn issue(
    db: &DatabaseConnection,
    caller: &Caller,
    scope: &Scope,
    issue: Issue,
) -> ServiceResult<Vec<(student::Model, StudentLetters)>> {
    caller.require_admin()?;
    let students = match scope {
        Scope::Student(id) => {
            vec![access::reachable_student(db, caller, *id).await?]
        }
        Scope::Class(class) => {
            of_school(caller)
                .filter(student::Column::ClassName.eq(class.as_str()))
                .all(db)
                .await?
        }
        Scope::School => of_school(caller).all(db).await?,
    };
    let ids: Vec<i32> = students.iter().map(|s| s.id).collect();
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.is_in(ids))
        .filter(parent_slot::Column::AccountId.is_null())
        .order_by_asc(parent_slot::Column::SlotNumber)
        .all(db)
        .await?;
    // Hashed before the transaction opens: Argon2 takes time, a write transaction must not.
    let mut fresh = Vec::new();
    for slot in slots {
        let password = passwords::generate_temporary();
        let hash = passwords::hash(password.clone()).await;
        fresh.push((slot, password, hash));
    }
    let txn = crate::server::db::write_transaction(db).await?;
    let mut letters: Vec<(student::Model, StudentLetters)> = Vec::new();
    for (slot, password, hash) in fresh {
        // Only if still unclaimed: a parent may have used the old letter while the hashes were made.
        let updated = parent_slot::Entity::update_many()
            .col_expr(
                parent_slot::Column::TemporaryPasswordHash,
                Expr::value(hash),
            )
            .col_expr(
                parent_slot::Column::TemporaryPasswordExpiresAt,
                Expr::value(issue.expires_at),
            )
            .filter(parent_slot::Column::Id.eq(slot.id))
            .filter(parent_slot::Column::AccountId.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            continue;
        }
        let Some(student) = students.iter().find(|s| s.id == slot.student_id) else {
            continue;
        };
        let letter = SlotLetter {
            slot: slot.slot_number,
            temporary_password: password,
            valid_until: Some(crate::server::letters::last_day(issue.expires_at)),
        };
        match letters.iter_mut().find(|(s, _)| s.id == student.id) {
            Some((_, printed)) => printed.slots.push(letter),
            None => letters.push((
                student.clone(),
                StudentLetters {
                    identifier: student.identifier.clone(),
                    slots: vec![letter],
                },
            )),
        }
    }
    txn.commit().await?;
    Ok(letters)
}

fn of_school(caller: &Caller) -> sea_orm::Select<student::Entity> {
    student::Entity::find()
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .order_by_asc(student::Column::ClassName)
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
}

/// The validity of letters printed from the staff area: the default.
pub fn validity() -> Validity {
    Validity::default()
}

/// A new letter for one slot (administrators): a lost letter, or a parent to be replaced. A
/// claimed slot is detached from its account, whose sessions on this child end (its other
/// children stay).
pub async fn reset(
    db: &DatabaseConnection,
    caller: &Caller,
    student_id: i32,
    number: i32,
    issue: Issue,
) -> ServiceResult<(student::Model, StudentLetters)> {
    caller.require_admin()?;
    let student = access::reachable_student(db, caller, student_id).await?;
    let letters = crate::server::students::reset_slot(db, issue, &student.identifier, number)
        .await
        .map_err(|_| crate::server::error::ServiceError::Forbidden)?;
    Ok((student, letters))
}
