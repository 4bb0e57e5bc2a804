//! Reminders: the families of a survey's audience with no answer yet are told again, through
//! their notifications; when staff ask, and once by themselves a day before the survey closes.
use super::{classes_of, managed_survey};
use crate::domain::{notifications::Kind, routes};
use crate::server::{
    db::write_transaction,
    entities::{survey, survey_response},
    error::{ServiceError, ServiceResult},
    notifications::{notifier::students_of, tell_parents_of},
    staff::Caller,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};

/// How long before its closing a survey reminds the families that have not answered, by itself.
pub const REMIND_BEFORE: Duration = Duration::hours(24);

/// "Rappeler": tells the families that have not answered survey `id` yet, while it is open.
/// Returns how many parents were told.
pub async fn remind(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let (found, classes) = managed_survey(db, caller, id).await?;
    if found.closes_at <= now {
        return Err(ServiceError::SurveyClosed);
    }
    let txn = write_transaction(db).await?;
    mark_reminded(&txn, found.id, now, false).await?;
    let told = tell_waiting(&txn, &found, &classes, now).await?;
    txn.commit().await?;
    Ok(told)
}

/// Reminds, once, the families without an answer to each survey closing within
/// [`REMIND_BEFORE`] that nobody reminded yet (the outbox worker's every pass). A survey
/// published less than that before its closing is not reminded: its announcement is fresh.
/// Several instances may run it at once: the survey marked first is the one told.
pub async fn remind_closing(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<usize> {
    let closing = survey::Entity::find()
        .filter(survey::Column::RemindedAt.is_null())
        .filter(survey::Column::ClosesAt.gt(now))
        .filter(survey::Column::ClosesAt.lte(now + REMIND_BEFORE))
        .all(db)
        .await?;
    let mut told = 0;
    for found in closing {
        let txn = write_transaction(db).await?;
        if mark_reminded(&txn, found.id, now, true).await?
            && found.closes_at - found.created_at > REMIND_BEFORE
        {
            let classes = classes_of(&txn, found.id).await?;
            told += tell_waiting(&txn, &found, &classes, now).await?;
        }
        txn.commit().await?;
    }
    Ok(told)
}

/// Marks survey `id` reminded now. `first_only`: only if nobody did yet (the automatic
/// reminder's claim, which one instance wins). Whether it was marked.
async fn mark_reminded(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
    first_only: bool,
) -> ServiceResult<bool> {
    let mut update = survey::Entity::update_many()
        .col_expr(survey::Column::RemindedAt, Expr::value(now))
        .filter(survey::Column::Id.eq(id));
    if first_only {
        update = update.filter(survey::Column::RemindedAt.is_null());
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Tells the parents of the survey's audience whose child has no answer yet.
async fn tell_waiting(
    db: &impl ConnectionTrait,
    found: &survey::Model,
    classes: &[String],
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let answered: Vec<i32> = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(found.id))
        .all(db)
        .await?
        .into_iter()
        .map(|response| response.student_id)
        .collect();
    let waiting: Vec<i32> = students_of(db, found.platform_id, classes)
        .await?
        .into_iter()
        .filter(|student| !answered.contains(student))
        .collect();
    let link = routes::survey(found.id);
    Ok(tell_parents_of(db, now, waiting, Kind::Survey, &found.title, &link).await?)
}
