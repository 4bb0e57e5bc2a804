//! A parent's side of surveys: those meant for their children, one opened for a child, and the
//! answers kept once.
use super::{MEANT_FOR_CHILD, questions_of};
use crate::domain::surveys::Question;
use crate::server::{
    db::{statement, write_transaction},
    entities::{survey_answer, survey_response},
    error::{ServiceError, ServiceResult},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, Set,
    SqlErr, Value,
};

/// A survey as a parent's list shows it, for one child.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ForChild {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub closes_at: DateTime<Utc>,
    pub child_id: i32,
    pub child_first_name: String,
    pub child_last_name: String,
    /// When this parent answered for this child.
    pub answered_at: Option<DateTime<Utc>>,
}

const FOR_CHILD: &str = "SELECT s.id, s.title, s.description, s.closes_at, c.id AS child_id, \
      c.first_name AS child_first_name, c.last_name AS child_last_name, \
      (SELECT r.answered_at FROM survey_responses r \
        WHERE r.survey_id = s.id AND r.student_id = c.id AND r.account_id = l.account_id) AS answered_at \
    FROM surveys s JOIN students c ON c.platform_id = s.platform_id \
    JOIN parent_slots l ON l.student_id = c.id \
    WHERE l.account_id = ? AND l.link_confirmed_at IS NOT NULL";

/// The surveys for the parent's (confirmed) children, those closing last first.
pub async fn for_parent(db: &impl ConnectionTrait, account: i32) -> ServiceResult<Vec<ForChild>> {
    let sql = format!(
        "{FOR_CHILD} AND {MEANT_FOR_CHILD} ORDER BY s.closes_at DESC, s.id DESC, c.first_name LIMIT 100"
    );
    let query = statement(db.get_database_backend(), &sql, vec![account.into()]);
    Ok(ForChild::find_by_statement(query).all(db).await?)
}

/// One survey for one child, with its questions and, once answered, this parent's answers.
#[derive(Debug, Clone)]
pub struct Opened {
    pub survey: ForChild,
    pub questions: Vec<(i32, Question)>,
    /// The answers kept, by question id.
    pub answers: Vec<(i32, String)>,
}

/// Survey `id` for `child`, if it is meant for that child and the parent is linked to it.
pub async fn open(
    db: &impl ConnectionTrait,
    account: i32,
    id: i32,
    child: i32,
) -> ServiceResult<Opened> {
    let sql = format!("{FOR_CHILD} AND {MEANT_FOR_CHILD} AND s.id = ? AND c.id = ?");
    let values: Vec<Value> = vec![account.into(), id.into(), child.into()];
    let query = statement(db.get_database_backend(), &sql, values);
    let survey = ForChild::find_by_statement(query)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let questions = questions_of(db, id).await?;
    let answers = match survey.answered_at {
        None => Vec::new(),
        Some(_) => {
            let sql = "SELECT a.question_id, a.value FROM survey_answers a \
                 JOIN survey_responses r ON r.id = a.response_id \
                 WHERE r.survey_id = ? AND r.student_id = ? AND r.account_id = ?";
            let values = vec![id.into(), child.into(), account.into()];
            let query = statement(db.get_database_backend(), sql, values);
            db.query_all_raw(query)
                .await?
                .iter()
                .map(|row| Ok((row.try_get("", "question_id")?, row.try_get("", "value")?)))
                .collect::<Result<_, sea_orm::DbErr>>()?
        }
    };
    Ok(Opened {
        survey,
        questions,
        answers,
    })
}

/// Keeps a parent's answers for a child (checked by `domain::surveys::check_answer`, one per
/// question of `opened`, in order). A closed survey and a second answer are refused.
pub async fn answer(
    db: &DatabaseConnection,
    account: i32,
    opened: &Opened,
    values: &[String],
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if opened.survey.closes_at <= now {
        return Err(ServiceError::SurveyClosed);
    }
    if opened.survey.answered_at.is_some() {
        return Err(ServiceError::AlreadyAnswered);
    }
    let txn = write_transaction(db).await?;
    let response = survey_response::ActiveModel {
        survey_id: Set(opened.survey.id),
        student_id: Set(opened.survey.child_id),
        account_id: Set(Some(account)),
        answered_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let response = match response {
        Ok(response) => response,
        // Another tab answered first.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(ServiceError::AlreadyAnswered);
        }
        Err(error) => return Err(error.into()),
    };
    let rows = opened
        .questions
        .iter()
        .zip(values)
        .map(|((question, _), value)| survey_answer::ActiveModel {
            response_id: Set(response.id),
            question_id: Set(*question),
            value: Set(value.clone()),
        });
    survey_answer::Entity::insert_many(rows).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}
