//! The rules of a survey ("enquête"): what staff write (a title, a closing time, up to
//! [`QUESTIONS`] questions, each a single choice, several choices or a short text) and what a
//! parent's answers must be. Pure, shared by the server and the pages.
use super::profile::FieldError;
use crate::{i18n::td_string, language::Locale};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub const TITLE: usize = 200;
pub const DESCRIPTION: usize = 2_000;
pub const PROMPT: usize = 300;
/// The questions' slots of the form (without JavaScript, a form has the fields it was sent with).
pub const QUESTIONS: usize = 5;
/// A choice's words, and how many a question may offer.
pub const CHOICE: usize = 100;
pub const CHOICES: usize = 10;
/// A short text answer.
pub const TEXT_ANSWER: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// One of the choices.
    Single,
    /// One or more of the choices.
    Multiple,
    /// A few words.
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 3] = [Self::Single, Self::Multiple, Self::Text];

    pub fn code(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Text => "text",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Self::Single => td_string!(locale, surveys.kind_single),
            Self::Multiple => td_string!(locale, surveys.kind_multiple),
            Self::Text => td_string!(locale, surveys.kind_text),
        }
    }
}

/// A question as the form sends it: its words, its kind, its choices one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionDraft {
    pub prompt: String,
    pub kind: String,
    pub choices: String,
}

/// A question that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub kind: QuestionKind,
    pub prompt: String,
    /// None for a text question.
    pub choices: Vec<String>,
}

/// A survey as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyDraft {
    pub title: String,
    pub description: String,
    /// Brussels time, as a `datetime-local` field sends it (`2026-12-18T18:00`).
    pub closes_at: String,
    pub questions: Vec<QuestionDraft>,
}

/// A survey that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    pub title: String,
    pub description: String,
    pub closes_at: NaiveDateTime,
    pub questions: Vec<Question>,
}

/// The field of question `index` (from 0).
pub fn question_field(index: usize) -> String {
    format!("prompt_{index}")
}

impl SurveyDraft {
    /// Checks the survey against `now` (Brussels time); a question left without words is no
    /// question. Every problem is under its own field.
    pub fn validate(&self, locale: Locale, now: NaiveDateTime) -> Result<Survey, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                td_string!(locale, surveys.title_missing),
            ));
        } else if title.chars().count() > TITLE {
            errors.push(FieldError::new(
                "title",
                &super::limits::too_long(locale, TITLE),
            ));
        }
        if self.description.chars().count() > DESCRIPTION {
            let message = super::limits::too_long(locale, DESCRIPTION);
            errors.push(FieldError::new("description", &message));
        }
        let closes_at = NaiveDateTime::parse_from_str(self.closes_at.trim(), "%Y-%m-%dT%H:%M").ok();
        match closes_at {
            None => errors.push(FieldError::new(
                "closes_at",
                td_string!(locale, surveys.closes_missing),
            )),
            Some(at) if at <= now => errors.push(FieldError::new(
                "closes_at",
                td_string!(locale, surveys.closes_past),
            )),
            Some(_) => {}
        }
        let mut questions = Vec::new();
        for (index, draft) in self.questions.iter().enumerate().take(QUESTIONS) {
            match draft.check(locale) {
                Ok(Some(question)) => questions.push(question),
                Ok(None) => {}
                Err(message) => errors.push(FieldError::new(&question_field(index), &message)),
            }
        }
        if questions.is_empty() && errors.iter().all(|e| !e.field.starts_with("prompt_")) {
            let message = td_string!(locale, surveys.no_question);
            errors.push(FieldError::new(&question_field(0), message));
        }
        match closes_at {
            Some(closes_at) if errors.is_empty() => Ok(Survey {
                title: title.to_owned(),
                description: self.description.trim().to_owned(),
                closes_at,
                questions,
            }),
            _ => Err(errors),
        }
    }
}

impl QuestionDraft {
    /// The question, none when left empty, or what is wrong with it.
    fn check(&self, locale: Locale) -> Result<Option<Question>, String> {
        let prompt = self.prompt.trim();
        if prompt.is_empty() {
            return Ok(None);
        }
        if prompt.chars().count() > PROMPT {
            return Err(super::limits::too_long(locale, PROMPT));
        }
        let kind = QuestionKind::from_code(&self.kind).unwrap_or(QuestionKind::Single);
        let choices: Vec<String> = self
            .choices
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        if kind == QuestionKind::Text {
            return Ok(Some(Question {
                kind,
                prompt: prompt.to_owned(),
                choices: Vec::new(),
            }));
        }
        if choices.len() < 2 || choices.len() > CHOICES {
            return Err(td_string!(locale, surveys.choices_count, most = CHOICES).to_string());
        }
        if choices.iter().any(|choice| choice.chars().count() > CHOICE) {
            return Err(super::limits::too_long(locale, CHOICE));
        }
        Ok(Some(Question {
            kind,
            prompt: prompt.to_owned(),
            choices,
        }))
    }
}

/// The field of a parent's answer to question `index`, and of choice `choice` of a question of
/// several choices (`answers[q0]`, `answers[q1_2]`).
pub fn answer_key(index: usize) -> String {
    format!("q{index}")
}

pub fn choice_key(index: usize, choice: usize) -> String {
    format!("q{index}_{choice}")
}

/// Checks a parent's answer to `question`: the chosen choices' numbers (for a choice question)
/// or the text. Returns the value kept: `2`, `0,3`, or the text.
pub fn check_answer(
    locale: Locale,
    question: &Question,
    given: &[String],
) -> Result<String, String> {
    let missing = || td_string!(locale, surveys.answer_missing).to_owned();
    match question.kind {
        QuestionKind::Text => {
            let text = given.first().map(|t| t.trim()).unwrap_or_default();
            if text.is_empty() {
                Err(missing())
            } else if text.chars().count() > TEXT_ANSWER {
                Err(super::limits::too_long(locale, TEXT_ANSWER))
            } else {
                Ok(text.to_owned())
            }
        }
        kind => {
            let mut chosen: Vec<usize> = given
                .iter()
                .filter_map(|value| value.trim().parse().ok())
                .filter(|choice| *choice < question.choices.len())
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            match (kind, chosen.len()) {
                (_, 0) => Err(missing()),
                (QuestionKind::Single, n) if n > 1 => Err(missing()),
                _ => Ok(chosen
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(",")),
            }
        }
    }
}

/// A kept answer in words: the choices' words, or the text.
pub fn answer_words(question: &Question, value: &str) -> String {
    match question.kind {
        QuestionKind::Text => value.to_owned(),
        _ => value
            .split(',')
            .filter_map(|n| n.parse::<usize>().ok())
            .filter_map(|n| question.choices.get(n).cloned())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2026-12-01T10:00", "%Y-%m-%dT%H:%M").unwrap()
    }

    fn question(prompt: &str, kind: &str, choices: &str) -> QuestionDraft {
        QuestionDraft {
            prompt: prompt.into(),
            kind: kind.into(),
            choices: choices.into(),
        }
    }

    fn draft(questions: Vec<QuestionDraft>) -> SurveyDraft {
        SurveyDraft {
            title: "Repas de Noël".into(),
            description: String::new(),
            closes_at: "2026-12-15T18:00".into(),
            questions,
        }
    }

    #[test]
    fn empty_slots_are_no_questions_and_a_choice_needs_two_choices() {
        let survey = draft(vec![
            question("Menu ?", "single", "Viande\n\nPoisson\n"),
            question("", "single", ""),
            question("Allergies ?", "text", "ignored"),
        ])
        .validate(Locale::fr, now())
        .unwrap();
        assert_eq!(survey.questions.len(), 2);
        assert_eq!(survey.questions[0].choices, ["Viande", "Poisson"]);
        assert!(survey.questions[1].choices.is_empty());
        let one = draft(vec![question("Menu ?", "multiple", "Viande")]);
        let errors = one.validate(Locale::fr, now()).unwrap_err();
        assert_eq!(errors[0].field, "prompt_0");
    }

    #[test]
    fn a_survey_closes_in_the_future_and_asks_something() {
        let mut past = draft(vec![question("Menu ?", "text", "")]);
        past.closes_at = "2026-11-30T18:00".into();
        assert_eq!(
            past.validate(Locale::fr, now()).unwrap_err()[0].field,
            "closes_at"
        );
        let nothing = draft(vec![question(" ", "text", "")]);
        assert_eq!(
            nothing.validate(Locale::fr, now()).unwrap_err()[0].field,
            "prompt_0"
        );
    }

    #[test]
    fn answers_are_choices_that_exist_once_or_words() {
        let single = Question {
            kind: QuestionKind::Single,
            prompt: "Menu ?".into(),
            choices: vec!["Viande".into(), "Poisson".into()],
        };
        let given = |values: &[&str]| values.iter().map(|v| v.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_answer(Locale::fr, &single, &given(&["1"])),
            Ok("1".into())
        );
        assert!(check_answer(Locale::fr, &single, &given(&["2"])).is_err());
        assert!(check_answer(Locale::fr, &single, &given(&["0", "1"])).is_err());
        let multiple = Question {
            kind: QuestionKind::Multiple,
            ..single.clone()
        };
        let both = check_answer(Locale::fr, &multiple, &given(&["1", "0", "1"])).unwrap();
        assert_eq!(both, "0,1");
        assert_eq!(answer_words(&multiple, &both), "Viande; Poisson");
    }
}
