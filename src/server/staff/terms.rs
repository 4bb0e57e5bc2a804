//! "Conditions d'utilisation" in the staff area (administrators): each version with how many
//! parents accepted, postponed or refused it, and publishing a new one.
use super::Caller;
use crate::domain::routes;
use crate::server::{
    entities::{
        consent::{self, Decision},
        platform, terms_version,
    },
    error::{ServiceError, ServiceResult},
    notifications::{self, notifier},
    terms,
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub struct Version {
    pub terms: terms_version::Model,
    pub accepted: usize,
    pub postponed: usize,
    pub refused: usize,
}

/// The school's versions, newest first, with their parents' decisions (each parent and child
/// counted once, by their latest decision).
pub async fn versions(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<Version>> {
    caller.require_admin()?;
    let versions = terms_version::Entity::find()
        .filter(terms_version::Column::PlatformId.eq(caller.platform_id))
        .order_by_desc(terms_version::Column::Version)
        .all(db)
        .await?;
    let decisions = consent::Entity::find()
        .filter(consent::Column::TermsVersionId.is_in(versions.iter().map(|v| v.id)))
        .order_by_asc(consent::Column::DecidedAt)
        .all(db)
        .await?;
    Ok(versions
        .into_iter()
        .map(|terms| {
            let mut latest: std::collections::HashMap<(i32, i32), Decision> = Default::default();
            for decision in decisions.iter().filter(|d| d.terms_version_id == terms.id) {
                latest.insert(
                    (decision.account_id, decision.student_id),
                    decision.decision,
                );
            }
            let count = |wanted| latest.values().filter(|d| **d == wanted).count();
            Version {
                accepted: count(Decision::Accepted),
                postponed: count(Decision::Postponed),
                refused: count(Decision::Refused),
                terms,
            }
        })
        .collect())
}

/// Publishes a new version (administrators): every parent accepts it again at their next visit,
/// or may postpone it until `postpone_until`.
pub async fn publish(
    db: &DatabaseConnection,
    caller: &Caller,
    markdown: String,
    postpone_until: Option<NaiveDate>,
    now: chrono::DateTime<chrono::Utc>,
) -> ServiceResult<terms_version::Model> {
    caller.require_admin()?;
    if markdown.trim().is_empty() {
        return Err(ServiceError::TitleMissing);
    }
    let school = platform::Entity::find_by_id(caller.platform_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("the caller's platform"))?;
    let version = terms::publish(db, &school.code, markdown, postpone_until)
        .await
        .map_err(|_| ServiceError::NotFound("a published terms version"))?;
    // Every parent of the school is asked to read them at their next visit: told so too.
    let students = notifier::students_of(db, school.id, &[]).await?;
    let kind = crate::domain::notifications::Kind::Terms;
    notifications::tell_parents_of(db, now, students, kind, &school.name, routes::TERMS).await?;
    Ok(version)
}
