//! A parent's children: linking one more with its letter ("Ajouter des enfants"), closing that link
//! with the account's password, and choosing which child the site shows.
use super::{
    accounts,
    entities::{parent_slot, platform, session, student},
    journey::{self, Standing},
    passwords,
    sessions::CurrentSession,
};
use crate::{
    api::AppError,
    domain::{identifier::normalize_identifier, journey::JourneyStep},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, sea_query::Expr,
};

/// One answer for an unknown identifier and a wrong password: it tells nothing about which children
/// a school has.
pub const LINK_REFUSED: &str = "Identifiant ou mot de passe incorrect pour cette plateforme. \
     Recopiez-les depuis le courrier de l'école de cet enfant.";
pub const UNKNOWN_PLATFORM: &str = "Aucune plateforme ne porte ce nom. Recopiez-le depuis le courrier de l'école (par exemple isu-dour).";
pub const ALREADY_LINKED: &str = "Cet enfant fait déjà partie de vos enfants.";
pub const LETTER_USED: &str = "Ce courrier a déjà servi à ouvrir un autre compte parent. \
     Si ce n'était pas vous, contactez les administrateurs de la plateforme.";
pub const NOT_YOUR_CHILD: &str = "Cet enfant ne fait pas partie de vos enfants.";

/// The platform whose code a parent typed ("isu-dour"), if any.
pub async fn platform_by_code(
    db: &DatabaseConnection,
    typed: &str,
) -> Result<Option<platform::Model>, DbErr> {
    let code = typed.trim().to_lowercase();
    if code.is_empty() {
        return Ok(None);
    }
    platform::Entity::find()
        .filter(platform::Column::Code.eq(code))
        .one(db)
        .await
}

/// The parent slots of `child`, by number; none when no child matched what was typed.
pub async fn slots_of(
    db: &DatabaseConnection,
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
    db: &DatabaseConnection,
    account_id: i32,
    student_id: i32,
) -> Result<Option<parent_slot::Model>, DbErr> {
    parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account_id))
        .filter(parent_slot::Column::StudentId.eq(student_id))
        .one(db)
        .await
}

/// Links the child of a letter (platform, identifier, letter password) to the signed-in account.
/// The link stays unconfirmed until the parent opens the child and re-enters their password.
pub async fn link(
    db: &DatabaseConnection,
    account_id: i32,
    typed_platform: &str,
    typed_identifier: &str,
    password: &str,
) -> Result<student::Model, AppError> {
    let Some(school) = platform_by_code(db, typed_platform).await? else {
        return Err(AppError::field("platform", UNKNOWN_PLATFORM));
    };
    let child = student::Entity::find()
        .filter(student::Column::PlatformId.eq(school.id))
        .filter(student::Column::Identifier.eq(normalize_identifier(typed_identifier)))
        .one(db)
        .await?;
    let slots = slots_of(db, child.as_ref()).await?;
    // Only a parent who already has the child learns that it is linked: nothing leaks.
    if slots.iter().any(|slot| slot.account_id == Some(account_id)) {
        return Err(AppError::field("identifier", ALREADY_LINKED));
    }
    let hashes = slots
        .iter()
        .map(|slot| slot.temporary_password_hash.clone())
        .collect();
    let matched = accounts::first_match(password, hashes)
        .await
        .map(|index| &slots[index]);
    let (Some(child), Some(slot)) = (child, matched) else {
        return Err(AppError::Refused(LINK_REFUSED.into()));
    };
    if slot.account_id.is_some() {
        return Err(AppError::Refused(LETTER_USED.into()));
    }
    // Claim the slot only if nobody claimed it in the meantime.
    let claimed = parent_slot::Entity::update_many()
        .col_expr(parent_slot::Column::AccountId, Expr::value(account_id))
        .col_expr(parent_slot::Column::ClaimedAt, Expr::value(Utc::now()))
        .filter(parent_slot::Column::Id.eq(slot.id))
        .filter(parent_slot::Column::AccountId.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::Refused(LETTER_USED.into()));
    }
    Ok(child)
}

/// Shows `student_id` from now on in this session: its school, its terms, its news. Refused unless
/// the child is linked to the account. Returns the session as it now stands.
pub async fn select(
    db: &DatabaseConnection,
    current: &CurrentSession,
    student_id: i32,
) -> Result<CurrentSession, AppError> {
    if linked_slot(db, current.account_id, student_id)
        .await?
        .is_none()
    {
        return Err(AppError::Refused(NOT_YOUR_CHILD.into()));
    }
    session::Entity::update_many()
        .col_expr(session::Column::StudentId, Expr::value(student_id))
        .filter(session::Column::Id.eq(&current.id))
        .exec(db)
        .await?;
    Ok(CurrentSession {
        student_id,
        ..current.clone()
    })
}

/// "Recopiez le mot de passe utilisé pour votre 1er enfant": the re-authentication that closes the
/// link of the selected child.
pub async fn confirm_link(
    db: &DatabaseConnection,
    current: &CurrentSession,
    password: &str,
) -> Result<(), AppError> {
    let Standing { account, slot, .. } =
        journey::require_step(db, current, JourneyStep::ConfirmLink).await?;
    if !passwords::verify(password.to_owned(), account.password_hash).await {
        return Err(AppError::field(
            "password",
            "Ce n'est pas le mot de passe de votre compte. Recopiez celui que vous utilisez pour vous connecter.",
        ));
    }
    parent_slot::ActiveModel {
        id: Set(slot.id),
        link_confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// A child linked to an account, with what "Mes enfants" shows of it.
pub struct LinkedChild {
    pub child: student::Model,
    pub school: platform::Model,
    pub linked_at: Option<DateTime<Utc>>,
    pub confirmed: bool,
}

/// The account's children, by first name, in three queries whatever their number.
pub async fn linked_children(
    db: &DatabaseConnection,
    account_id: i32,
) -> Result<Vec<LinkedChild>, DbErr> {
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account_id))
        .all(db)
        .await?;
    let children = student::Entity::find()
        .filter(student::Column::Id.is_in(slots.iter().map(|slot| slot.student_id)))
        .order_by_asc(student::Column::FirstName)
        .order_by_asc(student::Column::Id)
        .all(db)
        .await?;
    let schools = platform::Entity::find()
        .filter(platform::Column::Id.is_in(children.iter().map(|child| child.platform_id)))
        .all(db)
        .await?;
    Ok(children
        .into_iter()
        .filter_map(|child| {
            let slot = slots.iter().find(|slot| slot.student_id == child.id)?;
            let school = schools.iter().find(|s| s.id == child.platform_id)?.clone();
            Some(LinkedChild {
                linked_at: slot.claimed_at,
                confirmed: slot.link_confirmed_at.is_some(),
                school,
                child,
            })
        })
        .collect())
}
