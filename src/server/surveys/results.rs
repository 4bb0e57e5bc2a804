//! A survey's results for staff: every response with its answers, and the same as CSV.
use super::{managed_survey, questions_of};
use crate::domain::surveys::{Question, answer_words};
use crate::server::{
    db::statement,
    entities::{survey, survey_answer},
    error::ServiceResult,
    staff::{Caller, journal::spreadsheet_safe},
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter};

/// One response, as the results and the CSV show it.
#[derive(Debug, Clone)]
pub struct Answered {
    pub child: String,
    pub class: Option<String>,
    pub parent: String,
    pub answered_at: DateTime<Utc>,
    /// The value kept for each question, in the questions' order ("" when none).
    pub values: Vec<String>,
}

/// A survey's results: its questions and every response.
#[derive(Debug, Clone)]
pub struct Results {
    pub survey: survey::Model,
    pub classes: Vec<String>,
    pub questions: Vec<(i32, Question)>,
    pub responses: Vec<Answered>,
}

#[derive(Debug, FromQueryResult)]
struct ResponseRow {
    id: i32,
    first_name: String,
    last_name: String,
    class_name: Option<String>,
    parent_first_name: Option<String>,
    parent_last_name: Option<String>,
    answered_at: DateTime<Utc>,
}

/// The results of survey `id`, for staff who manage it.
pub async fn results(db: &DatabaseConnection, caller: &Caller, id: i32) -> ServiceResult<Results> {
    let (found, classes) = managed_survey(db, caller, id).await?;
    let questions = questions_of(db, id).await?;
    let sql = "SELECT r.id, c.first_name, c.last_name, c.class_name, \
          p.first_name AS parent_first_name, p.last_name AS parent_last_name, r.answered_at \
        FROM survey_responses r JOIN students c ON c.id = r.student_id \
        LEFT JOIN parent_accounts p ON p.id = r.account_id \
        WHERE r.survey_id = ? ORDER BY c.class_name, c.last_name, c.first_name, r.id";
    let query = statement(db.get_database_backend(), sql, vec![id.into()]);
    let rows = ResponseRow::find_by_statement(query).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.is_in(ids))
        .all(db)
        .await?;
    let responses = rows
        .into_iter()
        .map(|row| {
            let values = questions
                .iter()
                .map(|(question, _)| {
                    answers
                        .iter()
                        .find(|a| a.response_id == row.id && a.question_id == *question)
                        .map(|a| a.value.clone())
                        .unwrap_or_default()
                })
                .collect();
            let parent = format!(
                "{} {}",
                row.parent_first_name.unwrap_or_default(),
                row.parent_last_name.unwrap_or_default()
            );
            Answered {
                child: format!("{} {}", row.first_name, row.last_name),
                class: row.class_name,
                parent: parent.trim().to_owned(),
                answered_at: row.answered_at,
                values,
            }
        })
        .collect();
    Ok(Results {
        survey: found,
        classes,
        questions,
        responses,
    })
}

/// The responses as CSV: the child, the class, the parent, when, then one column per question
/// (the choices' words, or the text).
pub fn to_csv(results: &Results) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "élève".to_owned(),
        "classe".to_owned(),
        "parent".to_owned(),
        "répondu le".to_owned(),
    ];
    header.extend(
        results
            .questions
            .iter()
            .map(|(_, q)| spreadsheet_safe(&q.prompt)),
    );
    let _ = writer.write_record(&header);
    for response in &results.responses {
        let mut record = vec![
            spreadsheet_safe(&response.child),
            spreadsheet_safe(response.class.as_deref().unwrap_or_default()),
            spreadsheet_safe(&response.parent),
            response.answered_at.to_rfc3339(),
        ];
        for ((_, question), value) in results.questions.iter().zip(&response.values) {
            record.push(spreadsheet_safe(&answer_words(question, value)));
        }
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
