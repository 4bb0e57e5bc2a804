//! Staff accounts: adding one to a platform (with a mailed link to choose a password), choosing it,
//! signing in, and the administrators' list, suspension and removal. One person is one account
//! (their e-mail address), staff of one or several platforms, with a role in each.
use super::{Caller, Role, links, sessions};
use crate::domain::contact::EmailAddress;
use crate::i18n::td_string;
use crate::language::Locale;
use crate::server::{
    AppState,
    entities::{platform, staff_account, staff_membership},
    error::{ServiceError, ServiceResult},
    mail::Mail,
    passwords,
    second_factor::{self, Owner},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// A staff member as an administrator (or the command line) names them.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub first_name: String,
    pub last_name: String,
    pub email: EmailAddress,
    pub role: Role,
}

/// What adding a staff member did: the link to choose a password (mailed, and returned so that the
/// command line can print it when no SMTP server is set), or none when the account already had one.
pub struct Added {
    pub staff_id: i32,
    pub link: Option<String>,
}

/// One staff member of a platform, for the "Personnel" page.
pub struct Member {
    pub account: staff_account::Model,
    pub membership: staff_membership::Model,
}

/// Adds a staff member to `platform`: a new account for a new address, or a new role for a person
/// already staff elsewhere. Administrators of the platform only (or the command line, `by` None).
pub async fn add(
    state: &AppState,
    by: Option<&Caller>,
    platform: &platform::Model,
    new: NewStaff,
    locale: Locale,
) -> ServiceResult<Added> {
    if let Some(caller) = by {
        caller.require_admin()?;
        if caller.platform_id != platform.id {
            return Err(ServiceError::Forbidden);
        }
    }
    let (first_name, last_name) = (new.first_name.trim(), new.last_name.trim());
    if first_name.is_empty() || last_name.is_empty() {
        return Err(ServiceError::StaffNameMissing);
    }
    let now = state.clock.now();
    let txn = crate::server::db::write_transaction(&state.db).await?;
    let existing = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(new.email.as_str()))
        .one(&txn)
        .await?;
    let account = match existing {
        Some(account) => account,
        None => {
            staff_account::ActiveModel {
                email: Set(new.email.as_str().to_owned()),
                first_name: Set(first_name.to_owned()),
                last_name: Set(last_name.to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let already = staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(account.id))
        .filter(staff_membership::Column::PlatformId.eq(platform.id))
        .one(&txn)
        .await?;
    if already.is_some() {
        return Err(ServiceError::AlreadyStaff);
    }
    staff_membership::ActiveModel {
        staff_id: Set(account.id),
        platform_id: Set(platform.id),
        role: Set(new.role),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = match account.password_hash {
        Some(_) => None,
        None => Some(
            links::issue_link(
                &txn,
                account.id,
                now,
                Duration::days(links::WELCOME_LINK_DAYS),
            )
            .await?,
        ),
    };
    txn.commit().await?;
    let link = link.map(|token| links::password_link(state, &token));
    let (subject, body) = match &link {
        Some(link) => (
            td_string!(locale, mail.staff_welcome_subject, school = &platform.name).to_string(),
            td_string!(
                locale,
                mail.staff_welcome_body,
                school = &platform.name,
                link = link,
                days = links::WELCOME_LINK_DAYS
            )
            .to_string(),
        ),
        None => (
            td_string!(locale, mail.staff_added_subject, school = &platform.name).to_string(),
            td_string!(
                locale,
                mail.staff_added_body,
                school = &platform.name,
                site = &state.settings.public_url
            )
            .to_string(),
        ),
    };
    let mail = Mail {
        unsubscribe: None,
        to: account.email.clone(),
        subject,
        body,
    };
    state.mail(mail).await?;
    Ok(Added {
        staff_id: account.id,
        link,
    })
}

/// A staff member whose address and password are right, with the platforms they may enter (first
/// the one they joined first). Always one Argon2 verification, whether the address is staff's or
/// not, so that the time taken does not say.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> ServiceResult<Option<(staff_account::Model, Vec<staff_membership::Model>)>> {
    let account = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(email.to_lowercase()))
        .one(db)
        .await?;
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    if !passwords::verify(password.to_owned(), hash).await? {
        return Ok(None);
    }
    let Some(account) = account else {
        return Ok(None);
    };
    let memberships = staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(account.id))
        .filter(staff_membership::Column::SuspendedAt.is_null())
        .order_by_asc(staff_membership::Column::CreatedAt)
        .order_by_asc(staff_membership::Column::Id)
        .all(db)
        .await?;
    if memberships.is_empty() {
        return Ok(None);
    }
    Ok(Some((account, memberships)))
}

/// The staff of the caller's platform, by name (administrators only).
pub async fn list(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<Member>> {
    caller.require_admin()?;
    let memberships = staff_membership::Entity::find()
        .filter(staff_membership::Column::PlatformId.eq(caller.platform_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = memberships.iter().map(|m| m.staff_id).collect();
    let accounts = staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(ids))
        .order_by_asc(staff_account::Column::LastName)
        .order_by_asc(staff_account::Column::FirstName)
        .all(db)
        .await?;
    Ok(accounts
        .into_iter()
        .filter_map(|account| {
            let membership = memberships
                .iter()
                .find(|m| m.staff_id == account.id)?
                .clone();
            Some(Member {
                account,
                membership,
            })
        })
        .collect())
}

/// The membership `staff_id` has in the caller's platform (administrators only); another school's
/// staff and an unknown id are the same refusal.
async fn member_of_callers_platform(
    db: &DatabaseConnection,
    caller: &Caller,
    staff_id: i32,
) -> ServiceResult<staff_membership::Model> {
    caller.require_admin()?;
    staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(staff_id))
        .filter(staff_membership::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// Suspends (or restores) a staff member of the caller's platform; a suspension ends their
/// sessions there at once. An administrator cannot suspend themself (the school would be locked out).
pub async fn set_suspended(
    state: &AppState,
    caller: &Caller,
    staff_id: i32,
    suspended: bool,
) -> ServiceResult<()> {
    let membership = member_of_callers_platform(&state.db, caller, staff_id).await?;
    if staff_id == caller.staff_id {
        return Err(ServiceError::NotYourself);
    }
    let txn = crate::server::db::write_transaction(&state.db).await?;
    let mut row: staff_membership::ActiveModel = membership.into();
    row.suspended_at = Set(suspended.then(|| state.clock.now()));
    row.update(&txn).await?;
    if suspended {
        sessions::end_all(&txn, staff_id, Some(caller.platform_id)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a staff member from the caller's platform (their account stays for their other
/// platforms); their sessions there end at once.
pub async fn remove(state: &AppState, caller: &Caller, staff_id: i32) -> ServiceResult<()> {
    let membership = member_of_callers_platform(&state.db, caller, staff_id).await?;
    if staff_id == caller.staff_id {
        return Err(ServiceError::NotYourself);
    }
    let txn = crate::server::db::write_transaction(&state.db).await?;
    staff_membership::Entity::delete_by_id(membership.id)
        .exec(&txn)
        .await?;
    // Nor do they teach the school's courses any more.
    use crate::server::entities::{course, course_teacher};
    let courses = sea_orm::sea_query::Query::select()
        .column(course::Column::Id)
        .from(course::Entity)
        .and_where(course::Column::PlatformId.eq(caller.platform_id))
        .to_owned();
    course_teacher::Entity::delete_many()
        .filter(course_teacher::Column::StaffId.eq(staff_id))
        .filter(course_teacher::Column::CourseId.in_subquery(courses))
        .exec(&txn)
        .await?;
    sessions::end_all(&txn, staff_id, Some(caller.platform_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// The platforms a staff member belongs to (suspended or not).
pub async fn platforms_of(db: &DatabaseConnection, staff_id: i32) -> Result<Vec<i32>, DbErr> {
    Ok(staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(staff_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.platform_id)
        .collect())
}

/// A staff member ready to sign in, with a password and, if given, a second factor already on
/// (base32 secret): the demo school's, and the tests'. Loading it twice changes nothing.
pub async fn add_ready(
    db: &DatabaseConnection,
    platform_id: i32,
    new: NewStaff,
    password: &str,
    totp_secret: Option<&str>,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    if let Some(found) = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(new.email.as_str()))
        .one(db)
        .await?
    {
        return Ok(found.id);
    }
    let hash = passwords::hash(password.to_owned()).await;
    let txn = crate::server::db::write_transaction(db).await?;
    let account = staff_account::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        first_name: Set(new.first_name),
        last_name: Set(new.last_name),
        password_hash: Set(Some(hash)),
        password_changed_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    staff_membership::ActiveModel {
        staff_id: Set(account.id),
        platform_id: Set(platform_id),
        role: Set(new.role),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(secret) = totp_secret {
        second_factor::turn_on_with(&txn, Owner::Staff(account.id), secret, now).await?;
    }
    txn.commit().await?;
    Ok(account.id)
}

/// Makes a staff member a teacher of a course of the same platform.
pub async fn teach(db: &DatabaseConnection, staff_id: i32, course_id: i32) -> ServiceResult<()> {
    use crate::server::entities::course_teacher;
    let exists = course_teacher::Entity::find_by_id((course_id, staff_id))
        .one(db)
        .await?;
    if exists.is_none() {
        course_teacher::ActiveModel {
            course_id: Set(course_id),
            staff_id: Set(staff_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Turns off the second factor of a staff member of the caller's platform (administrators; not
/// their own: another administrator must).
pub async fn reset_second_factor(
    state: &AppState,
    caller: &Caller,
    staff_id: i32,
) -> ServiceResult<()> {
    member_of_callers_platform(&state.db, caller, staff_id).await?;
    if staff_id == caller.staff_id {
        return Err(ServiceError::NotYourself);
    }
    forget_second_factor(&state.db, staff_id).await
}

/// Turns a staff member's second factor off (a lost phone and lost codes): the secret and the
/// recovery codes are forgotten and every session ends; an administrator sets a new one up at their
/// next sign-in.
pub async fn forget_second_factor(db: &DatabaseConnection, staff_id: i32) -> ServiceResult<()> {
    let txn = crate::server::db::write_transaction(db).await?;
    second_factor::turn_off(&txn, Owner::Staff(staff_id)).await?;
    super::sessions::end_all(&txn, staff_id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Another platform of the staff member, if they are active staff there: where "Changer d'école"
/// opens a session.
pub async fn other_platforms(
    db: &DatabaseConnection,
    caller: &Caller,
) -> ServiceResult<Vec<platform::Model>> {
    let ids: Vec<i32> = staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(caller.staff_id))
        .filter(staff_membership::Column::SuspendedAt.is_null())
        .filter(staff_membership::Column::PlatformId.ne(caller.platform_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.platform_id)
        .collect();
    Ok(platform::Entity::find()
        .filter(platform::Column::Id.is_in(ids))
        .order_by_asc(platform::Column::Name)
        .all(db)
        .await?)
}
