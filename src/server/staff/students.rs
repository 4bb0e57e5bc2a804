//! The students of the caller's school, as staff see them: searched by class and name, one with
//! the state of each parent's letter and account (never a password), added one by one, removed
//! when they leave. A teacher sees the students of their courses and their parents' names only.
use super::{Caller, access};
use crate::domain::identifier::{base_identifier, numbered_identifier};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::server::{
    AppState,
    entities::{audit_event, parent_account, parent_slot, platform, student},
    error::{ServiceError, ServiceResult},
    lookups,
    mail::Mail,
    second_factor::{self, Owner},
    students::NewStudent,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Where a parent slot's letter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// Never printed (a student just added or imported).
    NotPrinted,
    /// Printed, not used yet, working until then.
    Waiting(Option<DateTime<Utc>>),
    /// Printed, past its last day: print a new one.
    Expired,
    /// Used: the slot belongs to a parent's account.
    Claimed,
}

/// A parent's account, as staff may see it: names, whether the address is confirmed, when they
/// last signed in. Teachers get the name only.
#[derive(Debug, Clone)]
pub struct Parent {
    pub name: Option<String>,
    pub email_confirmed: Option<bool>,
    pub last_sign_in: Option<DateTime<Utc>>,
    /// Whether the parent turned their second factor on (administrators only).
    pub second_factor: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Slot {
    pub number: i32,
    pub letter: Letter,
    pub parent: Option<Parent>,
}

pub struct StudentDetail {
    pub student: student::Model,
    pub slots: Vec<Slot>,
}

/// The caller's students, by class then name, within `class` and whose names contain `name`.
pub async fn search(
    db: &DatabaseConnection,
    caller: &Caller,
    class: Option<&str>,
    name: Option<&str>,
) -> ServiceResult<Vec<student::Model>> {
    let mut query =
        student::Entity::find().filter(student::Column::PlatformId.eq(caller.platform_id));
    if !caller.is_admin() {
        query = query.filter(student::Column::Id.is_in(access::own_students(db, caller).await?));
    }
    if let Some(class) = class.filter(|c| !c.is_empty()) {
        query = query.filter(student::Column::ClassName.eq(class));
    }
    let students = query
        .order_by_asc(student::Column::ClassName)
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?;
    let wanted = name
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty());
    Ok(match wanted {
        // Filtered here: accents and case compare the same on SQLite and PostgreSQL.
        Some(wanted) => students
            .into_iter()
            .filter(|s| {
                format!("{} {}", s.first_name, s.last_name)
                    .to_lowercase()
                    .contains(&wanted)
            })
            .collect(),
        None => students,
    })
}

/// The classes the caller may list and write to: all of the school's for an administrator, those
/// of their courses' students for a teacher.
pub async fn classes(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<String>> {
    if !caller.is_admin() {
        return Ok(access::own_classes(db, caller).await?);
    }
    school_classes(db, caller).await
}

/// Every class of the caller's school, whatever their role: what a class named in a form must be.
pub async fn school_classes(
    db: &DatabaseConnection,
    caller: &Caller,
) -> ServiceResult<Vec<String>> {
    let mut classes: Vec<String> = student::Entity::find()
        .select_only()
        .column(student::Column::ClassName)
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .filter(student::Column::ClassName.is_not_null())
        .distinct()
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    classes.sort();
    Ok(classes)
}

/// One student with their parents' slots.
pub async fn detail(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<StudentDetail> {
    let student = access::reachable_student(db, caller, id).await?;
    let mut slots = Vec::new();
    for slot in lookups::slots_of(db, Some(&student)).await? {
        let parent = match slot.account_id {
            Some(account_id) => Some(parent(db, caller, account_id).await?),
            None => None,
        };
        slots.push(Slot {
            number: slot.slot_number,
            letter: letter_state(&slot, now),
            parent,
        });
    }
    Ok(StudentDetail { student, slots })
}

fn letter_state(slot: &parent_slot::Model, now: DateTime<Utc>) -> Letter {
    match (
        &slot.account_id,
        &slot.temporary_password_hash,
        slot.temporary_password_expires_at,
    ) {
        (Some(_), _, _) => Letter::Claimed,
        (None, None, _) => Letter::NotPrinted,
        (None, Some(_), Some(end)) if end <= now => Letter::Expired,
        (None, Some(_), end) => Letter::Waiting(end),
    }
}

async fn parent(
    db: &DatabaseConnection,
    caller: &Caller,
    account_id: i32,
) -> ServiceResult<Parent> {
    let account = lookups::account(db, account_id)
        .await?
        .ok_or(ServiceError::NotFound("account of a slot"))?;
    let name = match (&account.first_name, &account.last_name) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        _ => None,
    };
    if !caller.is_admin() {
        return Ok(Parent {
            name,
            email_confirmed: None,
            last_sign_in: None,
            second_factor: None,
        });
    }
    Ok(Parent {
        name,
        email_confirmed: Some(account.email_confirmed_at.is_some()),
        last_sign_in: last_sign_in(db, &account).await?,
        second_factor: Some(
            second_factor::enabled_at(db, Owner::Parent(account.id))
                .await?
                .is_some(),
        ),
    })
}

async fn last_sign_in(
    db: &DatabaseConnection,
    account: &parent_account::Model,
) -> ServiceResult<Option<DateTime<Utc>>> {
    Ok(audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::At)
        .filter(audit_event::Column::AccountId.eq(account.id))
        .filter(audit_event::Column::Kind.eq(audit_event::Kind::SignInSucceeded))
        .order_by_desc(audit_event::Column::At)
        .into_tuple()
        .one(db)
        .await?)
}

/// Adds a student to the caller's school (administrators), with `slots` parent slots whose letters
/// are printed next. The identifier gets a number when the name is already taken.
pub async fn add(
    db: &impl ConnectionTrait,
    caller: &Caller,
    new: &NewStudent,
    slots: usize,
    now: DateTime<Utc>,
) -> ServiceResult<student::Model> {
    caller.require_admin()?;
    let school = platform::Entity::find_by_id(caller.platform_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("the caller's platform"))?;
    let base = base_identifier(&new.first_name, &new.last_name, &school.domain)
        .ok_or(ServiceError::StudentNameMissing)?;
    let mut identifier = base.clone();
    let mut n = 1;
    while lookups::child_by_identifier(db, &identifier)
        .await?
        .is_some()
    {
        n += 1;
        identifier = numbered_identifier(&base, n);
    }
    let created = student::ActiveModel {
        platform_id: Set(school.id),
        identifier: Set(identifier.to_string()),
        first_name: Set(new.first_name.trim().to_owned()),
        last_name: Set(new.last_name.trim().to_owned()),
        class_name: Set(new
            .class_name
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for number in 1..=slots as i32 {
        parent_slot::ActiveModel {
            student_id: Set(created.id),
            slot_number: Set(number),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(created)
}

/// Removes a student who left (administrators): their parents' access to them ends at once (slots
/// and the sessions showing them go with the student); the parents' accounts keep their other
/// children.
pub async fn remove(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<student::Model> {
    caller.require_admin()?;
    let found = access::reachable_student(db, caller, id).await?;
    student::Entity::delete_by_id(found.id).exec(db).await?;
    Ok(found)
}

/// Turns off the second factor of the parent holding one of a student's slots (administrators): a
/// parent who lost their phone and their recovery codes asks the school, which knows them. A
/// confirmed address is told. Returns the parent's account, for their own log.
pub async fn reset_parent_second_factor(
    state: &AppState,
    caller: &Caller,
    student_id: i32,
    slot_number: i32,
) -> ServiceResult<(student::Model, i32)> {
    let db = &state.db;
    caller.require_admin()?;
    let found = access::reachable_student(db, caller, student_id).await?;
    let account_id = lookups::slots_of(db, Some(&found))
        .await?
        .into_iter()
        .find(|slot| slot.slot_number == slot_number)
        .and_then(|slot| slot.account_id)
        .ok_or(ServiceError::Forbidden)?;
    second_factor::turn_off(db, Owner::Parent(account_id)).await?;
    let account = lookups::account(db, account_id).await?;
    if let Some(account) = account.filter(|a| a.email_confirmed_at.is_some()) {
        let locale = crate::server::accounts::language_or(&account, Locale::default());
        state
            .mail(Mail {
                unsubscribe: None,
                to: account.email.unwrap_or_default(),
                subject: td_string!(locale, mail.second_factor_reset_subject).into(),
                body: td_string!(locale, mail.second_factor_reset_body).into(),
            })
            .await?;
    }
    Ok((found, account_id))
}
