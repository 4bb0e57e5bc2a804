//! Students and their parents' letters: adding one, importing a class list (all or nothing), and a
//! new letter for a parent slot whose letter was lost.
use super::{
    clock::Clock,
    entities::{parent_slot, platform, session, student},
    letters::{self, Validity},
    lookups, passwords, platforms,
};
use crate::domain::{
    identifier::{Identifier, base_identifier, numbered_identifier},
    limits::PARENT_SLOTS,
};
use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::Serialize;

/// A student as staff name them: one by one, or a line of a class list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStudent {
    pub first_name: String,
    pub last_name: String,
    pub class_name: Option<String>,
}

impl NewStudent {
    pub fn new(first_name: &str, last_name: &str, class_name: Option<&str>) -> Self {
        Self {
            first_name: first_name.trim().to_owned(),
            last_name: last_name.trim().to_owned(),
            class_name: class_name.map(str::to_owned),
        }
    }
}

/// One printed letter: the identifier and the temporary password of one parent slot, and the last
/// day (Brussels) it works, if it expires.
#[derive(Debug, Clone, Serialize)]
pub struct SlotLetter {
    pub slot: i32,
    pub temporary_password: String,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StudentLetters {
    pub identifier: String,
    pub slots: Vec<SlotLetter>,
}

/// A student about to be stored, with the letters' passwords and their hashes.
struct Prepared {
    student: NewStudent,
    passwords: Vec<String>,
    hashes: Vec<String>,
}

/// When letters are printed and how long they work: every letter of one command gets the same.
#[derive(Debug, Clone, Copy)]
pub struct Issue {
    pub at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Issue {
    pub fn now(clock: &Clock, validity: Validity) -> Self {
        let at = clock.now();
        Self {
            at,
            expires_at: validity.expiry(at),
        }
    }

    fn letter(self, slot: i32, temporary_password: String) -> SlotLetter {
        SlotLetter {
            slot,
            temporary_password,
            valid_until: Some(letters::last_day(self.expires_at)),
        }
    }
}

/// Hashes the letters' passwords before any transaction opens: Argon2 takes time, and a write
/// transaction held that long would stop every other writer.
async fn prepare(student: NewStudent, passwords: Vec<String>) -> Prepared {
    let mut hashes = Vec::new();
    for password in &passwords {
        hashes.push(passwords::hash(password.clone()).await);
    }
    Prepared {
        student,
        passwords,
        hashes,
    }
}

fn fresh_passwords(slots: u32) -> anyhow::Result<Vec<String>> {
    if !(1..=PARENT_SLOTS as u32).contains(&slots) {
        bail!("un élève a de 1 à {PARENT_SLOTS} accès parents");
    }
    Ok((0..slots)
        .map(|_| passwords::generate_temporary())
        .collect())
}

/// Adds a student with `slots` parent access slots, each with a fresh temporary password, and
/// returns the letters to print. The identifier gets a number when the name is already taken.
pub async fn add(
    db: &DatabaseConnection,
    issue: Issue,
    platform_code: &str,
    student: NewStudent,
    slots: u32,
) -> anyhow::Result<StudentLetters> {
    let passwords = fresh_passwords(slots)?;
    add_with_passwords(db, issue, platform_code, student, passwords).await
}

/// [`add`] with the letters' passwords given (the demo school prints the same ones each time).
pub async fn add_with_passwords(
    db: &DatabaseConnection,
    issue: Issue,
    platform_code: &str,
    student: NewStudent,
    passwords: Vec<String>,
) -> anyhow::Result<StudentLetters> {
    if passwords.is_empty() || passwords.len() > PARENT_SLOTS {
        bail!("un élève a de 1 à {PARENT_SLOTS} accès parents");
    }
    let platform = platforms::named(db, platform_code).await?;
    let prepared = prepare(student, passwords).await;
    let txn = crate::server::db::write_transaction(db).await?;
    let letters = store(&txn, issue, &platform, prepared).await?;
    txn.commit().await?;
    Ok(letters)
}

/// Adds every student of a class list, each with `slots` letters, in one transaction: if one
/// cannot be stored, none is.
pub async fn import(
    db: &DatabaseConnection,
    issue: Issue,
    platform_code: &str,
    students: Vec<NewStudent>,
    slots: u32,
) -> anyhow::Result<Vec<StudentLetters>> {
    let platform = platforms::named(db, platform_code).await?;
    let mut prepared = Vec::new();
    for student in students {
        prepared.push(prepare(student, fresh_passwords(slots)?).await);
    }
    let txn = crate::server::db::write_transaction(db).await?;
    let mut letters = Vec::new();
    for student in prepared {
        let name = format!(
            "{} {}",
            student.student.first_name, student.student.last_name
        );
        let stored = store(&txn, issue, &platform, student).await;
        letters.push(stored.with_context(|| format!("{name} : rien n'a été importé"))?);
    }
    txn.commit().await?;
    Ok(letters)
}

/// Stores one student and its parent slots within `txn`.
async fn store(
    txn: &impl ConnectionTrait,
    issue: Issue,
    platform: &platform::Model,
    prepared: Prepared,
) -> anyhow::Result<StudentLetters> {
    let Prepared {
        student,
        passwords,
        hashes,
    } = prepared;
    let base = base_identifier(&student.first_name, &student.last_name, &platform.domain)
        .context("le prénom et le nom doivent contenir des lettres ou des chiffres")?;
    let mut identifier = base.clone();
    let mut n = 1;
    while lookups::child_by_identifier(txn, &identifier)
        .await?
        .is_some()
    {
        n += 1;
        identifier = numbered_identifier(&base, n);
    }
    let now = issue.at;
    let created = student::ActiveModel {
        platform_id: Set(platform.id),
        identifier: Set(identifier.to_string()),
        first_name: Set(student.first_name.trim().to_owned()),
        last_name: Set(student.last_name.trim().to_owned()),
        class_name: Set(student.class_name),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (number, hash) in (1..).zip(hashes) {
        parent_slot::ActiveModel {
            student_id: Set(created.id),
            slot_number: Set(number),
            temporary_password_hash: Set(Some(hash)),
            temporary_password_expires_at: Set(Some(issue.expires_at)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(StudentLetters {
        identifier: identifier.to_string(),
        slots: (1..)
            .zip(passwords)
            .map(|(slot, password)| issue.letter(slot, password))
            .collect(),
    })
}

/// A child's identifier as staff typed it in a command.
pub fn staff_typed(identifier: &str) -> anyhow::Result<Identifier> {
    Identifier::parse(identifier)
        .context("désignez l'élève par son identifiant, par exemple albert.durant@isu-dour.be")
}

/// A new letter for a parent slot: a new temporary password, and the slot detached from the account
/// that held it (that account keeps its other children; its sessions on this child end).
pub async fn reset_slot(
    db: &DatabaseConnection,
    issue: Issue,
    identifier: &str,
    slot_number: i32,
) -> anyhow::Result<StudentLetters> {
    let identifier = staff_typed(identifier)?;
    let child = lookups::child_by_identifier(db, &identifier)
        .await?
        .with_context(|| format!("aucun élève {identifier}"))?;
    let slot = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.eq(child.id))
        .filter(parent_slot::Column::SlotNumber.eq(slot_number))
        .one(db)
        .await?
        .with_context(|| format!("{identifier} n'a pas d'accès parent {slot_number}"))?;
    let temporary_password = passwords::generate_temporary();
    let hash = passwords::hash(temporary_password.clone()).await;
    let txn = crate::server::db::write_transaction(db).await?;
    if let Some(account_id) = slot.account_id {
        session::Entity::delete_many()
            .filter(session::Column::AccountId.eq(account_id))
            .filter(session::Column::StudentId.eq(child.id))
            .exec(&txn)
            .await?;
    }
    parent_slot::ActiveModel {
        id: Set(slot.id),
        temporary_password_hash: Set(Some(hash)),
        temporary_password_expires_at: Set(Some(issue.expires_at)),
        account_id: Set(None),
        claimed_at: Set(None),
        link_confirmed_at: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(StudentLetters {
        identifier: identifier.to_string(),
        slots: vec![issue.letter(slot_number, temporary_password)],
    })
}
