//! The reads every service shares: an account, a child, a school (platform) and its
//! administrators, a child's parent slots, and the slot that links an account to a child. They
//! live here rather than in the module that happened to need them first.
use super::{
    entities::{parent_account, parent_slot, platform, platform_admin, student},
    error::{ServiceError, ServiceResult},
};
use crate::domain::{identifier::Identifier, platform::PlatformCode};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

pub async fn account(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<parent_account::Model>, DbErr> {
    parent_account::Entity::find_by_id(id).one(db).await
}

pub async fn child(db: &impl ConnectionTrait, id: i32) -> Result<Option<student::Model>, DbErr> {
    student::Entity::find_by_id(id).one(db).await
}

/// The child an identifier names, on any platform.
pub async fn child_by_identifier(
    db: &impl ConnectionTrait,
    identifier: &Identifier,
) -> Result<Option<student::Model>, DbErr> {
    student::Entity::find()
        .filter(student::Column::Identifier.eq(identifier.as_str()))
        .one(db)
        .await
}

/// The school of a child. Every child has one: a missing row is a fault, not a refusal.
pub async fn platform_of(
    db: &impl ConnectionTrait,
    child: &student::Model,
) -> ServiceResult<platform::Model> {
    platform::Entity::find_by_id(child.platform_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("platform of a child"))
}

/// The platform with this code ("isu-dour"), if any.
pub async fn platform_by_code(
    db: &impl ConnectionTrait,
    code: &PlatformCode,
) -> Result<Option<platform::Model>, DbErr> {
    platform::Entity::find()
        .filter(platform::Column::Code.eq(code.as_str()))
        .one(db)
        .await
}

/// The platform whose students' identifiers end with `@domain`, if any.
pub async fn platform_by_domain(
    db: &impl ConnectionTrait,
    domain: &str,
) -> Result<Option<platform::Model>, DbErr> {
    platform::Entity::find()
        .filter(platform::Column::Domain.eq(domain.trim().to_lowercase()))
        .one(db)
        .await
}

/// "En cas de problèmes": the addresses of the platform's administrators, first named first.
pub async fn admins_of(db: &impl ConnectionTrait, platform_id: i32) -> Result<Vec<String>, DbErr> {
    Ok(platform_admin::Entity::find()
        .filter(platform_admin::Column::PlatformId.eq(platform_id))
        .order_by_asc(platform_admin::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|admin| admin.email)
        .collect())
}

/// The children linked to `account_id` (confirmed or not), in two queries whatever their number.
pub async fn children_of(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<student::Model>, DbErr> {
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account_id))
        .all(db)
        .await?;
    student::Entity::find()
        .filter(student::Column::Id.is_in(slots.iter().map(|slot| slot.student_id)))
        .all(db)
        .await
}

/// The parent slots of `child`, by number; none when no child matched what was typed.
pub async fn slots_of(
    db: &impl ConnectionTrait,
    child: Option<&student::Model>,
) -> Result<Vec<parent_slot::Model>, DbErr> {
    let Some(child) = child else {
        return Ok(Vec::new());
    };
    parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.eq(child.id))
        .order_by_asc(parent_slot::Column::SlotNumber)
        .all(db)
        .await
}

/// The slot through which `account_id` reaches `student_id`, if the child is linked to it.
pub async fn linked_slot(
    db: &impl ConnectionTrait,
    account_id: i32,
    student_id: i32,
) -> Result<Option<parent_slot::Model>, DbErr> {
    parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account_id))
        .filter(parent_slot::Column::StudentId.eq(student_id))
        .one(db)
        .await
}
