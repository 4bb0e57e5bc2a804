//! "Enquêtes" for parents: the surveys meant for their children, each answered once per child,
//! and one survey's form (or, once answered or closed, what was answered). `server::surveys`
//! checks the child's link and the survey's audience, whatever ids are sent.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A survey for one child, as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyLine {
    pub title: String,
    pub child: String,
    /// "Jusqu'au …" or "Close depuis le …".
    pub closes: String,
    pub open: bool,
    /// "Répondu le …", once answered.
    pub answered: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveysView {
    pub school: crate::api::brand::SchoolBrand,
    pub surveys: Vec<SurveyLine>,
}

/// A question of the form, with the parent's answer once given (in words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub index: usize,
    /// `single`, `multiple` or `text`.
    pub kind: String,
    pub prompt: String,
    pub choices: Vec<String>,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyView {
    pub school: crate::api::brand::SchoolBrand,
    pub id: i32,
    pub child_id: i32,
    pub title: String,
    pub description: String,
    pub child: String,
    pub closes: String,
    pub open: bool,
    pub answered: Option<String>,
    pub questions: Vec<QuestionView>,
}

/// "Jusqu'au 15 décembre à 18:00" or "Close depuis le …".
#[cfg(feature = "ssr")]
pub(crate) fn closing(
    closes_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    use crate::i18n::td_string;
    let locale = crate::language::current();
    let when = super::messages::when(closes_at);
    if closes_at > now {
        td_string!(locale, surveys.open_until, when = when).to_string()
    } else {
        td_string!(locale, surveys.closed_since, when = when).to_string()
    }
}

#[cfg(feature = "ssr")]
fn answered(at: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    use crate::i18n::td_string;
    let locale = crate::language::current();
    at.map(|at| {
        let when = super::messages::when(at);
        td_string!(locale, surveys.answered_on, when = when).to_string()
    })
}

#[server(prefix = "/api", endpoint = "surveys")]
pub async fn load_surveys() -> AppResult<SurveysView> {
    use crate::{
        domain::routes,
        server::{lookups, surveys},
    };
    let (state, session, standing) = super::guard::settled().await?;
    let now = state.clock.now();
    let found = surveys::for_parent(&state.db, session.account_id).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(SurveysView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, session.account_id)
            .await?,
        surveys: found
            .into_iter()
            .map(|s| SurveyLine {
                url: format!("{}?enfant={}", routes::survey(s.id), s.child_id),
                title: s.title,
                child: format!("{} {}", s.child_first_name, s.child_last_name),
                closes: closing(s.closes_at, now),
                open: s.closes_at > now,
                answered: answered(s.answered_at),
            })
            .collect(),
    })
}

#[server(prefix = "/api", endpoint = "survey")]
pub async fn load_survey(id: i32, child: i32) -> AppResult<SurveyView> {
    use crate::{
        domain::surveys::answer_words,
        server::{lookups, surveys},
    };
    let (state, session, standing) = super::guard::settled().await?;
    let now = state.clock.now();
    // A notification's link names no child: the first one the survey is for.
    let child = match child {
        0 => surveys::for_parent(&state.db, session.account_id)
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .map_or(0, |s| s.child_id),
        child => child,
    };
    let opened = surveys::open(&state.db, session.account_id, id, child).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let survey = opened.survey;
    Ok(SurveyView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, session.account_id)
            .await?,
        id: survey.id,
        child_id: survey.child_id,
        title: survey.title,
        description: survey.description,
        child: format!("{} {}", survey.child_first_name, survey.child_last_name),
        closes: closing(survey.closes_at, now),
        open: survey.closes_at > now,
        answered: answered(survey.answered_at),
        questions: opened
            .questions
            .into_iter()
            .enumerate()
            .map(|(index, (question_id, question))| QuestionView {
                index,
                kind: question.kind.code().to_owned(),
                answer: opened
                    .answers
                    .iter()
                    .find(|(answered, _)| *answered == question_id)
                    .map(|(_, value)| answer_words(&question, value)),
                prompt: question.prompt,
                choices: question.choices,
            })
            .collect(),
    })
}

/// "Envoyer mes réponses": `answers[q0]=1`, `answers[q1_0]=0&answers[q1_2]=2` (the choices of a
/// question of several), `answers[q2]=text`.
#[server(prefix = "/api", endpoint = "answer_survey")]
pub async fn answer_survey(
    survey: i32,
    child: i32,
    #[server(default)] answers: HashMap<String, String>,
) -> AppResult<()> {
    use crate::{
        domain::{
            profile::FieldError,
            routes,
            surveys::{TEXT_ANSWER, answer_key, check_answer, choice_key},
        },
        server::surveys,
    };
    let locale = crate::language::current();
    for value in answers.values() {
        super::guard::plain_text("answers", value, TEXT_ANSWER * 4)?;
    }
    let (state, session, _) = super::guard::settled().await?;
    let opened = surveys::open(&state.db, session.account_id, survey, child).await?;
    let mut values = Vec::new();
    let mut errors = Vec::new();
    let mut typed: Vec<(String, String)> = Vec::new();
    for (index, (_, question)) in opened.questions.iter().enumerate() {
        let key = answer_key(index);
        let given: Vec<String> = match answers.get(&key) {
            Some(value) => vec![value.clone()],
            None => (0..question.choices.len())
                .filter_map(|choice| answers.get(&choice_key(index, choice)).cloned())
                .collect(),
        };
        typed.push((key.clone(), given.join(",")));
        match check_answer(locale, question, &given) {
            Ok(value) => values.push(value),
            Err(message) => errors.push(FieldError::new(&key, &message)),
        }
    }
    if !errors.is_empty() {
        let typed: Vec<(&str, &str)> = typed
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let invalid = super::AppError::Invalid {
            errors,
            typed: Vec::new(),
        };
        return Err(invalid.for_form("q0", &typed));
    }
    surveys::answer(
        &state.db,
        session.account_id,
        &opened,
        &values,
        state.clock.now(),
    )
    .await?;
    super::guard::go_to(&format!("{}?enfant={child}", routes::survey(survey)));
    Ok(())
}
