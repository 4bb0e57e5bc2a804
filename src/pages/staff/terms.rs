//! "Conditions d'utilisation" (administrators): each version with its parents' decisions, and a
//! new version.
use crate::{
    api::staff::terms::{PublishTerms, StaffTerms, load_staff_terms},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffTermsPage() -> impl IntoView {
    let locale = language::current();
    let terms = Resource::new(|| (), |_| load_staff_terms());
    view! {
        <Title text=td_string!(locale, staff.terms_title)/>
        <Loaded data=terms let:terms>
            <TermsView terms/>
        </Loaded>
    }
}

#[component]
fn TermsView(terms: StaffTerms) -> impl IntoView {
    let locale = language::current();
    let publish = ServerAction::<PublishTerms>::new();
    let errors = FormErrors::of(publish);
    let text = terms.current_text.clone();
    view! {
        <StaffHeader frame=terms.frame current=StaffSection::Terms/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.terms_title)}</h1>
                <ul class="staff-list">
                    {terms.versions.into_iter().map(|v| {
                        let line = td_string!(locale, staff.version_line, version = v.version, when = v.published.as_str()).to_string();
                        let decisions = td_string!(locale, staff.decisions, accepted = v.accepted, postponed = v.postponed, refused = v.refused).to_string();
                        let deadline = v.postpone_until.map(|d| td_string!(locale, staff.postpone_deadline, date = d.as_str()).to_string());
                        view! { <li><strong>{line}</strong><br/>{decisions}{deadline.map(|d| view! { " · "{d} })}</li> }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{td_string!(locale, staff.publish_terms)}</h2>
                <p class="hint">{td_string!(locale, staff.terms_publish_hint)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=publish attr:class="form" attr:novalidate=true>
                    <div class="field" class:invalid=move || errors.under("text").get().is_some()>
                        <label for="text">{td_string!(locale, staff.terms_text_label)}</label>
                        <textarea id="text" name="text" rows="12">{errors.typed("text", text).get_untracked()}</textarea>
                        <div class="field-message" aria-live="polite">
                            {move || errors.under("text").get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    </div>
                    <Field label=td_string!(locale, staff.postpone_until_label) name="postpone_until" kind="date"
                        hint=td_string!(locale, staff.postpone_hint)
                        value=errors.typed("postpone_until", "") error=errors.under("postpone_until")/>
                    <button type="submit" class="primary">{td_string!(locale, staff.publish)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
