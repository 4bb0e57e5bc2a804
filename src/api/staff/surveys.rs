//! "Enquêtes" on the school's side: writing a survey for the whole school or chosen classes (a
//! teacher only her own), the surveys with their answers counted, one survey's results, a
//! reminder to the parents who have not answered, and removing one. Written to the journal.
use super::StaffFrame;
use crate::api::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffSurveyLine {
    pub id: i32,
    pub title: String,
    pub audience: String,
    pub closes: String,
    pub responses: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffSurveys {
    pub frame: StaffFrame,
    /// The classes a survey may be for (a teacher's own).
    pub classes: Vec<String>,
    /// The kinds of question, as (code, label).
    pub kinds: Vec<(String, String)>,
    pub surveys: Vec<StaffSurveyLine>,
}

/// A question's slot of the form (`questions[0][prompt]`…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionInput {
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub choices: String,
}

/// One question's results: how many chose each choice, or the texts given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub prompt: String,
    pub counts: Vec<(String, usize)>,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseLine {
    pub child: String,
    pub class: String,
    pub parent: String,
    pub when: String,
    /// Each answer in words, in the questions' order.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub frame: StaffFrame,
    pub id: i32,
    pub title: String,
    pub audience: String,
    pub closes: String,
    pub open: bool,
    pub prompts: Vec<String>,
    pub questions: Vec<QuestionResult>,
    pub responses: Vec<ResponseLine>,
    pub csv: String,
}

#[server(prefix = "/api", endpoint = "staff_surveys")]
pub async fn load_staff_surveys() -> AppResult<StaffSurveys> {
    use crate::{
        domain::{school_class::audience, surveys::QuestionKind},
        server::surveys,
    };
    let locale = crate::language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let now = state.clock.now();
    let listed = surveys::list(&state.db, &caller).await?;
    let classes = crate::server::staff::students::classes(&state.db, &caller).await?;
    Ok(StaffSurveys {
        frame: super::frame(&state, &caller).await?,
        classes,
        kinds: QuestionKind::ALL
            .iter()
            .map(|kind| (kind.code().to_owned(), kind.label(locale).to_owned()))
            .collect(),
        surveys: listed
            .into_iter()
            .map(|listed| StaffSurveyLine {
                id: listed.survey.id,
                audience: audience(locale, &listed.classes),
                closes: crate::api::surveys::closing(listed.survey.closes_at, now),
                title: listed.survey.title,
                responses: listed.responses,
            })
            .collect(),
    })
}

/// "Publier l'enquête": `title`, `description`, `closes_at` (Brussels, `2026-12-18T18:00`),
/// `classes[i]`, and up to five `questions[i][prompt|kind|choices]`.
#[server(prefix = "/api", endpoint = "staff_create_survey")]
pub async fn create_survey(
    title: String,
    #[server(default)] description: String,
    #[server(default)] closes_at: String,
    #[server(default)] classes: Vec<String>,
    #[server(default)] questions: Vec<QuestionInput>,
) -> AppResult<()> {
    use crate::{
        api::{AppError, guard},
        domain::surveys::{DESCRIPTION, QUESTIONS, QuestionDraft, SurveyDraft, TITLE},
        server::{audit::Kind, clock, surveys},
    };
    let locale = crate::language::current();
    let mut typed = vec![
        ("title".to_owned(), title.clone()),
        ("description".to_owned(), description.clone()),
        ("closes_at".to_owned(), closes_at.clone()),
        ("classes".to_owned(), classes.join(",")),
    ];
    for (index, question) in questions.iter().enumerate().take(QUESTIONS) {
        typed.push((format!("prompt_{index}"), question.prompt.clone()));
        typed.push((format!("kind_{index}"), question.kind.clone()));
        typed.push((format!("choices_{index}"), question.choices.clone()));
    }
    let kept: Vec<(&str, &str)> = typed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let form = |e: AppError| e.for_form("title", &kept);
    guard::plain_text("title", &title, TITLE).map_err(form)?;
    guard::plain_text_multiline("description", &description, DESCRIPTION).map_err(form)?;
    guard::plain_text("closes_at", &closes_at, 20).map_err(form)?;
    for (index, question) in questions.iter().enumerate() {
        let field = format!("prompt_{index}");
        guard::plain_text(&field, &question.prompt, 1_000).map_err(form)?;
        guard::plain_text(&field, &question.kind, 20).map_err(form)?;
        guard::plain_text_multiline(&field, &question.choices, 5_000).map_err(form)?;
    }
    let (state, caller) = guard::staff().await?;
    let classes = super::audience(&state, &caller, classes)
        .await
        .map_err(form)?;
    let draft = SurveyDraft {
        title,
        description: description.replace("\r\n", "\n"),
        closes_at,
        questions: questions
            .into_iter()
            .take(QUESTIONS)
            .map(|q| QuestionDraft {
                prompt: q.prompt,
                kind: q.kind,
                choices: q.choices,
            })
            .collect(),
    };
    let now = state.clock.now();
    let local_now = clock::brussels(now).naive_local();
    let survey = draft.validate(locale, local_now).map_err(|errors| {
        form(AppError::Invalid {
            errors,
            typed: Vec::new(),
        })
    })?;
    let closes_at = clock::from_brussels(survey.closes_at).ok_or(AppError::Internal)?;
    let id = surveys::create(&state.db, &caller, &survey, closes_at, &classes, now)
        .await
        .map_err(|e| form(e.into()))?;
    super::record(&state, &caller, Kind::SurveyPublished, Some(&survey.title)).await?;
    guard::go_to(&crate::domain::routes::staff_survey(id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_survey")]
pub async fn load_survey_results(id: i32) -> AppResult<SurveyResults> {
    use crate::{
        domain::{
            routes,
            school_class::audience,
            surveys::{QuestionKind, answer_words},
        },
        server::surveys,
    };
    let locale = crate::language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let now = state.clock.now();
    let results = surveys::results(&state.db, &caller, id).await?;
    let questions = results
        .questions
        .iter()
        .enumerate()
        .map(|(index, (_, question))| {
            let values = results.responses.iter().map(|r| r.values[index].as_str());
            match question.kind {
                QuestionKind::Text => QuestionResult {
                    prompt: question.prompt.clone(),
                    counts: Vec::new(),
                    texts: values
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                        .collect(),
                },
                _ => {
                    let chosen: Vec<usize> = values
                        .flat_map(|v| v.split(','))
                        .filter_map(|n| n.parse().ok())
                        .collect();
                    QuestionResult {
                        prompt: question.prompt.clone(),
                        counts: question
                            .choices
                            .iter()
                            .enumerate()
                            .map(|(n, choice)| {
                                (choice.clone(), chosen.iter().filter(|c| **c == n).count())
                            })
                            .collect(),
                        texts: Vec::new(),
                    }
                }
            }
        })
        .collect();
    Ok(SurveyResults {
        frame: super::frame(&state, &caller).await?,
        id,
        title: results.survey.title.clone(),
        audience: audience(locale, &results.classes),
        closes: crate::api::surveys::closing(results.survey.closes_at, now),
        open: results.survey.closes_at > now,
        prompts: results
            .questions
            .iter()
            .map(|(_, q)| q.prompt.clone())
            .collect(),
        questions,
        responses: results
            .responses
            .iter()
            .map(|r| ResponseLine {
                child: r.child.clone(),
                class: r.class.clone().unwrap_or_default(),
                parent: r.parent.clone(),
                when: crate::api::messages::when(r.answered_at),
                answers: results
                    .questions
                    .iter()
                    .zip(&r.values)
                    .map(|((_, q), v)| answer_words(q, v))
                    .collect(),
            })
            .collect(),
        csv: routes::staff_survey_csv(id),
    })
}

/// "Rappeler aux parents qui n'ont pas répondu".
#[server(prefix = "/api", endpoint = "staff_remind_survey")]
pub async fn remind_survey(id: i32) -> AppResult<()> {
    use crate::{
        api::guard,
        domain::routes,
        server::{audit::Kind, surveys},
    };
    let (state, caller) = guard::staff().await?;
    let told = surveys::remind(&state.db, &caller, id, state.clock.now()).await?;
    let detail = format!("#{id} · {told}");
    super::record(&state, &caller, Kind::SurveyReminded, Some(&detail)).await?;
    guard::go_to(&format!("{}?rappel={told}", routes::staff_survey(id)));
    Ok(())
}

/// "Supprimer l'enquête", with its answers.
#[server(prefix = "/api", endpoint = "staff_remove_survey")]
pub async fn remove_survey(id: i32) -> AppResult<()> {
    use crate::{
        api::guard,
        domain::routes,
        server::{audit::Kind, surveys},
    };
    let (state, caller) = guard::staff().await?;
    let title = surveys::remove(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::SurveyRemoved, Some(&title)).await?;
    guard::go_to(routes::STAFF_SURVEYS);
    Ok(())
}
