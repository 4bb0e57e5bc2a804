//! "Absences" for parents: the form that reports one (a plain `multipart/form-data` form, since a
//! certificate travels no other way; it works the same with or without JavaScript), then every
//! linked child's absences with their state.
use crate::{
    api::absences::{AbsencesView, ReportAbsence, WithdrawAbsence, load_absences},
    components::{
        AbsenceList, Field, FileField, FormErrors, FormMessage, Loaded, MainContent, Section,
        SiteHeader,
    },
    domain::{
        absences::REASON,
        messages::{ATTACHMENT_BYTES, ATTACHMENT_TYPES},
    },
    i18n::td_string,
    language,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AbsencesPage() -> impl IntoView {
    let locale = language::current();
    let absences = Resource::new(|| (), |_| load_absences());
    view! {
        <Title text=td_string!(locale, absences.title)/>
        <Loaded data=absences let:absences>
            <Absences absences/>
        </Loaded>
    }
}

#[component]
fn Absences(absences: AbsencesView) -> impl IntoView {
    let locale = language::current();
    let query = use_query_map().read_untracked();
    let reported = query.get("signalee").is_some();
    let withdrawn = query.get("retiree").is_some();
    let withdraw = ServerAction::<WithdrawAbsence>::new();
    let refused = FormErrors::of(withdraw);
    let AbsencesView {
        school,
        children,
        spans,
        absences,
    } = absences;
    view! {
        <SiteHeader school current=Section::Absences/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, absences.title)}</h1>
                {reported.then(|| view! {
                    <p class="notice" role="status">{td_string!(locale, absences.reported_thanks)}</p>
                })}
                <h2>{td_string!(locale, absences.report_title)}</h2>
                <ReportForm children spans/>
            </section>
            <section class="card" aria-labelledby="reported-title">
                <h2 id="reported-title">{td_string!(locale, absences.list_title)}</h2>
                {withdrawn.then(|| view! {
                    <p class="notice" role="status">{td_string!(locale, absences.withdrawn)}</p>
                })}
                <FormMessage message=refused.any()/>
                <AbsenceList absences withdraw/>
            </section>
        </MainContent>
    }
}

#[component]
fn ReportForm(children: Vec<(i32, String)>, spans: Vec<(String, String)>) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::of_plain_form(ReportAbsence::url());
    let child = errors.typed("child", String::new()).get_untracked();
    let span = errors.typed("span", "day").get_untracked();
    let span_error = errors.under("span");
    let reason_error = errors.under("reason");
    view! {
        <FormMessage message=errors.general()/>
        <form class="form" method="post" action=ReportAbsence::url() enctype="multipart/form-data" novalidate=true>
            <div class="field">
                <label for="child">{td_string!(locale, absences.child_label)}</label>
                <select id="child" name="child">
                    {children.into_iter().map(|(id, name)| {
                        let selected = id.to_string() == child;
                        view! { <option value=id.to_string() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field" class:invalid=move || span_error.get().is_some()>
                <legend>{td_string!(locale, absences.span_label)}</legend>
                {spans.into_iter().map(|(code, label)| {
                    let id = format!("span-{code}");
                    let checked = code == span;
                    view! {
                        <label class="checkbox" for=id.clone()>
                            <input type="radio" id=id.clone() name="span" value=code checked=checked/>
                            {label}
                        </label>
                    }
                }).collect_view()}
                <div class="field-message" aria-live="polite">
                    {move || span_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
            </fieldset>
            <Field label=td_string!(locale, absences.first_day_label) name="first_day" kind="date" required=true
                value=errors.typed("first_day", String::new()) error=errors.under("first_day")/>
            <Field label=td_string!(locale, absences.last_day_label) name="last_day" kind="date"
                hint=td_string!(locale, absences.last_day_hint)
                value=errors.typed("last_day", String::new()) error=errors.under("last_day")/>
            <div class="field" class:invalid=move || reason_error.get().is_some()>
                <label for="reason">{td_string!(locale, absences.reason_label)}</label>
                <p class="hint" id="reason-hint">{td_string!(locale, absences.reason_hint)}</p>
                <textarea id="reason" name="reason" rows="3" required=true maxlength=REASON aria-describedby="reason-hint"
                    aria-invalid=move || reason_error.get().is_some().then_some("true")>
                    {errors.typed("reason", String::new()).get_untracked()}
                </textarea>
                <div class="field-message" aria-live="polite">
                    {move || reason_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
            </div>
            <FileField errors label=td_string!(locale, absences.certificate_label) accept=ATTACHMENT_TYPES.join(",")
                hint=td_string!(locale, absences.certificate_hint, mb = ATTACHMENT_BYTES / 1024 / 1024).to_string()/>
            <button type="submit" class="primary">{td_string!(locale, absences.report)}</button>
        </form>
    }
}
