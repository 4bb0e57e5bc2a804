//! "École" (administrators): the school's name, contact details, the administrators' addresses
//! parents are shown, its logo and its "Applications".
use crate::{
    api::{
        brand::ApplicationLink,
        staff::school::{
            AddApplication, RemoveApplication, RemoveLogo, SaveSchool, SchoolDetails, UploadLogo,
            load_school,
        },
    },
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    domain::{limits, school_brand},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffSchoolPage() -> impl IntoView {
    let locale = language::current();
    let school = Resource::new(|| (), |_| load_school());
    view! {
        <Title text=td_string!(locale, staff.school_title)/>
        <Loaded data=school let:school>
            <SchoolView school/>
        </Loaded>
    }
}

#[component]
fn SchoolView(school: SchoolDetails) -> impl IntoView {
    let locale = language::current();
    let save = ServerAction::<SaveSchool>::new();
    let errors = FormErrors::of(save);
    let saved = use_query_map().read_untracked().get("enregistre").is_some();
    let admins = school.admins.clone();
    let address = school.address.clone();
    view! {
        <StaffHeader frame=school.frame current=StaffSection::School/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.school_title)}</h1>
                {saved.then(|| view! { <p class="field-ok" role="status">{td_string!(locale, staff.saved)}</p> })}
                <FormMessage message=errors.general()/>
                <ActionForm action=save attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, staff.school_name_label) name="name" required=true maxlength=limits::PROFILE_FIELD
                        value=errors.typed("name", school.name) error=errors.under("name")/>
                    <div class="field">
                        <label for="address">{td_string!(locale, staff.address_label)}</label>
                        <textarea id="address" name="address" rows="3">{errors.typed("address", address).get_untracked()}</textarea>
                    </div>
                    <Field label=td_string!(locale, staff.phone_label) name="phone" kind="tel" maxlength=limits::PROFILE_FIELD
                        value=errors.typed("phone", school.phone) error=errors.under("phone")/>
                    <Field label=td_string!(locale, staff.email_label) name="email" kind="email" maxlength=limits::PROFILE_FIELD
                        value=errors.typed("email", school.email) error=errors.under("email")/>
                    <Field label=td_string!(locale, staff.web_label) name="web" kind="url" maxlength=limits::PROFILE_FIELD
                        value=errors.typed("web", school.web) error=errors.under("web")/>
                    <div class="field" class:invalid=move || errors.under("admins").get().is_some()>
                        <label for="admins">{td_string!(locale, staff.admins_label)}</label>
                        <p class="hint" id="admins-hint">{td_string!(locale, staff.admins_hint)}</p>
                        <textarea id="admins" name="admins" rows="3" aria-describedby="admins-hint">{errors.typed("admins", admins).get_untracked()}</textarea>
                        <div class="field-message" aria-live="polite">
                            {move || errors.under("admins").get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    </div>
                    <button type="submit" class="primary">{td_string!(locale, staff.save)}</button>
                </ActionForm>
            </section>
            <DeadLetters mails=school.dead_letters/>
            <LogoForm logo=school.logo/>
            <Applications applications=school.applications/>
        </MainContent>
    }
}

/// "Courriels non délivrés": mails to the school's people that failed for a day and were given up,
/// so that the school reaches those parents another way (shown only when there are some).
#[component]
fn DeadLetters(mails: Vec<(String, String, String, String)>) -> impl IntoView {
    let locale = language::current();
    (!mails.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="dead-title">
            <h2 id="dead-title">{td_string!(locale, staff.dead_letters_title)}</h2>
            <p class="hint">{td_string!(locale, staff.dead_letters_hint)}</p>
            <ul class="dead-letters">
                {mails.into_iter().map(|(to, subject, when, why)| view! {
                    <li><strong>{to}</strong>" · "{subject}" · "<time>{when}</time><br/><span class="hint">{why}</span></li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The logo: sent as a plain `multipart/form-data` form (a file travels no other way), which the
/// server function answers with a redirect back here, with or without JavaScript.
#[component]
fn LogoForm(logo: Option<String>) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let locale = language::current();
    let errors = FormErrors::of_plain_form(UploadLogo::url());
    let remove = ServerAction::<RemoveLogo>::new();
    let saved = use_query_map().read_untracked().get("logo").is_some();
    let error = errors.under("logo");
    view! {
        <section class="card" aria-labelledby="logo-title">
            <h2 id="logo-title">{td_string!(locale, staff.logo_title)}</h2>
            {saved.then(|| view! { <p class="field-ok" role="status">{td_string!(locale, staff.logo_saved)}</p> })}
            {match logo.clone() {
                Some(src) => view! {
                    <img class="school-logo-preview" src=src alt=td_string!(locale, staff.logo_current) height="80"/>
                }.into_any(),
                None => view! { <p class="hint">{td_string!(locale, staff.logo_none)}</p> }.into_any(),
            }}
            <form class="form" method="post" action=UploadLogo::url() enctype="multipart/form-data" novalidate=true>
                <div class="field" class:invalid=move || error.get().is_some()>
                    <label for="logo">{td_string!(locale, staff.logo_label)}</label>
                    <p class="hint" id="logo-hint">{td_string!(locale, staff.logo_hint)}</p>
                    <input id="logo" name="logo" type="file" required=true accept=school_brand::LOGO_TYPES.join(",")
                        aria-describedby="logo-hint"
                        aria-invalid=move || error.get().is_some().then_some("true")/>
                    <div class="field-message" aria-live="polite">
                        {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                </div>
                <button type="submit" class="primary">{td_string!(locale, staff.logo_upload)}</button>
            </form>
            {logo.is_some().then(|| view! {
                <ActionForm action=remove>
                    <button type="submit" class="link">{td_string!(locale, staff.logo_remove)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// "Applications": the links of the parents' menu, each with "Retirer", and a form to add one.
#[component]
fn Applications(applications: Vec<ApplicationLink>) -> impl IntoView {
    let locale = language::current();
    let add = ServerAction::<AddApplication>::new();
    let errors = FormErrors::of(add);
    view! {
        <section class="card" aria-labelledby="applications-title">
            <h2 id="applications-title">{td_string!(locale, staff.applications_title)}</h2>
            <p class="hint">{td_string!(locale, staff.applications_hint)}</p>
            {applications.is_empty().then(|| view! { <p>{td_string!(locale, staff.applications_none)}</p> })}
            <ul class="applications">
                {applications.into_iter().map(|app| view! { <ApplicationLine app/> }).collect_view()}
            </ul>
            <FormMessage message=errors.general()/>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <Field label=td_string!(locale, staff.application_name_label) name="application_name" required=true
                    maxlength=school_brand::APPLICATION_NAME value=errors.typed("application_name", String::new())
                    error=errors.under("application_name")/>
                <Field label=td_string!(locale, staff.application_url_label) name="application_url" kind="url" required=true
                    maxlength=school_brand::APPLICATION_URL value=errors.typed("application_url", String::new())
                    error=errors.under("application_url")/>
                <button type="submit" class="primary">{td_string!(locale, staff.application_add)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ApplicationLine(app: ApplicationLink) -> impl IntoView {
    let locale = language::current();
    let remove = ServerAction::<RemoveApplication>::new();
    view! {
        <li>
            <a href=app.url.clone() rel="noopener noreferrer">{app.name}</a>
            " "<span class="hint">{app.url}</span>
            <ActionForm action=remove>
                <input type="hidden" name="id" value=app.id/>
                <button type="submit" class="link">{td_string!(locale, staff.application_remove)}</button>
            </ActionForm>
        </li>
    }
}
