//! Surveys ("Enquêtes"): staff ask the parents of the whole school or chosen classes (a teacher
//! only her own) a few questions until a closing time; the parents are told through their
//! notifications, and reminded on demand. Each parent answers once for each child concerned;
//! staff read the results and download them as CSV. Every read and write checks the school, the
//! child's link and the survey's audience, whatever ids are sent.
mod answering;
mod reminders;
mod results;

pub use answering::{ForChild, Opened, answer, for_parent, open};
pub use reminders::{REMIND_BEFORE, remind, remind_closing};
pub use results::{Answered, Results, results, to_csv};

use super::{
    db::write_transaction,
    entities::{survey, survey_class, survey_question, survey_response},
    error::{ServiceError, ServiceResult},
    notifications::{notifier::students_of, tell_parents_of},
    staff::{Caller, access},
};
use crate::domain::{
    notifications::Kind,
    routes,
    surveys::{Question, QuestionKind, Survey},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// Whether survey `s` is for student `c` (of its school; for the whole school or the class).
pub(super) const MEANT_FOR_CHILD: &str = "c.platform_id = s.platform_id \
    AND (NOT EXISTS (SELECT 1 FROM survey_classes k WHERE k.survey_id = s.id) \
      OR EXISTS (SELECT 1 FROM survey_classes k WHERE k.survey_id = s.id AND k.class_name = c.class_name))";

/// "Publier l'enquête": the survey, its classes and questions, and the notifications of the
/// parents concerned, in one transaction.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: &Survey,
    closes_at: DateTime<Utc>,
    classes: &[String],
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    access::require_classes(db, caller, classes).await?;
    let txn = write_transaction(db).await?;
    let row = survey::ActiveModel {
        platform_id: Set(caller.platform_id),
        title: Set(new.title.clone()),
        description: Set(new.description.clone()),
        closes_at: Set(closes_at),
        created_by: Set(Some(caller.staff_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !classes.is_empty() {
        survey_class::Entity::insert_many(classes.iter().map(|class| survey_class::ActiveModel {
            survey_id: Set(row.id),
            class_name: Set(class.clone()),
        }))
        .exec(&txn)
        .await?;
    }
    let questions =
        new.questions
            .iter()
            .enumerate()
            .map(|(position, q)| survey_question::ActiveModel {
                survey_id: Set(row.id),
                position: Set(i32::try_from(position).unwrap_or(0)),
                kind: Set(q.kind.code().to_owned()),
                prompt: Set(q.prompt.clone()),
                choices: Set(q.choices.join("\n")),
                ..Default::default()
            });
    survey_question::Entity::insert_many(questions)
        .exec(&txn)
        .await?;
    let students = students_of(&txn, caller.platform_id, classes).await?;
    let link = routes::survey(row.id);
    tell_parents_of(&txn, now, students, Kind::Survey, &row.title, &link).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A survey's questions, in their order, with their ids.
pub(super) async fn questions_of(
    db: &impl ConnectionTrait,
    survey: i32,
) -> ServiceResult<Vec<(i32, Question)>> {
    let rows = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(survey))
        .order_by_asc(survey_question::Column::Position)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let question = Question {
                kind: QuestionKind::from_code(&row.kind).unwrap_or(QuestionKind::Text),
                prompt: row.prompt,
                choices: row
                    .choices
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            };
            (row.id, question)
        })
        .collect())
}

/// A survey as the staff's list shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub survey: survey::Model,
    pub classes: Vec<String>,
    pub responses: i64,
}

/// A survey of the caller's school that the caller manages (an administrator any; a teacher
/// those only for her classes); another's is the same refusal as none.
pub(super) async fn managed_survey(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<(survey::Model, Vec<String>)> {
    let found = survey::Entity::find_by_id(id)
        .filter(survey::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let classes = classes_of(db, id).await?;
    if !access::managed(db, caller).await?.covers(&classes) {
        return Err(ServiceError::Forbidden);
    }
    Ok((found, classes))
}

pub(super) async fn classes_of(
    db: &impl ConnectionTrait,
    survey: i32,
) -> ServiceResult<Vec<String>> {
    Ok(survey_class::Entity::find()
        .filter(survey_class::Column::SurveyId.eq(survey))
        .order_by_asc(survey_class::Column::ClassName)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.class_name)
        .collect())
}

/// The surveys the caller manages, newest first, with how many answers each has.
pub async fn list(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<Listed>> {
    let surveys = survey::Entity::find()
        .filter(survey::Column::PlatformId.eq(caller.platform_id))
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    let managed = access::managed(db, caller).await?;
    let mut listed = Vec::new();
    for found in surveys {
        let classes = classes_of(db, found.id).await?;
        if !managed.covers(&classes) {
            continue;
        }
        let responses = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(found.id))
            .count(db)
            .await?;
        listed.push(Listed {
            survey: found,
            classes,
            responses: i64::try_from(responses).unwrap_or(i64::MAX),
        });
    }
    Ok(listed)
}

/// Removes a survey the caller manages, with its answers. Returns its title, for the journal.
pub async fn remove(db: &DatabaseConnection, caller: &Caller, id: i32) -> ServiceResult<String> {
    let (found, _) = managed_survey(db, caller, id).await?;
    survey::Entity::delete_by_id(found.id).exec(db).await?;
    Ok(found.title)
}
