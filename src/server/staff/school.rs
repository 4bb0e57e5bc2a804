//! "École" in the staff area (administrators): the school's name and contact details, the
//! administrators' addresses parents are shown ("En cas de problèmes"), its logo and its
//! "Applications".
use super::Caller;
use crate::domain::{
    contact::EmailAddress,
    school_brand::{Application, Logo},
};
use crate::server::{
    entities::{platform, platform_admin, platform_application},
    error::{ServiceError, ServiceResult},
    lookups,
    school_brand::{self, Brand},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// What the "École" form edits.
#[derive(Debug, Clone)]
pub struct Details {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// Shown to parents, first named first.
    pub admins: Vec<EmailAddress>,
}

pub async fn details(
    db: &DatabaseConnection,
    caller: &Caller,
) -> ServiceResult<(platform::Model, Vec<String>)> {
    caller.require_admin()?;
    let school = platform::Entity::find_by_id(caller.platform_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("the caller's platform"))?;
    let admins = lookups::admins_of(db, school.id).await?;
    Ok((school, admins))
}

pub async fn update(db: &DatabaseConnection, caller: &Caller, new: Details) -> ServiceResult<()> {
    let (school, _) = details(db, caller).await?;
    if new.name.trim().is_empty() {
        return Err(ServiceError::TitleMissing);
    }
    let optional =
        |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let txn = crate::server::db::write_transaction(db).await?;
    let mut row: platform::ActiveModel = school.into();
    row.name = Set(new.name.trim().to_owned());
    row.address = Set(optional(new.address));
    row.phone = Set(optional(new.phone));
    row.email = Set(optional(new.email));
    row.web = Set(optional(new.web));
    row.update(&txn).await?;
    platform_admin::Entity::delete_many()
        .filter(platform_admin::Column::PlatformId.eq(caller.platform_id))
        .exec(&txn)
        .await?;
    for email in new.admins {
        platform_admin::ActiveModel {
            platform_id: Set(caller.platform_id),
            email: Set(email.as_str().to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The mails given up on after a day of failures that were meant for the school's parents or
/// staff (administrators only).
pub async fn dead_letters(
    db: &DatabaseConnection,
    caller: &Caller,
) -> ServiceResult<Vec<crate::server::entities::outbox_mail::Model>> {
    caller.require_admin()?;
    Ok(crate::server::outbox::dead_for_school(db, caller.platform_id).await?)
}

/// The school's logo and applications, as the "École" page shows them.
pub async fn brand(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Brand> {
    caller.require_admin()?;
    Ok(school_brand::of(db, caller.platform_id).await?)
}

pub async fn set_logo(
    db: &DatabaseConnection,
    caller: &Caller,
    logo: Logo,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    caller.require_admin()?;
    Ok(school_brand::set_logo(db, caller.platform_id, logo, now).await?)
}

pub async fn remove_logo(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<()> {
    caller.require_admin()?;
    Ok(school_brand::remove_logo(db, caller.platform_id).await?)
}

pub async fn add_application(
    db: &DatabaseConnection,
    caller: &Caller,
    application: Application,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    caller.require_admin()?;
    school_brand::add_application(db, caller.platform_id, application, now).await
}

/// Removes one of the caller's school's applications; another school's id is refused.
pub async fn remove_application(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<platform_application::Model> {
    caller.require_admin()?;
    school_brand::remove_application(db, caller.platform_id, id).await
}
