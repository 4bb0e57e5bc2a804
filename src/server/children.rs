//! A parent's children: linking one more with its letter ("Ajouter des enfants"), closing that link
//! with the account's password, and choosing which child the site shows.
use super::{
    clock::Clock,
    entities::{parent_slot, platform, session, student},
    error::{ServiceError, ServiceResult},
    journey::{self, Standing},
    letters, lookups, passwords,
    sessions::CurrentSession,
};
use crate::domain::{identifier::Identifier, journey::JourneyStep, platform::PlatformCode};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, Set, SqlErr, sea_query::Expr,
};

/// Links the child of a letter (platform, identifier, letter password) to the signed-in account.
/// The link stays unconfirmed until the parent opens the child and re-enters their password.
#[tracing::instrument(skip_all, fields(account = account_id))]
pub async fn link(
    db: &DatabaseConnection,
    clock: &Clock,
    account_id: i32,
    platform: &PlatformCode,
    identifier: &Identifier,
    password: &str,
) -> ServiceResult<student::Model> {
    let Some(school) = lookups::platform_by_code(db, platform).await? else {
        return Err(ServiceError::UnknownPlatform);
    };
    let child = student::Entity::find()
        .filter(student::Column::PlatformId.eq(school.id))
        .filter(student::Column::Identifier.eq(identifier.as_str()))
        .one(db)
        .await?;
    let slots = lookups::slots_of(db, child.as_ref()).await?;
    // Only a parent who already has the child learns that it is linked: nothing leaks.
    if slots.iter().any(|slot| slot.account_id == Some(account_id)) {
        return Err(ServiceError::AlreadyLinked);
    }
    let hashes = slots
        .iter()
        .map(|slot| slot.temporary_password_hash.clone())
        .collect();
    let matched = passwords::first_match(&passwords::letter_candidate(password), hashes)
        .await?
        .map(|index| &slots[index]);
    let (Some(child), Some(slot)) = (child, matched) else {
        return Err(ServiceError::LetterRefused);
    };
    if slot.account_id.is_some() {
        return Err(ServiceError::LetterUsed);
    }
    letters::still_valid(slot, clock.now())?;
    // Claim the slot only if nobody claimed it in the meantime; the database refuses a second slot
    // of one child to one account (two letters of one child raced).
    let claimed = parent_slot::Entity::update_many()
        .col_expr(parent_slot::Column::AccountId, Expr::value(account_id))
        .col_expr(parent_slot::Column::ClaimedAt, Expr::value(clock.now()))
        .filter(parent_slot::Column::Id.eq(slot.id))
        .filter(parent_slot::Column::AccountId.is_null())
        .exec(db)
        .await;
    let claimed = match claimed {
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(ServiceError::AlreadyLinked);
        }
        other => other?,
    };
    if claimed.rows_affected != 1 {
        return Err(ServiceError::LetterUsed);
    }
    Ok(child)
}

/// Shows `student_id` from now on in this session: its school, its terms, its news. Refused unless
/// the child is linked to the account. Returns the session as it now stands.
pub async fn select(
    db: &DatabaseConnection,
    current: &CurrentSession,
    student_id: i32,
) -> ServiceResult<CurrentSession> {
    let linked = lookups::linked_slot(db, current.account_id, student_id).await?;
    if linked.is_none() {
        return Err(ServiceError::NotYourChild);
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
#[tracing::instrument(skip_all, fields(account = current.account_id))]
pub async fn confirm_link(
    db: &DatabaseConnection,
    clock: &Clock,
    current: &CurrentSession,
    password: &str,
) -> ServiceResult<()> {
    let Standing { account, slot, .. } =
        journey::require_step(db, current, JourneyStep::ConfirmLink).await?;
    if !passwords::verify(password.to_owned(), account.password_hash).await? {
        return Err(ServiceError::WrongAccountPassword);
    }
    parent_slot::ActiveModel {
        id: Set(slot.id),
        link_confirmed_at: Set(Some(clock.now())),
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

/// The account's children, by first name, with their schools: one query whatever their number.
pub async fn linked_children(
    db: &DatabaseConnection,
    account_id: i32,
) -> Result<Vec<LinkedChild>, DbErr> {
    let query = super::db::statement(
        db.get_database_backend(),
        &LINKED_CHILDREN_QUERY,
        vec![account_id.into()],
    );
    db.query_all_raw(query)
        .await?
        .iter()
        .map(|row| {
            let slot = parent_slot::Model::from_query_result(row, "l_")?;
            Ok(LinkedChild {
                linked_at: slot.claimed_at,
                confirmed: slot.link_confirmed_at.is_some(),
                child: student::Model::from_query_result(row, "c_")?,
                school: platform::Model::from_query_result(row, "p_")?,
            })
        })
        .collect()
}

static LINKED_CHILDREN_QUERY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use super::db::columns_as;
    format!(
        "SELECT {slot}, {child}, {school} FROM parent_slots l \
         JOIN students c ON c.id = l.student_id \
         JOIN platforms p ON p.id = c.platform_id \
         WHERE l.account_id = ? ORDER BY c.first_name, c.id",
        slot = columns_as::<parent_slot::Entity>("l"),
        child = columns_as::<student::Entity>("c"),
        school = columns_as::<platform::Entity>("p"),
    )
});
