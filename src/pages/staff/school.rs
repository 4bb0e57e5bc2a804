//! "École" (administrators): the school's name, contact details, and the administrators'
//! addresses parents are shown.
use crate::{
    api::staff::school::{SaveSchool, SchoolDetails, load_school},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    domain::limits,
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
        </MainContent>
    }
}
