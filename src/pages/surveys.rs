//! "Enquêtes" for parents: the surveys for their children, and one survey's form for a child (or
//! what was answered, once it is).
use crate::{
    api::surveys::{
        AnswerSurvey, QuestionView, SurveyView, SurveysView, load_survey, load_surveys,
    },
    components::{FormErrors, FormMessage, Loaded, MainContent, Section, SiteHeader, route_id},
    domain::{
        routes,
        surveys::{TEXT_ANSWER, answer_key, choice_key},
    },
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let locale = language::current();
    let surveys = Resource::new(|| (), |_| load_surveys());
    view! {
        <Title text=td_string!(locale, surveys.title)/>
        <Loaded data=surveys let:surveys>
            <SurveyList surveys/>
        </Loaded>
    }
}

#[component]
fn SurveyList(surveys: SurveysView) -> impl IntoView {
    let locale = language::current();
    let empty = surveys.surveys.is_empty();
    view! {
        <SiteHeader school=surveys.school current=Section::Surveys/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, surveys.title)}</h1>
                {empty.then(|| view! { <p class="empty">{td_string!(locale, surveys.none)}</p> })}
                <ul class="surveys">
                    {surveys.surveys.into_iter().map(|line| view! {
                        <li>
                            <a href=line.url>{line.title}</a>
                            <span class="hint">" · "{line.child}" · "{line.closes}</span>
                            {match (line.answered, line.open) {
                                (Some(answered), _) => view! { <span class="badge done">{answered}</span> }.into_any(),
                                (None, true) => view! { <span class="badge">{td_string!(locale, surveys.to_answer)}</span> }.into_any(),
                                (None, false) => view! { <span class="badge">{td_string!(locale, surveys.not_answered)}</span> }.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </MainContent>
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let id = route_id();
    let query = use_query_map();
    let asked = move || {
        let child = query
            .read()
            .get("enfant")
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (id(), child)
    };
    let survey = Resource::new(asked, |(id, child)| load_survey(id, child));
    view! {
        <Loaded data=survey let:survey>
            <SurveyScreen survey/>
        </Loaded>
    }
}

/// The fields of a refused post carry these names (`q0`…).
const ANSWER_FIELDS: [&str; crate::domain::surveys::QUESTIONS] = ["q0", "q1", "q2", "q3", "q4"];

#[component]
fn SurveyScreen(survey: SurveyView) -> impl IntoView {
    let locale = language::current();
    let action = ServerAction::<AnswerSurvey>::new();
    let errors = FormErrors::of(action);
    let can_answer = survey.open && survey.answered.is_none();
    view! {
        <Title text=survey.title.clone()/>
        <SiteHeader school=survey.school current=Section::Surveys/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::SURVEYS>{td_string!(locale, surveys.back)}</a></p>
                <h1>{survey.title}</h1>
                <p class="hint">{td_string!(locale, surveys.for_child, child = survey.child)}" · "{survey.closes}</p>
                {(!survey.description.is_empty()).then(|| view! { <p class="survey-description">{survey.description}</p> })}
                {survey.answered.map(|answered| view! { <p class="notice" role="status">{answered}</p> })}
                {if can_answer {
                    view! {
                        <FormMessage message=errors.general()/>
                        <ActionForm action=action attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="survey" value=survey.id.to_string()/>
                            <input type="hidden" name="child" value=survey.child_id.to_string()/>
                            {survey.questions.into_iter().map(|question| view! { <QuestionField question errors/> }).collect_view()}
                            <button type="submit" class="primary">{td_string!(locale, surveys.send)}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <dl class="answers">
                            {survey.questions.into_iter().map(|question| view! {
                                <dt>{question.prompt}</dt>
                                <dd>{question.answer.unwrap_or_else(|| "—".to_owned())}</dd>
                            }).collect_view()}
                        </dl>
                    }.into_any()
                }}
            </section>
        </MainContent>
    }
}

/// One question: radio buttons, checkboxes or a text field, with its message and what was chosen
/// before a refusal.
#[component]
fn QuestionField(question: QuestionView, errors: FormErrors) -> impl IntoView {
    let field = ANSWER_FIELDS.get(question.index).copied().unwrap_or("q0");
    let error = errors.under(field);
    let before = errors.typed(field, String::new()).get_untracked();
    let chosen: Vec<String> = before.split(',').map(str::to_owned).collect();
    let index = question.index;
    let input = match question.kind.as_str() {
        "text" => view! {
            <input type="text" id=format!("answer-{index}") name=format!("answers[{}]", answer_key(index))
                maxlength=TEXT_ANSWER value=before.clone() aria-label=question.prompt.clone()/>
        }
        .into_any(),
        kind => {
            let multiple = kind == "multiple";
            question
                .choices
                .into_iter()
                .enumerate()
                .map(|(n, choice)| {
                    let id = format!("answer-{index}-{n}");
                    let name = if multiple {
                        format!("answers[{}]", choice_key(index, n))
                    } else {
                        format!("answers[{}]", answer_key(index))
                    };
                    let checked = chosen.contains(&n.to_string());
                    let label_for = id.clone();
                    view! {
                        <label class="checkbox" for=label_for>
                            <input type=if multiple { "checkbox" } else { "radio" } id=id name=name
                                value=n.to_string() checked=checked/>
                            {choice}
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <fieldset class="field" class:invalid=move || error.get().is_some()>
            <legend>{question.prompt}</legend>
            {input}
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </fieldset>
    }
}
