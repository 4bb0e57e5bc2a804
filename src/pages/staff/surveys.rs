//! "Enquêtes" in the staff area: writing a survey (five question slots, so that the form works
//! without JavaScript; empty ones are ignored), the surveys with their answers counted, and one
//! survey's results with the reminder, the CSV and removal.
use super::news::ClassBoxes;
use crate::{
    api::staff::surveys::{
        CreateSurvey, RemindSurvey, RemoveSurvey, StaffSurveys, SurveyResults, load_staff_surveys,
        load_survey_results,
    },
    components::{
        Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection, route_id,
    },
    domain::{
        routes,
        surveys::{DESCRIPTION, PROMPT, QUESTIONS, TITLE},
    },
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let locale = language::current();
    let surveys = Resource::new(|| (), |_| load_staff_surveys());
    view! {
        <Title text=td_string!(locale, surveys.title)/>
        <Loaded data=surveys let:surveys>
            <SurveysView surveys/>
        </Loaded>
    }
}

/// The fields of the question slots, named for their messages (`prompt_0`…).
const PROMPTS: [&str; QUESTIONS] = ["prompt_0", "prompt_1", "prompt_2", "prompt_3", "prompt_4"];
const KINDS: [&str; QUESTIONS] = ["kind_0", "kind_1", "kind_2", "kind_3", "kind_4"];
const CHOICES: [&str; QUESTIONS] = [
    "choices_0",
    "choices_1",
    "choices_2",
    "choices_3",
    "choices_4",
];

#[component]
fn SurveysView(surveys: StaffSurveys) -> impl IntoView {
    let locale = language::current();
    let create = ServerAction::<CreateSurvey>::new();
    let errors = FormErrors::of(create);
    let description_error = errors.under("description");
    let kinds = surveys.kinds.clone();
    view! {
        <StaffHeader frame=surveys.frame current=StaffSection::Surveys/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, surveys.title)}</h1>
                {(surveys.surveys.is_empty()).then(|| view! { <p class="empty">{td_string!(locale, surveys.staff_none)}</p> })}
                <ul class="surveys">
                    {surveys.surveys.into_iter().map(|line| view! {
                        <li>
                            <a href=routes::staff_survey(line.id)>{line.title}</a>
                            <span class="hint">" · "{line.audience}" · "{line.closes}" · "
                                {td_string!(locale, surveys.responses, count = line.responses)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="new-survey">
                <h2 id="new-survey">{td_string!(locale, surveys.new_survey)}</h2>
                <FormMessage message=errors.general()/>
                <ActionForm action=create attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, surveys.title_label) name="title" required=true maxlength=TITLE
                        value=errors.typed("title", String::new()) error=errors.under("title")/>
                    <div class="field" class:invalid=move || description_error.get().is_some()>
                        <label for="description">{td_string!(locale, surveys.description_label)}</label>
                        <textarea id="description" name="description" rows="3" maxlength=DESCRIPTION>
                            {errors.typed("description", String::new()).get_untracked()}
                        </textarea>
                        <div class="field-message" aria-live="polite">
                            {move || description_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    </div>
                    <Field label=td_string!(locale, surveys.closes_label) name="closes_at" kind="datetime-local" required=true
                        value=errors.typed("closes_at", String::new()) error=errors.under("closes_at")/>
                    <ClassBoxes classes=surveys.classes error=errors.under("classes") ticked=errors.typed("classes", "")/>
                    {(0..QUESTIONS).map(|index| view! { <QuestionSlot index kinds=kinds.clone() errors/> }).collect_view()}
                    <button type="submit" class="primary">{td_string!(locale, surveys.publish)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}

/// One question's slot: its words, its kind, its choices one per line.
#[component]
fn QuestionSlot(index: usize, kinds: Vec<(String, String)>, errors: FormErrors) -> impl IntoView {
    let locale = language::current();
    let error = errors.under(PROMPTS[index]);
    let kind = errors.typed(KINDS[index], "single").get_untracked();
    let number = index + 1;
    view! {
        <fieldset class="field question-slot" class:invalid=move || error.get().is_some()>
            <legend>{td_string!(locale, surveys.question_number, number = number)}</legend>
            <label for=format!("prompt-{index}")>{td_string!(locale, surveys.prompt_label)}</label>
            <input type="text" id=format!("prompt-{index}") name=format!("questions[{index}][prompt]") maxlength=PROMPT
                value=errors.typed(PROMPTS[index], String::new()).get_untracked()/>
            <label for=format!("kind-{index}")>{td_string!(locale, surveys.kind_label)}</label>
            <select id=format!("kind-{index}") name=format!("questions[{index}][kind]")>
                {kinds.into_iter().map(|(code, label)| {
                    let selected = code == kind;
                    view! { <option value=code selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <label for=format!("choices-{index}")>{td_string!(locale, surveys.choices_label)}</label>
            <textarea id=format!("choices-{index}") name=format!("questions[{index}][choices]") rows="3">
                {errors.typed(CHOICES[index], String::new()).get_untracked()}
            </textarea>
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </fieldset>
    }
}

#[component]
pub fn StaffSurveyPage() -> impl IntoView {
    let id = route_id();
    let results = Resource::new(id, load_survey_results);
    view! {
        <Loaded data=results let:results>
            <ResultsView results/>
        </Loaded>
    }
}

#[component]
fn ResultsView(results: SurveyResults) -> impl IntoView {
    let locale = language::current();
    let remind = ServerAction::<RemindSurvey>::new();
    let remove = ServerAction::<RemoveSurvey>::new();
    let refused = FormErrors::of(remind).or(FormErrors::of(remove));
    let reminded = use_query_map().read_untracked().get("rappel");
    let id = results.id;
    let answered = i64::try_from(results.responses.len()).unwrap_or(i64::MAX);
    view! {
        <Title text=results.title.clone()/>
        <StaffHeader frame=results.frame current=StaffSection::Surveys/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::STAFF_SURVEYS>{td_string!(locale, surveys.back_staff)}</a></p>
                <h1>{results.title}</h1>
                <p class="hint">{results.audience}" · "{results.closes}" · "
                    {td_string!(locale, surveys.responses, count = answered)}</p>
                {reminded.map(|count| view! {
                    <p class="notice" role="status">{td_string!(locale, surveys.reminded, parents = count)}</p>
                })}
                <FormMessage message=refused.any()/>
                <p class="link-line"><a href=results.csv download="">{td_string!(locale, surveys.export_csv)}</a></p>
                {results.open.then(|| view! {
                    <ActionForm action=remind>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <button type="submit">{td_string!(locale, surveys.remind)}</button>
                    </ActionForm>
                })}
                {results.questions.into_iter().map(|question| view! {
                    <h2>{question.prompt}</h2>
                    {(!question.counts.is_empty()).then(|| view! {
                        <ul class="counts">
                            {question.counts.into_iter().map(|(choice, count)| view! {
                                <li>{choice}" : "<strong>{count}</strong></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!question.texts.is_empty()).then(|| view! {
                        <ul class="texts">{question.texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                    })}
                }).collect_view()}
            </section>
            <section class="card" aria-labelledby="answers-title">
                <h2 id="answers-title">{td_string!(locale, surveys.answers_title)}</h2>
                <table class="staff-table" tabindex="0">
                    <thead><tr>
                        <th scope="col">{td_string!(locale, surveys.child)}</th>
                        <th scope="col">{td_string!(locale, surveys.parent)}</th>
                        <th scope="col">{td_string!(locale, surveys.when)}</th>
                        {results.prompts.into_iter().map(|prompt| view! { <th scope="col">{prompt}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {results.responses.into_iter().map(|response| view! {
                            <tr>
                                <td>{response.child}" ("{response.class}")"</td>
                                <td>{response.parent}</td>
                                <td>{response.when}</td>
                                {response.answers.into_iter().map(|answer| view! { <td>{answer}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="link">{td_string!(locale, surveys.remove)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
